using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using TypedProducer.Serialization;

namespace TypedProducer.Tests.Serialization;

/// <summary>Byte-exact checks against the Protocol Buffers encoding (protobuf.dev, "Encoding") and the well-known types.</summary>
public sealed class ProtobufWriterTests
{
    private delegate void Write(ref ProtobufWriter writer);

    private static string Hex(Write write)
    {
        var writer = new ProtobufWriter(16);
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

    // protobuf.dev "Encoding": 150 is 96 01; int32 -1 is sign-extended to ten bytes (not zig-zag).
    [Theory]
    [InlineData(0, "00")]
    [InlineData(1, "01")]
    [InlineData(150, "9601")]
    [InlineData(-1, "ffffffffffffffffff01")]
    [InlineData(int.MinValue, "80808080f8ffffffff01")]
    public void Int32_IsTwosComplementVarint(int value, string hex) => Assert.Equal(hex, Hex((ref ProtobufWriter w) => w.WriteInt32(value)));

    [Theory]
    [InlineData(-1, "01")]
    [InlineData(1, "02")]
    [InlineData(-2, "03")]
    public void SInt32_IsZigZag(int value, string hex) => Assert.Equal(hex, Hex((ref ProtobufWriter w) => w.WriteSInt32(value)));

    [Fact]
    public void String_IsLengthThenUtf8() => Assert.Equal("0774657374696e67", Hex((ref ProtobufWriter w) => w.WriteString("testing")));

    [Fact]
    public void String_WithUnpairedSurrogate_Throws()
    {
        Assert.Throws<ArgumentException>(() => Hex((ref ProtobufWriter w) => w.WriteString("a\ud800")));
    }

    [Fact]
    public void Double_IsLittleEndianFixed64() => Assert.Equal("000000000000f83f", Hex((ref ProtobufWriter w) => w.WriteDouble(1.5)));

    [Fact]
    public void LengthDelimited_ShortBody_UsesTheReservedByte() =>
        Assert.Equal("0408960100", Hex((ref ProtobufWriter w) =>
        {
            int start = w.BeginLengthDelimited();
            w.WriteRawTag(0x08);
            w.WriteInt32(150);
            w.WriteBool(false);
            w.EndLengthDelimited(start);
        }));

    [Fact]
    public void LengthDelimited_BodyOf300Bytes_MovesBodyBehindTwoByteLength()
    {
        string hex = Hex((ref ProtobufWriter w) =>
        {
            w.WriteRawTag(0x0A);
            int start = w.BeginLengthDelimited();
            for (int i = 0; i < 300; i++)
            {
                w.WriteRawTag((byte)(i % 128));
            }

            w.EndLengthDelimited(start);
            w.WriteRawTag(0xEE);
        });

        // tag, varint 300 = ac 02, the body intact, then what followed.
        Assert.StartsWith("0aac02000102", hex);
        Assert.EndsWith("292a2bee", hex); // body bytes 297..299 (i % 128), then what followed
        Assert.Equal((1 + 2 + 300 + 1) * 2, hex.Length);
    }

    /// <summary>A message as Google.Protobuf writes it, with the length prefix a length-delimited field carries.</summary>
    private static string LengthPrefixed(IMessage message)
    {
        byte[] body = message.ToByteArray();
        var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteLength(body.Length);
        output.Flush();
        stream.Write(body);
        return Convert.ToHexString(stream.ToArray()).ToLowerInvariant();
    }

    // google/protobuf/timestamp.proto: nanos is never negative; an instant before the epoch has seconds rounded down.
    // Google.Protobuf's own Timestamp is the reference encoding.
    [Theory]
    [InlineData(0L)] // the epoch: both fields at their default, an empty message
    [InlineData(1L)] // 100 ns
    [InlineData(-1L)] // 100 ns before the epoch: seconds = -1, nanos = 999,999,900
    [InlineData(10_000_000L)]
    [InlineData(-621355968000000000L)] // 0001-01-01
    [InlineData(2534023007999999999L)] // 9999-12-31T23:59:59.9999999, the last instant both can hold
    public void Timestamp_EqualsGoogleProtobufTimestamp(long ticksFromEpoch)
    {
        DateTimeOffset instant = DateTimeOffset.UnixEpoch.AddTicks(ticksFromEpoch);
        Assert.Equal(LengthPrefixed(Timestamp.FromDateTimeOffset(instant)), Hex((ref ProtobufWriter w) => w.WriteTimestamp(instant)));
    }

    [Fact]
    public void Timestamp_UnspecifiedDateTime_Throws()
    {
        Assert.Throws<ArgumentException>(() => Hex((ref ProtobufWriter w) => w.WriteTimestamp(new DateTime(2024, 3, 5))));
    }

    // google/protobuf/duration.proto: seconds and nanos carry the same sign.
    [Theory]
    [InlineData(0L)]
    [InlineData(-18_600_000L)] // -1.86 s
    [InlineData(18_600_001L)]
    [InlineData(-1L)]
    public void Duration_EqualsGoogleProtobufDuration(long ticks)
    {
        TimeSpan span = TimeSpan.FromTicks(ticks);
        Assert.Equal(LengthPrefixed(Duration.FromTimeSpan(span)), Hex((ref ProtobufWriter w) => w.WriteDuration(span)));
    }

    [Fact]
    public void Duration_BeyondTenThousandYears_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hex((ref ProtobufWriter w) => w.WriteDuration(TimeSpan.MaxValue)));
    }

    [Fact]
    public void Decimal_IsGoogleTypeDecimalStringWithScaleKept() =>
        Assert.Equal(LengthPrefixed(new Google.Type.Decimal { Value = "-12.30" }), Hex((ref ProtobufWriter w) => w.WriteDecimal(-12.30m)));

    [Fact]
    public void Date_IsGoogleTypeDate() =>
        Assert.Equal(LengthPrefixed(new Google.Type.Date { Year = 2024, Month = 3, Day = 5 }), Hex((ref ProtobufWriter w) => w.WriteDate(new DateOnly(2024, 3, 5))));

    [Fact]
    public void TimeOfDay_IsGoogleTypeTimeOfDay() =>
        Assert.Equal(
            LengthPrefixed(new Google.Type.TimeOfDay { Hours = 23, Minutes = 59, Seconds = 58, Nanos = 999_999_900 }),
            Hex((ref ProtobufWriter w) => w.WriteTimeOfDay(new TimeOnly(23, 59, 58).Add(TimeSpan.FromTicks(9_999_999)))));

    [Fact]
    public void Wrappers_EqualGoogleProtobufWrappers()
    {
        Assert.Equal(LengthPrefixed(new Int32Value { Value = 0 }), Hex((ref ProtobufWriter w) => w.WriteInt32Value(0)));
        Assert.Equal(LengthPrefixed(new Int32Value { Value = -5 }), Hex((ref ProtobufWriter w) => w.WriteInt32Value(-5)));
        Assert.Equal(LengthPrefixed(new Int64Value { Value = long.MinValue }), Hex((ref ProtobufWriter w) => w.WriteInt64Value(long.MinValue)));
        Assert.Equal(LengthPrefixed(new UInt32Value { Value = uint.MaxValue }), Hex((ref ProtobufWriter w) => w.WriteUInt32Value(uint.MaxValue)));
        Assert.Equal(LengthPrefixed(new UInt64Value { Value = ulong.MaxValue }), Hex((ref ProtobufWriter w) => w.WriteUInt64Value(ulong.MaxValue)));
        Assert.Equal(LengthPrefixed(new BoolValue { Value = true }), Hex((ref ProtobufWriter w) => w.WriteBoolValue(true)));
        Assert.Equal(LengthPrefixed(new StringValue { Value = "" }), Hex((ref ProtobufWriter w) => w.WriteStringValue("")));
        Assert.Equal(LengthPrefixed(new StringValue { Value = "é€" }), Hex((ref ProtobufWriter w) => w.WriteStringValue("é€")));
        Assert.Equal(LengthPrefixed(new BytesValue { Value = ByteString.CopyFrom(1, 2, 3) }), Hex((ref ProtobufWriter w) => w.WriteBytesValue(new byte[] { 1, 2, 3 })));
        Assert.Equal(LengthPrefixed(new DoubleValue { Value = 1.5 }), Hex((ref ProtobufWriter w) => w.WriteDoubleValue(1.5)));
        Assert.Equal(LengthPrefixed(new FloatValue { Value = -2.5f }), Hex((ref ProtobufWriter w) => w.WriteFloatValue(-2.5f)));
        Assert.Equal("00", Hex((ref ProtobufWriter w) => w.WriteDoubleValue(0.0)));
        Assert.Equal("09090000000000000080", Hex((ref ProtobufWriter w) => w.WriteDoubleValue(-0.0))); // -0.0 is not the default: written
    }

    [Fact]
    public void GuidValue_IsStringValueOfDForm() =>
        Assert.Equal(LengthPrefixed(new StringValue { Value = "0f8fad5b-d9cb-469f-a165-70867728950e" }),
            Hex((ref ProtobufWriter w) => w.WriteGuidValue(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"))));

    [Fact]
    public void RecursiveMessages_DeeperThanParsersAccept_Throw() =>
        Assert.Throws<MessageSerializationException>(() => Hex((ref ProtobufWriter w) =>
        {
            for (int i = 0; i <= ProtobufWriter.MaxRecursionDepth; i++)
            {
                w.EnterRecursiveMessage("Node");
            }
        }));
}
