using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Confluent.Kafka;
using TypedProducer.Embedded;
using TypedProducer.Testing;

namespace TypedProducer.FaultSuite;

/// <summary>What a fault wave acts on: the cluster, the topics and their baseline leaders.</summary>
public sealed class FaultContext(KafkaTestCluster cluster, IReadOnlyDictionary<string, int> topics)
{
    /// <summary>The cluster.</summary>
    public KafkaTestCluster Cluster { get; } = cluster;

    /// <summary>The topics and their partition counts.</summary>
    public IReadOnlyDictionary<string, int> Topics { get; } = topics;

    /// <summary>The leader of partition p of every topic when nothing is wrong: broker (p mod n) + 1.</summary>
    public int BaselineLeader(int partition) => (partition % Cluster.BrokerCount) + 1;

    /// <summary>Moves every partition led by <paramref name="from"/> (in the baseline) to the next broker.</summary>
    public void MoveLeadersAway(int from)
    {
        int to = (from % Cluster.BrokerCount) + 1;
        foreach ((string topic, int partitions) in Topics)
        {
            for (int p = 0; p < partitions; p++)
            {
                if (BaselineLeader(p) == from)
                {
                    Cluster.MoveLeader(topic, p, to);
                }
            }
        }
    }

    /// <summary>Puts every partition back on its baseline leader (not counted as a fault).</summary>
    public void RestoreLeaders()
    {
        foreach ((string topic, int partitions) in Topics)
        {
            for (int p = 0; p < partitions; p++)
            {
                Cluster.Cluster.SetPartitionLeader(topic, p, BaselineLeader(p));
            }
        }
    }

    /// <summary>
    /// Forgets the injected errors of <paramref name="apis"/> that no request has taken yet. A wave's errors are meant for
    /// its own span: the waves keep cycling while the phase produces, and errors of a request type that is rarely sent
    /// (EndTxn, FindCoordinator: once per commit) would otherwise pile up faster than requests take them, so that no
    /// commit could ever succeed.
    /// </summary>
    public void ClearErrors(params KafkaApiKey[] apis)
    {
        foreach (KafkaApiKey api in apis)
        {
            Cluster.ClearRequestErrors(api);
        }
    }

    /// <summary>Heals everything: brokers up, no latency, no pending injected errors, baseline leaders.</summary>
    public void HealAll()
    {
        Cluster.BringBrokerUp(KafkaTestCluster.AllBrokers);
        Cluster.Cluster.SetBrokerRoundTripTime(KafkaTestCluster.AllBrokers, 0);
        foreach (KafkaApiKey api in Enum.GetValues<KafkaApiKey>())
        {
            Cluster.ClearRequestErrors(api);
        }

        RestoreLeaders();
    }
}

/// <summary>
/// One fault: applied, held for <see cref="Duration"/> while events flow, then healed. <see cref="LosesAcknowledgements"/>
/// marks faults that can append a batch whose acknowledgement never arrives: only a broker that de-duplicates
/// sequence numbers keeps the log free of duplicates then, and librdkafka's mock does that for transactional producers
/// only (measured on 2.16.0: a lost acknowledgement duplicated 100 of 200 records of an idempotent producer and none of
/// a transactional one; reference: librdkafka-mock-cluster.md, finding 3), so such waves run in the transactional phase.
/// </summary>
public sealed record FaultWave(string Name, TimeSpan Duration, Action<FaultContext> Apply, Action<FaultContext> Heal, bool LosesAcknowledgements = false)
{
    private static readonly Action<FaultContext> s_nothing = static _ => { };
    private static readonly Action<FaultContext> s_clearProduce = static c => c.ClearErrors(KafkaApiKey.Produce);

