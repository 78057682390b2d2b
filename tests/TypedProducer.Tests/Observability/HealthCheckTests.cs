using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TypedProducer.Embedded;
using TypedProducer.SchemaRegistry;
using TypedProducer.Testing;
using TypedProducer.Tests.Contracts;

namespace TypedProducer.Tests.Observability;

/// <summary>
/// <see cref="TypedProducerHealthCheck"/> under injected faults on the mock cluster: brokers down and back, a fatal
/// idempotence error, failing deliveries, a filling queue. Each test has a cluster of its own (faults are cluster-wide).
/// </summary>
public sealed class HealthCheckTests
{
    private static readonly HealthCheckContext s_context = new()
    {
        Registration = new HealthCheckRegistration("typedproducer", static _ => null!, HealthStatus.Unhealthy, null),
    };

    [Fact]
    public async Task WorkingCluster_IsHealthy()
    {
        using var cluster = new EmbeddedKafkaCluster(1);
        using KafkaProducerConnection connection = await ConnectAsync(cluster);
        await new HeartbeatProducer(connection).ProduceAsync(new Heartbeat("ok", DateTimeOffset.UnixEpoch));

        HealthCheckResult result = await new TypedProducerHealthCheck(connection).CheckHealthAsync(s_context);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("Producing to " + cluster.BootstrapServers, result.Description);
    }

    [Fact]
    public async Task AllBrokersDown_IsUnhealthyNamingTheBrokers_AndHealthyAgainWhenTheyReturn()
    {
        using var cluster = new EmbeddedKafkaCluster(2);
        using KafkaProducerConnection connection = await ConnectAsync(cluster, "reconnect.backoff.max.ms", "200");
        var check = new TypedProducerHealthCheck(connection, new TypedProducerHealthCheckOptions { BrokerProbeTimeout = TimeSpan.FromMilliseconds(500) });
        await new HeartbeatProducer(connection).ProduceAsync(new Heartbeat("before", DateTimeOffset.UnixEpoch));

        cluster.SetBrokerDown(KafkaTestCluster.AllBrokers);
        HealthCheckResult down = await CheckUntilAsync(check, HealthStatus.Unhealthy);
        Assert.Contains("No Kafka broker is reachable", down.Description);
        Assert.Contains(cluster.BootstrapServers, down.Description);

        cluster.SetBrokerUp(KafkaTestCluster.AllBrokers);
        HealthCheckResult up = await CheckUntilAsync(check, HealthStatus.Healthy);
        Assert.Contains("Producing to", up.Description);
    }

    [Fact]
    public async Task FatalIdempotenceError_IsUnhealthyNamingTheError()
    {
        // librdkafka 2.16.0: OUT_OF_ORDER_SEQUENCE_NUMBER for a batch after the first desynchronises the idempotent
        // producer's sequence numbers, which it reports as a fatal error (rdkafka.h, "Fatal errors").
        using var cluster = new EmbeddedKafkaCluster(1);
        using KafkaProducerConnection connection = await ConnectAsync(cluster);
        await DeliverThenFailOneAsync(cluster, connection, ErrorCode.OutOfOrderSequenceNumber);

        HealthCheckResult result = await CheckUntilAsync(new TypedProducerHealthCheck(connection), HealthStatus.Unhealthy);

        Assert.Contains("Fatal librdkafka error OutOfOrderSequenceNumber", result.Description);
        Assert.Contains("restart the process", result.Description);
    }

    [Fact]
    public async Task FailedDelivery_IsDegradedNamingTopicAndError()
    {
        using var cluster = new EmbeddedKafkaCluster(1);
        using KafkaProducerConnection connection = await ConnectAsync(cluster, "enable.idempotence", "false");
        await DeliverThenFailOneAsync(cluster, connection, ErrorCode.TopicAuthorizationFailed);

        HealthCheckResult result = await new TypedProducerHealthCheck(connection).CheckHealthAsync(s_context);

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("1 deliveries failed in the last 60 s", result.Description);
        Assert.Contains("topic 'unkeyed'", result.Description);
        Assert.Contains("TopicAuthorizationFailed", result.Description);
    }

