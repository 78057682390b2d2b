using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text;

namespace TypedProducer.Serialization;

/// <summary>
/// Reads the Avro binary encoding (Apache Avro 1.11 specification, "Binary Encoding") from a span: the counterpart
/// of <see cref="AvroWriter"/>, called by generated deserializers. Every read checks the data: a truncated value, a
/// varint longer than 10 bytes, a boolean other than 0 or 1, a length beyond the remaining bytes or invalid UTF-8
/// throws <see cref="FormatException"/> (generated code turns it into a <see cref="MessageDeserializationException"/>
/// naming the field). The static conversions (<see cref="TimestampFromMillis"/>, ...) give the logical types' values
/// from their underlying type, as <see cref="AvroWriter"/> writes them.
/// </summary>
public ref struct AvroReader
{
    /// <summary>How deep recursive records may nest on read (a guard against a hostile payload exhausting the stack).</summary>
    public const int MaxRecursionDepth = AvroWriter.MaxRecursionDepth;

    private const long UnixEpochTicks = 621355968000000000; // DateTime.UnixEpoch.Ticks
    private const int UnixEpochDayNumber = 719162; // new DateOnly(1970, 1, 1).DayNumber

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _depth;

    /// <summary>Creates a reader over <paramref name="data"/> (an Avro datum, without the Confluent header).</summary>
    /// <param name="data">The bytes.</param>
    public AvroReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        _depth = 0;
    }

    /// <summary>Bytes read so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Reads an Avro <c>boolean</c>: one byte, 0 or 1.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The byte is missing or neither 0 nor 1.</exception>
    public bool ReadBoolean()
    {
        byte b = Take(1)[0];
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw new FormatException($"An Avro boolean is 0 or 1, not {b}."),
        };
    }

    /// <summary>Reads an Avro <c>int</c>: a zig-zag varint of 1 to 5 bytes.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The varint is truncated or exceeds 32 bits.</exception>
    public int ReadInt()
    {
        long value = ReadLong();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new FormatException($"The Avro int {value} exceeds 32 bits.");
        }

        return (int)value;
    }

    /// <summary>Reads an Avro <c>long</c>: a zig-zag varint of 1 to 10 bytes.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The varint is truncated or longer than 10 bytes.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadLong()
    {
        if (_position < _data.Length && _data[_position] < 0x80)
        {
            ulong single = _data[_position++];
            return (long)(single >> 1) ^ -(long)(single & 1);
        }

        return ReadLongSlow();
    }

    /// <summary>Reads an Avro <c>float</c>: 4 bytes, IEEE 754 little-endian.</summary>
    /// <returns>The value.</returns>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads an Avro <c>double</c>: 8 bytes, IEEE 754 little-endian.</summary>
    /// <returns>The value.</returns>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads Avro <c>bytes</c>: a <c>long</c> length, then the bytes.</summary>
    /// <returns>A new array.</returns>
    public byte[] ReadBytes() => ReadBytesSpan().ToArray();

    /// <summary>Reads Avro <c>bytes</c> without copying them.</summary>
    /// <returns>The bytes, a slice of the data.</returns>
    public ReadOnlySpan<byte> ReadBytesSpan() => Take(ReadLength());

    /// <summary>Reads an Avro <c>string</c>: a <c>long</c> byte length, then UTF-8.</summary>
    /// <returns>The string.</returns>
    /// <exception cref="FormatException">The bytes are not valid UTF-8.</exception>
    public string ReadString()
    {
        ReadOnlySpan<byte> bytes = Take(ReadLength());
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException("An Avro string is not valid UTF-8: " + ex.Message, ex);
        }
    }

    /// <summary>Reads an Avro <c>fixed</c> of <paramref name="size"/> bytes.</summary>
    /// <param name="size">The fixed type's size in bytes.</param>
    /// <returns>A new array of <paramref name="size"/> bytes.</returns>
    public byte[] ReadFixed(int size) => Take(size).ToArray();

    /// <summary>Reads a union branch index (an Avro <c>int</c>) and checks it against the union's branch count.</summary>
    /// <param name="branchCount">The union's branches.</param>
    /// <returns>The zero-based branch.</returns>
    /// <exception cref="FormatException">The index is outside the union.</exception>
    public int ReadUnionIndex(int branchCount)
    {
        long index = ReadLong();
        if ((ulong)index >= (ulong)branchCount)
        {
            throw new FormatException($"Union branch {index} is outside the union's {branchCount} branches.");
        }

        return (int)index;
    }

    /// <summary>Reads an enum symbol index (an Avro <c>int</c>) and checks it against the symbol count.</summary>
    /// <param name="symbolCount">The enum's symbols.</param>
    /// <returns>The zero-based symbol index.</returns>
    /// <exception cref="FormatException">The index is outside the symbols.</exception>
    public int ReadEnumIndex(int symbolCount)
    {
        long index = ReadLong();
        if ((ulong)index >= (ulong)symbolCount)
        {
            throw new FormatException($"Enum symbol {index} is outside the enum's {symbolCount} symbols.");
        }

        return (int)index;
    }

    /// <summary>
    /// Reads an array or map block count; 0 ends the array or map. A negative count is followed by the block's size in
    /// bytes, which is skipped (specification, "Complex Types: Arrays").
    /// </summary>
    /// <returns>The number of items in the block.</returns>
    /// <exception cref="FormatException">The count exceeds <see cref="int.MaxValue"/>.</exception>
    public int ReadBlockCount()
    {
        long count = ReadLong();
        if (count < 0)
        {
            ReadLong();
            count = -count;
        }

        if (count > int.MaxValue)
        {
            throw new FormatException($"An Avro block of {count} items exceeds {int.MaxValue}.");
        }

        return (int)count;
    }

    /// <summary>A capacity to reserve for <paramref name="count"/> items: no more than the bytes left, so a hostile count cannot allocate beyond the data.</summary>
    /// <param name="count">A block count.</param>
    /// <returns>The capacity.</returns>
    public readonly int Capacity(int count) => Math.Min(count, Remaining + 1);

    /// <summary>Reads the <c>uuid</c> logical type: an Avro <c>string</c> holding the 36-character form (RFC 4122).</summary>
    /// <returns>The value.</returns>
    public Guid ReadUuid() => ToUuid(ReadString());

    /// <summary>Reads the <c>date</c> logical type: days since 1970-01-01 as an Avro <c>int</c>.</summary>
    /// <returns>The date.</returns>
    public DateOnly ReadDate() => DateFromDays(ReadInt());

    /// <summary>Reads the <c>time-millis</c> logical type: milliseconds after midnight as an Avro <c>int</c>.</summary>
    /// <returns>The time of day.</returns>
    public TimeOnly ReadTimeMillis() => TimeFromMillis(ReadInt());

    /// <summary>Reads the <c>time-micros</c> logical type: microseconds after midnight as an Avro <c>long</c>.</summary>
    /// <returns>The time of day.</returns>
    public TimeOnly ReadTimeMicros() => TimeFromMicros(ReadLong());

    /// <summary>Reads the <c>timestamp-millis</c> logical type: milliseconds since the Unix epoch (UTC) as an Avro <c>long</c>.</summary>
    /// <returns>The instant, with offset zero.</returns>
    public DateTimeOffset ReadTimestampMillis() => TimestampFromMillis(ReadLong());

    /// <summary>Reads the <c>timestamp-micros</c> logical type: microseconds since the Unix epoch (UTC) as an Avro <c>long</c>.</summary>
    /// <returns>The instant, with offset zero.</returns>
    public DateTimeOffset ReadTimestampMicros() => TimestampFromMicros(ReadLong());

    /// <summary>Reads the <c>local-timestamp-millis</c> logical type: a wall-clock reading in milliseconds since 1970-01-01T00:00.</summary>
    /// <returns>The reading, of <see cref="DateTimeKind.Unspecified"/> kind.</returns>
    public DateTime ReadLocalTimestampMillis() => LocalTimestampFromMillis(ReadLong());

    /// <summary>Reads the <c>local-timestamp-micros</c> logical type: a wall-clock reading in microseconds since 1970-01-01T00:00.</summary>
    /// <returns>The reading, of <see cref="DateTimeKind.Unspecified"/> kind.</returns>
    public DateTime ReadLocalTimestampMicros() => LocalTimestampFromMicros(ReadLong());

    /// <summary>Reads the <c>decimal</c> logical type on <c>bytes</c>: a two's-complement big-endian unscaled integer.</summary>
    /// <param name="precision">The schema's precision (digits in all).</param>
    /// <param name="scale">The schema's scale (digits after the point).</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The value has more than <paramref name="precision"/> digits or exceeds <see cref="decimal"/>.</exception>
    public decimal ReadDecimal(int precision, int scale) => DecimalFromBytes(ReadBytesSpan(), precision, scale);

    /// <summary>Reads the <c>decimal</c> logical type on a <c>fixed</c> of <paramref name="size"/> bytes.</summary>
    /// <param name="precision">The schema's precision.</param>
    /// <param name="scale">The schema's scale.</param>
    /// <param name="size">The fixed type's size in bytes.</param>
    /// <returns>The value.</returns>
    public decimal ReadFixedDecimal(int precision, int scale, int size) => DecimalFromBytes(Take(size), precision, scale);

    /// <summary>Reads the <c>duration</c> logical type: a fixed of 12 bytes, months, days and milliseconds as unsigned 32-bit little-endian integers.</summary>
    /// <returns>The duration.</returns>
    public AvroDuration ReadDuration() => DurationFromBytes(Take(12));

    /// <summary>Reads the <c>duration</c> logical type as a <see cref="TimeSpan"/> (months must be 0, as <see cref="AvroWriter"/> writes them).</summary>
    /// <returns>The time span.</returns>
    /// <exception cref="FormatException">The duration has months, which have no fixed length.</exception>
    public TimeSpan ReadDurationAsTimeSpan() => TimeSpanFromDuration(ReadDuration());

    /// <summary>Enters a record that can contain itself.</summary>
    /// <exception cref="FormatException">Records nest deeper than <see cref="MaxRecursionDepth"/>.</exception>
    public void EnterRecursiveRecord()
    {
        if (++_depth > MaxRecursionDepth)
        {
            throw new FormatException($"Records nest deeper than {MaxRecursionDepth} levels.");
        }
    }

    /// <summary>Leaves a record entered with <see cref="EnterRecursiveRecord"/>.</summary>
    public void ExitRecursiveRecord() => _depth--;

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    /// <param name="count">The bytes to skip.</param>
    public void Skip(int count) => Take(count);

    /// <summary>Throws unless every byte was read.</summary>
    /// <exception cref="FormatException">Bytes remain after the datum.</exception>
    public readonly void EnsureEnd()
    {
        if (_position != _data.Length)
        {
            throw new FormatException($"{_data.Length - _position} trailing bytes after the Avro datum.");
        }
    }

    /// <summary>The <c>uuid</c> logical type's value of a string.</summary>
    /// <param name="text">The 36-character form.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The text is not a UUID.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Guid ToUuid(string text) => Guid.ParseExact(text, "D");

    /// <summary>The <c>date</c> logical type's value: <paramref name="days"/> since 1970-01-01.</summary>
    /// <param name="days">Days since the epoch.</param>
    /// <returns>The date.</returns>
    /// <exception cref="FormatException">The date is outside <see cref="DateOnly"/>.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static DateOnly DateFromDays(int days)
    {
        long dayNumber = (long)days + UnixEpochDayNumber;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw new FormatException($"The date {days} days after 1970-01-01 is outside the range of DateOnly.");
        }

        return DateOnly.FromDayNumber((int)dayNumber);
    }

    /// <summary>The <c>time-millis</c> logical type's value.</summary>
    /// <param name="millis">Milliseconds after midnight, 0 to 86,399,999.</param>
    /// <returns>The time of day.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TimeOnly TimeFromMillis(long millis) => TimeFromTicks(millis, TimeSpan.TicksPerMillisecond, "time-millis");

    /// <summary>The <c>time-micros</c> logical type's value.</summary>
    /// <param name="micros">Microseconds after midnight, 0 to 86,399,999,999.</param>
    /// <returns>The time of day.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TimeOnly TimeFromMicros(long micros) => TimeFromTicks(micros, 10, "time-micros");

    /// <summary>The <c>timestamp-millis</c> logical type's value.</summary>
    /// <param name="millis">Milliseconds since the Unix epoch.</param>
    /// <returns>The instant, offset zero.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static DateTimeOffset TimestampFromMillis(long millis) => new(EpochTicks(millis, TimeSpan.TicksPerMillisecond, "timestamp-millis"), TimeSpan.Zero);

    /// <summary>The <c>timestamp-micros</c> logical type's value.</summary>
    /// <param name="micros">Microseconds since the Unix epoch.</param>
    /// <returns>The instant, offset zero.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static DateTimeOffset TimestampFromMicros(long micros) => new(EpochTicks(micros, 10, "timestamp-micros"), TimeSpan.Zero);

    /// <summary>The <c>local-timestamp-millis</c> logical type's value.</summary>
    /// <param name="millis">Milliseconds since 1970-01-01T00:00 on the local clock.</param>
    /// <returns>The reading, of <see cref="DateTimeKind.Unspecified"/> kind.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static DateTime LocalTimestampFromMillis(long millis) => new(EpochTicks(millis, TimeSpan.TicksPerMillisecond, "local-timestamp-millis"), DateTimeKind.Unspecified);

    /// <summary>The <c>local-timestamp-micros</c> logical type's value.</summary>
    /// <param name="micros">Microseconds since 1970-01-01T00:00 on the local clock.</param>
    /// <returns>The reading, of <see cref="DateTimeKind.Unspecified"/> kind.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static DateTime LocalTimestampFromMicros(long micros) => new(EpochTicks(micros, 10, "local-timestamp-micros"), DateTimeKind.Unspecified);

    /// <summary>
    /// The <c>decimal</c> logical type's value: <paramref name="bigEndian"/> is the two's-complement unscaled integer
    /// (specification, "Decimal"), scaled by 10^-<paramref name="scale"/>.
    /// </summary>
    /// <param name="bigEndian">The unscaled integer's bytes.</param>
    /// <param name="precision">The schema's precision.</param>
    /// <param name="scale">The schema's scale, 0 to 28.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The unscaled integer has more than <paramref name="precision"/> digits or exceeds the 96 bits of <see cref="decimal"/>.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static decimal DecimalFromBytes(ReadOnlySpan<byte> bigEndian, int precision, int scale)
    {
        if (scale is < 0 or > 28)
        {
            throw new FormatException($"A decimal of scale {scale} cannot be a .NET decimal (scale 0 to 28).");
        }

        if (bigEndian.Length == 0)
        {
            return new decimal(0, 0, 0, false, (byte)scale);
        }

        bool negative = (bigEndian[0] & 0x80) != 0;
        byte fill = negative ? (byte)0xFF : (byte)0x00;
        while (bigEndian.Length > 16 && bigEndian[0] == fill && (bigEndian[1] & 0x80) == (fill & 0x80))
        {
            bigEndian = bigEndian.Slice(1);
        }

        if (bigEndian.Length > 16)
        {
            throw new FormatException($"The decimal's unscaled value of {bigEndian.Length} bytes exceeds the 96 bits of a .NET decimal.");
        }

        Span<byte> wide = stackalloc byte[16];
        wide.Fill(fill);
        bigEndian.CopyTo(wide.Slice(16 - bigEndian.Length));
        Int128 unscaled = BinaryPrimitives.ReadInt128BigEndian(wide);
        UInt128 magnitude = negative ? (UInt128)(-unscaled) : (UInt128)unscaled;
        if (negative && unscaled == Int128.MinValue)
        {
            magnitude = (UInt128)Int128.MaxValue + 1;
        }

        if (precision is >= 1 and < 39 && magnitude >= Pow10(precision))
        {
            throw new FormatException($"The decimal's unscaled value has more than the schema's {precision} digits.");
        }

        if (magnitude >> 96 != 0)
        {
            throw new FormatException("The decimal exceeds the 96-bit range of a .NET decimal.");
        }

        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
    }

    /// <summary>The <c>duration</c> logical type's value of its 12 bytes.</summary>
    /// <param name="bytes">The fixed's bytes.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">Not 12 bytes.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static AvroDuration DurationFromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 12)
        {
            throw new FormatException($"A duration is a fixed of 12 bytes, not {bytes.Length}.");
        }

        return new AvroDuration(
            BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(4)),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(8)));
    }

    /// <summary>A duration as a <see cref="TimeSpan"/>: days of 24 hours plus milliseconds.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The time span.</returns>
    /// <exception cref="FormatException">The duration has months (no fixed length).</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static TimeSpan TimeSpanFromDuration(AvroDuration duration)
    {
        if (duration.Months != 0)
        {
            throw new FormatException($"A duration of {duration.Months} months has no fixed length, so it cannot be a TimeSpan; read it as AvroDuration.");
        }

        return TimeSpan.FromDays(duration.Days) + TimeSpan.FromMilliseconds(duration.Milliseconds);
    }

    private static UInt128 Pow10(int exponent)
    {
        UInt128 result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static TimeOnly TimeFromTicks(long value, long ticksPer, string logicalType)
    {
        if (value < 0 || value >= TimeSpan.TicksPerDay / ticksPer)
        {
            throw new FormatException($"The {logicalType} value {value} is not a time of day.");
        }

        return new TimeOnly(value * ticksPer);
    }

    private static long EpochTicks(long value, long ticksPer, string logicalType)
    {
        const long MaxTicks = 3155378975999999999; // DateTime.MaxValue.Ticks
        long min = -UnixEpochTicks / ticksPer, max = (MaxTicks - UnixEpochTicks) / ticksPer;
        if (value < min || value > max)
        {
            throw new FormatException($"The {logicalType} value {value} is outside the range of DateTime (years 1 to 9999).");
        }

        return UnixEpochTicks + (value * ticksPer);
    }

    private int ReadLength()
    {
        long length = ReadLong();
        if (length < 0 || length > Remaining)
        {
            throw new FormatException($"Avro data truncated: a length of {length} bytes at offset {_position} with {Remaining} bytes left.");
        }

        return (int)length;
    }

    private long ReadLongSlow()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new FormatException($"Avro data truncated: a varint runs past the end at offset {_position}.");
            }

            byte b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(result >> 1) ^ -(long)(result & 1);
            }
        }

        throw new FormatException("An Avro varint is longer than 10 bytes.");
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if ((uint)length > (uint)(_data.Length - _position))
        {
            throw new FormatException($"Avro data truncated: needed {length} bytes at offset {_position} of {_data.Length}.");
        }

        ReadOnlySpan<byte> slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }
}
