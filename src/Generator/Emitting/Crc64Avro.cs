using System.Text;

namespace TypedProducer.Generator.Emitting;

/// <summary>
/// The CRC-64-AVRO (Rabin) fingerprint (Apache Avro 1.11 specification, "Schema Fingerprints"), computed at
/// compile time over the UTF-8 Parsing Canonical Form. The same algorithm as the runtime's
/// <c>TypedProducer.Serialization.AvroFingerprint</c>; the generator cannot reference the runtime.
/// </summary>
internal static class Crc64Avro
{
    public const ulong Empty = 0xc15d213aa4d7a795UL;

    private static readonly ulong[] s_table = CreateTable();

    public static ulong Compute(string text)
    {
        ulong fingerprint = Empty;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            fingerprint = (fingerprint >> 8) ^ s_table[(int)(fingerprint ^ b) & 0xFF];
        }

        return fingerprint;
    }

    private static ulong[] CreateTable()
    {
        var table = new ulong[256];
        for (int i = 0; i < 256; i++)
        {
            ulong fingerprint = (ulong)i;
            for (int j = 0; j < 8; j++)
            {
                fingerprint = (fingerprint >> 1) ^ (Empty & (0UL - (fingerprint & 1UL)));
            }

            table[i] = fingerprint;
        }

        return table;
    }
}
