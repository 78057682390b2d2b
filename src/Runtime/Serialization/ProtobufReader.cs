using System;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TypedProducer.Serialization;

/// <summary>
/// Reads the Protocol Buffers binary encoding (protobuf.dev, "Encoding") from a span: the counterpart of
/// <see cref="ProtobufWriter"/>, called by the generated deserializers of plain <see cref="MessageFormat.Protobuf"/>
/// contracts. A message is a run of tagged fields up to the current limit (the end of the input, or of the
/// length-delimited sub-message entered with <see cref="PushLimit"/>): generated code calls <see cref="ReadTag"/> until
/// it returns 0, switches on the tag and reads the value, and hands any other tag to <see cref="SkipField"/>. Every
/// method throws <see cref="FormatException"/> on truncated or malformed input (generated code turns it into a
/// <see cref="MessageDeserializationException"/> naming the member and field number). For generated code.
/// </summary>
public ref struct ProtobufReader
{
    private delegate T FieldReader<T>(ref ProtobufReader reader);

    /// <summary>How many recursive messages may nest: <see cref="ProtobufWriter.MaxRecursionDepth"/> (100, Google.Protobuf's default recursion limit).</summary>
    public const int MaxRecursionDepth = ProtobufWriter.MaxRecursionDepth;

    private const int WireVarint = 0, WireI64 = 1, WireLen = 2, WireStartGroup = 3, WireEndGroup = 4, WireI32 = 5;
    private const long UnixEpochTicks = 621355968000000000; // DateTime.UnixEpoch.Ticks
    private const long MaxDurationSeconds = 315_576_000_000; // duration.proto: about ±10,000 years
    private const int NanosPerTick = 100;
    private const int NanosPerSecond = 1_000_000_000;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _limit;
    private int _depth;

    /// <summary>Creates a reader of one message.</summary>
    /// <param name="message">The Protobuf-encoded message (after the Confluent header).</param>
    public ProtobufReader(ReadOnlySpan<byte> message)
    {
        _data = message;
        _position = 0;
        _limit = message.Length;
        _depth = 0;
    }

    /// <summary>Bytes read so far.</summary>
    public readonly int Position => _position;

    /// <summary>True when the current message (or packed run) has no more bytes.</summary>
    public readonly bool IsAtLimit => _position >= _limit;

    /// <summary>
    /// Reads the next field's tag (field number &lt;&lt; 3 | wire type, a varint), or returns 0 at the end of the
    /// current message.
    /// </summary>
    /// <returns>The tag, or 0.</returns>
    /// <exception cref="FormatException">The tag is truncated, longer than 5 bytes, or names field number 0 (which the encoding does not allow).</exception>
    public uint ReadTag()
    {
        if (_position >= _limit)
        {
            return 0;
        }

        ulong tag = ReadVarint();
        if (tag > uint.MaxValue || (tag >> 3) == 0)
        {
            throw new FormatException($"Invalid tag {tag}: field numbers are 1 to 536,870,911.");
        }

        return (uint)tag;
    }

    /// <summary>
    /// Skips the value of a field the contract does not have, by its wire type (proto3 parsers ignore unknown fields;
    /// Language Guide, "Updating A Message Type"): a varint, 8 or 4 bytes, a length-delimited value, or a (deprecated)
    /// group up to its matching end-group tag.
    /// </summary>
    /// <param name="tag">The tag <see cref="ReadTag"/> returned.</param>
    /// <exception cref="FormatException">The value is truncated, the wire type is 6 or 7 (not defined), or an end-group tag has no start.</exception>
    public void SkipField(uint tag)
    {
        switch ((int)(tag & 7))
        {
            case WireVarint:
                ReadVarint();
                break;
            case WireI64:
                Take(8);
                break;
            case WireLen:
                Take(ReadLength());
                break;
            case WireStartGroup:
                SkipGroup(tag >> 3);
                break;
            case WireI32:
                Take(4);
                break;
            case WireEndGroup:
                throw new FormatException($"An end-group tag of field {tag >> 3} without its start-group tag.");
            default:
                throw new FormatException($"Wire type {tag & 7} of field {tag >> 3} is not defined (0 to 5).");
        }
    }

    /// <summary>
    /// Enters a length-delimited value (a sub-message, a packed repeated field, a map entry): reads its length and
    /// limits reading to its bytes until <see cref="PopLimit"/>.
    /// </summary>
    /// <returns>The enclosing limit, to pass to <see cref="PopLimit"/>.</returns>
    /// <exception cref="FormatException">The length is truncated or exceeds the bytes left.</exception>
    public int PushLimit()
    {
        int length = ReadLength();
        int previous = _limit;
        _limit = _position + length;
        return previous;
    }

    /// <summary>Leaves the value entered with <see cref="PushLimit"/>, which must have been read to its end.</summary>
    /// <param name="previous">What <see cref="PushLimit"/> returned.</param>
    /// <exception cref="FormatException">Bytes of the value were left unread (a malformed packed run).</exception>
    public void PopLimit(int previous)
    {
        if (_position != _limit)
        {
            throw new FormatException($"A length-delimited value ends inside its last element ({_limit - _position} bytes left).");
        }

        _limit = previous;
    }

    /// <summary>
    /// Called by generated deserializers when they enter a message type that can contain itself; fails instead of
    /// overflowing the stack on input nested deeper than <see cref="MaxRecursionDepth"/>.
    /// </summary>
    /// <exception cref="FormatException">Nesting exceeds <see cref="MaxRecursionDepth"/>.</exception>
    public void EnterRecursiveMessage()
    {
        if (++_depth > MaxRecursionDepth)
        {
            throw new FormatException($"Messages nest more than {MaxRecursionDepth} levels deep (the default recursion limit of Protobuf parsers).");
        }
    }

    /// <summary>Leaves a message entered with <see cref="EnterRecursiveMessage"/>.</summary>
    public void ExitRecursiveMessage() => _depth--;

    /// <summary>Reads an <c>int32</c> (or enum): a varint truncated to 32 bits, as the encoding specifies ("int32 ... truncate").</summary>
    /// <returns>The value.</returns>
    public int ReadInt32() => (int)ReadVarint();

    /// <summary>Reads an <c>int64</c>: a varint, two's complement.</summary>
    /// <returns>The value.</returns>
    public long ReadInt64() => (long)ReadVarint();

    /// <summary>Reads a <c>uint32</c>: a varint truncated to 32 bits.</summary>
    /// <returns>The value.</returns>
    public uint ReadUInt32() => (uint)ReadVarint();

    /// <summary>Reads a <c>uint64</c>: a varint.</summary>
    /// <returns>The value.</returns>
    public ulong ReadUInt64() => ReadVarint();

    /// <summary>Reads a <c>sint32</c>: a zig-zag varint ("Signed Integers").</summary>
    /// <returns>The value.</returns>
    public int ReadSInt32()
    {
        uint n = (uint)ReadVarint();
        return (int)(n >> 1) ^ -(int)(n & 1);
    }

    /// <summary>Reads a <c>sint64</c>: a zig-zag varint ("Signed Integers").</summary>
    /// <returns>The value.</returns>
    public long ReadSInt64()
    {
        ulong n = ReadVarint();
        return (long)(n >> 1) ^ -(long)(n & 1);
    }

    /// <summary>Reads a <c>bool</c>: a varint, any value other than 0 being true (as protoc's parsers read it).</summary>
    /// <returns>The value.</returns>
    public bool ReadBool() => ReadVarint() != 0;

    /// <summary>Reads a <c>fixed32</c>: 4 bytes little-endian (wire type I32).</summary>
    /// <returns>The value.</returns>
    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>Reads a <c>fixed64</c>: 8 bytes little-endian (wire type I64).</summary>
    /// <returns>The value.</returns>
    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads an <c>sfixed32</c>: 4 bytes little-endian, two's complement.</summary>
    /// <returns>The value.</returns>
    public int ReadSFixed32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads an <c>sfixed64</c>: 8 bytes little-endian, two's complement.</summary>
    /// <returns>The value.</returns>
    public long ReadSFixed64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads a <c>float</c>: 4 bytes, IEEE 754 little-endian.</summary>
    /// <returns>The value.</returns>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads a <c>double</c>: 8 bytes, IEEE 754 little-endian.</summary>
    /// <returns>The value.</returns>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads a <c>string</c>: a varint length, then UTF-8 (proto3 strings must be valid UTF-8).</summary>
    /// <returns>The string.</returns>
    /// <exception cref="FormatException">The bytes are truncated or not valid UTF-8.</exception>
    public string ReadString()
    {
        ReadOnlySpan<byte> bytes = Take(ReadLength());
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException("A Protobuf string is not valid UTF-8: " + ex.Message, ex);
        }
    }

    /// <summary>Reads a <c>bytes</c> value: a varint length, then the bytes.</summary>
    /// <returns>A new array.</returns>
    public byte[] ReadBytes() => Take(ReadLength()).ToArray();

    /// <summary>Reads a <see cref="Guid"/> written as a <c>string</c> by <see cref="ProtobufWriter.WriteGuid"/>: the 36-character "D" form.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The string is not a GUID in the "D" form.</exception>
    public Guid ReadGuid() => ParseGuid(Take(ReadLength()));

    /// <summary>Reads a <c>google.protobuf.Timestamp</c> (<c>seconds</c> = 1, <c>nanos</c> = 2; google/protobuf/timestamp.proto) as UTC; nanoseconds below 100 (one tick) are truncated.</summary>
    /// <returns>The instant, at offset zero.</returns>
    /// <exception cref="FormatException">The message is malformed, <c>nanos</c> is outside 0 to 999,999,999, or the instant is outside the range of <see cref="DateTimeOffset"/>.</exception>
    public DateTimeOffset ReadTimestamp()
    {
        (long seconds, int nanos) = ReadSecondsAndNanos();
        if (nanos < 0 || nanos >= NanosPerSecond)
        {
            throw new FormatException($"A google.protobuf.Timestamp has nanos 0 to 999,999,999, not {nanos}.");
        }

        const long MinSeconds = -UnixEpochTicks / TimeSpan.TicksPerSecond;
        const long MaxSeconds = (3155378975999999999 - UnixEpochTicks) / TimeSpan.TicksPerSecond; // DateTime.MaxValue.Ticks
        if (seconds < MinSeconds || seconds > MaxSeconds)
        {
            throw new FormatException($"The google.protobuf.Timestamp of {seconds} seconds since the Unix epoch is outside the range of DateTimeOffset (years 1 to 9999).");
        }

        return new DateTimeOffset(UnixEpochTicks + (seconds * TimeSpan.TicksPerSecond) + (nanos / NanosPerTick), TimeSpan.Zero);
    }

    /// <summary>Reads a <c>google.protobuf.Timestamp</c> as a UTC <see cref="DateTime"/>.</summary>
    /// <returns>The instant, <see cref="DateTimeKind.Utc"/>.</returns>
    /// <exception cref="FormatException">As <see cref="ReadTimestamp"/>.</exception>
    public DateTime ReadTimestampAsDateTime() => ReadTimestamp().UtcDateTime;

    /// <summary>Reads a <c>google.protobuf.Duration</c> (<c>seconds</c> = 1, <c>nanos</c> = 2; google/protobuf/duration.proto); nanoseconds below 100 are truncated.</summary>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">The message is malformed, exceeds ±315,576,000,000 seconds, or its seconds and nanos differ in sign.</exception>
    public TimeSpan ReadDuration()
    {
        (long seconds, int nanos) = ReadSecondsAndNanos();
        if (seconds > MaxDurationSeconds || seconds < -MaxDurationSeconds || nanos <= -NanosPerSecond || nanos >= NanosPerSecond || (seconds < 0 && nanos > 0) || (seconds > 0 && nanos < 0))
        {
            throw new FormatException($"Not a valid google.protobuf.Duration: seconds {seconds}, nanos {nanos} (at most ±315,576,000,000 seconds, |nanos| below 10^9, the same sign).");
        }

        return TimeSpan.FromTicks((seconds * TimeSpan.TicksPerSecond) + (nanos / NanosPerTick));
    }

    /// <summary>Reads a <c>google.type.Date</c> (<c>year</c> = 1, <c>month</c> = 2, <c>day</c> = 3; googleapis google/type/date.proto).</summary>
    /// <returns>The date.</returns>
    /// <exception cref="FormatException">The message is malformed or is not a full date <see cref="DateOnly"/> holds (year 0, month 0 or day 0 mean "not given" and have no <see cref="DateOnly"/>).</exception>
    public DateOnly ReadDate()
    {
        int previous = PushLimit();
        int year = 0, month = 0, day = 0;
        for (uint tag; (tag = ReadTag()) != 0;)
        {
            switch (tag)
            {
                case 0x08: year = ReadInt32(); break;
                case 0x10: month = ReadInt32(); break;
                case 0x18: day = ReadInt32(); break;
                default: SkipField(tag); break;
            }
        }

        PopLimit(previous);
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw new FormatException($"The google.type.Date {year}-{month}-{day} is not a date DateOnly holds.");
        }

        return new DateOnly(year, month, day);
    }

    /// <summary>Reads a <c>google.type.TimeOfDay</c> (<c>hours</c> = 1, <c>minutes</c> = 2, <c>seconds</c> = 3, <c>nanos</c> = 4; googleapis google/type/timeofday.proto); nanoseconds below 100 are truncated.</summary>
    /// <returns>The time of day.</returns>
    /// <exception cref="FormatException">The message is malformed or outside 00:00:00 to 23:59:59.999999999 (<see cref="TimeOnly"/> has no 24:00 or leap second).</exception>
    public TimeOnly ReadTimeOfDay()
    {
        int previous = PushLimit();
        int hours = 0, minutes = 0, seconds = 0, nanos = 0;
        for (uint tag; (tag = ReadTag()) != 0;)
        {
            switch (tag)
            {
                case 0x08: hours = ReadInt32(); break;
                case 0x10: minutes = ReadInt32(); break;
                case 0x18: seconds = ReadInt32(); break;
                case 0x20: nanos = ReadInt32(); break;
                default: SkipField(tag); break;
            }
        }

        PopLimit(previous);
        if (hours is < 0 or > 23 || minutes is < 0 or > 59 || seconds is < 0 or > 59 || nanos is < 0 or >= NanosPerSecond)
        {
            throw new FormatException($"The google.type.TimeOfDay {hours}:{minutes}:{seconds}.{nanos} is not a time TimeOnly holds.");
        }

        return new TimeOnly(new TimeSpan(hours, minutes, seconds).Ticks + (nanos / NanosPerTick));
    }

    /// <summary>
    /// Reads a <c>google.type.Decimal</c> (<c>string value = 1</c>; googleapis google/type/decimal.proto): an optional
    /// sign, digits with an optional decimal point, an optional exponent, parsed with the invariant culture.
    /// </summary>
    /// <returns>The value, with the scale it was written with.</returns>
    /// <exception cref="FormatException">The message is malformed, the value is empty or not a decimal number, or exceeds the range of <see cref="decimal"/>.</exception>
    public decimal ReadDecimal()
    {
        string text = ReadStringValue(); // the same shape: string value = 1
        const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        try
        {
            return decimal.Parse(text, Style, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new FormatException($"The google.type.Decimal value '{text}' is not a decimal number in the range of System.Decimal.", ex);
        }
    }

    /// <summary>Reads a <c>google.protobuf.DoubleValue</c> (google/protobuf/wrappers.proto: <c>value</c> = 1).</summary>
    /// <returns>The value.</returns>
    public double ReadDoubleValue() => ReadWrapper(0x09, 0.0, static (ref ProtobufReader r) => r.ReadDouble());

    /// <summary>Reads a <c>google.protobuf.FloatValue</c> (google/protobuf/wrappers.proto: <c>value</c> = 1).</summary>
    /// <returns>The value.</returns>
    public float ReadFloatValue() => ReadWrapper(0x0D, 0f, static (ref ProtobufReader r) => r.ReadFloat());

    /// <summary>Reads a <c>google.protobuf.Int64Value</c>.</summary>
    /// <returns>The value.</returns>
    public long ReadInt64Value() => (long)ReadVarintWrapper();

    /// <summary>Reads a <c>google.protobuf.UInt64Value</c>.</summary>
    /// <returns>The value.</returns>
    public ulong ReadUInt64Value() => ReadVarintWrapper();

    /// <summary>Reads a <c>google.protobuf.Int32Value</c> (its varint truncated to 32 bits).</summary>
    /// <returns>The value.</returns>
    public int ReadInt32Value() => (int)ReadVarintWrapper();

    /// <summary>Reads a <c>google.protobuf.UInt32Value</c> (its varint truncated to 32 bits).</summary>
    /// <returns>The value.</returns>
    public uint ReadUInt32Value() => (uint)ReadVarintWrapper();

    /// <summary>Reads a <c>google.protobuf.BoolValue</c>.</summary>
    /// <returns>The value.</returns>
    public bool ReadBoolValue() => ReadVarintWrapper() != 0;

    /// <summary>Reads a <c>google.protobuf.StringValue</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The message is malformed or its string is not valid UTF-8.</exception>
    public string ReadStringValue() => ReadWrapper(0x0A, string.Empty, static (ref ProtobufReader r) => r.ReadString());

    /// <summary>Reads a <c>google.protobuf.StringValue</c> holding a <see cref="Guid"/> in the "D" form (<see cref="ProtobufWriter.WriteGuidValue"/>).</summary>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The message is malformed or its string is not a GUID in the "D" form.</exception>
    public Guid ReadGuidValue() => ReadWrapper<Guid?>(0x0A, null, static (ref ProtobufReader r) => r.ReadGuid()) ?? ParseGuid(default);

    /// <summary>Reads a <c>google.protobuf.BytesValue</c>.</summary>
    /// <returns>A new array.</returns>
    public byte[] ReadBytesValue() => ReadWrapper(0x0A, Array.Empty<byte>(), static (ref ProtobufReader r) => r.ReadBytes());

    private static Guid ParseGuid(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length != 36 || !Utf8Parser.TryParse(utf8, out Guid value, out int consumed, 'D') || consumed != 36)
        {
            throw new FormatException($"A GUID is written as its 36-character \"D\" form, not {utf8.Length} bytes '{Encoding.UTF8.GetString(utf8)}'.");
        }

        return value;
    }

    private ulong ReadVarintWrapper() => ReadWrapper(0x08, 0UL, static (ref ProtobufReader r) => r.ReadVarint());

    /// <summary>
    /// Reads a length-delimited message of one field (the wrappers of google/protobuf/wrappers.proto, google.type.Decimal):
    /// its value, or <paramref name="absent"/> when the field is left out (proto3 leaves out defaults); other fields skipped.
    /// </summary>
    private T ReadWrapper<T>(uint valueTag, T absent, FieldReader<T> read)
    {
        T value = absent;
        int previous = PushLimit();
        for (uint tag; (tag = ReadTag()) != 0;)
        {
            if (tag == valueTag)
            {
                value = read(ref this);
            }
            else
            {
                SkipField(tag);
            }
        }

        PopLimit(previous);
        return value;
    }

    private (long Seconds, int Nanos) ReadSecondsAndNanos()
    {
        long seconds = 0;
        int nanos = 0;
        int previous = PushLimit();
        for (uint tag; (tag = ReadTag()) != 0;)
        {
            switch (tag)
            {
                case 0x08: seconds = ReadInt64(); break;
                case 0x10: nanos = ReadInt32(); break;
                default: SkipField(tag); break;
            }
        }

        PopLimit(previous);
        return (seconds, nanos);
    }

    private void SkipGroup(uint fieldNumber)
    {
        EnterRecursiveMessage();
        while (true)
        {
            uint tag = ReadTag();
            if (tag == 0)
            {
                throw new FormatException($"The group of field {fieldNumber} has no end-group tag.");
            }

            if ((tag & 7) == WireEndGroup)
            {
                if (tag >> 3 != fieldNumber)
                {
                    throw new FormatException($"The group of field {fieldNumber} ends with the end-group tag of field {tag >> 3}.");
                }

                ExitRecursiveMessage();
                return;
            }

            SkipField(tag);
        }
    }

    private int ReadLength()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_limit - _position))
        {
            throw new FormatException($"A length-delimited value of {length} bytes exceeds the {_limit - _position} bytes left (truncated input).");
        }

        return (int)length;
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _limit)
            {
                throw new FormatException("A varint is truncated.");
            }

            byte b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new FormatException("A varint is longer than 10 bytes.");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _limit - _position)
        {
            throw new FormatException($"{count} bytes are needed but {_limit - _position} are left (truncated input).");
        }

        ReadOnlySpan<byte> span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
