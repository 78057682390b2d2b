using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Producing;

/// <summary>
/// <c>[MessageHeader]</c> members (issue 13): each written as a record header in its standard encoding (checked against
/// encodings computed here with BinaryPrimitives and Encoding.UTF8), left out of the value, and read back into the
/// member by the generated deserializer.
/// </summary>
public sealed class HeaderTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    private static readonly RideAudited s_ride = new(
        "ride-1", 12.5, "gateway-ü", -7, long.MinValue + 3, -300, true, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        AuditChannel.Phone, new DateTimeOffset(2024, 3, 5, 10, 11, 12, TimeSpan.FromHours(2)).AddTicks(12_345), [0, 1, 254, 255], null, 42);

    [Fact]
    public async Task ProducedRecord_CarriesEachHeaderMemberInItsStandardEncoding()
    {
        using KafkaProducerConnection connection = await kafka.ConnectAsync(new InMemorySchemaRegistryClient(), RideAuditedKafkaContract.Instance);
        TypedDeliveryResult<RideAudited> result = await new RideAuditedProducer(connection).ProduceAsync(s_ride);
        Headers headers = kafka.ReadOne(result.Topic, result.Partition, result.Offset).Message.Headers;

        Assert.Equal(Encoding.UTF8.GetBytes("gateway-ü"), headers.GetLastBytes("source"));
        Assert.Equal(BigEndian(b => BinaryPrimitives.WriteInt32BigEndian(b, -7), 4), headers.GetLastBytes("attempt"));
        Assert.Equal(BigEndian(b => BinaryPrimitives.WriteInt64BigEndian(b, long.MinValue + 3), 8), headers.GetLastBytes("sequence"));
        Assert.Equal(BigEndian(b => BinaryPrimitives.WriteInt16BigEndian(b, -300), 2), headers.GetLastBytes("shard"));
        Assert.Equal(new byte[] { 1 }, headers.GetLastBytes("replay"));
        Assert.Equal(Encoding.UTF8.GetBytes("0f8fad5b-d9cb-469f-a165-70867728950e"), headers.GetLastBytes("correlation-id"));
        Assert.Equal(Encoding.UTF8.GetBytes("Phone"), headers.GetLastBytes("channel"));
        long millis = (s_ride.ObservedAt.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
        Assert.Equal(BigEndian(b => BinaryPrimitives.WriteInt64BigEndian(b, millis), 8), headers.GetLastBytes("observed-at"));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, headers.GetLastBytes("signature"));
        Assert.False(headers.TryGetLastBytes("tenant", out _)); // null: no header
        Assert.Equal(BigEndian(b => BinaryPrimitives.WriteInt64BigEndian(b, 42), 8), headers.GetLastBytes("retry-of"));
        Assert.Equal(10, headers.Count); // 11 header members, one of them null
    }

    [Fact]
    public void ValueSchemaAndValue_HoldOnlyTheNonHeaderMembers()
    {
        using JsonDocument schema = JsonDocument.Parse(RideAuditedKafkaContract.AvroSchema);
        Assert.Equal(["RideId", "Distance"], schema.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        byte[] value = RideAuditedKafkaContract.Instance.SerializeValue(s_ride, 1);
        // Confluent header (5 bytes), the string "ride-1" (zig-zag length 12, 6 bytes), the double (8 bytes): nothing else.
        Assert.Equal(5 + 1 + 6 + 8, value.Length);
    }

    [Fact]
    public async Task ConsumerWithTypedDeserializer_ReadsTheHeadersBackIntoTheMembers()
    {
        var registry = new InMemorySchemaRegistryClient();
        using KafkaProducerConnection connection = await kafka.ConnectAsync(registry, RideAuditedKafkaContract.Instance);
        RideAudited withTenant = s_ride with { Tenant = "acme", RetryOf = null, Replay = false };
        TypedDeliveryResult<RideAudited> first = await new RideAuditedProducer(connection).ProduceAsync(s_ride);
        TypedDeliveryResult<RideAudited> second = await new RideAuditedProducer(connection).ProduceAsync(withTenant);

        foreach ((TypedDeliveryResult<RideAudited> result, RideAudited expected) in new[] { (first, s_ride), (second, withTenant) })
        {
            var config = new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "tests-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false };
            using IConsumer<Ignore, RideAudited> consumer = new ConsumerBuilder<Ignore, RideAudited>(config).SetValueDeserializer(new TypedDeserializer<RideAudited>(registry)).Build();
            consumer.Assign(new TopicPartitionOffset(result.Topic, result.Partition, result.Offset));
            RideAudited read = (consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("no record")).Message.Value;

            // Millisecond precision, at offset zero: the instant is kept, sub-millisecond ticks are not.
            var observed = new DateTimeOffset(expected.ObservedAt.UtcTicks - (expected.ObservedAt.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            Assert.Equal(expected with { Signature = read.Signature, ObservedAt = observed }, read);
            Assert.Equal(expected.Signature, read.Signature);
        }
    }

    [Fact]
    public async Task CallerHeaders_AreKeptUnchangedAndComeBeforeTheMembersHeaders()
    {
        using KafkaProducerConnection connection = await kafka.ConnectAsync(new InMemorySchemaRegistryClient(), ParcelScannedKafkaContract.Instance);
        var callerHeaders = new Headers { { "scanner", "caller"u8.ToArray() }, { "x-trace", "1"u8.ToArray() } };
        var parcel = new ParcelScanned { ParcelId = "p-1", WeightGrams = 900, Scanner = "belt-3", Channel = AuditChannel.Store };
        TypedDeliveryResult<ParcelScanned> result = await new ParcelScannedProducer(connection).ProduceAsync(parcel, callerHeaders);

        Assert.Equal(2, callerHeaders.Count);
        Headers written = kafka.ReadOne(result.Topic, result.Partition, result.Offset).Message.Headers;
        Assert.Equal(["scanner", "x-trace", "scanner", "priority"], written.Select(h => h.Key));
        Assert.Equal("belt-3"u8.ToArray(), written.GetLastBytes("scanner"));
        ParcelScanned read = ParcelScannedKafkaContract.Instance.ReadHeaders(new ParcelScanned { ParcelId = "p-1" }, written);
        Assert.Equal("belt-3", read.Scanner);
        Assert.Equal(AuditChannel.Store, read.Channel);
    }

    [Fact]
    public void MissingOrMalformedHeader_ThrowsDeserializationExceptionNamingTheMember()
    {
        Headers headers = RideAuditedKafkaContract.Instance.WriteHeaders(s_ride, null)!;
        headers.Remove("attempt");
        var missing = Assert.Throws<MessageDeserializationException>(() => RideAuditedKafkaContract.Instance.ReadHeaders(s_ride, headers));
        Assert.Equal("RideAudited.Attempt", missing.MemberPath);
        Assert.Contains("no header 'attempt'", missing.Message);

        headers.Add("attempt", [1, 2]);
        var shortValue = Assert.Throws<MessageDeserializationException>(() => RideAuditedKafkaContract.Instance.ReadHeaders(s_ride, headers));
        Assert.Contains("2 bytes; 4 expected", shortValue.Message);

        var unknownName = new Headers { { "priority", "Fax"u8.ToArray() } };
        var ex = Assert.Throws<MessageDeserializationException>(() => ParcelScannedKafkaContract.Instance.ReadHeaders(new ParcelScanned(), unknownName));
        Assert.Equal("ParcelScanned.Channel", ex.MemberPath);
    }

    [Fact]
    public void UnencodableHeaderValue_ThrowsSerializationExceptionNamingTheMember()
    {
        var undeclared = Assert.Throws<MessageSerializationException>(() => RideAuditedKafkaContract.Instance.WriteHeaders(s_ride with { Channel = (AuditChannel)3 }, null));
        Assert.Equal("RideAudited.Channel", undeclared.MemberPath);
        var nullSource = Assert.Throws<MessageSerializationException>(() => RideAuditedKafkaContract.Instance.WriteHeaders(s_ride with { Source = null! }, null));
        Assert.Equal("RideAudited.Source", nullSource.MemberPath);
        var surrogate = Assert.Throws<MessageSerializationException>(() => RideAuditedKafkaContract.Instance.WriteHeaders(s_ride with { Source = "a\uD800" }, null));
        Assert.Equal("RideAudited.Source", surrogate.MemberPath);
    }

    private static byte[] BigEndian(Action<byte[]> write, int size)
    {
        var bytes = new byte[size];
        write(bytes);
        return bytes;
    }
}
