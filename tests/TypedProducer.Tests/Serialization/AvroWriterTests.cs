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

    // WriteString encodes in one pass after room for the longest possible length prefix and moves the bytes
    // back when the real prefix is shorter; strings over 4096 chars are counted first. Every length and
    // prefix size must give exactly the bytes of an independent encoder.
    [Theory]
    [InlineData('a')] // 1 byte per char
    [InlineData('\u00e9')] // 2 bytes
    [InlineData('\u20ac')] // 3 bytes
    public void String_EveryLengthUpTo300AndPastTheSinglePassLimit_MatchesReferenceUtf8(char c)
    {
        foreach (int length in Enumerable.Range(0, 301).Concat([4095, 4096, 4097, 10_000]))
        {
            string value = new(c, length);
            Assert.Equal(ReferenceString(value), Hex((ref AvroWriter w) => w.WriteString(value)));
        }
    }

    [Fact]
    public void String_SurrogatePairsAndMixedText_MatchReferenceUtf8()
    {
        foreach (string value in new[] { "\U0001F6B2", "W 82 St & Central Park West \U0001F6B2\u00e9\u20ac", new string('x', 21) + "\U0001F6B2", string.Concat(Enumerable.Repeat("a\u00e9\U0001F6B2", 2000)) })
        {
            Assert.Equal(ReferenceString(value), Hex((ref AvroWriter w) => w.WriteString(value)));
        }
    }

    [Fact]
    public void String_UnpairedSurrogate_NamesCodeUnitAndIndex()
    {
        // Built in code: attribute arguments are stored as UTF-8 and would turn the surrogates into U+FFFD.
        foreach ((string value, int index, string codeUnit) in new[]
        {
            ("\uDC00", 0, "DC00"), // lone low surrogate
            ("abc\uD83D", 3, "D83D"), // high surrogate at the end
            ("a\uD83Db", 1, "D83D"), // high surrogate followed by a non-surrogate
            (new string('x', 30) + "\uDFFF\uD800", 30, "DFFF"), // low before high is not a pair
        })
        {
            var ex = Assert.Throws<ArgumentException>(() => Hex((ref AvroWriter w) => w.WriteString(value)));
            Assert.Contains($"unpaired surrogate U+{codeUnit} at index {index}", ex.Message);
        }
    }

    [Fact]
    public void String_LongerThanSinglePassLimitWithUnpairedSurrogate_NamesIndex()
    {
        string value = new string('x', 5000) + "\uD800";
        var ex = Assert.Throws<ArgumentException>(() => Hex((ref AvroWriter w) => w.WriteString(value)));
        Assert.Contains("unpaired surrogate U+D800 at index 5000", ex.Message);
    }

    [Fact]
    public void String_AfterAFailedWrite_WriterStillWritesCorrectly()
    {
        var writer = new AvroWriter(16);
        try
        {
            writer.WriteInt(1);
            bool threw = false;
            try
            {
                writer.WriteString("b\uD800ad".PadRight(40, 'x'));
            }
            catch (ArgumentException)
            {
                threw = true;
            }

            Assert.True(threw);
            writer.WriteString("ok");
            Assert.Equal("02" + "046f6b", Convert.ToHexString(writer.WrittenSpan).ToLowerInvariant());
        }
        finally
        {
            writer.Dispose();
        }
    }

    // Decimals of up to 18 digits take a long-only path; the rest take the Int128 path. Both must give the
    // unscaled value's minimal big-endian two's complement, checked against System.Numerics.BigInteger.
    [Fact]
    public void Decimal_RandomValuesAtEveryPrecisionAndScale_MatchBigIntegerReference()
    {
        var random = new Random(20240305);
        int checkedValues = 0;
        for (int precision = 1; precision <= 28; precision++)
        {
            for (int scale = 0; scale <= precision; scale++)
            {
                for (int i = 0; i < 40; i++)
                {
                    // A value with valueScale fractional digits whose unscaled form at the field's scale has at most
                    // `precision` digits: digits(mantissa) + (scale - valueScale) <= precision.
                    int valueScale = random.Next(Math.Max(0, scale - precision + 1), scale + 1);
                    int digits = random.Next(1, precision - (scale - valueScale) + 1);
                    decimal mantissa = 0;
                    for (int d = 0; d < digits; d++)
                    {
                        mantissa = (mantissa * 10) + random.Next(10);
                    }

                    int[] bits = decimal.GetBits(mantissa);
                    decimal value = new(bits[0], bits[1], bits[2], random.Next(2) == 0, (byte)valueScale);
                    Assert.Equal(ReferenceDecimal(value, scale), Hex((ref AvroWriter w) => w.WriteDecimal(value, precision, scale)));
                    checkedValues++;
                }
            }
        }

        Assert.True(checkedValues > 10_000);
    }

    [Theory]
    [InlineData("999999999999999999", 18, 0)] // largest 18-digit value: fast path
    [InlineData("-999999999999999999", 18, 0)]
    [InlineData("9999999999999999.99", 18, 2)]
    [InlineData("9223372036854775807", 19, 0)] // long.MaxValue: general path
    [InlineData("-9223372036854775808", 19, 0)]
    [InlineData("18446744073709551615", 20, 0)] // ulong.MaxValue
    [InlineData("18446744073709551616", 20, 0)] // 2^64: needs the decimal's high word
    public void Decimal_AtTheFastPathBoundary_MatchesBigIntegerReference(string text, int precision, int scale)
    {
        decimal value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(ReferenceDecimal(value, scale), Hex((ref AvroWriter w) => w.WriteDecimal(value, precision, scale)));
    }

    [Fact]
    public void Decimal_OneDigitTooManyAtPrecision18_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Hex((ref AvroWriter w) => w.WriteDecimal(1_000_000_000_000_000_000m, 18, 0)));
        Assert.Contains("more than 18 digits", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => Hex((ref AvroWriter w) => w.WriteDecimal(10_000_000_000_000_000m, 18, 2)));
        Assert.Contains("more than 18 digits", ex.Message);
    }

    // Avro string by an independent path: zig-zag varint of the UTF-8 byte count (Encoding.UTF8), then the bytes.
    private static string ReferenceString(string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        return Convert.ToHexString(ZigZagVarint(utf8.Length)).ToLowerInvariant() + Convert.ToHexString(utf8).ToLowerInvariant();
    }

    // Avro decimal by an independent path: the decimal's digits as a BigInteger (ToString keeps its scale),
    // raised to the field's scale, as minimal big-endian two's complement.
    private static string ReferenceDecimal(decimal value, int scale)
    {
        System.Numerics.BigInteger unscaled = System.Numerics.BigInteger.Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)
            * System.Numerics.BigInteger.Pow(10, scale - value.Scale);
        byte[] bytes = unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
        return Convert.ToHexString(ZigZagVarint(bytes.Length)).ToLowerInvariant() + Convert.ToHexString(bytes).ToLowerInvariant();
    }

    private static byte[] ZigZagVarint(long value)
    {
        ulong n = (ulong)((value << 1) ^ (value >> 63));
        var bytes = new System.Collections.Generic.List<byte>();
        while (n >= 0x80)
        {
            bytes.Add((byte)(n | 0x80));
            n >>= 7;
        }

        bytes.Add((byte)n);
        return bytes.ToArray();
    }
}
