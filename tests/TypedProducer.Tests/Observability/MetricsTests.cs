using Confluent.Kafka;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using TypedProducer.Embedded;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Observability;

/// <summary>The delivery metrics and the librdkafka statistics instruments through the real OpenTelemetry SDK, against counted deliveries.</summary>
[Collection(nameof(ObservabilityCollection))]
public sealed class MetricsTests : IClassFixture<KafkaClusterFixture>
{
    // messaging-metrics.md: ExplicitBucketBoundaries advice of messaging.client.operation.duration.
    private static readonly double[] s_conventionBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly KafkaClusterFixture _kafka;

    public MetricsTests(KafkaClusterFixture kafka)
    {
        _kafka = kafka;
        try
        {
            kafka.Cluster.CreateTopic("unkeyed", 3);
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.TopicAlreadyExists)
        {
        }
    }

    [Fact]
    public async Task DeliveriesAndFailures_SentMessagesAndDurationCountEachOutcomeOnce()
    {
        using var capture = new TelemetryCapture(traces: false);
        using KafkaProducerConnection connection = await TracingTests.ConnectWithoutIdempotenceAsync(_kafka, HeartbeatKafkaContract.Instance);
        var producer = new HeartbeatProducer(connection);
        const int Delivered = 20, Failed = 2;
        int failures = 0;
        for (int i = 0; i < Delivered + Failed; i++)
        {
            if (i is 5 or 11)
            {
                // Awaited one by one, each request carries one message: each injected error fails exactly one.
                // MESSAGE_TOO_LARGE fails the batch only (TOPIC_AUTHORIZATION_FAILED would fail later produce calls too).
                _kafka.Cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.MsgSizeTooLarge);
            }

            try
            {
                await producer.ProduceAsync(new Heartbeat("metrics-" + i, DateTimeOffset.UnixEpoch));
            }
            catch (TypedProduceException<Heartbeat>)
            {
                failures++;
            }
        }

        Assert.Equal(Failed, failures);
        MetricSnapshot sent = capture.Collect("messaging.client.sent.messages") ?? throw new Xunit.Sdk.XunitException("no messaging.client.sent.messages");
        Assert.Equal("{message}", sent.Unit);
        long ok = 0, refused = 0;
        foreach (MetricPoint point in sent.MetricPoints)
        {
            Dictionary<string, object?> tags = TelemetryCapture.TagsOf(point);
            Assert.Equal("kafka", tags["messaging.system"]);
            Assert.Equal("send", tags["messaging.operation.name"]);
            Assert.Equal("unkeyed", tags["messaging.destination.name"]);
            if (tags.TryGetValue("error.type", out object? errorType))
            {
                Assert.Equal("MSG_SIZE_TOO_LARGE", errorType);
                refused += point.GetSumLong();
            }
            else
            {
                Assert.True(tags.ContainsKey("messaging.destination.partition.id"));
                ok += point.GetSumLong();
            }
        }

        Assert.Equal(Delivered, ok);
        Assert.Equal(Failed, refused);

        MetricSnapshot duration = capture.Collect("messaging.client.operation.duration") ?? throw new Xunit.Sdk.XunitException("no messaging.client.operation.duration");
        Assert.Equal("s", duration.Unit);
        long count = 0;
        foreach (MetricPoint point in duration.MetricPoints)
        {
            count += point.GetHistogramCount();
            var bounds = new List<double>();
            foreach (HistogramBucket bucket in point.GetHistogramBuckets())
            {
                bounds.Add(bucket.ExplicitBound);
            }

            Assert.Equal(s_conventionBuckets, bounds.Take(s_conventionBuckets.Length));
            Assert.True(point.GetHistogramSum() > 0);
        }

