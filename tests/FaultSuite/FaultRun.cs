using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TypedProducer.Embedded;
using TypedProducer.SchemaRegistry;
using TypedProducer.Testing;

namespace TypedProducer.FaultSuite;

/// <summary>How big a fault run is.</summary>
public sealed class FaultRunOptions
{
    /// <summary>Rides of 2024-03-05 produced by the idempotent producer (two events each). Default: all 49,776.</summary>
    public int IdempotentRides { get; set; } = int.MaxValue;

    /// <summary>Rides of 2024-03-27 produced in transactions (two events each). Default: 12,500.</summary>
    public int TransactionalRides { get; set; } = 12_500;

    /// <summary>olist orders (even ones in the idempotent phase, odd ones in transactions). Default: all 4,071.</summary>
    public int Orders { get; set; } = int.MaxValue;

    /// <summary>Partitions of the rides topic. Default 12 (keeps each partition far below the mock's 5 MiB).</summary>
    public int RidePartitions { get; set; } = 12;

    /// <summary>Partitions of the orders topic. Default 6.</summary>
    public int OrderPartitions { get; set; } = 6;

    /// <summary>Events per transaction. Default 1,000.</summary>
    public int TransactionSize { get; set; } = 1_000;

    /// <summary>Multiplies every fault wave's duration. Default 1.</summary>
    public double FaultScale { get; set; } = 1.0;

    /// <summary>When set, only the waves whose name contains one of these strings run.</summary>
    public IReadOnlyList<string>? WaveFilter { get; set; }

    /// <summary>Progress lines; null for none.</summary>
    public Action<string>? Log { get; set; }
}

/// <summary>The outcome of a fault run.</summary>
/// <param name="Messages">Events produced (each exactly once in a committed or idempotent write when nothing is lost).</param>
/// <param name="Faults">Faults injected.</param>
/// <param name="Lost">Events not found in the log (or whose delivery failed).</param>
/// <param name="Duplicated">Events found more than once (records of aborted transactions excluded).</param>
/// <param name="OrderViolations">Keys whose events appear out of produce order in the log.</param>
/// <param name="DeliveryReports">Delivery reports received, every attempt included.</param>
/// <param name="ProduceCalls">Produce calls made, every attempt included.</param>
/// <param name="FailedDeliveries">Delivery reports with an error (in aborted transactions, or lost).</param>
/// <param name="OffsetMismatches">Events whose delivery-report partition and offset differ from where the log has them.</param>
/// <param name="OffsetsUnknown">Transactional events acknowledged as a duplicate batch, for which the mock reports no offset (see <see cref="LogVerification.OffsetsUnknown"/>).</param>
/// <param name="ValueMismatches">Records whose decoded key, type or fields differ from the event produced.</param>
/// <param name="PartitionMismatches">Records not on the partition the Java client computes for their key.</param>
/// <param name="Transactions">Transactions committed.</param>
/// <param name="AbortedAttempts">Transaction attempts aborted (by injected faults) and produced again.</param>
/// <param name="ResumedCommits">Commits that timed out and were resumed by calling CommitAsync again (librdkafka's contract).</param>
/// <param name="AbortedRecordsInLog">Records of aborted attempts in the log, read at read_uncommitted.</param>
/// <param name="AbortedRecordsVisible">Records of aborted attempts a read_committed reader returned (must be 0).</param>
/// <param name="Retries">librdkafka statistics: produce requests retried (sum of brokers' <c>txretries</c>).</param>
/// <param name="MessagesTransmitted">librdkafka statistics: messages transmitted, resends included (<c>txmsgs</c>).</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record FaultRunResult(
    int Messages,
    int Faults,
    int Lost,
    int Duplicated,
    int OrderViolations,
    long DeliveryReports,
    long ProduceCalls,
    long FailedDeliveries,
    int OffsetMismatches,
    int OffsetsUnknown,
    int ValueMismatches,
    int PartitionMismatches,
    int Transactions,
    int AbortedAttempts,
    int ResumedCommits,
    int AbortedRecordsInLog,
    int AbortedRecordsVisible,
    long Retries,
    long MessagesTransmitted,
    TimeSpan Elapsed)
{
    /// <summary>True when nothing was lost, duplicated, reordered or misreported, no aborted record was visible to read_committed, and faults were injected.</summary>
    public bool Passed =>
        Faults > 0 && Lost == 0 && Duplicated == 0 && OrderViolations == 0 && OffsetMismatches == 0 && ValueMismatches == 0
        && PartitionMismatches == 0 && DeliveryReports == ProduceCalls && AbortedRecordsVisible == 0;

    /// <summary>The summary line: <c>messages=&lt;n&gt; faults=&lt;n&gt; lost=&lt;n&gt; duplicated=&lt;n&gt; order_violations=&lt;n&gt;</c>.</summary>
    public string SummaryLine => $"messages={Messages} faults={Faults} lost={Lost} duplicated={Duplicated} order_violations={OrderViolations}";
}

