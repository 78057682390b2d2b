using System;
using System.Text;
using TypedProducer.Serialization;

namespace TypedProducer.Tests.Serialization;

/// <summary>Byte-exact checks against the Apache Avro 1.11 specification, "Binary Encoding" and "Logical Types".</summary>
public sealed class AvroWriterTests
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

    // The specification's zig-zag table: 0 → 00, -1 → 01, 1 → 02, -2 → 03, 2 → 04, ..., -64 → 7f, 64 → 80 01.
    [Theory]
    [InlineData(0, "00")]
    [InlineData(-1, "01")]
    [InlineData(1, "02")]
    [InlineData(-2, "03")]
    [InlineData(2, "04")]
    [InlineData(-64, "7f")]
    [InlineData(64, "8001")]
    [InlineData(int.MaxValue, "feffffff0f")]
    [InlineData(int.MinValue, "ffffffff0f")]
    public void Int_IsZigZagVarint(int value, string hex) => Assert.Equal(hex, Hex((ref AvroWriter w) => w.WriteInt(value)));

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(64L, "8001")]
    [InlineData(long.MaxValue, "feffffffffffffffff01")]
    [InlineData(long.MinValue, "ffffffffffffffffff01")]
    public void Long_IsZigZagVarint(long value, string hex) => Assert.Equal(hex, Hex((ref AvroWriter w) => w.WriteLong(value)));

    [Fact]
    public void String_IsLengthThenUtf8() // specification example: "foo" → 06 66 6f 6f
        => Assert.Equal("06666f6f", Hex((ref AvroWriter w) => w.WriteString("foo")));

    [Fact]
    public void String_MultiByteUtf8_LengthCountsBytes() => Assert.Equal("0ac3a9e282ac", Hex((ref AvroWriter w) => w.WriteString("é€")));

    [Fact]
    public void String_UnpairedSurrogate_ThrowsArgumentExceptionNamingIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => Hex((ref AvroWriter w) => w.WriteString("ab\uD800c")));
        Assert.Contains("unpaired surrogate U+D800 at index 2", ex.Message);
    }

    [Fact]
    public void Boolean_IsOneByte() => Assert.Equal("0100", Hex((ref AvroWriter w) => { w.WriteBoolean(true); w.WriteBoolean(false); }));

    [Fact]
    public void FloatAndDouble_AreLittleEndianIeee754() =>
        Assert.Equal("0000803f" + "000000000000f03f", Hex((ref AvroWriter w) => { w.WriteFloat(1f); w.WriteDouble(1d); }));

    [Fact]
    public void Bytes_IsLengthThenBytes() => Assert.Equal("06010203", Hex((ref AvroWriter w) => w.WriteBytes(new byte[] { 1, 2, 3 })));

    [Fact]
    public void ArrayOfLongs_SpecificationExample() // [3, 27] → 04 06 36 00
        => Assert.Equal("04063600", Hex((ref AvroWriter w) => { w.WriteBlockCount(2); w.WriteLong(3); w.WriteLong(27); w.WriteBlockCount(0); }));

    [Fact]
    public void UnionNullOrString_SpecificationExample() // ["null","string"]: null → 00; "a" → 02 02 61
        => Assert.Equal("00" + "020261", Hex((ref AvroWriter w) => { w.WriteUnionIndex(0); w.WriteUnionIndex(1); w.WriteString("a"); }));

    [Fact]
    public void ConfluentHeader_IsMagicZeroAndBigEndianId() =>
        Assert.Equal("0000000102", Hex((ref AvroWriter w) => w.WriteConfluentHeader(258)));

    [Fact]
    public void Uuid_IsCanonicalLowerCaseString() =>
        Assert.Equal("48" + Convert.ToHexString(Encoding.ASCII.GetBytes("0f8fad5b-d9cb-469f-a165-70867728950e")).ToLowerInvariant(),
            Hex((ref AvroWriter w) => w.WriteUuid(Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E"))));

    [Fact]
    public void Date_IsDaysSinceEpoch()
    {
        Assert.Equal("00", Hex((ref AvroWriter w) => w.WriteDate(new DateOnly(1970, 1, 1))));
        Assert.Equal("01", Hex((ref AvroWriter w) => w.WriteDate(new DateOnly(1969, 12, 31))));
        Assert.Equal("96b502", Hex((ref AvroWriter w) => w.WriteDate(new DateOnly(2024, 3, 5)))); // 19787 days
    }

    [Fact]
    public void TimestampMillis_IsMillisecondsSinceEpoch() =>
        Assert.Equal("9697c8bec163", Hex((ref AvroWriter w) => w.WriteTimestampMillis(DateTimeOffset.Parse("2024-03-05T00:00:04.555Z")))); // 1709596804555

    [Fact]
    public void TimestampMicros_TruncatesTowardEarlierInstant()
    {
        // 1 tick (100 ns) before the epoch is -1 µs after truncation toward the earlier instant, not 0.
        Assert.Equal("01", Hex((ref AvroWriter w) => w.WriteTimestampMicros(DateTimeOffset.UnixEpoch.AddTicks(-1))));
        Assert.Equal("02", Hex((ref AvroWriter w) => w.WriteTimestampMicros(DateTimeOffset.UnixEpoch.AddTicks(19))));
    }

    [Fact]
    public void DateTimeUnspecifiedKind_ThrowsNamingValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => Hex((ref AvroWriter w) => w.WriteTimestampMillis(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Unspecified))));
        Assert.Contains("2024-03-05T00:00:00.0000000", ex.Message);
        Assert.Contains("Unspecified", ex.Message);
    }

    [Fact]
    public void DateTimeUtcAndLocal_WriteTheSameInstant()
    {
        var utc = new DateTime(2024, 3, 5, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(Hex((ref AvroWriter w) => w.WriteTimestampMillis(utc)), Hex((ref AvroWriter w) => w.WriteTimestampMillis(utc.ToLocalTime())));
    }

    [Fact]
    public void TimeMicros_IsMicrosecondsAfterMidnight() => Assert.Equal("80a8d6b907", Hex((ref AvroWriter w) => w.WriteTimeMicros(new TimeOnly(0, 16, 40)))); // 1e9 µs

    // Decimal: the unscaled value as minimal two's-complement big-endian bytes, written as Avro bytes.
    [Theory]
    [InlineData("1.23", 5, 2, "027b")] // 123
    [InlineData("-1.23", 5, 2, "0285")] // -123
    [InlineData("1.28", 5, 2, "040080")] // 128 needs a sign byte
    [InlineData("-1.29", 5, 2, "04ff7f")] // -129
    [InlineData("0", 5, 2, "0200")]
    [InlineData("-0.01", 5, 2, "02ff")]
    [InlineData("5", 5, 2, "0401f4")] // 500: scale raised from 0 to 2
    [InlineData("79228162514264337593543950335", 38, 0, "1a00ffffffffffffffffffffffff")] // decimal.MaxValue
    public void Decimal_IsUnscaledTwosComplementBigEndian(string value, int precision, int scale, string hex) =>
        Assert.Equal(hex, Hex((ref AvroWriter w) => w.WriteDecimal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), precision, scale)));

    [Fact]
    public void Decimal_MoreFractionalDigitsThanScale_ThrowsInsteadOfRounding()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Hex((ref AvroWriter w) => w.WriteDecimal(1.234m, 5, 2)));
        Assert.Contains("1.234", ex.Message);
        Assert.Contains("scale is 2", ex.Message);
    }

    [Fact]
    public void Decimal_TrailingZerosBeyondScale_AreNotRounding() => Assert.Equal("027b", Hex((ref AvroWriter w) => w.WriteDecimal(1.2300m, 5, 2)));

    [Fact]
    public void Decimal_MoreDigitsThanPrecision_ThrowsNamingValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Hex((ref AvroWriter w) => w.WriteDecimal(1000m, 5, 2)));
        Assert.Contains("1000", ex.Message);
        Assert.Contains("more than 5 digits", ex.Message);
    }

    [Fact]
    public void Writer_GrowsBeyondInitialCapacity()
    {
        string big = new('x', 100_000);
        string hex = Hex((ref AvroWriter w) => w.WriteString(big));
        Assert.Equal((3 + 100_000) * 2, hex.Length); // 100000 → 3-byte varint
    }
}
