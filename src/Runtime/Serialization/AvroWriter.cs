using System;
using System.Buffers;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;

namespace TypedProducer.Serialization;

/// <summary>
/// Writes the Avro binary encoding (Apache Avro 1.11 specification, "Binary Encoding") into a growable
/// buffer reused per thread, so serializing a message allocates only the final array
/// (<see cref="ToArray"/>). Generated serializers call it; use it directly only to write Avro by hand.
/// Always <see cref="Dispose"/> it (the buffer goes back to the thread's cache).
/// </summary>
public ref partial struct AvroWriter
{
    // Buffers larger than this are returned to the shared pool instead of being kept per thread.
    private const int MaxCachedBufferSize = 1024 * 1024;

    [ThreadStatic]
    private static byte[]? t_cachedBuffer;

    // Strict UTF-8: an unpaired surrogate throws instead of silently becoming U+FFFD, so what is
    // written is exactly what the caller gave (and decodes back to it).
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>How deep recursive records may nest before serialization fails (a guard against cyclic object graphs).</summary>
    public const int MaxRecursionDepth = 1000;

    private byte[] _buffer;
    private int _position;
    private int _depth;

    /// <summary>Creates a writer over this thread's cached buffer (or a pooled one).</summary>
    /// <param name="initialCapacity">A size hint in bytes.</param>
    public AvroWriter(int initialCapacity)
    {
        byte[]? cached = t_cachedBuffer;
        if (cached is not null && cached.Length >= initialCapacity)
        {
            t_cachedBuffer = null;
            _buffer = cached;
        }
        else
        {
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
        }

        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _position;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    /// <summary>
    /// Writes the Confluent wire-format header: magic byte <c>0</c> and the schema id as a 4-byte
    /// big-endian integer (Confluent Schema Registry documentation, "Wire format").
    /// </summary>
    /// <param name="schemaId">The schema registry id.</param>
    public void WriteConfluentHeader(int schemaId)
    {
        Span<byte> span = GetSpan(5);
        span[0] = 0;
        BinaryPrimitives.WriteInt32BigEndian(span.Slice(1), schemaId);
        _position += 5;
    }

    /// <summary>Writes an Avro <c>boolean</c>: one byte, 0 or 1.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolean(bool value)
    {
        GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        _position++;
    }

    /// <summary>Writes an Avro <c>int</c>: a zig-zag varint of 1 to 5 bytes.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt(int value) => WriteVarint((uint)((value << 1) ^ (value >> 31)));

    /// <summary>Writes an Avro <c>long</c>: a zig-zag varint of 1 to 10 bytes.</summary>
    /// <param name="value">The value.</param>
    public void WriteLong(long value)
    {
        ulong n = (ulong)((value << 1) ^ (value >> 63));
        Span<byte> span = GetSpan(10);
        int i = 0;
        while (n >= 0x80)
        {
            span[i++] = (byte)(n | 0x80);
            n >>= 7;
        }

        span[i++] = (byte)n;
        _position += i;
    }

    /// <summary>Writes an Avro <c>float</c>: 4 bytes, IEEE 754 little-endian.</summary>
    /// <param name="value">The value.</param>
    public void WriteFloat(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(GetSpan(4), value);
        _position += 4;
    }

    /// <summary>Writes an Avro <c>double</c>: 8 bytes, IEEE 754 little-endian.</summary>
    /// <param name="value">The value.</param>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(8), value);
        _position += 8;
    }

    /// <summary>Writes Avro <c>bytes</c>: a <c>long</c> length, then the bytes.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteFixed(value);
    }

    /// <summary>Writes Avro <c>fixed</c> (or any raw bytes): the bytes with no length.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteFixed(scoped ReadOnlySpan<byte> value)
    {
        value.CopyTo(GetSpan(value.Length));
        _position += value.Length;
    }

    /// <summary>Writes an Avro <c>string</c>: a <c>long</c> byte length, then strict UTF-8.</summary>
    /// <param name="value">The string; not null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> holds an unpaired surrogate (not valid UTF-16).</exception>
    public void WriteString(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), "A non-nullable string member is null.");
        }

        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw InvalidUtf16(value, ex);
        }

        WriteLong(byteCount);
        StrictUtf8.GetBytes(value, GetSpan(byteCount));
        _position += byteCount;
    }

    /// <summary>Writes a union branch index (an Avro <c>int</c>).</summary>
    /// <param name="index">The zero-based branch.</param>
    public void WriteUnionIndex(int index) => WriteInt(index);

    /// <summary>
    /// Writes an array or map block count (an Avro <c>long</c>). A block count of 0 ends the array or map.
    /// </summary>
    /// <param name="count">Items in the block.</param>
    public void WriteBlockCount(long count) => WriteLong(count);

    /// <summary>Writes the <c>uuid</c> logical type: the canonical 36-character string (RFC 4122) as an Avro <c>string</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteUuid(Guid value)
    {
        Span<byte> span = GetSpan(37);
        span[0] = 72; // zig-zag varint of the length 36
        value.TryFormat(span.Slice(1, 36), out _, "D");
        _position += 37;
    }

    /// <summary>Writes the <c>date</c> logical type: days since 1970-01-01 as an Avro <c>int</c>.</summary>
    /// <param name="value">The date.</param>
    public void WriteDate(DateOnly value) => WriteInt(value.DayNumber - UnixEpochDayNumber);

    /// <summary>Writes the <c>time-micros</c> logical type: microseconds after midnight as an Avro <c>long</c>.</summary>
    /// <param name="value">The time of day.</param>
    public void WriteTimeMicros(TimeOnly value) => WriteLong(value.Ticks / TicksPerMicrosecond);

    /// <summary>Writes the <c>timestamp-millis</c> logical type: milliseconds since the Unix epoch (UTC).</summary>
    /// <param name="value">The instant.</param>
    public void WriteTimestampMillis(DateTimeOffset value) => WriteLong(value.ToUnixTimeMilliseconds());

    /// <summary>Writes the <c>timestamp-micros</c> logical type: microseconds since the Unix epoch (UTC), truncated toward the earlier instant.</summary>
    /// <param name="value">The instant.</param>
    public void WriteTimestampMicros(DateTimeOffset value) => WriteLong(Math.DivRem(value.UtcTicks - UnixEpochTicks, TicksPerMicrosecond, out long rem) - (rem < 0 ? 1 : 0));

    /// <summary>Writes the <c>timestamp-millis</c> logical type from a UTC or local <see cref="DateTime"/>.</summary>
    /// <param name="value">The instant; its <see cref="DateTime.Kind"/> must be Utc or Local.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> has <see cref="DateTimeKind.Unspecified"/>: the instant is ambiguous.</exception>
    public void WriteTimestampMillis(DateTime value) => WriteTimestampMillis(ToInstant(value));

    /// <summary>Writes the <c>timestamp-micros</c> logical type from a UTC or local <see cref="DateTime"/>.</summary>
    /// <param name="value">The instant; its <see cref="DateTime.Kind"/> must be Utc or Local.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> has <see cref="DateTimeKind.Unspecified"/>: the instant is ambiguous.</exception>
    public void WriteTimestampMicros(DateTime value) => WriteTimestampMicros(ToInstant(value));

    /// <summary>
    /// Writes the <c>decimal</c> logical type on <c>bytes</c>: the unscaled value at <paramref name="scale"/>
    /// as a minimal two's-complement big-endian integer (Apache Avro 1.11 specification, "Decimal").
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="precision">Maximum total digits, 1 to 38.</param>
    /// <param name="scale">Digits after the point, 0 to 28.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="value"/> has more fractional digits than <paramref name="scale"/> (it would be rounded) or
    /// more than <paramref name="precision"/> digits in all.
    /// </exception>
    public void WriteDecimal(decimal value, int precision, int scale)
    {
        Int128 unscaled = AvroDecimal.ToUnscaled(value, precision, scale);
        Span<byte> bigEndian = stackalloc byte[16];
        BinaryPrimitives.WriteInt128BigEndian(bigEndian, unscaled);
        int start = 0;
        byte signFill = unscaled < 0 ? (byte)0xFF : (byte)0x00;
        // Drop leading sign-fill bytes as long as the next byte still carries the sign bit.
        while (start < 15 && bigEndian[start] == signFill && (bigEndian[start + 1] & 0x80) == (signFill & 0x80))
        {
            start++;
        }

        WriteBytes(bigEndian.Slice(start));
    }

    /// <summary>
    /// Called by generated serializers when they enter a record type that can contain itself; fails instead of
    /// overflowing the stack when the object graph is cyclic or deeper than <see cref="MaxRecursionDepth"/>.
    /// </summary>
    /// <param name="typeName">The record's C# type name, for the error.</param>
    /// <exception cref="MessageSerializationException">Nesting exceeds <see cref="MaxRecursionDepth"/>.</exception>
    public void EnterRecursiveRecord(string typeName)
    {
        if (++_depth > MaxRecursionDepth)
        {
            throw new MessageSerializationException(typeName, $"records nest more than {MaxRecursionDepth} levels deep; is the object graph cyclic?");
        }
    }

    /// <summary>Leaves a record entered with <see cref="EnterRecursiveRecord"/>.</summary>
    public void ExitRecursiveRecord() => _depth--;

    /// <summary>Copies what was written into a new array of exactly <see cref="Length"/> bytes.</summary>
    /// <returns>The serialized bytes.</returns>
    public readonly byte[] ToArray() => _buffer.AsSpan(0, _position).ToArray();

    /// <summary>Returns the buffer to the thread's cache.</summary>
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = Array.Empty<byte>();
        _position = 0;
        if (buffer.Length == 0)
        {
            return;
        }

        if (buffer.Length <= MaxCachedBufferSize && (t_cachedBuffer is null || t_cachedBuffer.Length < buffer.Length))
        {
            t_cachedBuffer = buffer;
        }
        else
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const int UnixEpochDayNumber = 719162; // new DateOnly(1970, 1, 1).DayNumber
    private const long UnixEpochTicks = 621355968000000000; // DateTime.UnixEpoch.Ticks
    private const long TicksPerMicrosecond = 10;

    private static DateTimeOffset ToInstant(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => new DateTimeOffset(value, TimeSpan.Zero),
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
        _ => throw new ArgumentException(
            $"DateTime {value:O} has DateTimeKind.Unspecified, so the instant it names is ambiguous; use DateTimeKind.Utc, DateTimeKind.Local or DateTimeOffset, or [AvroTimestamp(Local = true)] for a wall-clock time without a zone.",
            nameof(value)),
    };

    private static ArgumentException InvalidUtf16(string value, EncoderFallbackException ex)
    {
        int index = ex.Index;
        return new ArgumentException(
            $"The string holds an unpaired surrogate U+{(int)(ex.CharUnknown != '\0' ? ex.CharUnknown : ex.CharUnknownHigh):X4} at index {index} (length {value.Length}); it is not valid UTF-16 and has no UTF-8 encoding.",
            nameof(value),
            ex);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteVarint(uint n)
    {
        Span<byte> span = GetSpan(5);
        int i = 0;
        while (n >= 0x80)
        {
            span[i++] = (byte)(n | 0x80);
            n >>= 7;
        }

        span[i++] = (byte)n;
        _position += i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> GetSpan(int sizeHint)
    {
        if (_buffer.Length - _position < sizeHint)
        {
            Grow(sizeHint);
        }

        return _buffer.AsSpan(_position);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        int newSize = Math.Max(_buffer.Length * 2, _position + sizeHint);
        byte[] larger = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _position).CopyTo(larger);
        byte[] old = _buffer;
        _buffer = larger;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }
}