/// <summary>
/// Produces real events through typed producers, idempotent then transactional, while injecting faults into an
/// in-process Kafka cluster; then reads the log back and accounts for every event and every delivery report.
/// </summary>
public static class FaultRun
{
    private const string AttemptHeader = "fault-suite-attempt";
    private const int MaxInFlight = 50_000;

    /// <summary>Runs the suite.</summary>
    /// <param name="options">Its size.</param>
    /// <param name="cancellationToken">Stops it.</param>
    /// <returns>The counts.</returns>
    public static async Task<FaultRunResult> RunAsync(FaultRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Action<string> log = options.Log ?? (_ => { });
        var clock = Stopwatch.StartNew();

        string? data = EventSource.FindDataDirectory();
        log(data is null ? "data: ../shared/data not found, using synthetic rides and orders" : $"data: {data}");
        List<Order> orders = EventSource.LoadOrders(data, options.Orders, syntheticSeed: 3);
        List<FaultEvent> idempotentEvents = EventSource.ToEvents(
            EventSource.LoadRides(data, "citibike-trips-2024-03-05.csv", options.IdempotentRides, syntheticSeed: 1),
            orders.Where((_, i) => i % 2 == 0).ToList(),
            firstSequence: 0);
        List<FaultEvent> transactionalEvents = EventSource.ToEvents(
            EventSource.LoadRides(data, "citibike-trips-2024-03-27.csv", options.TransactionalRides, syntheticSeed: 2),
            orders.Where((_, i) => i % 2 == 1).ToList(),
            firstSequence: idempotentEvents.Count);
        FaultEvent[] events = [.. idempotentEvents, .. transactionalEvents];
        log($"events: {idempotentEvents.Count} idempotent + {transactionalEvents.Count} transactional = {events.Length} ({events.Count(e => e.Topic == RideStartedKafkaContract.TopicName)} ride events, {events.Count(e => e.Topic != RideStartedKafkaContract.TopicName)} order events)");

        using var cluster = new KafkaTestCluster(brokerCount: 3);
        cluster.CreateTopic<RideStarted>(options.RidePartitions);
        cluster.CreateTopic<OrderPurchased>(options.OrderPartitions);
        var context = new FaultContext(cluster, cluster.Topics);
        context.RestoreLeaders();
        log($"cluster: 3 brokers at {cluster.BootstrapServers}; topics " + string.Join(", ", cluster.Topics.Select(t => $"{t.Key} ({t.Value} partitions)")));

        var statistics = new StatisticsTotals();
        var ledger = new DeliveryLedger(events.Length);
        int transactions = 0, abortedAttempts = 0, resumedCommits = 0;
        var abortedAttemptIds = new HashSet<int>();

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddTypedProducers(o =>
        {
            o.SubjectNameStrategy = SubjectNameStrategy.TopicRecordName;
            o.FlushTimeout = TimeSpan.FromSeconds(60);
            o.Producer["linger.ms"] = "5";
            o.Producer["message.timeout.ms"] = "120000";
            // Fast recovery after a broker comes back (reference: librdkafka-mock-cluster.md, section 7).
            o.Producer["socket.connection.setup.timeout.ms"] = "5000";
            o.Producer["reconnect.backoff.max.ms"] = "1000";
            o.Producer["statistics.interval.ms"] = "200";
            // The mock validates sequence numbers only for transactional producers (still so on librdkafka 2.16.0: its
            // rd_kafka_mock_validate_records returns early without a transactional id). With several requests in flight, an
            // injected error on one request and success on the next would be accepted out of order, and librdkafka would
            // then count the failed batch as implicitly acknowledged (delivered, offset unknown) though it was never
            // appended; a real broker rejects the later request (OUT_OF_ORDER_SEQUENCE_NUMBER) and the batches are sent
            // again in order. So the idempotent phase runs one request in flight per broker; the transactional phase,
            // where the mock does validate, runs librdkafka's default of 5.
            o.Producer["max.in.flight.requests.per.connection"] = "1";
            o.Transactions.TransactionalId = "fault-suite";
            o.Transactions.Producer["transaction.timeout.ms"] = "60000";
            o.Transactions.Producer["message.timeout.ms"] = "60000";
            o.Transactions.Producer["max.in.flight.requests.per.connection"] = "5";
            o.Transactions.OperationTimeout = TimeSpan.FromSeconds(60);
        });
        builder.Services.UseKafkaTestCluster(cluster);
        using (IHost host = builder.Build())
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var connection = host.Services.GetRequiredService<KafkaProducerConnection>();
            connection.StatisticsReceived += (_, json) => statistics.Add(json);

            // Phase 1: the shared idempotent producer, faults that never append a batch without acknowledging it.
            IReadOnlyList<FaultWave> idempotentWaves = Filter(FaultWave.Schedule(transactional: false, options.FaultScale), options.WaveFilter);
            log($"phase 1: {idempotentEvents.Count} events through the idempotent typed producers, {idempotentWaves.Count} fault waves");
            var producers = new ProducerLookup(host.Services);
            using (var inFlight = new SemaphoreSlim(MaxInFlight))
            {
                bool producing = true;
                Task faults = RunWavesAsync(context, idempotentWaves, () => Volatile.Read(ref producing), clock, log, cancellationToken);
                var pacer = new Pacer(idempotentEvents.Count, TotalDuration(idempotentWaves));
                for (int i = 0; i < idempotentEvents.Count; i++)
                {
                    FaultEvent e = idempotentEvents[i];
                    pacer.WaitFor(i, cancellationToken);
                    inFlight.Wait(cancellationToken);
                    ledger.Produced();
                    e.Produce(producers, outcome =>
                    {
                        ledger.Report(e.Sequence, outcome, final: true);
                        inFlight.Release();
                    });
                }

                Volatile.Write(ref producing, false);
                await faults.ConfigureAwait(false);
                context.HealAll();
                int outstanding = connection.Flush(TimeSpan.FromMinutes(3));
                log($"phase 1 done at {clock.Elapsed.TotalSeconds:F1} s: {outstanding} outstanding after flush");
            }

            // Phase 2: transactions spanning both topics and all six contract types, under coordinator errors too.
            IReadOnlyList<FaultWave> transactionalWaves = Filter(FaultWave.Schedule(transactional: true, options.FaultScale), options.WaveFilter);
            cluster.FailNextRequests(KafkaApiKey.InitProducerId, ErrorCode.NotCoordinatorForGroup, ErrorCode.GroupCoordinatorNotAvailable, ErrorCode.ConcurrentTransactions);
            log($"phase 2: {transactionalEvents.Count} events in transactions of {options.TransactionSize}, {transactionalWaves.Count} fault waves (+ InitProducerId NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, CONCURRENT_TRANSACTIONS)");
            var transactional = (TypedTransactionalProducer)host.Services.GetRequiredService<ITypedTransactionalProducer>();
            transactional.StatisticsReceived += (_, json) => statistics.Add(json);
            {
                bool producing = true;
                Task faults = RunWavesAsync(context, transactionalWaves, () => Volatile.Read(ref producing), clock, log, cancellationToken);
                var pacer = new Pacer(transactionalEvents.Count, TotalDuration(transactionalWaves));
                int attemptId = 0;
                for (int start = 0; start < transactionalEvents.Count; start += options.TransactionSize)
                {
                    int count = Math.Min(options.TransactionSize, transactionalEvents.Count - start);
                    while (true)
                    {
                        int attempt = ++attemptId;
                        var headers = new Headers { { AttemptHeader, BitConverter.GetBytes(attempt) } };
                        var attemptOutcomes = new DeliveryOutcome[count];
                        await using KafkaTransaction transaction = await transactional.BeginAsync(cancellationToken).ConfigureAwait(false);
                        try
                        {
                            for (int i = 0; i < count; i++)
                            {
                                int index = i;
                                FaultEvent e = transactionalEvents[start + i];
                                pacer.WaitFor(start + i, cancellationToken);
                                ledger.Produced();
                                try
                                {
                                    e.Produce(transaction, headers, outcome =>
                                    {
                                        attemptOutcomes[index] = outcome;
                                        ledger.Report(e.Sequence, outcome, final: false);
                                    });
                                }
                                catch
                                {
                                    // Refused synchronously: no report will come for it.
                                    ledger.Unproduced();
                                    throw;
                                }
                            }

                            resumedCommits += await CommitAsync(transaction, attempt, clock, log, cancellationToken).ConfigureAwait(false);
                            for (int i = 0; i < count; i++)
                            {
                                ledger.Commit(transactionalEvents[start + i].Sequence, attemptOutcomes[i]);
                            }

                            transactions++;
                            log(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,6:F1} s] transaction attempt {attempt} committed ({count} events)"));
                            break;
                        }
                        catch (TypedTransactionException ex)
                        {
                            // Active (a produce was refused) or Aborting (the abort after an abortable error timed out):
                            // abort, resuming a timed-out abort; Aborted or Failed: nothing of it was committed.
                            for (int tries = 0; tries < 5 && transaction.State is KafkaTransactionState.Active or KafkaTransactionState.Aborting; tries++)
                            {
                                try
                                {
                                    await transaction.AbortAsync(cancellationToken).ConfigureAwait(false);
                                }
                                catch (TypedTransactionException)
                                {
                                    // Aborting again (resumed by the next try), or Failed: the producer is rebuilt by the next BeginAsync.
                                }
                            }

                            abortedAttempts++;
                            abortedAttemptIds.Add(attempt);
                            log(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,6:F1} s] transaction attempt {attempt} ({count} events) ended {transaction.State}: {ex.Message}; producing its events again"));
                        }
                    }
                }

