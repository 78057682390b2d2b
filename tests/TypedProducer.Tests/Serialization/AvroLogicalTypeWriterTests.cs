using System;
using TypedProducer.Serialization;

namespace TypedProducer.Tests.Serialization;

/// <summary>
/// Byte-exact checks of fixed, decimal on fixed, duration, time-millis and the local timestamps against the Apache
/// Avro 1.11 specification ("Complex Types: Fixed", "Logical Types").
/// </summary>
public sealed class AvroLogicalTypeWriterTests
{
    private delegate void Write(ref AvroWriter writer);

    private static string Hex(Write write)
    {
        var writer = new AvroWriter(16);
        try
        {
            write(ref writer);
            return Convert.ToHexString(writer.WrittenSpan).ToLowerInvariant();
        }
        finally
        {
            writer.Dispose();
        }
    }

    [Fact]
    public void Fixed_IsTheBytesWithoutLength() => Assert.Equal("010203", Hex((ref AvroWriter w) => w.WriteFixed(new byte[] { 1, 2, 3 }, 3)));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Fixed_WrongLength_ThrowsNamingBothSizes(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => Hex((ref AvroWriter w) => w.WriteFixed(new byte[length], 3)));
        Assert.Contains($"has {length} bytes", ex.Message);
        Assert.Contains("exactly 3", ex.Message);
    }

    // "Decimal": a fixed holds the two's-complement big-endian unscaled value, sign-extended to the fixed's size.
    [Theory]
    [InlineData("1.00", 5, 2, 4, "00000064")]
    [InlineData("-1", 5, 0, 4, "ffffffff")]
    [InlineData("-0.01", 4, 2, 2, "ffff")]
    [InlineData("123.4567", 20, 4, 9, "00000000000012d687")]
    [InlineData("127", 3, 0, 1, "7f")]
    [InlineData("-128", 3, 0, 1, "80")]
    [InlineData("128", 3, 0, 2, "0080")]
    [InlineData("-2", 1, 0, 20, "fffffffffffffffffffffffffffffffffffffffe")]
    [InlineData("79228162514264337593543950335", 29, 0, 16, "00000000ffffffffffffffffffffffff")]
    public void FixedDecimal_IsSignExtendedUnscaledTwosComplement(string value, int precision, int scale, int size, string hex) =>
        Assert.Equal(hex, Hex((ref AvroWriter w) => w.WriteFixedDecimal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), precision, scale, size)));

    [Theory]
    [InlineData("128", 1)]
    [InlineData("-129", 1)]
    [InlineData("32768", 2)]
    public void FixedDecimal_UnscaledValueBeyondSize_ThrowsNamingValue(string value, int size)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Hex((ref AvroWriter w) => w.WriteFixedDecimal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), 10, 0, size)));
        Assert.Contains($"decimal {value} does not fit in a fixed of {size} bytes", ex.Message);
    }

    [Fact]
    public void FixedDecimal_MoreFractionalDigitsThanScale_ThrowsInsteadOfRounding() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Hex((ref AvroWriter w) => w.WriteFixedDecimal(1.005m, 10, 2, 8)));

    // "Duration": three unsigned 32-bit little-endian integers: months, days, milliseconds.
    [Fact]
    public void Duration_IsMonthsDaysMillisecondsLittleEndian() =>
        Assert.Equal("01000000" + "02000000" + "03000000", Hex((ref AvroWriter w) => w.WriteDuration(new AvroDuration(1, 2, 3))));

    [Fact]
    public void Duration_UsesTheFullUnsignedRange() =>
        Assert.Equal("ffffffff" + "00000000" + "04030201", Hex((ref AvroWriter w) => w.WriteDuration(new AvroDuration(uint.MaxValue, 0, 0x01020304))));

    [Fact]
    public void DurationFromTimeSpan_IsWholeDaysThenMillisecondsTruncated()
    {
        // 1 day 02:03:04.5 plus 7 ticks: days 1, milliseconds 7,384,500 (0x0070adb4); the ticks are dropped.
        TimeSpan value = new TimeSpan(1, 2, 3, 4, 500) + TimeSpan.FromTicks(7);
        Assert.Equal("00000000" + "01000000" + "b4ad7000", Hex((ref AvroWriter w) => w.WriteDuration(value)));
    }

    [Fact]
    public void DurationFromNegativeTimeSpan_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Hex((ref AvroWriter w) => w.WriteDuration(TimeSpan.FromMilliseconds(-1))));
        Assert.Contains("negative TimeSpan", ex.Message);
    }

    [Fact]
    public void AvroDuration_ToTimeSpanWithMonths_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new AvroDuration(1, 0, 0).ToTimeSpan());

    [Fact]
    public void AvroDuration_RoundTripsTimeSpanOfWholeMilliseconds()
    {
        TimeSpan value = new(400, 23, 59, 59, 999);
        Assert.Equal(value, AvroDuration.FromTimeSpan(value).ToTimeSpan());
    }

    // "Time (millisecond precision)": an int of milliseconds after midnight.
    [Fact]
    public void TimeMillis_IsMillisecondsAfterMidnightAsInt() => Assert.Equal("80897a", Hex((ref AvroWriter w) => w.WriteTimeMillis(new TimeOnly(0, 16, 40)))); // 1e6 ms

    [Fact]
    public void TimeMillis_TruncatesTicks() => Assert.Equal("02", Hex((ref AvroWriter w) => w.WriteTimeMillis(new TimeOnly(9999 + TimeSpan.TicksPerMillisecond))));

    // "Local timestamp": the clock reading counted from 1970-01-01T00:00:00 in the same (unnamed) zone.
    [Fact]
    public void LocalTimestampMillis_IsMillisecondsOfTheClockReading() =>
        Assert.Equal("c6c087d7c163", Hex((ref AvroWriter w) => w.WriteLocalTimestampMillis(new DateTime(2024, 3, 5, 7, 8, 9, 123, DateTimeKind.Unspecified)))); // 1709622489123

    [Fact]
    public void LocalTimestampMicros_IsMicrosecondsOfTheClockReading() =>
        Assert.Equal("80aad09290b98906", Hex((ref AvroWriter w) => w.WriteLocalTimestampMicros(new DateTime(2024, 3, 5, 7, 8, 9, 123, DateTimeKind.Unspecified).AddTicks(4560)))); // 1709622489123456

    [Theory]
    [InlineData(DateTimeKind.Unspecified)]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Local)]
    public void LocalTimestamp_WritesTheClockReadingWhateverTheKind(DateTimeKind kind) =>
        Assert.Equal("c6c087d7c163", Hex((ref AvroWriter w) => w.WriteLocalTimestampMillis(new DateTime(2024, 3, 5, 7, 8, 9, 123, kind))));

    [Fact]
    public void LocalTimestamps_BeforeTheEpoch_TruncateTowardTheEarlierTime()
    {
        DateTime halfMillisecondBefore = new DateTime(1970, 1, 1).AddTicks(-5000);
        Assert.Equal("01", Hex((ref AvroWriter w) => w.WriteLocalTimestampMillis(halfMillisecondBefore))); // -1 ms
        Assert.Equal("01", Hex((ref AvroWriter w) => w.WriteLocalTimestampMicros(new DateTime(1970, 1, 1).AddTicks(-1)))); // -1 µs
    }
}
