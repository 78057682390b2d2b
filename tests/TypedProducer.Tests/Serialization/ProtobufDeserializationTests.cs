using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using TypedProducer.SchemaRegistry;
using TypedProducer.Serialization;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Interop;
using Pb = Interop.Every;

namespace TypedProducer.Tests.Serialization;

/// <summary>
/// The generated deserializers of plain <c>[ProtoField]</c> contracts against the Protocol Buffers encoding
/// (protobuf.dev, "Encoding"): what the generated writer writes reads back; unknown fields of every wire type are skipped;
/// packed and unpacked repeated fields read alike; a wrong message index, truncated or malformed input fail with the
/// named exceptions. Bytes the writer never produces are built with Google.Protobuf's <see cref="CodedOutputStream"/>.
/// </summary>
public sealed class ProtobufDeserializationTests
{
    private const int SchemaId = 7;

    private static MessageValueReader<T> ReaderOf<T>(MessageContract<T> contract) => contract.CreateValueReader(WriterSchema.Of(contract, SchemaId));

    private static byte[] Framed(byte[] body) => [0, 0, 0, 0, SchemaId, 0, .. body];

    private static byte[] Body(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }

    [Fact]
    public void EveryProtoType_ReadsBackToTheSameBytes()
    {
        MessageValueReader<EveryProtoType> reader = ReaderOf(EveryProtoTypeKafkaContract.Instance);
        Assert.True(reader.IsContractSchema);
        foreach (EveryProtoType sample in ProtobufInteropTests.Samples())
        {
            byte[] written = EveryProtoTypeKafkaContract.Instance.SerializeValue(sample, SchemaId);

            EveryProtoType read = reader.Read(written);

            Assert.Equal(written, EveryProtoTypeKafkaContract.Instance.SerializeValue(read, SchemaId));
            Assert.Equal(sample.Id, read.Id);
            Assert.Equal(sample.At, read.At);
            Assert.Equal(TimeSpan.Zero, read.At.Offset);
            Assert.Equal(DateTimeKind.Utc, read.AtUtc.Kind);
            Assert.Equal(sample.Tags, read.Tags);
            Assert.Equal(sample.Numbers, read.Numbers);
            Assert.Equal(sample.Priorities, read.Priorities);
            Assert.Equal(sample.Amount, read.Amount);
            Assert.Equal(sample.Amount.Scale, read.Amount.Scale);
            Assert.Equal(sample.MaybeInt, read.MaybeInt);
            Assert.Equal(sample.MaybePriority, read.MaybePriority);
            Assert.Equal(sample.Work, read.Work);
            Assert.Equal(sample.Tree?.Children.Count, read.Tree?.Children.Count);
            Assert.Equal(sample.Labels ?? new Dictionary<string, string>(), read.Labels);
        }
    }

    [Fact]
    public void EmptyMessage_ReadsAsProto3Defaults()
    {
        EveryProtoType read = ReaderOf(EveryProtoTypeKafkaContract.Instance).Read(Framed([]));

        Assert.Equal(("", 0, 0L, false), (read.Id, read.Int, read.Long, read.Flag));
        Assert.Empty(read.Bytes);
        Assert.Equal(DateTimeOffset.UnixEpoch, read.At); // an absent Timestamp is the empty message: seconds 0, nanos 0
        Assert.Equal(new ProtoAddress("", null), read.Home); // an absent message is the empty message
        Assert.Null(read.Work);
        Assert.Null(read.MaybeInt);
        Assert.Empty(read.Numbers);
        Assert.Empty(read.Counters);
        Assert.Equal((Level)0, read.Level);
    }

    [Fact]
    public void NewerWriter_FieldsOfEveryWireTypeTheReaderLacks_AreSkipped()
    {
        var v2 = new ProtoItemV2("item-1", long.MinValue, Math.E, 2.5f, 42, new ProtoAddress("Main", 3), [1, -2, 300], new() { ["k"] = "v" }, "far away");
        byte[] written = ProtoItemV2KafkaContract.Instance.SerializeValue(v2, SchemaId);

        MessageValueReader<ProtoItemV1> reader = ProtoItemV1KafkaContract.Instance.CreateValueReader(new WriterSchema(SchemaId, SchemaType.Protobuf, ProtoItemV2KafkaContract.ProtobufSchema));

        Assert.False(reader.IsContractSchema);
        Assert.Equal(new ProtoItemV1("item-1", 42), reader.Read(written));
    }

