using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TypedProducer.Embedded;
using TypedProducer.Partitioning;
using TypedProducer.SchemaRegistry;

namespace TypedProducer.Testing.Tests;

public sealed class KafkaTestClusterTests : IDisposable
{
    private readonly KafkaTestCluster _kafka = new(brokerCount: 3);

    private IProducer<byte[]?, byte[]> RawProducer() =>
        new ProducerBuilder<byte[]?, byte[]>(KafkaProducerConnection.BuildConfig(new TypedProducerOptions(), _kafka.BootstrapServers)).Build();

    [Fact]
    public void CreateTopic_HasTheRequestedPartitionsAndIsListed()
    {
        _kafka.CreateTopic("five", 5);

        Assert.Equal(5, _kafka.GetLeaders("five").Count);
        Assert.Equal(5, _kafka.Topics["five"]);
        Assert.All(_kafka.GetLeaders("five"), leader => Assert.InRange(leader, 1, 3));
    }

    [Fact]
    public void CreateTopic_IllegalName_ThrowsArgumentExceptionNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => _kafka.CreateTopic("no spaces", 1));
        Assert.Contains("'no spaces'", ex.Message);
    }

    [Fact]
    public void MoveLeader_ChangesTheLeaderInMetadataAndCountsAsAFault()
    {
        _kafka.CreateTopic("moves", 2);
        int before = _kafka.InjectedFaults;

        _kafka.MoveLeader("moves", 1, 2);
        _kafka.MoveLeader("moves", 0, 3);

        Assert.Equal([3, 2], _kafka.GetLeaders("moves"));
        Assert.Equal(before + 2, _kafka.InjectedFaults);
    }

    [Fact]
    public async Task TakeBrokerDown_LeaderDown_DeliveryCompletesAfterBringBrokerUp()
    {
        _kafka.CreateTopic("outage", 1);
        _kafka.MoveLeader("outage", 0, 2);
        using IProducer<byte[]?, byte[]> producer = RawProducer();
        await producer.ProduceAsync("outage", new Message<byte[]?, byte[]> { Value = [0] });

        _kafka.TakeBrokerDown(2);
        Task<DeliveryResult<byte[]?, byte[]>> pending = producer.ProduceAsync("outage", new Message<byte[]?, byte[]> { Value = [1] });
        Assert.False(pending.IsCompleted);
        _kafka.BringBrokerUp(2);

        DeliveryResult<byte[]?, byte[]> delivered = await pending;
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        Assert.Equal(1, delivered.Offset.Value);
    }

    [Fact]
    public async Task FailNextRequest_OnOneBroker_IsServedByThatBrokersNextProduce()
    {
        _kafka.CreateTopic("per-broker", 1);
        _kafka.MoveLeader("per-broker", 0, 1);
        using IProducer<byte[]?, byte[]> producer = RawProducer();
        await producer.ProduceAsync("per-broker", new Message<byte[]?, byte[]> { Value = [0] });

        _kafka.FailNextRequest(1, KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, TimeSpan.FromMilliseconds(10));
        _kafka.DelayNextResponse(1, KafkaApiKey.Produce, TimeSpan.FromMilliseconds(10));
        Assert.Equal(2, _kafka.Cluster.GetBrokerRequestErrorCount(1, KafkaApiKey.Produce));
        DeliveryResult<byte[]?, byte[]> result = await producer.ProduceAsync("per-broker", new Message<byte[]?, byte[]> { Value = [1] });

        Assert.Equal(0, _kafka.Cluster.GetBrokerRequestErrorCount(1, KafkaApiKey.Produce));
        Assert.Equal(1, result.Offset.Value);
    }

    [Fact]
    public void FailNextRequest_UnknownBroker_ThrowsKafkaException()
    {
        var ex = Assert.Throws<KafkaException>(() => _kafka.FailNextRequest(9, KafkaApiKey.Produce, ErrorCode.RequestTimedOut));
        Assert.Contains("broker 9", ex.Message);
    }

    [Fact]
    public async Task DisconnectNextRequests_ProduceIsRetriedAndWrittenOnce()
    {
        _kafka.CreateTopic("disconnects", 1);
        using IProducer<byte[]?, byte[]> producer = RawProducer();
        await producer.ProduceAsync("disconnects", new Message<byte[]?, byte[]> { Value = [0] });

        _kafka.DisconnectNextRequests(KafkaApiKey.Produce, 2);
        DeliveryResult<byte[]?, byte[]> result = await producer.ProduceAsync("disconnects", new Message<byte[]?, byte[]> { Value = [1] });

        Assert.Equal(1, result.Offset.Value);
        using TypedKafkaReader reader = _kafka.CreateReader();
        Assert.Equal(2, reader.ReadAll("disconnects").Count);
    }

    [Fact]
    public async Task UseKafkaTestCluster_OverridesConfiguredBrokersAndSharesTheRegistry()
    {
        _kafka.CreateTopic<ParcelScanned>(4);
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddTypedProducers(o =>
        {
            o.BootstrapServers = "elsewhere:9092";
            // Two record types share the topic "parcels": one subject each.
            o.SubjectNameStrategy = SubjectNameStrategy.TopicRecordName;
        });
        builder.Services.UseKafkaTestCluster(_kafka);
        using IHost host = builder.Build();
        await host.StartAsync();

        Assert.Equal(_kafka.BootstrapServers, host.Services.GetRequiredService<IOptions<TypedProducerOptions>>().Value.BootstrapServers);
        Assert.Same(_kafka.SchemaRegistry, host.Services.GetRequiredService<ISchemaRegistryClient>());
        TypedDeliveryResult<ParcelScanned> result = await host.Services.GetRequiredService<IParcelScannedProducer>()
            .ProduceAsync(new ParcelScanned("p-1", ScanKind.Hub, DateTimeOffset.UnixEpoch, 1.5m, null));
        await host.StopAsync();

        Assert.Equal(JavaCompatiblePartitioner.Partition(Encoding.UTF8.GetBytes("p-1"), 4), result.Partition);
        Assert.Contains("parcels-logistics.ParcelScanned", _kafka.SchemaRegistry.GetSubjects().Keys);
    }

    [Fact]
    public void ToConfiguration_PointsTheKafkaSectionAtTheCluster()
    {
        IReadOnlyDictionary<string, string?> settings = _kafka.ToConfiguration();

        Assert.Equal(_kafka.BootstrapServers, settings["Kafka:BootstrapServers"]);
        Assert.Equal("false", settings["Kafka:Embedded:Enabled"]);
    }

    public void Dispose() => _kafka.Dispose();
}
