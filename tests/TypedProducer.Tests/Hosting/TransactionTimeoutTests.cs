using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TypedProducer.SchemaRegistry;
using TypedProducer.Testing;
using TypedProducer.Tests.Contracts;
using Xunit.Abstractions;

namespace TypedProducer.Tests.Hosting;

/// <summary>Runs alone: its tests compare this process's CPU time with wall time, which other tests would inflate.</summary>
[CollectionDefinition(nameof(ProcessCpuCollection), DisableParallelization = true)]
public sealed class ProcessCpuCollection;

/// <summary>
/// A commit that times out while the brokers are down, then the brokers come back (issue 9). librdkafka keeps such a
/// commit going in the background and resumes it only when commit_transaction is called again (rdkafka.h); an abort
/// answers __CONFLICT until then. The typed API must say so (state Committing, advice to commit again), refuse the
/// abort instead of retrying it in a busy loop, and end with the outcome a read_committed reader sees in the log.
/// </summary>
[Collection(nameof(ProcessCpuCollection))]
public sealed class TransactionTimeoutTests : IDisposable
{
    private const int Messages = 10;
    private readonly KafkaTestCluster _kafka = new(brokerCount: 3);
    private readonly ITestOutputHelper _output;

    public TransactionTimeoutTests(ITestOutputHelper output)
    {
        _output = output;
        _kafka.CreateTopic<OrderPlaced>(3);
    }

    private IHost BuildHost()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddTypedProducers(o =>
        {
            o.SubjectNameStrategy = SubjectNameStrategy.TopicRecordName;
            o.Producer["linger.ms"] = "1";
            // Reconnect within a second once the brokers are back (reference: librdkafka-mock-cluster.md, section 7).
            o.Producer["reconnect.backoff.max.ms"] = "1000";
            o.Producer["socket.connection.setup.timeout.ms"] = "5000";
            o.Transactions.TransactionalId = "timeout-tests";
            o.Transactions.OperationTimeout = TimeSpan.FromSeconds(3);
        });
        builder.Services.UseKafkaTestCluster(_kafka);
        return builder.Build();
    }

    private static OrderPlaced Order(int i) => new(Guid.NewGuid(), "customer-" + i, 10m + i, DateTimeOffset.UnixEpoch.AddDays(i));

    private async Task<KafkaTransaction> BeginWithDeliveredMessagesAsync(IHost host)
    {
        KafkaTransaction transaction = await host.Services.GetRequiredService<ITypedTransactionalProducer>().BeginAsync();
        for (int i = 0; i < Messages; i++)
        {
            await transaction.ProduceAsync(Order(i));
        }

        return transaction;
    }

    private async Task<KafkaTransactionState> CommitTimingOutAsync(KafkaTransaction transaction)
    {
        _kafka.TakeBrokerDown(KafkaTestCluster.AllBrokers);
        var ex = await Assert.ThrowsAsync<TypedTransactionException>(() => transaction.CommitAsync());
        Assert.Equal(KafkaTransactionState.Committing, ex.State);
        Assert.Contains("call CommitAsync again", ex.Message);
        return transaction.State;
    }

    private int CommittedOrdersInTheLog()
    {
        using TypedKafkaReader reader = _kafka.CreateReader();
        return reader.ReadAll<OrderPlaced>().Count;
    }

    [Fact]
    public async Task CommitTimesOutThenBrokersAreBack_CommitAgainFinishesItWithoutSpinningAndTheLogAgrees()
    {
        using IHost host = BuildHost();
        await host.StartAsync();
        await using KafkaTransaction transaction = await BeginWithDeliveredMessagesAsync(host);

        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        Assert.Equal(KafkaTransactionState.Committing, await CommitTimingOutAsync(transaction));
        // librdkafka refuses an abort while the commit goes on (__CONFLICT): refused at once with the call that works,
        // not retried until the timeout.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => transaction.AbortAsync());
        Assert.Contains("call CommitAsync again", refused.Message);
        Assert.Equal(KafkaTransactionState.Committing, transaction.State);
        wall.Stop();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        _output.WriteLine($"process CPU {cpu.TotalMilliseconds:F0} ms during {wall.Elapsed.TotalMilliseconds:F0} ms of waiting");
        // Waiting on brokers that are down costs little CPU (measured here: about 0.17 of wall time, the mock's and
        // librdkafka's threads and the JIT included); a busy retry loop costs a whole core for as long as it runs.
        Assert.True(cpu < wall.Elapsed * 0.4, $"process CPU {cpu.TotalMilliseconds:F0} ms during {wall.Elapsed.TotalMilliseconds:F0} ms of waiting");

        _kafka.BringBrokerUp(KafkaTestCluster.AllBrokers);
        // As the exception advises: commit again until the commit has ended (each call resumes it for up to 3 s).
        for (int attempt = 0; transaction.State == KafkaTransactionState.Committing && attempt < 10; attempt++)
        {
            try
            {
                await transaction.CommitAsync();
            }
            catch (TypedTransactionException ex) when (ex.State == KafkaTransactionState.Committing)
            {
            }
        }

        Assert.Contains(transaction.State, new[] { KafkaTransactionState.Committed, KafkaTransactionState.Aborted });
        await host.StopAsync();
        int inLog = CommittedOrdersInTheLog();
        _output.WriteLine($"outcome {transaction.State}; {inLog} of {Messages} records visible to read_committed");
        Assert.Equal(transaction.State == KafkaTransactionState.Committed ? Messages : 0, inLog);
    }

    [Fact]
    public async Task CommitTimesOutThenBrokersAreBack_DisposeResumesTheCommitAndTheLogAgrees()
    {
        using IHost host = BuildHost();
        await host.StartAsync();
        KafkaTransaction transaction = await BeginWithDeliveredMessagesAsync(host);
        await CommitTimingOutAsync(transaction);

        _kafka.BringBrokerUp(KafkaTestCluster.AllBrokers);
        await transaction.DisposeAsync();

        // Committed, or Failed when even the resumed commit did not end in time (then the coordinator decides and the
        // log is the truth); never Aborted, which would claim an outcome nobody knows.
        Assert.Contains(transaction.State, new[] { KafkaTransactionState.Committed, KafkaTransactionState.Failed });
        var producer = host.Services.GetRequiredService<ITypedTransactionalProducer>();
        await using (KafkaTransaction next = await producer.BeginAsync())
        {
            // The next transaction begins (the gate was released), on a new producer after Failed.
            Assert.Equal(KafkaTransactionState.Active, next.State);
        }

        await host.StopAsync();
        int inLog = CommittedOrdersInTheLog();
        _output.WriteLine($"outcome after dispose {transaction.State}; {inLog} of {Messages} records visible to read_committed");
        Assert.True(transaction.State != KafkaTransactionState.Committed || inLog == Messages, $"{inLog} of {Messages} committed records in the log");
    }

    public void Dispose() => _kafka.Dispose();
}