    [Fact]
    public void OlderWriter_FieldsTheWriterLacks_ReadAsProto3Defaults()
    {
        byte[] written = ProtoItemV1KafkaContract.Instance.SerializeValue(new ProtoItemV1("item-1", 42), SchemaId);

        ProtoItemV2 read = ProtoItemV2KafkaContract.Instance.CreateValueReader(new WriterSchema(SchemaId, SchemaType.Protobuf, ProtoItemV1KafkaContract.ProtobufSchema)).Read(written);

        Assert.Equal(("item-1", 42, 0L, 0.0, 0f, ""), (read.Id, read.Count, read.Big, read.Ratio, read.Weight, read.Far));
        Assert.Equal(new ProtoAddress("", null), read.Where);
        Assert.Empty(read.Codes);
        Assert.Empty(read.Notes);
    }

    [Fact]
    public void UnknownGroupAndKnownFieldWithAnotherWireType_AreSkipped()
    {
        byte[] body = Body(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("item-1");
            o.WriteTag(9, WireFormat.WireType.StartGroup); // a proto2 group, with a nested group inside
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt32(5);
            o.WriteTag(2, WireFormat.WireType.StartGroup);
            o.WriteTag(2, WireFormat.WireType.EndGroup);
            o.WriteTag(9, WireFormat.WireType.EndGroup);
            o.WriteTag(5, WireFormat.WireType.Fixed32); // field 5 is a varint in the contract: treated as unknown
            o.WriteFixed32(99);
            o.WriteTag(5, WireFormat.WireType.Varint);
            o.WriteInt32(42);
        });