        Assert.Equal(Delivered + Failed, count);
    }

    [Fact]
    public async Task StatisticsInterval_QueueBrokerAndRetryInstrumentsReportLibrdkafkasNumbers()
    {
        using var capture = new TelemetryCapture(traces: false);
        var options = new TypedProducerOptions { BootstrapServers = _kafka.BootstrapServers, SubjectNameStrategy = SubjectNameStrategy.TopicRecordName };
        options.Producer["statistics.interval.ms"] = "100";
        options.Producer["linger.ms"] = "0";
        using var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync([HeartbeatKafkaContract.Instance]);
        var producer = new HeartbeatProducer(connection);
        await producer.ProduceAsync(new Heartbeat("warm-up", DateTimeOffset.UnixEpoch));

        // The round-trip time is per statistics window: keep requests going until a window has some.
        LibrdkafkaStatistics statistics = await WaitForAsync(
            connection,
            s => s.Brokers.Any(b => b.RoundTripMicroseconds > 0),
            () => producer.ProduceAsync(new Heartbeat("rtt", DateTimeOffset.UnixEpoch)));
        string client = connection.ClientName;
        Assert.Equal(client, statistics.Name);

        MetricPoint queue = Assert.Single(Points(capture, "typedproducer.queue.messages"), p => Equals(TelemetryCapture.TagsOf(p)["messaging.client.id"], client));
        Assert.True(queue.GetSumLong() >= 0);
        Assert.Single(Points(capture, "typedproducer.queue.size"), p => Equals(TelemetryCapture.TagsOf(p)["messaging.client.id"], client));

        long retriesBefore = connection.LatestStatistics!.Brokers.Where(b => b.NodeId >= 0).Sum(b => b.Retries);
        List<MetricPoint> retries = Points(capture, "typedproducer.broker.retries").Where(p => Equals(TelemetryCapture.TagsOf(p)["messaging.client.id"], client)).ToList();
        long retriesAfter = connection.LatestStatistics!.Brokers.Where(b => b.NodeId >= 0).Sum(b => b.Retries);
        Assert.Equal(3, retries.Count); // one per broker
        Assert.InRange(retries.Sum(p => p.GetSumLong()), retriesBefore, retriesAfter);
        Assert.All(retries, p => Assert.InRange((int)TelemetryCapture.TagsOf(p)["typedproducer.broker.id"]!, 1, 3));
        Assert.All(retries, p => Assert.Equal("127.0.0.1", TelemetryCapture.TagsOf(p)["server.address"]));

        // The gauge reads the latest statistics window when collected, and a window without requests has no round trip
        // (librdkafka reports 0, which the instrument leaves out): keep requests going until a collection sees one.
        List<MetricPoint> rtt = [];
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(30); rtt.Count == 0 && DateTime.UtcNow < deadline;)
        {
            await producer.ProduceAsync(new Heartbeat("rtt", DateTimeOffset.UnixEpoch));
            rtt = (capture.Collect("typedproducer.broker.rtt")?.MetricPoints.ToList() ?? [])
                .Where(p => Equals(TelemetryCapture.TagsOf(p)["messaging.client.id"], client)).ToList();
        }

        Assert.NotEmpty(rtt);
        Assert.All(rtt, p => Assert.InRange(p.GetGaugeLastValueDouble(), 0, 10));
        Assert.NotEmpty(Points(capture, "typedproducer.broker.in_flight.messages"));
    }

    private static List<MetricPoint> Points(TelemetryCapture capture, string name)
    {
        MetricSnapshot snapshot = capture.Collect(name) ?? throw new Xunit.Sdk.XunitException($"no {name}");
        return snapshot.MetricPoints.ToList();
    }

    internal static async Task<LibrdkafkaStatistics> WaitForAsync(KafkaProducerConnection connection, Func<LibrdkafkaStatistics, bool> condition, Func<Task>? meanwhile = null)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (connection.LatestStatistics is { } statistics && condition(statistics))
            {
                return statistics;
            }

            Assert.True(DateTime.UtcNow < deadline, "librdkafka statistics did not show the expected state within 30 s; last: " + (connection.LatestStatistics is { } last
                ? string.Join("; ", last.Brokers.Select(b => $"{b.Name} {b.State} retries={b.Retries} rtt={b.RoundTripMicroseconds} inflight={b.InFlightMessages}"))
                : "none"));
            await Task.Delay(50);
            if (meanwhile is not null)
            {
                await meanwhile();
            }
        }
    }
}
