using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TypedProducer.Partitioning;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;

namespace TypedProducer.Tests.Hosting;

/// <summary>The generated DI registration through a real <see cref="Host"/> on the embedded cluster.</summary>
public sealed class HostIntegrationTests
{
    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTypedProducers(builder.Configuration.GetSection("Kafka"));
        return builder.Build();
    }

    private static Dictionary<string, string?> EmbeddedSettings() => new()
    {
        ["Kafka:Embedded:Enabled"] = "true",
        ["Kafka:Embedded:TopicPartitions:orders"] = "6",
        ["Kafka:SubjectNameStrategy"] = "TopicRecordName",
        ["Kafka:FlushTimeout"] = "00:00:05",
        ["Kafka:Producer:linger.ms"] = "1",
    };

    [Fact]
    public async Task AddTypedProducers_RegistersEveryContractAsOneSingletonPerContract()
    {
        using IHost host = BuildHost(EmbeddedSettings());
        await host.StartAsync();

        var byInterface = host.Services.GetRequiredService<IOrderPlacedProducer>();
        Assert.Same(byInterface, host.Services.GetRequiredService<ITypedProducer<OrderPlaced>>());
        Assert.Same(byInterface, host.Services.GetRequiredService<OrderPlacedProducer>());
        Assert.NotNull(host.Services.GetRequiredService<ITypedProducer<EveryType>>());
        Assert.NotNull(host.Services.GetRequiredService<IHeartbeatProducer>());
        Assert.NotNull(host.Services.GetRequiredService<ICounterIncrementedProducer>());
        Assert.NotNull(host.Services.GetRequiredService<ITreeNodeProducer>());
        Assert.NotNull(host.Services.GetRequiredService<IEveryProtoTypeProducer>());
        Assert.NotNull(host.Services.GetRequiredService<ITypedProducer<TypedProducer.Tests.Contracts.Orders.OrderPlaced>>());
        Assert.NotNull(host.Services.GetRequiredService<IEveryJsonTypeProducer>());
        Assert.NotNull(host.Services.GetRequiredService<ISensorReadingProducer>());
        Assert.NotNull(host.Services.GetRequiredService<IAvroCompleteProducer>());
        Assert.NotNull(host.Services.GetRequiredService<IPaymentTakenProducer>());
        // One contract object per [KafkaMessage] type of this assembly, however many the tests declare.
        int contractTypes = typeof(OrderPlaced).Assembly.GetTypes()
            .Count(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IKafkaMessage<>)));
        MessageContract[] contracts = host.Services.GetServices<MessageContract>().ToArray();
        Assert.Equal(contractTypes, contracts.Length);
        Assert.Equal(contractTypes, contracts.Select(c => c.GetType()).Distinct().Count());
        await host.StopAsync();
    }

    [Fact]
    public async Task ProduceAsync_ThroughHost_IsPersistedOnTheJavaPartitionWithRegisteredSchema()
    {
        using IHost host = BuildHost(EmbeddedSettings());
        await host.StartAsync();
        var registry = (InMemorySchemaRegistryClient)host.Services.GetRequiredService<ISchemaRegistryClient>();
        IReadOnlyDictionary<string, IReadOnlyList<int>> subjects = registry.GetSubjects();
        Assert.Contains("orders-shop.events.OrderPlaced", subjects.Keys);
        Assert.Contains("every.type-TypedProducer.Tests.Contracts.EveryType", subjects.Keys);

        var producer = host.Services.GetRequiredService<ITypedProducer<OrderPlaced>>();
        var order = new OrderPlaced(Guid.NewGuid(), "customer-42", 12.34m, DateTimeOffset.UtcNow);
        var headers = new Headers { { "trace-id", Encoding.UTF8.GetBytes("abc") } };
        DateTimeOffset timestamp = new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero);
        TypedDeliveryResult<OrderPlaced> result = await producer.ProduceAsync(order, headers, timestamp);

        Assert.Equal(PersistenceStatus.Persisted, result.Status);
        Assert.Equal("orders", result.Topic);
        Assert.Same(order, result.Message);
        Assert.True(result.Offset >= 0);
        // The record carries our CreateTime and headers. (The delivery report's timestamp is the broker's answer:
        // librdkafka's mock always answers LogAppendTime 1234 ms, so it is checked on the record read back.)
        var consumerConfig = new ConsumerConfig { BootstrapServers = host.Services.GetRequiredService<KafkaProducerConnection>().BootstrapServers, GroupId = "host-test" };
        using (IConsumer<byte[]?, byte[]> consumer = new ConsumerBuilder<byte[]?, byte[]>(consumerConfig).Build())
        {
            consumer.Assign(new TopicPartitionOffset("orders", result.Partition, result.Offset));
            ConsumeResult<byte[]?, byte[]> record = consumer.Consume(TimeSpan.FromSeconds(10))!;
            Assert.Equal(timestamp, record.Message.Timestamp.UtcDateTime);
            Assert.Equal(TimestampType.CreateTime, record.Message.Timestamp.Type);
            Assert.Equal("abc", Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("trace-id")));
            Assert.Equal(order.OrderId.ToString("D"), Encoding.UTF8.GetString(record.Message.Key!));
        }
        Assert.Equal(JavaCompatiblePartitioner.Partition(Encoding.UTF8.GetBytes("customer-42"), 6), result.Partition);

        await host.StopAsync();
        var hosted = host.Services.GetRequiredService<TypedProducerHostedService>();
        Assert.True(hosted.LastShutdownReport!.IsComplete);
    }

    [Fact]
    public async Task Produce_WithHandler_ReportsDeliveryOnce()
    {
        using IHost host = BuildHost(EmbeddedSettings());
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<IHeartbeatProducer>();
        var reports = new System.Collections.Concurrent.ConcurrentBag<TypedDeliveryReport<Heartbeat>>();
        for (int i = 0; i < 100; i++)
        {
            producer.Produce(new Heartbeat("source-" + i, DateTimeOffset.UtcNow), reports.Add);
        }

        Assert.Equal(0, host.Services.GetRequiredService<KafkaProducerConnection>().Flush(TimeSpan.FromSeconds(10)));
        Assert.Equal(100, reports.Count);
        Assert.All(reports, r => Assert.True(r.IsSuccess && r.Status == PersistenceStatus.Persisted && r.Key is null));
        Assert.Equal(100, reports.Select(r => r.Message.Source).Distinct().Count());
        await host.StopAsync();
    }

    [Fact]
    public void MissingBrokerAddress_WithoutEmbeddedOptIn_ThrowsNamingTheSetting()
    {
        using IHost host = BuildHost(new Dictionary<string, string?>());
        var ex = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<KafkaProducerConnection>());
        Assert.Contains("Kafka:BootstrapServers", ex.Message);
        Assert.Contains("Kafka:Embedded:Enabled", ex.Message);
    }

    [Fact]
    public void BrokerAddressAndEmbeddedOptIn_Throws()
    {
        Dictionary<string, string?> settings = EmbeddedSettings();
        settings["Kafka:BootstrapServers"] = "broker:9092";
        using IHost host = BuildHost(settings);
        var ex = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<KafkaProducerConnection>());
        Assert.Contains("broker:9092", ex.Message);
    }

    [Fact]
    public void Options_BindProducerPropertiesOverSafeDefaults()
    {
        using IHost host = BuildHost(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "broker:9092",
            ["Kafka:Producer:linger.ms"] = "50",
            ["Kafka:Producer:partitioner"] = "consistent_random",
        });
        TypedProducerOptions options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TypedProducerOptions>>().Value;
        ProducerConfig config = KafkaProducerConnection.BuildConfig(options, options.BootstrapServers!);
        Assert.Equal(true, config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(50, config.LingerMs);
        Assert.Equal(Partitioner.ConsistentRandom, config.Partitioner);
    }
}
