using System;
using System.Buffers.Binary;

namespace TypedProducer.Partitioning;

/// <summary>
/// The Apache Kafka Java client's key partitioning: <c>toPositive(Utils.murmur2(keyBytes)) % numPartitions</c>
/// (<c>org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey</c>), identical to
/// librdkafka's <c>murmur2_random</c> partitioner for non-null keys. Null keys are not hashed: they are left
/// to sticky partitioning (KIP-480), as in both clients.
/// </summary>
public static class JavaCompatiblePartitioner
{
    /// <summary>
    /// MurmurHash2, 32-bit, seed <c>0x9747b28c</c>, as <c>org.apache.kafka.common.utils.Utils.murmur2</c>
    /// computes it (little-endian 4-byte blocks; the result is the Java <c>int</c>, possibly negative).
    /// </summary>
    /// <param name="data">The key bytes.</param>
    /// <returns>The hash as a signed 32-bit integer.</returns>
    public static int Murmur2(ReadOnlySpan<byte> data)
    {
        const uint Seed = 0x9747b28c;
        const uint M = 0x5bd1e995;
        const int R = 24;

        int length = data.Length;
        uint h = Seed ^ (uint)length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++)
        {
            uint k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            k *= M;
            k ^= k >> R;
            k *= M;
            h *= M;
            h ^= k;
        }

        int tail = blocks * 4;
        switch (length & 3)
        {
            case 3:
                h ^= (uint)data[tail + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[tail + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[tail];
                h *= M;
                break;
        }

        h ^= h >> 13;
        h *= M;
        h ^= h >> 15;
        return unchecked((int)h);
    }

    /// <summary><c>Utils.toPositive</c>: clears the sign bit (not <c>Math.Abs</c>, which differs for negative values).</summary>
    /// <param name="number">Any integer.</param>
    /// <returns><c>number &amp; 0x7fffffff</c>.</returns>
    public static int ToPositive(int number) => number & 0x7fffffff;

    /// <summary>The partition the Java client chooses for <paramref name="keyBytes"/>.</summary>
    /// <param name="keyBytes">The serialized key (an empty key is hashed; only a null key is not).</param>
    /// <param name="partitionCount">The topic's partition count, at least 1.</param>
    /// <returns>A partition in <c>[0, partitionCount)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitionCount"/> is less than 1.</exception>
    public static int Partition(ReadOnlySpan<byte> keyBytes, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        return ToPositive(Murmur2(keyBytes)) % partitionCount;
    }
}
