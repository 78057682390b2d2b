using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Producing;

/// <summary>
/// Tombstones (issue 13): a keyed contract's generated producer writes a record with the contract's key bytes and a
/// null value (Kafka's null) to the partition a message with that key goes to, with every outcome a message has.
/// </summary>
public sealed class TombstoneTests : IClassFixture<KafkaClusterFixture>
{
    private const int Partitions = 8;
    private readonly KafkaClusterFixture _kafka;

    public TombstoneTests(KafkaClusterFixture kafka)
    {
        _kafka = kafka;
        foreach (string topic in new[] { CounterIncrementedKafkaContract.TopicName, OrderPlacedKafkaContract.TopicName, EveryTypeKafkaContract.TopicName, SensorReadingKafkaContract.TopicName })
        {
            try
            {
                kafka.Cluster.CreateTopic(topic, Partitions);
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.TopicAlreadyExists)
            {
                // Created by an earlier test of this class.
            }
        }
    }

    [Fact]
    public async Task TombstoneOfLongKey_HasNullValueAndTheKeyBytesAndPartitionOfAMessageWithThatKey()
    {
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), CounterIncrementedKafkaContract.Instance);
        var producer = new CounterIncrementedProducer(connection);
        var partitionsSeen = new HashSet<int>();
        for (long id = 0; id < 24; id++)
        {
            TypedDeliveryResult<CounterIncremented> message = await producer.ProduceAsync(new CounterIncremented(id, 1));
            TypedDeliveryResult<CounterIncremented> tombstone = await producer.ProduceTombstoneAsync(id);

            Assert.False(message.IsTombstone);
            Assert.True(tombstone.IsTombstone);
            Assert.Equal(default, tombstone.Message);
            Assert.Equal(PersistenceStatus.Persisted, tombstone.Status);
            Assert.Equal(message.Partition, tombstone.Partition);
            ConsumeResult<byte[]?, byte[]> written = _kafka.ReadOne(message.Topic, message.Partition, message.Offset);
            Assert.NotNull(written.Message.Value);
            var expectedKey = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(expectedKey, id); // Java's LongSerializer
            Assert.Equal(expectedKey, ReadTombstoneKey(tombstone));
            Assert.Equal(written.Message.Key, ReadTombstoneKey(tombstone));
            partitionsSeen.Add(tombstone.Partition);
        }

        // The keys spread over several partitions, so equal partitions are not a coincidence of a single one.
        Assert.True(partitionsSeen.Count > 3, $"{partitionsSeen.Count} partitions seen");
    }

    [Fact]
    public async Task TombstoneWithPartitionKey_LandsOnThePartitionThePartitionKeyChooses()
    {
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), OrderPlacedKafkaContract.Instance);
        var producer = new OrderPlacedProducer(connection);
        var partitionsSeen = new HashSet<int>();
        for (int i = 0; i < 16; i++)
        {
            var order = new OrderPlaced(Guid.NewGuid(), "customer-" + i, 10m, DateTimeOffset.UnixEpoch);
            TypedDeliveryResult<OrderPlaced> message = await producer.ProduceAsync(order);
            TypedDeliveryResult<OrderPlaced> tombstone = await producer.ProduceTombstoneAsync(order.OrderId, order.CustomerId);

            Assert.Equal(message.Partition, tombstone.Partition);
            Assert.Equal(TypedProducer.Partitioning.JavaCompatiblePartitioner.Partition(Encoding.UTF8.GetBytes(order.CustomerId), Partitions), tombstone.Partition);
            Assert.Equal(Encoding.UTF8.GetBytes(order.OrderId.ToString("D")), ReadTombstoneKey(tombstone)); // Kafka's UUIDSerializer
            partitionsSeen.Add(tombstone.Partition);
        }

        Assert.True(partitionsSeen.Count > 3, $"{partitionsSeen.Count} partitions seen");
    }

    [Fact]
    public async Task TombstoneWithHandlerAndHeaders_CallsTheHandlerOnceAndWritesTheHeaders()
    {
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), EveryTypeKafkaContract.Instance);
        var producer = new EveryTypeProducer(connection);
        TypedDeliveryResult<EveryType> message = await producer.ProduceAsync(new EveryType { Id = "ride-ü-17" });
        var reported = new TaskCompletionSource<TypedDeliveryReport<EveryType>>(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        producer.ProduceTombstone("ride-ü-17", r =>
        {
            Interlocked.Increment(ref calls);
            reported.TrySetResult(r);
        }, new Headers { { "reason", "gdpr"u8.ToArray() } });
        TypedDeliveryReport<EveryType> report = await reported.Task.WaitAsync(TimeSpan.FromSeconds(30));
        connection.Flush(TimeSpan.FromSeconds(10));

        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.True(report.IsSuccess);
        Assert.True(report.IsTombstone);
        Assert.Null(report.Message);
        Assert.Equal(message.Partition, report.Partition);
        ConsumeResult<byte[]?, byte[]> deleted = _kafka.ReadOne(report.Topic, report.Partition, report.Offset);
        Assert.Null(deleted.Message.Value);
        Assert.Equal(Encoding.UTF8.GetBytes("ride-ü-17"), deleted.Message.Key);
        Assert.Equal("gdpr"u8.ToArray(), deleted.Message.Headers.GetLastBytes("reason"));
    }

    [Fact]
    public async Task TombstoneOfJsonContract_UsesTheContractsKeySerializer()
    {
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), SensorReadingKafkaContract.Instance);
        var producer = new SensorReadingProducer(connection);
        TypedDeliveryResult<SensorReading> tombstone = await producer.ProduceTombstoneAsync(42L);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 42 }, ReadTombstoneKey(tombstone));
    }

    [Fact]
    public void UnkeyedContract_HasNoTombstoneMethod()
    {
        Assert.Null(typeof(HeartbeatProducer).GetMethod("ProduceTombstoneAsync"));
        Assert.Null(typeof(IHeartbeatProducer).GetMethod("ProduceTombstone"));
        Assert.NotNull(typeof(ICounterIncrementedProducer).GetMethod("ProduceTombstoneAsync"));
    }

    [Fact]
    public async Task NullOrUnencodableKey_ThrowsBeforeAnythingIsSent()
    {
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), EveryTypeKafkaContract.Instance);
        var producer = new EveryTypeProducer(connection);
        Assert.Throws<ArgumentNullException>(() => { _ = producer.ProduceTombstoneAsync(null!); });
        var ex = Assert.Throws<MessageSerializationException>(() => producer.ProduceTombstone("a\uD800"));
        Assert.Equal("EveryType.Id", ex.MemberPath);
        Assert.Equal(0, connection.InFlight.Count);
    }

    [Fact]
    public async Task TombstoneAfterDispose_ThrowsProducerClosed()
    {
        KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), CounterIncrementedKafkaContract.Instance);
        var producer = new CounterIncrementedProducer(connection);
        connection.Dispose();
        Assert.Throws<ProducerClosedException>(() => { _ = producer.ProduceTombstoneAsync(1); });
        var ex = Assert.Throws<ProducerClosedException>(() => producer.ProduceTombstone(1));
        Assert.Equal(CounterIncrementedKafkaContract.TopicName, ex.Topic);
    }

    [Fact]
    public async Task NoBrokerReachable_TombstoneDeliveryFailsNamingTheKey()
    {
        using KafkaProducerConnection connection = Hosting.ProducerFailureTests.Unreachable(TimeSpan.FromSeconds(5), messageTimeoutMs: 1500);
        await connection.RegisterSchemasAsync([EveryTypeKafkaContract.Instance]);
        var ex = await Assert.ThrowsAsync<TypedProduceException<EveryType>>(() => new EveryTypeProducer(connection).ProduceTombstoneAsync("ride-9"));
        Assert.Equal(ErrorCode.Local_MsgTimedOut, ex.Error.Code);
        Assert.Contains("key 'ride-9'", ex.Message);
        Assert.True(ex.DeliveryReport.IsTombstone);
    }

    [Fact]
    public async Task ShutdownWithUndeliveredTombstones_FailsEachCallerAndListsEachInTheShutdownReport()
    {
        KafkaProducerConnection connection = Hosting.ProducerFailureTests.Unreachable(TimeSpan.FromMilliseconds(500));
        await connection.RegisterSchemasAsync([EveryTypeKafkaContract.Instance]);
        var producer = new EveryTypeProducer(connection);
        Task<TypedDeliveryResult<EveryType>> pending = producer.ProduceTombstoneAsync("t-async");
        var handled = new List<TypedDeliveryReport<EveryType>>();
        producer.ProduceTombstone("t-handler", r => { lock (handled) { handled.Add(r); } });

        ProducerShutdownReport report = connection.Shutdown();
        connection.Dispose();

        Assert.Equal(["t-async", "t-handler"], report.Undelivered.Select(u => u.Key).Order());
        var ex = await Assert.ThrowsAsync<TypedProduceException<EveryType>>(() => pending);
        Assert.Contains("key 't-async'", ex.Message);
        Assert.True(ex.DeliveryReport.IsTombstone);
        TypedDeliveryReport<EveryType> single = Assert.Single(handled);
        Assert.False(single.IsSuccess);
        Assert.True(single.IsTombstone);
        // No broker was reachable: the shutdown's purge reports it as never sent.
        Assert.Equal(ErrorCode.Local_PurgeQueue, single.Error.Code);
        Assert.Equal(PersistenceStatus.NotPersisted, single.Status);
        Assert.Equal("t-handler", single.Key);
    }

    /// <summary>Reads the record a tombstone's result names with a Confluent consumer: asserts its value is Kafka's null, returns its key.</summary>
    private byte[]? ReadTombstoneKey<T>(TypedDeliveryResult<T> tombstone)
    {
        ConsumeResult<byte[]?, byte[]> deleted = _kafka.ReadOne(tombstone.Topic, tombstone.Partition, tombstone.Offset);
        Assert.Null(deleted.Message.Value);
        return deleted.Message.Key;
    }
}