        Assert.Equal(new ProtoItemV1("item-1", 42), ReaderOf(ProtoItemV1KafkaContract.Instance).Read(Framed(body)));
    }

    [Fact]
    public void PackedAndUnpackedRepeatedFields_ReadAlikeAndConcatenate()
    {
        // Numbers (32, int32), Priorities (37, enum), Samples (38, double), Switches (46, bool): the first half of each
        // list unpacked (one tag per element), the second half packed, as "Packed Repeated Fields" requires parsers to accept.
        byte[] body = Body(o =>
        {
            foreach (int n in new[] { 1, -1 })
            {
                o.WriteTag(32, WireFormat.WireType.Varint);
                o.WriteInt32(n);
            }

            o.WriteTag(37, WireFormat.WireType.Varint);
            o.WriteEnum(2);
            o.WriteTag(38, WireFormat.WireType.Fixed64);
            o.WriteDouble(0.5);
            o.WriteTag(46, WireFormat.WireType.Varint);
            o.WriteBool(true);

            o.WriteTag(32, WireFormat.WireType.LengthDelimited);
            o.WriteLength(CodedOutputStream.ComputeInt32Size(int.MaxValue) + CodedOutputStream.ComputeInt32Size(int.MinValue));
            o.WriteInt32(int.MaxValue);
            o.WriteInt32(int.MinValue);
            o.WriteTag(37, WireFormat.WireType.LengthDelimited);
            o.WriteLength(2);
            o.WriteEnum(0);
            o.WriteEnum(7);
            o.WriteTag(38, WireFormat.WireType.LengthDelimited);
            o.WriteLength(8);
            o.WriteDouble(-2);
            o.WriteTag(46, WireFormat.WireType.LengthDelimited);
            o.WriteLength(2);
            o.WriteBool(false);
            o.WriteBool(true);
        });

        EveryProtoType read = ReaderOf(EveryProtoTypeKafkaContract.Instance).Read(Framed(body));

        Assert.Equal([1, -1, int.MaxValue, int.MinValue], read.Numbers);
        Assert.Equal([Priority.High, Priority.Low, (Priority)7], read.Priorities);
        Assert.Equal([0.5, -2.0], read.Samples);
        Assert.Equal([true, false, true], read.Switches);
    }

    [Fact]
    public void MapEntriesWithMissingKeyOrValueAndRepeatedKeys_ReadAsTheSpecificationSays()
    {
        // "Maps": a missing key or value is its default; a key seen twice keeps its last value.
        byte[] body = Body(o =>
        {
            o.WriteTag(35, WireFormat.WireType.LengthDelimited);
            o.WriteLength(2);
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt64(5); // no key: ""
            o.WriteTag(35, WireFormat.WireType.LengthDelimited);
            o.WriteLength(3);
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("a"); // no value: 0
            o.WriteTag(35, WireFormat.WireType.LengthDelimited);
            o.WriteLength(5);
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("a");
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt64(9);
            o.WriteTag(36, WireFormat.WireType.LengthDelimited);
            o.WriteLength(2);
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt32(4); // no value: the empty ProtoAddress
        });

        EveryProtoType read = ReaderOf(EveryProtoTypeKafkaContract.Instance).Read(Framed(body));

        Assert.Equal(new Dictionary<string, long> { [""] = 5, ["a"] = 9 }, read.Counters);
        Assert.Equal(new Dictionary<int, ProtoAddress> { [4] = new("", null) }, read.AddressesById);
    }

    [Fact]
    public void WrongMessageIndex_ThrowsSchemaResolutionExceptionNamingBothIndexes()
    {
        byte[] written = EveryProtoTypeKafkaContract.Instance.SerializeValue(new EveryProtoType { Id = "x" }, SchemaId);
        byte[] second = [.. written[..5], 2, 2, .. written[6..]]; // message index [1]: the file's second message

        var ex = Assert.Throws<SchemaResolutionException>(() => ReaderOf(EveryProtoTypeKafkaContract.Instance).Read(second));

        Assert.Contains("[1]", ex.Message);
        Assert.Contains("[0]", ex.Message);
    }

    [Fact]
    public void TruncatedValue_ThrowsDeserializationExceptionNamingTheFieldAndSchemaId()
    {
        byte[] written = Framed(Body(o =>
        {
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteInt32(5);
            o.WriteTag(10, WireFormat.WireType.LengthDelimited);
            o.WriteString("a string of some length");
        }));

        var ex = Assert.Throws<MessageDeserializationException>(() => ReaderOf(EveryProtoTypeKafkaContract.Instance).Read(written[..^3]));

        Assert.Equal("EveryProtoType.Text", ex.MemberPath);
        Assert.StartsWith("field 10: ", ex.Reason);
        Assert.Equal(SchemaId, ex.SchemaId);
    }

    [Fact]
    public void EveryPrefixOfAValue_ReadsOrThrowsMessageDeserializationException()
    {
        // A cut at a field boundary is a shorter valid message; anywhere else the reader must fail with the named
        // exception, never an IndexOutOfRangeException or a partial value.
        MessageValueReader<EveryProtoType> reader = ReaderOf(EveryProtoTypeKafkaContract.Instance);
        byte[] written = EveryProtoTypeKafkaContract.Instance.SerializeValue(ProtobufInteropTests.Samples()[0], SchemaId);
        int failures = 0;
        for (int length = 6; length < written.Length; length++)
        {
            try
            {
                reader.Read(written.AsSpan(0, length));
            }
            catch (MessageDeserializationException ex)
            {
                Assert.StartsWith("EveryProtoType", ex.MemberPath);
                failures++;
            }
        }

        Assert.True(failures > (written.Length - 6) / 2, $"{failures} of {written.Length - 6} prefixes failed");
    }

    [Theory]
    [InlineData("invalid UTF-8", "EveryProtoType.Text", "not valid UTF-8")]
    [InlineData("short overflow", "EveryProtoType.Short", "field 40")]
    [InlineData("not a GUID", "EveryProtoType.Uuid", "\"D\" form")]
    [InlineData("nanos out of range", "EveryProtoType.At", "nanos")]
    [InlineData("invalid date", "EveryProtoType.Day", "google.type.Date")]
    [InlineData("undefined wire type", "EveryProtoType", "Wire type 7")]
    [InlineData("field number 0", "EveryProtoType", "Invalid tag")]
    [InlineData("nested invalid UTF-8", "ProtoAddress.Street", "not valid UTF-8")]
    [InlineData("packed run ends inside a value", "EveryProtoType.Numbers", "truncated")]
    public void MalformedValue_ThrowsDeserializationExceptionNamingTheMember(string problem, string memberPath, string reason)
    {
        byte[] body = Body(o =>
        {
            switch (problem)
            {
                case "invalid UTF-8":
                    o.WriteTag(10, WireFormat.WireType.LengthDelimited);
                    o.WriteBytes(ByteString.CopyFrom(0xC3, 0x28));
                    break;
                case "short overflow":
                    o.WriteTag(40, WireFormat.WireType.Varint);
                    o.WriteInt32(70_000);
                    break;
                case "not a GUID":
                    o.WriteTag(11, WireFormat.WireType.LengthDelimited);
                    o.WriteString("0f8fad5b");
                    break;
                case "nanos out of range":
                    o.WriteTag(12, WireFormat.WireType.LengthDelimited);
                    o.WriteMessage(new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 1, Nanos = -1 });
                    break;
                case "invalid date":
                    o.WriteTag(15, WireFormat.WireType.LengthDelimited);
                    o.WriteMessage(new Google.Type.Date { Year = 2023, Month = 2, Day = 29 });
                    break;
                case "undefined wire type":
                    o.WriteRawTag(0x9F, 0x06); // field 99 (not in the contract), wire type 7
                    break;
                case "field number 0":
                    o.WriteRawTag(0x00);
                    break;
                case "nested invalid UTF-8":
                    o.WriteTag(30, WireFormat.WireType.LengthDelimited);
                    o.WriteLength(3);
                    o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    o.WriteBytes(ByteString.CopyFrom(0xFF));
                    break;
                case "packed run ends inside a value":
                    o.WriteTag(32, WireFormat.WireType.LengthDelimited);
                    o.WriteLength(1);
                    o.WriteRawTag(0x80, 0x01); // a two-byte varint, of which the run holds one byte
                    break;
            }
        });

        var ex = Assert.Throws<MessageDeserializationException>(() => ReaderOf(EveryProtoTypeKafkaContract.Instance).Read(Framed(body)));

        Assert.Equal(memberPath, ex.MemberPath);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void TreeNestedDeeperThanTheRecursionLimit_ThrowsInsteadOfOverflowingTheStack()
    {
        var node = new Pb.ProtoTreeNode { Label = "leaf" };
        for (int i = 0; i < ProtobufReader.MaxRecursionDepth + 5; i++)
        {
            var parent = new Pb.ProtoTreeNode { Label = "n" };
            parent.Children.Add(node);
            node = parent;
        }

        byte[] body = new Pb.EveryProtoType { Tree = node }.ToByteArray();

        var ex = Assert.Throws<MessageDeserializationException>(() => ReaderOf(EveryProtoTypeKafkaContract.Instance).Read(Framed(body)));
        Assert.Contains("nest more than 100", ex.Message);
    }

    [Fact]
    public void HeaderMembers_AreLeftOutOfTheValueAndReadBackFromTheHeaders()
    {
        var parcel = new ProtoParcelScanned("p-1", 1200, "dock-4", 3);
        byte[] value = ProtoParcelScannedKafkaContract.Instance.SerializeValue(parcel, SchemaId);
        Headers headers = ProtoParcelScannedKafkaContract.Instance.WriteHeaders(parcel, null)!;

        ProtoParcelScanned fromValue = ReaderOf(ProtoParcelScannedKafkaContract.Instance).Read(value);
        ProtoParcelScanned read = ProtoParcelScannedKafkaContract.Instance.ReadHeaders(fromValue, headers);

        Assert.Equal(("p-1", 1200, null, 0), (fromValue.ParcelId, fromValue.WeightGrams, fromValue.Scanner, fromValue.Attempt));
        Assert.Equal(parcel, read);
        Assert.Equal(Encoding.UTF8.GetBytes("dock-4"), headers.GetLastBytes("scanner"));
    }
}
