using System;
using System.Text;

namespace TypedProducer.Serialization;

/// <summary>
/// The CRC-64-AVRO (Rabin) fingerprint of the Apache Avro 1.11 specification ("Schema Fingerprints"): the
/// 64-bit Rabin fingerprint with polynomial <see cref="Empty"/>, computed with the specification's 256-entry
/// table. Applied to the UTF-8 bytes of a schema's Parsing Canonical Form it gives the schema's fingerprint:
/// the value Java's <c>SchemaNormalization.parsingFingerprint64</c> returns (as a signed <c>long</c>) and the
/// one Avro's single-object encoding writes (little-endian after the marker <c>C3 01</c>). Generated contracts
/// carry theirs, computed at compile time, as the constant <c>AvroFingerprint</c>.
/// </summary>
/// <remarks>Written for this library: no Avro library is available from its package source.</remarks>
public static class AvroFingerprint
{
    /// <summary>The fingerprint of no bytes, which is also the polynomial: <c>0xc15d213aa4d7a795</c>.</summary>
    public const ulong Empty = 0xc15d213aa4d7a795UL;

    private static readonly ulong[] s_table = CreateTable();

    /// <summary>Computes the CRC-64-AVRO fingerprint of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes, for a schema fingerprint the UTF-8 Parsing Canonical Form.</param>
    /// <returns>The 64-bit fingerprint.</returns>
    public static ulong Crc64(ReadOnlySpan<byte> data)
    {
        ulong[] table = s_table;
        ulong fingerprint = Empty;
        foreach (byte b in data)
        {
            fingerprint = (fingerprint >> 8) ^ table[(int)(fingerprint ^ b) & 0xFF];
        }

        return fingerprint;
    }

    /// <summary>
    /// Computes the CRC-64-AVRO fingerprint of the UTF-8 bytes of <paramref name="text"/>. The text is hashed as
    /// given: pass a Parsing Canonical Form (a generated contract's <c>AvroCanonicalForm</c>) to get the
    /// schema's fingerprint; any other spelling of the same schema hashes differently.
    /// </summary>
    /// <param name="text">The text; not null.</param>
    /// <returns>The 64-bit fingerprint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ulong Crc64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Crc64(Encoding.UTF8.GetBytes(text));
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
