using System;
using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;

namespace TypedProducer.Serialization;

/// <summary>
/// The header value encodings of <see cref="MessageHeaderAttribute"/> members, called by generated contracts. Integers
/// as Apache Kafka's Java serializers write them (<c>org.apache.kafka.common.serialization</c>: <c>ShortSerializer</c>,
/// <c>IntegerSerializer</c>, <c>LongSerializer</c> big-endian; <c>BooleanSerializer</c> one byte, 1 for true;
/// <c>UUIDSerializer</c> the UTF-8 of <c>UUID.toString()</c>), so Java consumers read them with the matching deserializer.
/// Decoders throw <see cref="FormatException"/> for a value of the wrong length or content.
/// </summary>
public static class KafkaHeaderEncoding
{
    /// <summary>A copy of <paramref name="headers"/> (the caller's instance is never changed), or new headers.</summary>
    /// <param name="headers">The caller's headers, or null.</param>
    /// <returns>New headers holding the same entries in the same order.</returns>
    public static Headers Copy(Headers? headers)
    {
        var copy = new Headers();
        if (headers is not null)
        {
            foreach (IHeader header in headers)
            {
                copy.Add(header.Key, header.GetValueBytes());
            }
        }

        return copy;
    }

    /// <summary>The value of the last header named <paramref name="name"/>, or null when there is none or its value is null.</summary>
    /// <param name="headers">The record's headers, or null.</param>
    /// <param name="name">The header name (compared ordinally, as Kafka does).</param>
    /// <returns>The value bytes, or null.</returns>
    public static byte[]? Last(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out byte[] value) ? value : null;

    /// <summary>A required header's value.</summary>
    /// <param name="headers">The record's headers, or null.</param>
    /// <param name="name">The header name.</param>
    /// <returns>The value bytes.</returns>
    /// <exception cref="FormatException">The record has no header <paramref name="name"/> (or only a null one).</exception>
    public static byte[] Required(Headers? headers, string name) =>
        Last(headers, name) ?? throw new FormatException($"The record has no header '{name}', and the member is not nullable.");

    /// <summary>Strict UTF-8 (an unpaired surrogate throws <see cref="ArgumentException"/>).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The UTF-8 bytes.</returns>
    public static byte[] Utf8(string value) => KafkaKeySerializer.Utf8(value ?? throw new ArgumentNullException(nameof(value), "The value is null but its type is not nullable."))!;

    /// <summary>Decodes strict UTF-8.</summary>
    /// <param name="value">The bytes.</param>
    /// <returns>The text.</returns>
    /// <exception cref="FormatException">The bytes are not valid UTF-8.</exception>
    public static string ToUtf8(byte[] value)
    {
        try
        {
            return s_strictUtf8.GetString(value);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException($"The header value is not valid UTF-8 (at byte {ex.Index}).", ex);
        }
    }

    /// <summary><c>ShortSerializer</c>: 2 bytes, big-endian.</summary>
    /// <param name="value">The value.</param>
    /// <returns>2 bytes.</returns>
    public static byte[] Int16(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }

    /// <summary><c>ShortDeserializer</c>.</summary>
    /// <param name="value">2 bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not 2 bytes long.</exception>
    public static short ToInt16(byte[] value) => BinaryPrimitives.ReadInt16BigEndian(Sized(value, 2));

    /// <summary><c>IntegerSerializer</c>: 4 bytes, big-endian.</summary>
    /// <param name="value">The value.</param>
    /// <returns>4 bytes.</returns>
    public static byte[] Int32(int value) => KafkaKeySerializer.Int32(value);

    /// <summary><c>IntegerDeserializer</c>.</summary>
    /// <param name="value">4 bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not 4 bytes long.</exception>
    public static int ToInt32(byte[] value) => BinaryPrimitives.ReadInt32BigEndian(Sized(value, 4));

    /// <summary><c>LongSerializer</c>: 8 bytes, big-endian.</summary>
    /// <param name="value">The value.</param>
    /// <returns>8 bytes.</returns>
    public static byte[] Int64(long value) => KafkaKeySerializer.Int64(value);

    /// <summary><c>LongDeserializer</c>.</summary>
    /// <param name="value">8 bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not 8 bytes long.</exception>
    public static long ToInt64(byte[] value) => BinaryPrimitives.ReadInt64BigEndian(Sized(value, 8));

    /// <summary><c>BooleanSerializer</c> (Apache Kafka 3.5+): one byte, 1 for true and 0 for false.</summary>
    /// <param name="value">The value.</param>
    /// <returns>1 byte.</returns>
    public static byte[] Boolean(bool value) => [value ? (byte)1 : (byte)0];

    /// <summary><c>BooleanDeserializer</c>: one byte, 0 false and any other value true.</summary>
    /// <param name="value">1 byte.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not 1 byte long.</exception>
    public static bool ToBoolean(byte[] value) => Sized(value, 1)[0] != 0;

    /// <summary><c>UUIDSerializer</c>: the UTF-8 of the canonical lower-case 36-character form.</summary>
    /// <param name="value">The value.</param>
    /// <returns>36 bytes.</returns>
    public static byte[] Uuid(Guid value) => KafkaKeySerializer.Uuid(value);

    /// <summary><c>UUIDDeserializer</c>: the 36-character form.</summary>
    /// <param name="value">36 bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value is not a 36-character UUID.</exception>
    public static Guid ToUuid(byte[] value) =>
        value.Length == 36 && Guid.TryParseExact(Encoding.ASCII.GetString(value), "D", out Guid guid)
            ? guid
            : throw new FormatException($"The header value is not a 36-character UUID ({value.Length} bytes).");

    /// <summary>An instant as milliseconds since 1970-01-01T00:00:00Z, 8 bytes big-endian (<c>LongSerializer</c> of <c>Instant.toEpochMilli()</c>); sub-millisecond ticks truncated toward the earlier instant.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>8 bytes.</returns>
    public static byte[] TimestampMillis(DateTimeOffset value) => Int64(value.ToUnixTimeMilliseconds());

    /// <summary>The instant of <see cref="TimestampMillis"/>, at offset zero.</summary>
    /// <param name="value">8 bytes.</param>
    /// <returns>The instant (UTC).</returns>
    /// <exception cref="FormatException">The value is not 8 bytes long or outside <see cref="DateTimeOffset"/>'s range.</exception>
    public static DateTimeOffset ToTimestampMillis(byte[] value)
    {
        long millis = ToInt64(value);
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(millis);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new FormatException($"{millis} ms since the Unix epoch is outside DateTimeOffset's range.", ex);
        }
    }

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static byte[] Sized(byte[] value, int size) =>
        value.Length == size ? value : throw new FormatException($"The header value is {value.Length} bytes; {size} expected.");
}
