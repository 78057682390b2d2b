using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedProducer.Testing;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Hosting;

/// <summary>
/// Stopping the host while messages are in flight: the bounded flush delivers what it can, and every other message is
/// failed to its caller (task or handler), listed in the shutdown report and summarised in the log. None is unaccounted for.
/// </summary>
public sealed class ShutdownTests
{
    [Theory]
    [InlineData("leader down")]
    [InlineData("leader slow")]
    public async Task StopAsync_WithMessagesInFlight_EveryMessageIsDeliveredOrReportedToItsCaller(string fault)
    {
        using var kafka = new KafkaTestCluster(brokerCount: 3);
        kafka.CreateTopic<CounterIncremented>(1);
        kafka.MoveLeader(CounterIncrementedKafkaContract.TopicName, 0, 1);
        var logs = new ListLoggerProvider();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs);
        builder.Services.AddTypedProducers(o =>
        {
            o.FlushTimeout = TimeSpan.FromSeconds(1);
            o.Producer["linger.ms"] = "5";
        });
        builder.Services.UseKafkaTestCluster(kafka);
        var tasks = new Dictionary<long, Task<TypedDeliveryResult<CounterIncremented>>>();
        var handled = new ConcurrentDictionary<long, ConcurrentBag<TypedDeliveryReport<CounterIncremented>>>();
        ProducerShutdownReport report;
        using (IHost host = builder.Build())
        {
            await host.StartAsync();
            var producer = host.Services.GetRequiredService<ICounterIncrementedProducer>();
            for (long id = 0; id < 100; id++)
            {
                tasks[id] = producer.ProduceAsync(new CounterIncremented(id, 1));
            }

            await Task.WhenAll(tasks.Values);
            if (fault == "leader down")
            {
                kafka.TakeBrokerDown(1);
            }
            else
            {
                // The leader appends but answers only after 30 s: the outcome is unknown when the flush gives up.
                kafka.SetBrokerLatency(1, TimeSpan.FromSeconds(30));
            }

            for (long id = 100; id < 200; id++)
            {
                tasks[id] = producer.ProduceAsync(new CounterIncremented(id, 1));
            }

            for (long id = 200; id < 300; id++)
            {
                long key = id;
                producer.Produce(new CounterIncremented(id, 1), r => handled.GetOrAdd(key, _ => new()).Add(r));
            }

            await host.StopAsync();
            report = host.Services.GetRequiredService<TypedProducerHostedService>().LastShutdownReport!;
        }

        kafka.BringBrokerUp(KafkaTestCluster.AllBrokers);
        kafka.SetBrokerLatency(KafkaTestCluster.AllBrokers, TimeSpan.Zero);

        // Every ProduceAsync task has ended, every handler was called exactly once.
        Assert.All(tasks.Values, t => Assert.True(t.IsCompleted));
        Assert.Equal(100, handled.Count);
        Assert.All(handled.Values, reports => Assert.Single(reports));

        var delivered = new Dictionary<long, (int Partition, long Offset)>();
        var undelivered = new HashSet<string>();
        foreach ((long id, Task<TypedDeliveryResult<CounterIncremented>> task) in tasks)
        {
            if (task.IsCompletedSuccessfully)
            {
                TypedDeliveryResult<CounterIncremented> result = await task;
                delivered[id] = (result.Partition, result.Offset);
            }
            else
            {
                var ex = Assert.IsType<TypedProduceException<CounterIncremented>>(task.Exception!.InnerException);
                Assert.Contains($"key '{id}'", ex.Message);
                AssertPurgedStatus(ex.DeliveryReport);
                undelivered.Add(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        foreach ((long id, ConcurrentBag<TypedDeliveryReport<CounterIncremented>> reports) in handled)
        {
            TypedDeliveryReport<CounterIncremented> single = reports.Single();
            if (single.IsSuccess)
            {
                delivered[id] = (single.Partition, single.Offset);
            }
            else
            {
                AssertPurgedStatus(single);
                undelivered.Add(single.Key!);
            }
        }

        // Zero unaccounted: 300 messages, each delivered or reported undelivered, never both.
        Assert.Equal(300, delivered.Count + undelivered.Count);
        Assert.All(Enumerable.Range(0, 100), id => Assert.True(delivered.ContainsKey(id)));
        Assert.NotEmpty(undelivered);
        // The shutdown report lists exactly the messages their callers were told about; the log summarises them in one
        // line for the topic (count, persistence status, a few keys), never a line per message.
        Assert.Equal(undelivered.Order(), report.Undelivered.Select(u => u.Key!).Order());
        Assert.Equal(report.Undelivered.Count, report.OutstandingAfterWait);
        Assert.Equal(report.Undelivered.Count, report.PossiblyPersistedCount + report.NotPersistedCount);
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == 8);
        var summary = Assert.Single(logs.Entries, e => e.EventId.Id == 11);
        Assert.Contains($"{undelivered.Count} messages to topic '{CounterIncrementedKafkaContract.TopicName}'", summary.Message);
        Assert.Contains($"{report.PossiblyPersistedCount} possibly persisted, {report.NotPersistedCount} not persisted", summary.Message);
        Assert.All(report.ByTopic.Single().SampleKeys, key => Assert.Contains(key, undelivered));

        // Every delivered message is in the log where its report said.
        using TypedKafkaReader reader = kafka.CreateReader();
        Dictionary<(int, long), long> log = reader.ReadAll<CounterIncremented>().ToDictionary(r => (r.Partition, r.Offset), r => (long)r.Fields["CounterId"]!);
        Assert.All(delivered, pair => Assert.Equal(pair.Key, log[pair.Value]));

        // A message reported as never sent is not in the log.
        var written = log.Values.ToHashSet();
        Assert.All(report.Undelivered.Where(u => u.Status == PersistenceStatus.NotPersisted), u => Assert.DoesNotContain(long.Parse(u.Key!, System.Globalization.CultureInfo.InvariantCulture), written));
    }

    // The shutdown purges what its flush could not deliver (rd_kafka_purge): a message still queued was never sent, one
    // in flight may have been written.
    private static void AssertPurgedStatus(TypedDeliveryReport<CounterIncremented> report)
    {
        Assert.Contains("shutdown flush timeout", report.Error.Reason);
        switch (report.Error.Code)
        {
            case ErrorCode.Local_PurgeQueue:
                Assert.Equal(PersistenceStatus.NotPersisted, report.Status);
                break;
            case ErrorCode.Local_PurgeInflight:
                Assert.Equal(PersistenceStatus.PossiblyPersisted, report.Status);
                break;
            default:
                Assert.Fail($"{report.Key}: {report.Error.Code} {report.Error.Reason} ({report.Status}), not a purge");
                break;
        }
    }
}