                Volatile.Write(ref producing, false);
                await faults.ConfigureAwait(false);
                context.HealAll();
                log($"phase 2 done at {clock.Elapsed.TotalSeconds:F1} s: {transactions} transactions committed, {abortedAttempts} attempts aborted");
            }

            ledger.WaitForReports(TimeSpan.FromSeconds(30));
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        // Read everything back with a real consumer and decode each value by its schema id.
        // read_committed, as an application's consumer reads: records of aborted attempts must not be there.
        var verification = new LogVerification(events, ledger, abortedAttemptIds, AttemptHeader, idempotentEvents.Count, options.TransactionSize);
        int abortedInLog = 0;
        using (TypedKafkaReader reader = cluster.CreateReader())
        using (TypedKafkaReader everything = cluster.CreateReader(IsolationLevel.ReadUncommitted))
        {
            foreach ((string topic, int partitions) in cluster.Topics)
            {
                IReadOnlyList<KafkaRecord> records = reader.ReadAll(topic);
                int aborted = everything.ReadAll(topic).Count(verification.IsOfAbortedAttempt);
                abortedInLog += aborted;
                log($"read back {records.Count} records of {topic} (read_committed); {aborted} more records of aborted attempts at read_uncommitted");
                verification.Check(records, partitions);
            }
        }

        verification.Complete(log);
        return new FaultRunResult(
            events.Length,
            cluster.InjectedFaults,
            verification.Lost,
            verification.Duplicated,
            verification.OrderViolations,
            ledger.Reports,
            ledger.ProduceCalls,
            ledger.FailedReports,
            verification.OffsetMismatches,
            verification.OffsetsUnknown,
            verification.ValueMismatches,
            verification.PartitionMismatches,
            transactions,
            abortedAttempts,
            resumedCommits,
            abortedInLog,
            verification.AbortedRecordsVisible,
            statistics.Retries,
            statistics.MessagesTransmitted,
            clock.Elapsed);
    }

    // A commit that times out goes on in librdkafka, and only calling commit again resumes it and tells its outcome
    // (rdkafka.h, rd_kafka_commit_transaction); aborting and producing the events again could duplicate them. Returns
    // how many times it was resumed; gives up (throws) after 5.
    private static async Task<int> CommitAsync(KafkaTransaction transaction, int attempt, Stopwatch clock, Action<string> log, CancellationToken cancellationToken)
    {
        for (int resumed = 0; ; resumed++)
        {
            try
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return resumed;
            }
            catch (TypedTransactionException ex) when (ex.State == KafkaTransactionState.Committing && resumed < 5)
            {
                log(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,6:F1} s] transaction attempt {attempt}: commit timed out ({ex.Error.Reason}); resuming it"));
            }
        }
    }

    private static IReadOnlyList<FaultWave> Filter(IReadOnlyList<FaultWave> waves, IReadOnlyList<string>? filter) =>
        filter is null ? waves : waves.Where(w => filter.Any(f => w.Name.Contains(f, StringComparison.OrdinalIgnoreCase))).ToList();

    private static TimeSpan TotalDuration(IReadOnlyList<FaultWave> waves) => TimeSpan.FromTicks(waves.Sum(w => w.Duration.Ticks));

    // Runs every wave once, then keeps cycling through them while the phase is still producing, so that no part of the
    // production (which falls behind its pace while transactions commit) runs without faults.
    private static Task RunWavesAsync(FaultContext context, IReadOnlyList<FaultWave> waves, Func<bool> producing, Stopwatch clock, Action<string> log, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            for (int i = 0; waves.Count > 0 && (i < waves.Count || producing()); i++)
            {
                FaultWave wave = waves[i % waves.Count];
                cancellationToken.ThrowIfCancellationRequested();
                log(string.Create(CultureInfo.InvariantCulture, $"  [fault {clock.Elapsed.TotalSeconds,6:F1} s] {wave.Name}"));
                var waveClock = Stopwatch.StartNew();
                wave.Apply(context);
                TimeSpan left = wave.Duration - waveClock.Elapsed;
                if (left > TimeSpan.Zero)
                {
                    Thread.Sleep(left);
                }

                wave.Heal(context);
            }
        },
        cancellationToken);

    /// <summary>Spreads production over the fault schedule, so that every wave meets messages in flight.</summary>
    private sealed class Pacer(int total, TimeSpan duration)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public void WaitFor(int index, CancellationToken cancellationToken)
        {
            if (index % 64 != 0 || duration <= TimeSpan.Zero)
            {
                return;
            }

            TimeSpan due = duration * ((double)index / total);
            while (_clock.Elapsed < due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Thread.Sleep(5);
            }
        }
    }
}
