using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Hosting;

/// <summary>
/// Every accepted message ends with exactly one outcome (a delivery report, a failure, or a shutdown-report entry), even
/// when the host stops or the producer is disposed under load; after that, produce is refused with a named exception.
/// And the errors the runtime gives for a full queue, a real cluster without a registry and unreachable brokers.
/// </summary>
public sealed class OutcomeTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StopAndDisposeWhileSeveralThreadsProduce_EveryAcceptedMessageHasExactlyOneOutcome(bool withHandler)
    {
        var options = new TypedProducerOptions { BootstrapServers = kafka.BootstrapServers, FlushTimeout = TimeSpan.FromMilliseconds(200) };
        options.Producer["linger.ms"] = "20";
        var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync([HeartbeatKafkaContract.Instance]);
        var producer = new HeartbeatProducer(connection);

        long accepted = 0, refused = 0, outcomes = 0, doubleOutcomes = 0;
        var outcomeCounts = new ConcurrentDictionary<long, int>();
        var tasks = new ConcurrentBag<Task<TypedDeliveryResult<Heartbeat>>>();
        using var stop = new CancellationTokenSource();
        var threads = new Thread[4];
        for (int t = 0; t < threads.Length; t++)
        {
            int thread = t;
            threads[t] = new Thread(() =>
            {
                long sequence = 0;
                while (!stop.IsCancellationRequested)
                {
                    long id = ((long)thread << 40) | sequence++;
                    var message = new Heartbeat(id.ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UnixEpoch);
                    try
                    {
                        if (withHandler)
                        {
                            producer.Produce(message, _ =>
                            {
                                if (outcomeCounts.AddOrUpdate(id, 1, (_, n) => n + 1) > 1)
                                {
                                    Interlocked.Increment(ref doubleOutcomes);
                                }

                                Interlocked.Increment(ref outcomes);
                            });
                        }
                        else
                        {
                            tasks.Add(producer.ProduceAsync(message));
                        }

                        Interlocked.Increment(ref accepted);
                    }
                    catch (ProducerClosedException)
                    {
                        Interlocked.Increment(ref refused);
                    }
                    catch (ProducerQueueFullException)
                    {
                        Thread.Yield();
                    }
                }
            });
            threads[t].Start();
        }

        // Let the threads fill librdkafka's queue, then stop (Shutdown) and dispose while they keep producing.
        SpinWait.SpinUntil(() => Interlocked.Read(ref accepted) > 20_000, TimeSpan.FromSeconds(30));
        // Slow acknowledgements from here on, so that the bounded flush leaves messages outstanding.
        SetRoundTripTime(2_000);
        ProducerShutdownReport report;
        try
        {
            report = connection.Shutdown();
            Thread.Sleep(50);
            connection.Dispose();
        }
        finally
        {
            SetRoundTripTime(0);
        }

        stop.Cancel();
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.True(Interlocked.Read(ref refused) > 0, "produce calls after the shutdown began must be refused");
        if (withHandler)
        {
            Assert.Equal(0, Interlocked.Read(ref doubleOutcomes));
            Assert.Equal(Interlocked.Read(ref accepted), Interlocked.Read(ref outcomes));
        }
        else
        {
            // Every task has completed (none left pending for ever): delivered or failed.
            Task all = Task.WhenAll(tasks);
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.All(tasks, t => Assert.True(t.IsCompleted, "a task was left without an outcome"));
            Assert.Equal(Interlocked.Read(ref accepted), tasks.Count);
            int failed = tasks.Count(t => t.IsFaulted);
            Assert.Equal(report.Undelivered.Count, failed);
        }

        Assert.Throws<ProducerClosedException>(() => producer.Produce(new Heartbeat("late", DateTimeOffset.UnixEpoch)));
        Assert.Same(report, connection.Shutdown());
    }

    private void SetRoundTripTime(int milliseconds)
    {
        for (int broker = 1; broker <= 3; broker++)
        {
            kafka.Cluster.SetBrokerRoundTripTime(broker, milliseconds);
        }
    }

    [Fact]
    public async Task ShutdownWithManyUndelivered_LogsABoundedSummaryPerTopicSayingWhatMayBePersisted()
    {
        var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var options = new TypedProducerOptions { BootstrapServers = "127.0.0.1:1", FlushTimeout = TimeSpan.FromMilliseconds(300) };
        options.Producer["log_level"] = "0";
        var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient(), factory.CreateLogger<KafkaProducerConnection>());
        await connection.RegisterSchemasAsync([EveryTypeKafkaContract.Instance]);
        var producer = new EveryTypeProducer(connection);
        for (int i = 0; i < 2_000; i++)
        {
            producer.Produce(new EveryType { Id = "k" + i });
        }

        ProducerShutdownReport report = connection.Shutdown();
        connection.Dispose();

        Assert.Equal(2_000, report.Undelivered.Count);
        Assert.Equal(2_000, report.PossiblyPersistedCount + report.NotPersistedCount);
        UndeliveredTopicSummary topic = Assert.Single(report.ByTopic);
        Assert.Equal("every.type", topic.Topic);
        Assert.Equal(ProducerShutdownReport.SampleKeyCount, topic.SampleKeys.Count);
        var errors = logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.InRange(errors.Count, 2, 3); // per topic, the total (and never one per message)
        Assert.Contains(errors, e => e.EventId.Id == 11 && e.Message.Contains("2000 messages to topic 'every.type'") && e.Message.Contains("possibly persisted"));
        Assert.Contains(errors, e => e.EventId.Id == 9 && e.Message.Contains("re-sending can duplicate them"));
    }

    [Fact]
    public async Task FullQueue_ThrowsProducerQueueFullExceptionNamingTopicAndLimit()
    {
        var options = new TypedProducerOptions { BootstrapServers = "127.0.0.1:1", FlushTimeout = TimeSpan.FromMilliseconds(100) };
        options.Producer["queue.buffering.max.messages"] = "10";
        options.Producer["log_level"] = "0";
        using var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync([EveryTypeKafkaContract.Instance]);
        var producer = new EveryTypeProducer(connection);
        for (int i = 0; i < 10; i++)
        {
            producer.Produce(new EveryType { Id = "fill-" + i });
        }

        var sync = Assert.Throws<ProducerQueueFullException>(() => producer.Produce(new EveryType { Id = "one-too-many" }, _ => Assert.Fail("no report follows a refused message")));
        var async = Assert.Throws<ProducerQueueFullException>(() => { _ = producer.ProduceAsync(new EveryType { Id = "one-too-many" }); });

        Assert.Equal(ErrorCode.Local_QueueFull, sync.Error.Code);
        Assert.Equal("every.type", sync.Topic);
        Assert.Equal(10, sync.MaxMessages);
        Assert.Contains("topic 'every.type'", sync.Message);
        Assert.Contains("queue.buffering.max.messages=10", sync.Message);
        Assert.Equal(sync.Message, async.Message);
        Assert.Equal(10, connection.InFlight.Count);
    }

    [Fact]
    public async Task RealClusterWithoutRegistryUrl_HostStartFailsNamingTheSetting()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddTypedProducerRuntime(o => o.BootstrapServers = kafka.BootstrapServers);
        builder.Services.AddTypedProducer<Heartbeat>();
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Kafka:SchemaRegistry:Url", ex.Message);
        Assert.Contains("Heartbeat", ex.Message);
        Assert.Contains("UseInMemoryRegistry", ex.Message);
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("opt-in")]
    public async Task InMemoryRegistryWithoutUrl_IsAcceptedForTheEmbeddedClusterOrWhenOptedInto(string how)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddTypedProducerRuntime(o =>
        {
            if (how == "embedded")
            {
                o.Embedded.Enabled = true;
            }
            else
            {
                o.BootstrapServers = kafka.BootstrapServers;
                o.SchemaRegistry.UseInMemoryRegistry = true;
            }
        });
        builder.Services.AddTypedProducer<Heartbeat>();
        using IHost host = builder.Build();

        await host.StartAsync();
        TypedDeliveryResult<Heartbeat> result = await host.Services.GetRequiredService<ITypedProducer<Heartbeat>>().ProduceAsync(new Heartbeat("a", DateTimeOffset.UnixEpoch));
        await host.StopAsync();

        Assert.Equal(PersistenceStatus.Persisted, result.Status);
    }

    [Fact]
    public async Task UnreachableBrokers_HostStartHonoursItsCancellationToken()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddTypedProducerRuntime(o =>
        {
            o.BootstrapServers = "127.0.0.1:1";
            o.SchemaRegistry.UseInMemoryRegistry = true;
            o.MetadataTimeout = TimeSpan.FromMinutes(5);
            o.Producer["log_level"] = "0";
        });
        builder.Services.AddTypedProducer<OrderPlaced>(); // [PartitionKey]: needs the partition count at start-up
        using IHost host = builder.Build();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.StartAsync(cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"start took {clock.Elapsed} after cancellation at 0.5 s (metadata timeout 5 min)");
    }

    [Fact]
    public async Task UnreachableBrokers_TimedOutMessageSaysTheBrokersWereUnreachable()
    {
        var options = new TypedProducerOptions { BootstrapServers = "127.0.0.1:1", FlushTimeout = TimeSpan.FromSeconds(5) };
        options.Producer["message.timeout.ms"] = "1500";
        options.Producer["request.timeout.ms"] = "1000";
        options.Producer["log_level"] = "0";
        using var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync([EveryTypeKafkaContract.Instance]);

        var ex = await Assert.ThrowsAsync<TypedProduceException<EveryType>>(() => new EveryTypeProducer(connection).ProduceAsync(new EveryType { Id = "k" }));

        Assert.Equal(ErrorCode.Local_MsgTimedOut, ex.Error.Code);
        Assert.Contains("brokers (127.0.0.1:1) were unreachable", ex.Message);
        Assert.Contains("last broker error", ex.Message);
        Assert.Contains("127.0.0.1:1", ex.DeliveryReport.Error.Reason);
    }
}
