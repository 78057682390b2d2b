using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Observability;

/// <summary>The statistics reader against librdkafka's own statistics events.</summary>
public sealed class LibrdkafkaStatisticsTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    [Fact]
    public async Task Parse_ARealStatisticsEvent_ReadsTheQueueLimitsAndEveryBroker()
    {
        var options = new TypedProducerOptions { BootstrapServers = kafka.BootstrapServers, SubjectNameStrategy = SubjectNameStrategy.TopicRecordName };
        options.Producer["statistics.interval.ms"] = "100";
        options.Producer["queue.buffering.max.messages"] = "5000";
        using var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync([HeartbeatKafkaContract.Instance]);
        var raw = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await new HeartbeatProducer(connection).ProduceAsync(new Heartbeat("stats", DateTimeOffset.UnixEpoch));
        await MetricsTests.WaitForAsync(connection, s => s.Brokers.Count(b => b.NodeId >= 0) == 3);
        connection.StatisticsReceived += (_, json) => raw.TrySetResult(json);

        LibrdkafkaStatistics statistics = LibrdkafkaStatistics.Parse(await raw.Task.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(connection.ClientName, statistics.Name);
        Assert.Equal("rdkafka", statistics.ClientId);
        Assert.Equal(5000, statistics.QueueMaxMessages);
        Assert.Equal(1_048_576L * 1024, statistics.QueueMaxBytes); // queue.buffering.max.kbytes default
        Assert.True(statistics.TransmittedMessages >= 1);
        var brokers = statistics.Brokers.Where(b => b.NodeId >= 0).OrderBy(b => b.NodeId).ToList();
        Assert.Equal([1, 2, 3], brokers.Select(b => b.NodeId));
        Assert.All(brokers, b => Assert.StartsWith("127.0.0.1:", b.NodeName));
        Assert.Contains(brokers, b => b.IsUp);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"msg_cnt\": \"many\"}")]
    public void Parse_NotTheStatisticsShape_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => LibrdkafkaStatistics.Parse(json));
    }
}