    [Fact]
    public async Task QueueNearItsLimitAndRefusingMessages_IsDegradedWithTheNumbers()
    {
        // Slow brokers keep messages awaiting their reports: 9 of queue.buffering.max.messages=10, then one refused.
        using var cluster = new EmbeddedKafkaCluster(1);
        using KafkaProducerConnection connection = await ConnectAsync(cluster, "queue.buffering.max.messages", "10");
        var producer = new HeartbeatProducer(connection);
        await producer.ProduceAsync(new Heartbeat("warm-up", DateTimeOffset.UnixEpoch));
        cluster.SetBrokerRoundTripTime(1, 3000);
        var check = new TypedProducerHealthCheck(connection, new TypedProducerHealthCheckOptions { QueueDegradedFraction = 0.8 });
        for (int i = 0; i < 9; i++)
        {
            producer.Produce(new Heartbeat("slow-" + i, DateTimeOffset.UnixEpoch));
        }

        HealthCheckResult nearlyFull = await check.CheckHealthAsync(s_context);
        Assert.Throws<ProducerQueueFullException>(() =>
        {
            producer.Produce(new Heartbeat("one", DateTimeOffset.UnixEpoch));
            producer.Produce(new Heartbeat("too many", DateTimeOffset.UnixEpoch));
        });
        HealthCheckResult refusing = await check.CheckHealthAsync(s_context);
        cluster.SetBrokerRoundTripTime(1, 0);

        Assert.Equal(HealthStatus.Degraded, nearlyFull.Status);
        Assert.Contains("the local queue is 90% full (9 of queue.buffering.max.messages=10 messages", nearlyFull.Description);
        Assert.Equal(HealthStatus.Degraded, refusing.Status);
        Assert.Contains("refused messages (ProducerQueueFullException)", refusing.Description);
    }

    [Fact]
    public async Task AddHealthChecksAddTypedProducers_ReportsTheProducerInTheHostsHealthReport()
    {
        using var kafka = new KafkaTestCluster(1);
        kafka.CreateTopic<Heartbeat>(1);
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddTypedProducerRuntime(o => o.SubjectNameStrategy = SubjectNameStrategy.TopicRecordName).AddTypedProducer<Heartbeat>();
        builder.Services.UseKafkaTestCluster(kafka);
        builder.Services.AddHealthChecks().AddTypedProducers(tags: ["ready"]);
        using IHost host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IHeartbeatProducer>().ProduceAsync(new Heartbeat("di", DateTimeOffset.UnixEpoch));

        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        HealthReportEntry entry = report.Entries["typedproducer"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains("ready", entry.Tags);
        Assert.Equal(kafka.BootstrapServers, entry.Data["bootstrap.servers"]);
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddHealthChecks().AddTypedProducers(configure: o => o.QueueDegradedFraction = 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddHealthChecks().AddTypedProducers(configure: o => o.DegradedFailureCount = 0));
    }

    private static async Task<KafkaProducerConnection> ConnectAsync(EmbeddedKafkaCluster cluster, params string[] properties)
    {
        cluster.CreateTopic("unkeyed", 1);
        var options = new TypedProducerOptions { BootstrapServers = cluster.BootstrapServers, SubjectNameStrategy = SubjectNameStrategy.TopicRecordName };
        options.Producer["linger.ms"] = "0";
        options.Producer["log_level"] = "0";
        for (int i = 0; i < properties.Length; i += 2)
        {
            options.Producer[properties[i]] = properties[i + 1];
        }

        var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync([HeartbeatKafkaContract.Instance]);
        return connection;
    }

    // One delivered message, then the broker answers the next Produce with error.
    private static async Task DeliverThenFailOneAsync(EmbeddedKafkaCluster cluster, KafkaProducerConnection connection, ErrorCode error)
    {
        var producer = new HeartbeatProducer(connection);
        await producer.ProduceAsync(new Heartbeat("delivered", DateTimeOffset.UnixEpoch));
        cluster.PushRequestErrors(KafkaApiKey.Produce, error);
        await Assert.ThrowsAsync<TypedProduceException<Heartbeat>>(() => producer.ProduceAsync(new Heartbeat("failed", DateTimeOffset.UnixEpoch)));
    }

    // Faults reach librdkafka asynchronously: check until the state is reached (bounded), as an operator's probe would.
    private static async Task<HealthCheckResult> CheckUntilAsync(TypedProducerHealthCheck check, HealthStatus status)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        HealthCheckResult result;
        do
        {
            result = await check.CheckHealthAsync(s_context);
            if (result.Status == status)
            {
                return result;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Health stayed {result.Status} ({result.Description}) instead of becoming {status} within 60 s.");
        return result;
    }
}
