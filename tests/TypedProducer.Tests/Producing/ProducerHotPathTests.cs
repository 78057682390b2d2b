using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry;
using TypedProducer.Serialization;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;
using ProtocOrders = TypedProducer.Tests.Contracts.Orders;

namespace TypedProducer.Tests.Producing;

/// <summary>
/// The produce path allocates nothing per message in steady state (key and value are written into buffers reused per
/// thread and copied by librdkafka), and the delivery objects it reuses never mix up messages. Allocations are counted with
/// GC.GetAllocatedBytesForCurrentThread, which is exact and independent of timing.
/// </summary>
public sealed class ProducerHotPathTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    public static TheoryData<string> Contracts => ["EveryType", "OrderPlaced", "TreeNode", "CounterIncremented", "Heartbeat"];

    [Theory]
    [MemberData(nameof(Contracts))]
    public void SerializeValue_AllocatesOnlyTheReturnedArray(string contract)
    {
        // The message and the delegate are built before the measured call: only SerializeValue is counted.
        Func<byte[]> serialize = contract switch
        {
            "EveryType" => Serializer(EveryTypeKafkaContract.Instance, FullEveryType()),
            "OrderPlaced" => Serializer(OrderPlacedKafkaContract.Instance, new OrderPlaced(Guid.NewGuid(), "customer-1", 1234.56m, DateTimeOffset.UnixEpoch)),
            "TreeNode" => Serializer(TreeNodeKafkaContract.Instance, new TreeNode { Id = 1, Label = "root", Children = { new TreeNode { Id = 2, Label = "leaf" } } }),
            "CounterIncremented" => Serializer(CounterIncrementedKafkaContract.Instance, new CounterIncremented(42, 3)),
            _ => Serializer(HeartbeatKafkaContract.Instance, new Heartbeat("host-1", DateTimeOffset.UnixEpoch)),
        };
        serialize(); // first call: static constructors, the thread's writer buffer

        long before = GC.GetAllocatedBytesForCurrentThread();
        byte[] value = serialize();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ArrayBytes(value.Length), allocated);
    }

    public static TheoryData<string> ProduceCases => ["Heartbeat", "OrderPlaced", "ProtoItemV1", "ProtocOrderPlaced", "SensorReading"];

    [Theory]
    [MemberData(nameof(ProduceCases))]
    public async Task ProduceWithoutHandler_InSteadyState_AllocatesNothingBeyondTheContractsOwnSerializer(string contract)
    {
        var registry = new InMemorySchemaRegistryClient();
        // Avro unkeyed; Avro with a Guid key, a [PartitionKey] and a decimal; plain Protobuf; protoc's Google.Protobuf
        // message; JSON with a long key through System.Text.Json's generated context.
        (long produced, long serializer) = contract switch
        {
            "Heartbeat" => await MeasureAsync(registry, HeartbeatKafkaContract.Instance, c => new HeartbeatProducer(c), new Heartbeat("host-1", DateTimeOffset.UnixEpoch.AddDays(1))),
            "OrderPlaced" => await MeasureAsync(registry, OrderPlacedKafkaContract.Instance, c => new OrderPlacedProducer(c), new OrderPlaced(Guid.NewGuid(), "customer-1", 1234.56m, DateTimeOffset.UnixEpoch)),
            "ProtoItemV1" => await MeasureAsync(registry, ProtoItemV1KafkaContract.Instance, c => new ProtoItemV1Producer(c), new ProtoItemV1("item-1", 3)),
            "ProtocOrderPlaced" => await MeasureAsync(registry, ProtocOrders.OrderPlacedKafkaContract.Instance, c => new ProtocOrders.OrderPlacedProducer(c),
                new ProtocOrders.OrderPlaced { OrderId = "o-1", CustomerId = "c-1", Lines = { new ProtocOrders.OrderPlaced.Types.Line { Sku = "sku-1", Quantity = 2 } } }),
            _ => await MeasureAsync(registry, SensorReadingKafkaContract.Instance, c => new SensorReadingProducer(c),
                new SensorReading(7, 21.5, null, "C", Mood.Happy, DateTimeOffset.UnixEpoch.AddDays(1), new Dictionary<string, double> { ["offset"] = 0.5 })),
        };

        // Handing the record to librdkafka (rd_kafka_produceva, copied) and tracking its delivery allocate nothing in
        // steady state; what is left is what the contract's own generated writers allocate (nothing for these, except
        // System.Text.Json's enumerator of an interface-typed dictionary).
        Assert.Equal(serializer, produced);
        if (contract != "SensorReading")
        {
            Assert.Equal(0, produced);
        }
    }

    // Bytes allocated on this thread per message: by Produce without a handler, and by the contract's WriteKey and
    // WriteValue into a reused buffer (the serializer's own share).
    private async Task<(long Produced, long Serializer)> MeasureAsync<T>(InMemorySchemaRegistryClient registry, MessageContract<T> contract, Func<KafkaProducerConnection, ITypedProducer<T>> create, T message)
    {
        using KafkaProducerConnection connection = await kafka.ConnectAsync(registry, contract);
        ITypedProducer<T> producer = create(connection);
        int schemaId = connection.GetSchemaId(contract);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);

        // Warm up: tiered JIT, the thread's buffers, the delivery objects (back for reuse after the flush).
        for (int i = 0; i < 2000; i++)
        {
            producer.Produce(message);
            buffer.ResetWrittenCount();
            contract.WriteKey(message, buffer);
            contract.WriteValue(message, schemaId, buffer);
        }

        Assert.Equal(0, connection.Flush(TimeSpan.FromSeconds(30)));

        (long produced, long serializer) = Measure(connection, contract, producer, message, schemaId, buffer);
        Assert.Equal(0, connection.Flush(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, connection.InFlight.Count);
        return (produced, serializer);
    }

    // Synchronous, so that nothing of an async state machine is counted.
    private static (long Produced, long Serializer) Measure<T>(KafkaProducerConnection connection, MessageContract<T> contract, ITypedProducer<T> producer, T message, int schemaId, System.Buffers.ArrayBufferWriter<byte> buffer)
    {
        // Steady state: the least of three rounds, so that a one-time allocation during a round (a pool's first use on
        // this thread, a tier-1 method replacing its tier-0 code) is not counted as a per-message cost; a cost every
        // message pays shows in every round.
        const int Count = 500;
        long serializer = long.MaxValue, produced = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Count; i++)
            {
                buffer.ResetWrittenCount();
                contract.WriteKey(message, buffer);
                contract.WriteValue(message, schemaId, buffer);
            }

            serializer = Math.Min(serializer, GC.GetAllocatedBytesForCurrentThread() - before);
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Count; i++)
            {
                producer.Produce(message);
            }

            produced = Math.Min(produced, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(0, connection.Flush(TimeSpan.FromSeconds(30)));
        }

        return (produced / Count, serializer / Count);
    }

    [Fact]
    public async Task ProduceWithHandlers_ReusedDeliveryObjects_EachHandlerGetsItsOwnMessageOnce()
    {
        const string Topic = "counters";
        var registry = new InMemorySchemaRegistryClient();
        using KafkaProducerConnection connection = await kafka.ConnectAsync(registry, CounterIncrementedKafkaContract.Instance);
        var producer = new CounterIncrementedProducer(connection);
        var reports = new ConcurrentDictionary<long, int>();
        int mismatches = 0, failures = 0;

        // Several waves, flushed in between, so later waves run on delivery objects the earlier ones used.
        const int Waves = 4, PerWave = 1500;
        for (int wave = 0; wave < Waves; wave++)
        {
            for (int i = 0; i < PerWave; i++)
            {
                long id = (wave * PerWave) + i;
                var message = new CounterIncremented(id, (int)(id % 7));
                producer.Produce(message, report =>
                {
                    if (report.Message != message || report.Key != id.ToString(System.Globalization.CultureInfo.InvariantCulture) && report.Key is not null)
                    {
                        Interlocked.Increment(ref mismatches);
                    }

                    if (!report.IsSuccess)
                    {
                        Interlocked.Increment(ref failures);
                    }

                    reports.AddOrUpdate(id, 1, (_, n) => n + 1);
                });
            }

            Assert.Equal(0, connection.Flush(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(0, mismatches);
        Assert.Equal(0, failures);
        Assert.Equal(Waves * PerWave, reports.Count);
        Assert.All(reports, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(Waves * PerWave, kafka.ReadAll(Topic, 4).Count(r => r.Message.Key is { Length: 8 }));
    }

    [Fact]
    public async Task QueueFull_RejectedMessageIsNotTrackedAndNotReportedAtShutdown()
    {
        // One message fits librdkafka's queue; nothing is delivered (port 1 refuses connections).
        var options = new TypedProducerOptions { BootstrapServers = "127.0.0.1:1", FlushTimeout = TimeSpan.FromMilliseconds(300) };
        options.Producer["queue.buffering.max.messages"] = "1";
        options.Producer["log_level"] = "0";
        var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync([HeartbeatKafkaContract.Instance]);
        var producer = new HeartbeatProducer(connection);

        producer.Produce(new Heartbeat("accepted", DateTimeOffset.UnixEpoch));
        var ex = Assert.Throws<ProducerQueueFullException>(() => producer.Produce(new Heartbeat("rejected", DateTimeOffset.UnixEpoch)));
        Assert.Equal(1, connection.InFlight.Count);
        ProducerShutdownReport report = connection.Shutdown();
        connection.Dispose();

        Assert.Equal(ErrorCode.Local_QueueFull, ex.Error.Code);
        UndeliveredMessage undelivered = Assert.Single(report.Undelivered);
        Assert.Equal("unkeyed", undelivered.Topic);
    }

    [Fact]
    public async Task ShutdownWithMoreInFlightThanReusableDeliveries_FailsAndReportsEveryMessageOnce()
    {
        // Past InFlightList.MaxReusable messages in flight, deliveries are one-shot and tracked in the locked list:
        // shutdown must find both kinds. Nothing is delivered (port 1 refuses connections).
        var options = new TypedProducerOptions { BootstrapServers = "127.0.0.1:1", FlushTimeout = TimeSpan.FromMilliseconds(200) };
        options.Producer["log_level"] = "0";
        var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync([CounterIncrementedKafkaContract.Instance]);
        var producer = new CounterIncrementedProducer(connection);
        int count = InFlightList.MaxReusable + 500;
        var calls = new int[count];
        int successes = 0;
        for (int i = 0; i < count; i++)
        {
            int id = i;
            producer.Produce(new CounterIncremented(id, 1), report =>
            {
                Interlocked.Increment(ref calls[id]);
                if (report.IsSuccess)
                {
                    Interlocked.Increment(ref successes);
                }
            });
        }

        ProducerShutdownReport report = connection.Shutdown();
        connection.Dispose();

        Assert.Equal(count, report.Undelivered.Count);
        Assert.Equal(count, report.Undelivered.Select(u => u.Key).Distinct().Count());
        Assert.All(calls, c => Assert.Equal(1, c));
        Assert.Equal(0, successes);
    }

    private static EveryType FullEveryType() => new()
    {
        Id = "every-1",
        Bytes = [1, 2, 3],
        Text = "W 82 St & Central Park West, a string longer than twenty-one chars \u00e9\u20ac",
        Uuid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        TimestampMillis = DateTimeOffset.UnixEpoch.AddDays(19787),
        TimestampMicros = new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc),
        Date = new DateOnly(2024, 3, 5),
        Time = new TimeOnly(12, 30),
        Amount = 1234.56m,
        MaybeDouble = 1.5,
        MaybeText = "maybe",
        Home = new Address("Broadway", 1),
        Work = new Address("Wall St", null),
        Numbers = [1, 2, 3],
        Tags = ["a", "b"],
        History = [new Address("Old St", 7)],
        Counters = new Dictionary<string, long> { ["x"] = 1, ["y"] = 2 },
        Sparse = [1, null, 3],
    };

    // A byte[] on the 64-bit heap: object header, method table, length, then the bytes, 8-byte aligned.
    private static long ArrayBytes(int length) => (24 + length + 7) & ~7L;

    private static Func<byte[]> Serializer<T>(MessageContract<T> contract, T message) => () => contract.SerializeValue(message, 7);
}