    /// <summary>The waves of a run; <paramref name="transactional"/> adds coordinator errors and lost acknowledgements.</summary>
    /// <param name="transactional">Whether the producer is transactional.</param>
    /// <param name="scale">Multiplies every duration (the test suite runs a shorter schedule).</param>
    public static IReadOnlyList<FaultWave> Schedule(bool transactional, double scale = 1.0)
    {
        TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds * scale);
        var waves = new List<FaultWave>
        {
            new("Produce NOT_LEADER_FOR_PARTITION x4", Ms(1000), c => c.Cluster.FailNextRequests(KafkaApiKey.Produce, Repeat(ErrorCode.NotLeaderForPartition, 4)), s_clearProduce),
            new("Produce REQUEST_TIMED_OUT x4", Ms(1000), c => c.Cluster.FailNextRequests(KafkaApiKey.Produce, Repeat(ErrorCode.RequestTimedOut, 4)), s_clearProduce),
            new("Produce NOT_ENOUGH_REPLICAS x3, NOT_ENOUGH_REPLICAS_AFTER_APPEND x1", Ms(1000), c => c.Cluster.FailNextRequests(KafkaApiKey.Produce, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicasAfterAppend), s_clearProduce),
            new("transport errors: 3 Produce connections closed", Ms(1000), c => c.Cluster.DisconnectNextRequests(KafkaApiKey.Produce, 3), s_clearProduce),
            new("Metadata connection closed + Produce NOT_LEADER_FOR_PARTITION x2", Ms(1000), c =>
            {
                c.Cluster.DisconnectNextRequests(KafkaApiKey.Metadata);
                c.Cluster.FailNextRequests(KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, ErrorCode.NotLeaderForPartition);
            }, static c => c.ClearErrors(KafkaApiKey.Metadata, KafkaApiKey.Produce)),
            new("Produce LEADER_NOT_AVAILABLE x2, KAFKA_STORAGE_ERROR x2", Ms(1000), c => c.Cluster.FailNextRequests(KafkaApiKey.Produce, ErrorCode.LeaderNotAvailable, ErrorCode.LeaderNotAvailable, ErrorCode.KafkaStorageError, ErrorCode.KafkaStorageError), s_clearProduce),
            new("leader moves: broker 1's partitions to broker 2", Ms(1200), c => c.MoveLeadersAway(1), c => c.RestoreLeaders()),
            new("fail-over: broker 2's partitions move, then broker 2 down 1.5 s and up", Ms(2000), c =>
            {
                c.MoveLeadersAway(2);
                // Requests already sent to broker 2 drain (NOT_LEADER answers append nothing) before it goes down.
                Thread.Sleep(Ms(300));
                c.Cluster.TakeBrokerDown(2);
                Thread.Sleep(Ms(1500));
                c.Cluster.BringBrokerUp(2);
            }, c => c.RestoreLeaders()),
            new("latency spike: every broker answers 250 ms late", Ms(1200), c => c.Cluster.SetBrokerLatency(KafkaTestCluster.AllBrokers, TimeSpan.FromMilliseconds(250)), c => c.Cluster.SetBrokerLatency(KafkaTestCluster.AllBrokers, TimeSpan.Zero)),
            new("per-broker errors with delays: NOT_LEADER (100 ms), REQUEST_TIMED_OUT (50 ms), slow ack (300 ms) on each broker", Ms(1200), c =>
            {
                for (int broker = 1; broker <= c.Cluster.BrokerCount; broker++)
                {
                    // Per-broker stacks cannot be cleared: add to one only when its last errors were taken.
                    if (c.Cluster.Cluster.GetBrokerRequestErrorCount(broker, KafkaApiKey.Produce) > 0)
                    {
                        continue;
                    }

                    c.Cluster.FailNextRequest(broker, KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, TimeSpan.FromMilliseconds(100));
                    c.Cluster.FailNextRequest(broker, KafkaApiKey.Produce, ErrorCode.RequestTimedOut, TimeSpan.FromMilliseconds(50));
                    c.Cluster.DelayNextResponse(broker, KafkaApiKey.Produce, TimeSpan.FromMilliseconds(300));
                }
            }, s_nothing),
        };

        if (transactional)
        {
            waves.Add(new("coordinator errors: AddPartitionsToTxn CONCURRENT_TRANSACTIONS x2, EndTxn NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, CONCURRENT_TRANSACTIONS, FindCoordinator COORDINATOR_NOT_AVAILABLE", Ms(1500), c =>
            {
                c.Cluster.FailNextRequests(KafkaApiKey.AddPartitionsToTxn, ErrorCode.ConcurrentTransactions, ErrorCode.ConcurrentTransactions);
                c.Cluster.FailNextRequests(KafkaApiKey.EndTxn, ErrorCode.NotCoordinatorForGroup, ErrorCode.GroupCoordinatorNotAvailable, ErrorCode.ConcurrentTransactions);
                c.Cluster.FailNextRequests(KafkaApiKey.FindCoordinator, ErrorCode.GroupCoordinatorNotAvailable);
            }, static c => c.ClearErrors(KafkaApiKey.AddPartitionsToTxn, KafkaApiKey.EndTxn, KafkaApiKey.FindCoordinator)));
            waves.Add(new("lost acknowledgement: broker 3 appends, holds its answer 1.5 s and goes down for 1 s while leader", Ms(2500), c =>
            {
                if (c.Cluster.Cluster.GetBrokerRequestErrorCount(3, KafkaApiKey.Produce) == 0)
                {
                    c.Cluster.DelayNextResponse(3, KafkaApiKey.Produce, TimeSpan.FromMilliseconds(1500));
                }

                // Go down only once a Produce request has taken the delay (it is appended, its answer held back).
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (c.Cluster.Cluster.GetBrokerRequestErrorCount(3, KafkaApiKey.Produce) > 0 && waited.Elapsed < TimeSpan.FromSeconds(1))
                {
                    Thread.Sleep(5);
                }

                Thread.Sleep(100);
                c.Cluster.TakeBrokerDown(3);
                Thread.Sleep(Ms(1000));
                c.Cluster.BringBrokerUp(3);
            }, s_nothing, LosesAcknowledgements: true));
            waves.Add(new("broker 1 down 1 s while leader", Ms(1500), c =>
            {
                c.Cluster.TakeBrokerDown(1);
                Thread.Sleep(Ms(1000));
                c.Cluster.BringBrokerUp(1);
            }, s_nothing, LosesAcknowledgements: true));
        }

        return waves;
    }

    private static ErrorCode[] Repeat(ErrorCode code, int count) => Enumerable.Repeat(code, count).ToArray();
}
