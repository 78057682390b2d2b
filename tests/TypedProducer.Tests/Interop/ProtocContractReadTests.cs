using System.Buffers.Binary;
using CsCheck;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using TypedProducer.Tests.Contracts.Orders;
using TypedProducer.Tests.Interop.ConfluentExample;
using TypedProducer.Tests.Serialization;

namespace TypedProducer.Tests.Interop;

/// <summary>
/// Protoc-generated message contracts (Google.Protobuf <c>IMessage&lt;T&gt;</c>: <see cref="OrderPlaced"/>, message
/// indexes [1]; <see cref="MessageA"/>, [0]) read back, for 10,000 random messages each: protoc's own
/// <c>Parser</c> parses what the generated serializer writes once the Confluent framing is taken off by this test's own
/// reading of the wire format (Confluent Schema Registry documentation, "Wire format": magic byte 0, 4-byte big-endian
/// schema id, the message-index array as zig-zag varints, count first, with [0] written as the single byte 0), the
/// indexes being the message's path in its .proto (protoc's descriptor); and the generated deserializer
/// (<c>CreateValueReader</c>) gives back a message equal to the one written.
/// </summary>
public sealed class ProtocContractReadTests
{
    private const int Cases = 10_000;
    private const int SchemaId = 0x00ABCDEF;

    private static readonly Gen<string> s_text = RoundTripPropertyTests.s_text;

    private static readonly Gen<Money> s_money = Gen.Select(s_text, Gen.Long, Gen.Int[-999_999_999, 999_999_999], (currency, units, nanos) => new Money { Currency = currency, Units = units, Nanos = nanos });

    // Timestamp's valid range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
    private static readonly Gen<Timestamp> s_timestamp = Gen.Select(Gen.Long[-62_135_596_800L, 253_402_300_799L], Gen.Int[0, 999_999_999], (seconds, nanos) => new Timestamp { Seconds = seconds, Nanos = nanos });

    private static readonly Gen<OrderPlaced> s_order = Gen.Select(
        s_text,
        s_text,
        Gen.Select(s_text, Gen.Int, s_money.Null(), (sku, quantity, price) => new OrderPlaced.Types.Line { Sku = sku, Quantity = quantity, Price = price }).Array[0, 4],
        s_timestamp.Null(),
        (orderId, customerId, lines, placedAt) =>
        {
            var order = new OrderPlaced { OrderId = orderId, CustomerId = customerId, PlacedAt = placedAt };
            order.Lines.AddRange(lines);
            return order;
        });

    private static readonly Gen<MessageA> s_messageA = s_text.Select(a => new MessageA { A = a });

    [Fact]
    public void OrderPlaced_ProtocParserReadsThePayloadAfterTheFraming() =>
        AssertProtocParserReads(OrderPlacedKafkaContract.Instance, OrderPlaced.Parser, OrderPlaced.Descriptor, s_order);

    [Fact]
    public void MessageAtIndexZero_ProtocParserReadsThePayloadAfterTheOneByteIndexArray() =>
        AssertProtocParserReads(MessageAKafkaContract.Instance, MessageA.Parser, MessageA.Descriptor, s_messageA);

    [Fact]
    public void OrderPlaced_GeneratedDeserializerGivesBackEqualMessages() =>
        AssertRoundTrip(OrderPlacedKafkaContract.Instance, s_order);

    [Fact]
    public void MessageAtIndexZero_GeneratedDeserializerGivesBackEqualMessages() =>
        AssertRoundTrip(MessageAKafkaContract.Instance, s_messageA);

    private static void AssertProtocParserReads<T>(MessageContract<T> contract, MessageParser<T> parser, MessageDescriptor descriptor, Gen<T> messages)
        where T : IMessage<T>
    {
        int[] path = PathOf(descriptor);
        messages.Sample(
            message =>
            {
                ReadOnlySpan<byte> value = contract.SerializeValue(message, SchemaId);
                ReadOnlySpan<byte> payload = StripFraming(value, out int schemaId, out int[] indexes);
                Assert.Equal(SchemaId, schemaId);
                Assert.Equal(path, indexes);
                Assert.Equal(message, parser.ParseFrom(payload));
            },
            iter: Cases,
            threads: 1);
    }

    private static void AssertRoundTrip<T>(MessageContract<T> contract, Gen<T> messages)
        where T : IMessage<T>
    {
        MessageValueReader<T> reader = contract.CreateValueReader(WriterSchema.Of(contract, SchemaId));
        Assert.True(reader.IsContractSchema);
        messages.Sample(message => Assert.Equal(message, reader.Read(contract.SerializeValue(message, SchemaId))), iter: Cases, threads: 1);
    }

    // The message's place in its .proto: its index among its siblings, outermost first (protoc's descriptor).
    private static int[] PathOf(MessageDescriptor descriptor)
    {
        var path = new List<int>();
        for (MessageDescriptor? d = descriptor; d is not null; d = d.ContainingType)
        {
            path.Insert(0, d.Index);
        }

        return [.. path];
    }

    // This test's own reading of the Confluent Protobuf framing, independent of ProtobufWireFormat.
    private static ReadOnlySpan<byte> StripFraming(ReadOnlySpan<byte> value, out int schemaId, out int[] indexes)
    {
        Assert.Equal(0, value[0]);
        schemaId = BinaryPrimitives.ReadInt32BigEndian(value[1..]);
        int position = 5;
        int count = ZigZagVarint(value, ref position);
        indexes = new int[count == 0 ? 1 : count];
        for (int i = 0; i < count; i++)
        {
            indexes[i] = ZigZagVarint(value, ref position);
        }

        return value[position..];
    }

    private static int ZigZagVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        uint raw = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[position++];
            raw |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (int)(raw >> 1) ^ -(int)(raw & 1);
            }
        }
    }
}
