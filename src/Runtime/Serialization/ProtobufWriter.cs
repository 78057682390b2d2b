using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace TypedProducer.Serialization;

/// <summary>
/// Writes the Protocol Buffers binary encoding (protobuf.dev, "Encoding") into a growable buffer reused per thread,
/// so serializing a message allocates only the final array (<see cref="ToArray"/>). Generated serializers of
/// <see cref="MessageFormat.Protobuf"/> contracts call it: they write each field's precomputed tag bytes
/// (<see cref="WriteRawTag(byte)"/>), then its value. Length-delimited values whose length is not known in advance
/// (sub-messages, packed repeated fields, map entries) are written between <see cref="BeginLengthDelimited"/> and
/// <see cref="EndLengthDelimited"/>. Always <see cref="Dispose"/> it (the buffer goes back to the thread's cache).
/// </summary>
public ref struct ProtobufWriter
{
    // Buffers larger than this are returned to the shared pool instead of being kept per thread.
    private const int MaxCachedBufferSize = 1024 * 1024;

    /// <summary>
    /// How many recursive messages may nest (a guard against cyclic object graphs): 100, the default recursion
    /// limit of the Google.Protobuf and protobuf-java parsers, which refuse deeper messages.
    /// </summary>
    public const int MaxRecursionDepth = 100;

    /// <summary>The largest <c>google.protobuf.Duration</c>: ±315,576,000,000 seconds (about 10,000 years; duration.proto).</summary>
    private const long MaxDurationSeconds = 315_576_000_000;

    private const long UnixEpochTicks = 621355968000000000; // DateTime.UnixEpoch.Ticks
    private const long TicksPerSecond = 10_000_000;
    private const int NanosPerTick = 100;

    [ThreadStatic]
    private static byte[]? t_cachedBuffer;

    private byte[] _buffer;
    private int _position;
    private int _depth;

    /// <summary>Creates a writer over this thread's cached buffer (or a pooled one).</summary>
    /// <param name="initialCapacity">A size hint in bytes.</param>
    public ProtobufWriter(int initialCapacity)
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
        _depth = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _position;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    /// <summary>
    /// Writes the Confluent Protobuf wire-format header: magic byte <c>0</c>, the schema id as a 4-byte big-endian
    /// integer, then the encoded message-index array (Confluent Schema Registry documentation, "Wire format";
    /// see <see cref="ProtobufWireFormat.EncodeMessageIndexes"/>).
    /// </summary>
    /// <param name="schemaId">The schema registry id.</param>
    /// <param name="messageIndexes">The encoded message-index array; <c>[0x00]</c> for the first message of the schema.</param>
    public void WriteConfluentHeader(int schemaId, scoped ReadOnlySpan<byte> messageIndexes)
    {
        Span<byte> span = GetSpan(5 + messageIndexes.Length);
        span[0] = 0;
        BinaryPrimitives.WriteInt32BigEndian(span.Slice(1), schemaId);
        messageIndexes.CopyTo(span.Slice(5));
        _position += 5 + messageIndexes.Length;
    }

    /// <summary>Writes a precomputed one-byte tag (field numbers 1 to 15).</summary>
    /// <param name="b1">The tag byte.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRawTag(byte b1)
    {
        GetSpan(1)[0] = b1;
        _position++;
    }

    /// <summary>Writes a precomputed two-byte tag (field numbers 16 to 2047).</summary>
    /// <param name="b1">The first tag byte.</param>
    /// <param name="b2">The second tag byte.</param>
    public void WriteRawTag(byte b1, byte b2)
    {
        Span<byte> span = GetSpan(2);
        span[0] = b1;
        span[1] = b2;
        _position += 2;
    }

    /// <summary>Writes a precomputed three-byte tag (field numbers 2048 to 262,143).</summary>
    /// <param name="b1">The first tag byte.</param>
    /// <param name="b2">The second tag byte.</param>
    /// <param name="b3">The third tag byte.</param>
    public void WriteRawTag(byte b1, byte b2, byte b3)
    {
        Span<byte> span = GetSpan(3);
        span[0] = b1;
        span[1] = b2;
        span[2] = b3;
        _position += 3;
    }

    /// <summary>Writes a precomputed four-byte tag (field numbers 262,144 to 33,554,431).</summary>
    /// <param name="b1">The first tag byte.</param>
    /// <param name="b2">The second tag byte.</param>
    /// <param name="b3">The third tag byte.</param>
    /// <param name="b4">The fourth tag byte.</param>
    public void WriteRawTag(byte b1, byte b2, byte b3, byte b4)
    {
        Span<byte> span = GetSpan(4);
        span[0] = b1;
        span[1] = b2;
        span[2] = b3;
        span[3] = b4;
        _position += 4;
    }

    /// <summary>Writes a precomputed five-byte tag (field numbers up to 536,870,911).</summary>
    /// <param name="b1">The first tag byte.</param>
    /// <param name="b2">The second tag byte.</param>
    /// <param name="b3">The third tag byte.</param>
    /// <param name="b4">The fourth tag byte.</param>
    /// <param name="b5">The fifth tag byte.</param>
    public void WriteRawTag(byte b1, byte b2, byte b3, byte b4, byte b5)
    {
        Span<byte> span = GetSpan(5);
        span[0] = b1;
        span[1] = b2;
        span[2] = b3;
        span[3] = b4;
        span[4] = b5;
        _position += 5;
    }

    /// <summary>Writes an <c>int32</c> (or enum) value: a varint; negative values take 10 bytes (sign-extended to 64 bits), as the specification requires.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt32(int value)
    {
        if (value >= 0)
        {
            WriteVarint32((uint)value);
        }
        else
        {
            WriteVarint64((ulong)(long)value);
        }
    }

    /// <summary>Writes an <c>int64</c> value: a varint of 1 to 10 bytes (two's complement).</summary>
    /// <param name="value">The value.</param>
    public void WriteInt64(long value) => WriteVarint64((ulong)value);

    /// <summary>Writes a <c>uint32</c> value: a varint of 1 to 5 bytes.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt32(uint value) => WriteVarint32(value);

    /// <summary>Writes a <c>uint64</c> value: a varint of 1 to 10 bytes.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt64(ulong value) => WriteVarint64(value);

    /// <summary>Writes a <c>sint32</c> value: a zig-zag varint.</summary>
    /// <param name="value">The value.</param>
    public void WriteSInt32(int value) => WriteVarint32((uint)((value << 1) ^ (value >> 31)));

    /// <summary>Writes a <c>sint64</c> value: a zig-zag varint.</summary>
    /// <param name="value">The value.</param>
    public void WriteSInt64(long value) => WriteVarint64((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a <c>bool</c> value: one byte, 0 or 1.</summary>
    /// <param name="value">The value.</param>
    public void WriteBool(bool value)
    {
        GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        _position++;
    }

    /// <summary>Writes an enum value: its number as an <c>int32</c> varint (proto3 enums are open: any number is written).</summary>
    /// <param name="value">The enum's numeric value.</param>
    public void WriteEnum(int value) => WriteInt32(value);

    /// <summary>Writes a <c>float</c> value: 4 bytes, IEEE 754 little-endian (wire type I32).</summary>
    /// <param name="value">The value.</param>
    public void WriteFloat(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(GetSpan(4), value);
        _position += 4;
    }

    /// <summary>Writes a <c>double</c> value: 8 bytes, IEEE 754 little-endian (wire type I64).</summary>
    /// <param name="value">The value.</param>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(8), value);
        _position += 8;
    }

    /// <summary>Writes a <c>string</c> value: its UTF-8 byte length as a varint, then strict UTF-8.</summary>
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
            byteCount = AvroWriter.StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException(
                $"The string holds an unpaired surrogate at index {ex.Index} (length {value.Length}); it is not valid UTF-16 and has no UTF-8 encoding.",
                nameof(value),
                ex);
        }

        WriteVarint32((uint)byteCount);
        AvroWriter.StrictUtf8.GetBytes(value, GetSpan(byteCount));
        _position += byteCount;
    }

    /// <summary>Writes a <c>bytes</c> value: its length as a varint, then the bytes.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        WriteVarint32((uint)value.Length);
        value.CopyTo(GetSpan(value.Length));
        _position += value.Length;
    }

    /// <summary>
    /// Writes a <see cref="Guid"/> as a <c>string</c>: the canonical lower-case 36-character form (RFC 4122; .NET
    /// format "D"), as the Avro <c>uuid</c> logical type and Kafka's <c>UUIDSerializer</c> write it.
    /// </summary>
    /// <param name="value">The value.</param>
    public void WriteGuid(Guid value)
    {
        Span<byte> span = GetSpan(37);
        span[0] = 36;
        value.TryFormat(span.Slice(1, 36), out _, "D");
        _position += 37;
    }

    /// <summary>
    /// Reserves the length of a length-delimited value whose size is not known yet (a sub-message, a packed
    /// repeated field, a map entry) and returns where its body starts; pass that to <see cref="EndLengthDelimited"/>.
    /// </summary>
    /// <returns>The body's start position.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BeginLengthDelimited()
    {
        // One byte is reserved: most bodies are shorter than 128 bytes; longer ones are moved in EndLengthDelimited.
        GetSpan(1);
        _position++;
        return _position;
    }

    /// <summary>Writes the length of the body that started at <paramref name="bodyStart"/> in front of it.</summary>
    /// <param name="bodyStart">The value <see cref="BeginLengthDelimited"/> returned.</param>
    public void EndLengthDelimited(int bodyStart)
    {
        int length = _position - bodyStart;
        if (length < 0x80)
        {
            _buffer[bodyStart - 1] = (byte)length;
            return;
        }

        int extra = VarintSize((uint)length) - 1;
        GetSpan(extra);
        Buffer.BlockCopy(_buffer, bodyStart, _buffer, bodyStart + extra, length);
        Span<byte> lengthSpan = _buffer.AsSpan(bodyStart - 1, extra + 1);
        uint n = (uint)length;
        int i = 0;
        while (n >= 0x80)
        {
            lengthSpan[i++] = (byte)(n | 0x80);
            n >>= 7;
        }

        lengthSpan[i] = (byte)n;
        _position += extra;
    }

    /// <summary>
    /// Writes a <c>google.protobuf.Timestamp</c> (google/protobuf/timestamp.proto) as a length-delimited message:
    /// <c>seconds</c> since the Unix epoch (UTC) and non-negative <c>nanos</c> (a multiple of 100: .NET ticks).
    /// </summary>
    /// <param name="value">The instant.</param>
    public void WriteTimestamp(DateTimeOffset value)
    {
        long ticks = value.UtcTicks - UnixEpochTicks;
        long seconds = Math.DivRem(ticks, TicksPerSecond, out long remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TicksPerSecond;
        }

        WriteSecondsAndNanos(seconds, (int)remainder * NanosPerTick);
    }

    /// <summary>Writes a <c>google.protobuf.Timestamp</c> from a UTC or local <see cref="DateTime"/>.</summary>
    /// <param name="value">The instant; its <see cref="DateTime.Kind"/> must be Utc or Local.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> has <see cref="DateTimeKind.Unspecified"/>: the instant is ambiguous.</exception>
    public void WriteTimestamp(DateTime value) => WriteTimestamp(value.Kind switch
    {
        DateTimeKind.Utc => new DateTimeOffset(value, TimeSpan.Zero),
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
        _ => throw new ArgumentException(
            $"DateTime {value:O} has DateTimeKind.Unspecified, so the instant it names is ambiguous; use DateTimeKind.Utc, DateTimeKind.Local or DateTimeOffset.",
            nameof(value)),
    });

    /// <summary>
    /// Writes a <c>google.protobuf.Duration</c> (google/protobuf/duration.proto) as a length-delimited message:
    /// <c>seconds</c> and <c>nanos</c> with the same sign.
    /// </summary>
    /// <param name="value">The duration.</param>
    /// <exception cref="ArgumentOutOfRangeException">The duration exceeds ±315,576,000,000 seconds, the range duration.proto allows.</exception>
    public void WriteDuration(TimeSpan value)
    {
        long seconds = Math.DivRem(value.Ticks, TicksPerSecond, out long remainder);
        if (seconds > MaxDurationSeconds || seconds < -MaxDurationSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A google.protobuf.Duration holds at most ±315,576,000,000 seconds (about 10,000 years).");
        }

        WriteSecondsAndNanos(seconds, (int)remainder * NanosPerTick);
    }

    /// <summary>
    /// Writes a <c>google.type.Date</c> (googleapis google/type/date.proto: <c>year</c> = 1, <c>month</c> = 2,
    /// <c>day</c> = 3) as a length-delimited message.
    /// </summary>
    /// <param name="value">The date.</param>
    public void WriteDate(DateOnly value)
    {
        int start = BeginLengthDelimited();
        WriteVarintField(0x08, (uint)value.Year);
        WriteVarintField(0x10, (uint)value.Month);
        WriteVarintField(0x18, (uint)value.Day);
        EndLengthDelimited(start);
    }

    /// <summary>
    /// Writes a <c>google.type.TimeOfDay</c> (googleapis google/type/timeofday.proto: <c>hours</c> = 1,
    /// <c>minutes</c> = 2, <c>seconds</c> = 3, <c>nanos</c> = 4) as a length-delimited message.
    /// </summary>
    /// <param name="value">The time of day.</param>
    public void WriteTimeOfDay(TimeOnly value)
    {
        int start = BeginLengthDelimited();
        WriteVarintField(0x08, (uint)value.Hour);
        WriteVarintField(0x10, (uint)value.Minute);
        WriteVarintField(0x18, (uint)value.Second);
        WriteVarintField(0x20, (uint)((value.Ticks % TicksPerSecond) * NanosPerTick));
        EndLengthDelimited(start);
    }

    /// <summary>
    /// Writes a <c>google.type.Decimal</c> (googleapis google/type/decimal.proto: <c>string value = 1</c>) as a
    /// length-delimited message. The value is the invariant-culture decimal string with its scale kept
    /// (<c>12.340</c>, <c>-0.5</c>), which is exact: no binary floating point is involved.
    /// </summary>
    /// <param name="value">The value.</param>
    public void WriteDecimal(decimal value)
    {
        Span<char> text = stackalloc char[64];
        value.TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
        int start = BeginLengthDelimited();
        WriteRawTag(0x0A);
        WriteVarint32((uint)length);
        Span<byte> span = GetSpan(length);
        for (int i = 0; i < length; i++)
        {
            span[i] = (byte)text[i];
        }

        _position += length;
        EndLengthDelimited(start);
    }

    /// <summary>Writes a <c>google.protobuf.DoubleValue</c> (google/protobuf/wrappers.proto) as a length-delimited message.</summary>
    /// <param name="value">The value.</param>
    public void WriteDoubleValue(double value)
    {
        if (BitConverter.DoubleToInt64Bits(value) == 0)
        {
            WriteEmptyMessage();
            return;
        }

        Span<byte> span = GetSpan(10);
        span[0] = 9;
        span[1] = 0x09;
        BinaryPrimitives.WriteDoubleLittleEndian(span.Slice(2), value);
        _position += 10;
    }

    /// <summary>Writes a <c>google.protobuf.FloatValue</c> (google/protobuf/wrappers.proto) as a length-delimited message.</summary>
    /// <param name="value">The value.</param>
    public void WriteFloatValue(float value)
    {
        if (BitConverter.SingleToInt32Bits(value) == 0)
        {
            WriteEmptyMessage();
            return;
        }

        Span<byte> span = GetSpan(6);
        span[0] = 5;
        span[1] = 0x0D;
        BinaryPrimitives.WriteSingleLittleEndian(span.Slice(2), value);
        _position += 6;
    }

    /// <summary>Writes a <c>google.protobuf.Int64Value</c> (google/protobuf/wrappers.proto) as a length-delimited message.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt64Value(long value) => WriteVarintWrapper((ulong)value);

    /// <summary>Writes a <c>google.protobuf.UInt64Value</c> (google/protobuf/wrappers.proto) as a length-delimited message.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt64Value(ulong value) => WriteVarintWrapper(value);

    /// <summary>Writes a <c>google.protobuf.Int32Value</c> (google/protobuf/wrappers.proto) as a length-delimited message.</summary>
    /// <param name="value">The value.</param>
    public void WriteInt32Value(int value) => WriteVarintWrapper((ulong)(long)value);

    /// <summary>Writes a <c>google.protobuf.UInt32Value</c> (google/protobuf/wrappers.proto) as a length-delimited message.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt32Value(uint value) => WriteVarintWrapper(value);

    /// <summary>Writes a <c>google.protobuf.BoolValue</c> (google/protobuf/wrappers.proto) as a length-delimited message.</summary>
    /// <param name="value">The value.</param>
    public void WriteBoolValue(bool value) => WriteVarintWrapper(value ? 1UL : 0UL);

    /// <summary>Writes a <c>google.protobuf.StringValue</c> (google/protobuf/wrappers.proto) as a length-delimited message.</summary>
    /// <param name="value">The value; not null.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> holds an unpaired surrogate.</exception>
    public void WriteStringValue(string value)
    {
        int start = BeginLengthDelimited();
        if (value.Length > 0)
        {
            WriteRawTag(0x0A);
            WriteString(value);
        }

        EndLengthDelimited(start);
    }

    /// <summary>Writes a <see cref="Guid"/> as a <c>google.protobuf.StringValue</c> (its 36-character "D" form) as a length-delimited message.</summary>
    /// <param name="value">The value.</param>
    public void WriteGuidValue(Guid value)
    {
        Span<byte> span = GetSpan(39);
        span[0] = 38;
        span[1] = 0x0A;
        span[2] = 36;
        value.TryFormat(span.Slice(3, 36), out _, "D");
        _position += 39;
    }

    /// <summary>Writes a <c>google.protobuf.BytesValue</c> (google/protobuf/wrappers.proto) as a length-delimited message.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBytesValue(scoped ReadOnlySpan<byte> value)
    {
        int start = BeginLengthDelimited();
        if (value.Length > 0)
        {
            WriteRawTag(0x0A);
            WriteBytes(value);
        }

        EndLengthDelimited(start);
    }

    /// <summary>
    /// Called by generated serializers when they enter a message type that can contain itself; fails instead of
    /// overflowing the stack (or writing what parsers refuse) when the object graph is cyclic or deeper than
    /// <see cref="MaxRecursionDepth"/>.
    /// </summary>
    /// <param name="typeName">The message's C# type name, for the error.</param>
    /// <exception cref="MessageSerializationException">Nesting exceeds <see cref="MaxRecursionDepth"/>.</exception>
    public void EnterRecursiveMessage(string typeName)
    {
        if (++_depth > MaxRecursionDepth)
        {
            throw new MessageSerializationException(typeName, $"messages nest more than {MaxRecursionDepth} levels deep (the default recursion limit of Protobuf parsers); is the object graph cyclic?");
        }
    }

    /// <summary>Leaves a message entered with <see cref="EnterRecursiveMessage"/>.</summary>
    public void ExitRecursiveMessage() => _depth--;

    /// <summary>Copies what was written into a new array of exactly <see cref="Length"/> bytes.</summary>
    /// <returns>The serialized bytes.</returns>
    public readonly byte[] ToArray() => _buffer.AsSpan(0, _position).ToArray();

    /// <summary>Returns the buffer to the thread's cache.</summary>
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = Array.Empty<byte>();
        _position = 0;
        if (buffer is null || buffer.Length == 0)
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

    /// <summary>The size in bytes of <paramref name="value"/> as a varint.</summary>
    /// <param name="value">The value.</param>
    /// <returns>1 to 5.</returns>
    internal static int VarintSize(uint value) => value < 1u << 7 ? 1 : value < 1u << 14 ? 2 : value < 1u << 21 ? 3 : value < 1u << 28 ? 4 : 5;

    private void WriteSecondsAndNanos(long seconds, int nanos)
    {
        int start = BeginLengthDelimited();
        if (seconds != 0)
        {
            WriteRawTag(0x08);
            WriteVarint64((ulong)seconds);
        }

        if (nanos != 0)
        {
            WriteRawTag(0x10);
            WriteInt32(nanos);
        }

        EndLengthDelimited(start);
    }

    private void WriteVarintField(byte tag, uint value)
    {
        if (value != 0)
        {
            WriteRawTag(tag);
            WriteVarint32(value);
        }
    }

    private void WriteVarintWrapper(ulong value)
    {
        if (value == 0)
        {
            WriteEmptyMessage();
            return;
        }

        int start = BeginLengthDelimited();
        WriteRawTag(0x08);
        WriteVarint64(value);
        EndLengthDelimited(start);
    }

    private void WriteEmptyMessage()
    {
        GetSpan(1)[0] = 0;
        _position++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteVarint32(uint n)
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

    private void WriteVarint64(ulong n)
    {
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
