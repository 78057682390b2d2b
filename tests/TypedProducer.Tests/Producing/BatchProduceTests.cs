using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Producing;

/// <summary>
/// The batch API: one report per message in batch order; a message refused synchronously stops the batch with the
/// reports of the ones before it (which are in the log) and nothing after it produced; a full queue makes the batch
/// wait for room rather than fail.
/// </summary>
public sealed class BatchProduceTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    private sealed class HeartbeatTopicProducer(KafkaProducerConnection connection, MessageContract<Heartbeat> contract)
        : TypedProducerBase<Heartbeat>(connection, contract);

    private async Task<(KafkaProducerConnection Connection, HeartbeatTopicProducer Producer)> ConnectAsync(string topic, int partitions, Action<TypedProducerOptions>? configure = null)
    {
        kafka.Cluster.CreateTopic(topic, partitions);
        var options = new TypedProducerOptions { BootstrapServers = kafka.BootstrapServers, SubjectNameStrategy = SubjectNameStrategy.TopicRecordName };
        configure?.Invoke(options);
        var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        var contract = new RawTopicContract(topic);
        await connection.RegisterSchemasAsync([contract]);
        return (connection, new HeartbeatTopicProducer(connection, contract));
    }

    private static Heartbeat Beat(int i) => new("source-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch.AddSeconds(i));

    [Fact]
    public async Task ProduceAllAsync_ReturnsOneReportPerMessageInBatchOrder_WhereTheLogHasThem()
    {
        (KafkaProducerConnection connection, HeartbeatTopicProducer producer) = await ConnectAsync("batch-order", 3);
        using (connection)
        {
            Heartbeat[] beats = Enumerable.Range(0, 2_000).Select(Beat).ToArray();

            IReadOnlyList<TypedDeliveryReport<Heartbeat>> reports = await producer.ProduceAllAsync(beats);

            Assert.Equal(beats.Length, reports.Count);
            Assert.All(Enumerable.Range(0, beats.Length), i => Assert.Same(beats[i], reports[i].Message));
            Assert.All(reports, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));
            var log = kafka.ReadAll("batch-order", 3).ToDictionary(r => (r.Partition.Value, r.Offset.Value));
            Assert.Equal(beats.Length, log.Count);
            Assert.All(reports, r => Assert.True(log.ContainsKey((r.Partition, r.Offset))));
        }
    }

    [Fact]
    public async Task ProduceAllAsync_MessageRefusedMidway_ThrowsWithTheReportsOfTheAcceptedOnesAndProducesNothingAfter()
    {
        (KafkaProducerConnection connection, HeartbeatTopicProducer producer) = await ConnectAsync("batch-refused", 1);
        using (connection)
        {
            Heartbeat[] beats = [Beat(0), Beat(1), Beat(2), new Heartbeat("bad\uD800", DateTimeOffset.UnixEpoch), Beat(4)];

            var ex = await Assert.ThrowsAsync<TypedBatchProduceException<Heartbeat>>(() => producer.ProduceAllAsync(beats));

            Assert.Equal(3, ex.FailedIndex);
            Assert.IsType<MessageSerializationException>(ex.InnerException);
            Assert.Equal(3, ex.Reports.Count);
            Assert.All(ex.Reports, r => Assert.True(r.IsSuccess));
            Assert.Contains("stopped at message 3", ex.Message);
            Assert.Equal(["source-0", "source-1", "source-2"], kafka.ReadAll("batch-refused", 1).Select(r => ex.Reports.Single(x => x.Offset == r.Offset.Value).Message.Source));
        }
    }

    [Fact]
    public async Task ProduceAllAsync_WithAQueueMuchSmallerThanTheBatch_WaitsForRoomAndDeliversEverything()
    {
        (KafkaProducerConnection connection, HeartbeatTopicProducer producer) = await ConnectAsync("batch-queue-full", 2, o => o.Producer["queue.buffering.max.messages"] = "10");
        using (connection)
        {
            IReadOnlyList<TypedDeliveryReport<Heartbeat>> reports = await producer.ProduceAllAsync(Enumerable.Range(0, 500).Select(Beat));

            Assert.Equal(500, reports.Count);
            Assert.All(reports, r => Assert.True(r.IsSuccess));
            Assert.Equal(500, kafka.ReadAll("batch-queue-full", 2).Count);
        }
    }

    [Fact]
    public async Task ProduceAllAsync_CancelledStream_StopsHandingOverAndReportsWhatWasAccepted()
    {
        (KafkaProducerConnection connection, HeartbeatTopicProducer producer) = await ConnectAsync("batch-cancelled", 1);
        using (connection)
        {
            using var cancel = new CancellationTokenSource();

            async IAsyncEnumerable<Heartbeat> Stream()
            {
                for (int i = 0; ; i++)
                {
                    if (i == 25)
                    {
                        await cancel.CancelAsync();
                    }

                    yield return Beat(i);
                    await Task.Yield();
                }
            }

            var ex = await Assert.ThrowsAsync<TypedBatchProduceException<Heartbeat>>(() => producer.ProduceAllAsync(Stream(), cancel.Token));

            Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
            Assert.InRange(ex.FailedIndex, 25, 26);
            Assert.Equal(ex.FailedIndex, ex.Reports.Count);
            Assert.Equal(ex.Reports.Count, kafka.ReadAll("batch-cancelled", 1).Count);
        }
    }

    [Fact]
    public async Task ProduceAllOverASpan_CallsTheHandlerOncePerMessage_AndARefusalNamesItsIndex()
    {
        (KafkaProducerConnection connection, HeartbeatTopicProducer producer) = await ConnectAsync("batch-span", 1);
        using (connection)
        {
            var reports = new System.Collections.Concurrent.ConcurrentQueue<TypedDeliveryReport<Heartbeat>>();
            Heartbeat[] beats = Enumerable.Range(0, 100).Select(Beat).ToArray();

            producer.ProduceAll(beats, reports.Enqueue);
            Heartbeat?[] withNull = [Beat(100), null];
            var ex = Assert.Throws<TypedBatchProduceException<Heartbeat>>(() => producer.ProduceAll(withNull!, reports.Enqueue));
            Assert.Equal(0, connection.Flush(TimeSpan.FromSeconds(30)));

            Assert.Equal(1, ex.FailedIndex);
            Assert.IsType<ArgumentNullException>(ex.InnerException);
            Assert.Equal(101, reports.Count);
            Assert.All(reports, r => Assert.True(r.IsSuccess));
        }
    }
}
