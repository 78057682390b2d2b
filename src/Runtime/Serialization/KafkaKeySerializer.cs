using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace TypedProducer.Serialization;

/// <summary>
/// Key serializers that produce the same bytes as the Apache Kafka Java client's standard serializers
/// (<c>org.apache.kafka.common.serialization</c>) and Confluent.Kafka's <c>Serializers</c>, so a key lands
/// on the same partition whichever client produced it.
/// </summary>
public static class KafkaKeySerializer
{
    /// <summary>
    /// <c>StringSerializer</c> (UTF-8, Java's default encoding) and Confluent.Kafka <c>Serializers.Utf8</c>.
    /// Null stays null (a null key).
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>The UTF-8 bytes, or null.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> holds an unpaired surrogate (Java would write '?' there; this library refuses).</exception>
    public static byte[]? Utf8(string? key)
    {
        if (key is null)
        {
            return null;
        }

        try
        {
            return AvroWriter.StrictUtf8.GetBytes(key);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"The key holds an unpaired surrogate at index {ex.Index}; it is not valid UTF-16 and has no UTF-8 encoding.", nameof(key), ex);
        }
    }

    /// <summary><c>IntegerSerializer</c>: 4 bytes, big-endian (Confluent.Kafka <c>Serializers.Int32</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>4 bytes.</returns>
    public static byte[] Int32(int key)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, key);
        return bytes;
    }

    /// <summary><c>LongSerializer</c>: 8 bytes, big-endian (Confluent.Kafka <c>Serializers.Int64</c>).</summary>
    /// <param name="key">The key.</param>
    /// <returns>8 bytes.</returns>
    public static byte[] Int64(long key)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, key);
        return bytes;
    }

    /// <summary>
    /// <c>UUIDSerializer</c>: the UTF-8 of the canonical lower-case 36-character form
    /// (<c>java.util.UUID.toString()</c>, .NET format "D").
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>36 bytes.</returns>
    public static byte[] Uuid(Guid key)
    {
        var bytes = new byte[36];
        key.TryFormat(bytes, out _, "D");
        return bytes;
    }

    /// <summary><c>ByteArraySerializer</c>: the bytes unchanged. Null stays null.</summary>
    /// <param name="key">The key.</param>
    /// <returns><paramref name="key"/>.</returns>
    public static byte[]? Bytes(byte[]? key) => key;

    /// <summary><see cref="Utf8"/> written to <paramref name="destination"/> (no array allocated).</summary>
    /// <param name="key">The key.</param>
    /// <param name="destination">Receives the UTF-8 bytes.</param>
    /// <returns>False, writing nothing, when <paramref name="key"/> is null.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> holds an unpaired surrogate.</exception>
    public static bool WriteUtf8(string? key, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (key is null)
        {
            return false;
        }

        try
        {
            Span<byte> span = destination.GetSpan(AvroWriter.StrictUtf8.GetMaxByteCount(key.Length));
            destination.Advance(AvroWriter.StrictUtf8.GetBytes(key, span));
            return true;
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"The key holds an unpaired surrogate at index {ex.Index}; it is not valid UTF-16 and has no UTF-8 encoding.", nameof(key), ex);
        }
    }

    /// <summary><see cref="Int32(int)"/> written to <paramref name="destination"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="destination">Receives 4 bytes.</param>
    /// <returns>True.</returns>
    public static bool WriteInt32(int key, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        BinaryPrimitives.WriteInt32BigEndian(destination.GetSpan(4), key);
        destination.Advance(4);
        return true;
    }

    /// <summary><see cref="Int64(long)"/> written to <paramref name="destination"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="destination">Receives 8 bytes.</param>
    /// <returns>True.</returns>
    public static bool WriteInt64(long key, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        BinaryPrimitives.WriteInt64BigEndian(destination.GetSpan(8), key);
        destination.Advance(8);
        return true;
    }

    /// <summary><see cref="Uuid(Guid)"/> written to <paramref name="destination"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="destination">Receives 36 bytes.</param>
    /// <returns>True.</returns>
    public static bool WriteUuid(Guid key, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        key.TryFormat(destination.GetSpan(36), out int written, "D");
        destination.Advance(written);
        return true;
    }

    /// <summary><see cref="Bytes"/> written to <paramref name="destination"/> (copied).</summary>
    /// <param name="key">The key.</param>
    /// <param name="destination">Receives the bytes.</param>
    /// <returns>False, writing nothing, when <paramref name="key"/> is null.</returns>
    public static bool WriteBytes(byte[]? key, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (key is null)
        {
            return false;
        }

        destination.Write(key);
        return true;
    }
}
