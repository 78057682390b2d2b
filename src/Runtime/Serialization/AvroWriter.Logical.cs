using System;
using System.Buffers.Binary;

namespace TypedProducer.Serialization;

// Fixed, the decimal logical type on fixed, duration, time-millis and the local-timestamp logical types
// (Apache Avro 1.11 specification, "Complex Types: Fixed" and "Logical Types").
public ref partial struct AvroWriter
{
    /// <summary>Writes an Avro <c>fixed</c> of <paramref name="size"/> bytes: the bytes with no length.</summary>
    /// <param name="value">The bytes; exactly <paramref name="size"/> of them.</param>
    /// <param name="size">The fixed type's size in bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> does not hold exactly <paramref name="size"/> bytes.</exception>
    public void WriteFixed(scoped ReadOnlySpan<byte> value, int size)
    {
        if (value.Length != size)
        {
            throw new ArgumentException($"The value has {value.Length} bytes; the Avro fixed type holds exactly {size}.", nameof(value));
        }

        WriteFixed(value);
    }

    /// <summary>
    /// Writes the <c>decimal</c> logical type on a <c>fixed</c> of <paramref name="size"/> bytes: the unscaled
    /// value at <paramref name="scale"/> as a two's-complement big-endian integer, sign-extended to the full size
    /// (Apache Avro 1.11 specification, "Decimal").
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="precision">Maximum total digits, 1 to 38.</param>
    /// <param name="scale">Digits after the point, 0 to 28.</param>
    /// <param name="size">The fixed type's size in bytes, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="value"/> has more fractional digits than <paramref name="scale"/> (it would be rounded), more
    /// than <paramref name="precision"/> digits in all, or an unscaled value that does not fit in
    /// <paramref name="size"/> bytes.
    /// </exception>
    public void WriteFixedDecimal(decimal value, int precision, int scale, int size)
    {
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "An Avro fixed holds at least 1 byte.");
        }

        Int128 unscaled = AvroDecimal.ToUnscaled(value, precision, scale);
        Span<byte> bigEndian = stackalloc byte[16];
        BinaryPrimitives.WriteInt128BigEndian(bigEndian, unscaled);
        byte signFill = unscaled < 0 ? (byte)0xFF : (byte)0x00;
        Span<byte> span = GetSpan(size);
        if (size >= 16)
        {
            span.Slice(0, size - 16).Fill(signFill);
            bigEndian.CopyTo(span.Slice(size - 16));
        }
        else
        {
            // The dropped leading bytes must be pure sign fill, and the first kept byte must carry the sign.
            int dropped = 16 - size;
            for (int i = 0; i < dropped; i++)
            {
                if (bigEndian[i] != signFill)
                {
                    throw TooLargeForFixed(value, size);
                }
            }

            if ((bigEndian[dropped] & 0x80) != (signFill & 0x80))
            {
                throw TooLargeForFixed(value, size);
            }

            bigEndian.Slice(dropped).CopyTo(span);
        }

        _position += size;
    }

    /// <summary>
    /// Writes the <c>duration</c> logical type: a fixed of 12 bytes holding months, days and milliseconds as
    /// unsigned 32-bit little-endian integers (Apache Avro 1.11 specification, "Duration").
    /// </summary>
    /// <param name="value">The duration.</param>
    public void WriteDuration(AvroDuration value)
    {
        Span<byte> span = GetSpan(12);
        BinaryPrimitives.WriteUInt32LittleEndian(span, value.Months);
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(4), value.Days);
        BinaryPrimitives.WriteUInt32LittleEndian(span.Slice(8), value.Milliseconds);
        _position += 12;
    }

    /// <summary>
    /// Writes the <c>duration</c> logical type from a <see cref="TimeSpan"/> by the rule of
    /// <see cref="AvroDuration.FromTimeSpan"/>: months 0, whole days, then the remaining milliseconds (sub-millisecond
    /// ticks truncated).
    /// </summary>
    /// <param name="value">A non-negative time span.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public void WriteDuration(TimeSpan value) => WriteDuration(AvroDuration.FromTimeSpan(value));

    /// <summary>Writes the <c>time-millis</c> logical type: milliseconds after midnight as an Avro <c>int</c> (finer ticks truncated).</summary>
    /// <param name="value">The time of day.</param>
    public void WriteTimeMillis(TimeOnly value) => WriteInt((int)(value.Ticks / TimeSpan.TicksPerMillisecond));

    /// <summary>
    /// Writes the <c>local-timestamp-millis</c> logical type: the milliseconds from 1970-01-01T00:00:00 to the
    /// <see cref="DateTime"/>'s own clock reading, with no time-zone conversion whatever its
    /// <see cref="DateTime.Kind"/> (Apache Avro 1.11 specification, "Local timestamp (millisecond precision)").
    /// Finer ticks are truncated toward the earlier time.
    /// </summary>
    /// <param name="value">The wall-clock date and time.</param>
    public void WriteLocalTimestampMillis(DateTime value) => WriteLong(FloorDiv(value.Ticks - UnixEpochTicks, TimeSpan.TicksPerMillisecond));

    /// <summary>
    /// Writes the <c>local-timestamp-micros</c> logical type: the microseconds from 1970-01-01T00:00:00 to the
    /// <see cref="DateTime"/>'s own clock reading, with no time-zone conversion whatever its
    /// <see cref="DateTime.Kind"/> (Apache Avro 1.11 specification, "Local timestamp (microsecond precision)").
    /// Finer ticks are truncated toward the earlier time.
    /// </summary>
    /// <param name="value">The wall-clock date and time.</param>
    public void WriteLocalTimestampMicros(DateTime value) => WriteLong(FloorDiv(value.Ticks - UnixEpochTicks, TicksPerMicrosecond));

    private static long FloorDiv(long value, long divisor) => Math.DivRem(value, divisor, out long rem) - (rem < 0 ? 1 : 0);

    private static ArgumentOutOfRangeException TooLargeForFixed(decimal value, int size) =>
        new(nameof(value), value, $"The unscaled value of decimal {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} does not fit in a fixed of {size} bytes.");
}
