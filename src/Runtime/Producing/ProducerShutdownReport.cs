using System;
using System.Collections.Generic;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// What the shutdown of the shared producer (<see cref="KafkaProducerConnection.Shutdown"/>: host stop or dispose) could
/// not deliver. Every message accepted before the shutdown began has exactly one outcome: its delivery report, or an
/// entry here (its task or handler sees the same failure). Read it from
/// <see cref="TypedProducerHostedService.LastShutdownReport"/> or the return value of
/// <see cref="KafkaProducerConnection.Shutdown"/>.
/// </summary>
/// <param name="OutstandingAfterWait">librdkafka's outstanding count when the bounded wait ended (messages in queue or in flight, plus internal requests; 0 when all were delivered).</param>
/// <param name="Undelivered">Every message that failed or was abandoned during shutdown, in no particular order.</param>
public sealed record ProducerShutdownReport(int OutstandingAfterWait, IReadOnlyList<UndeliveredMessage> Undelivered)
{
    /// <summary>Most keys listed per topic in <see cref="ByTopic"/> (and the log).</summary>
    public const int SampleKeyCount = 5;

    private IReadOnlyList<UndeliveredTopicSummary>? _byTopic;

    /// <summary>True when nothing was left undelivered.</summary>
    public bool IsComplete => OutstandingAfterWait == 0 && Undelivered.Count == 0;

    /// <summary>
    /// Undelivered messages that may nevertheless be in the log (<see cref="PersistenceStatus.PossiblyPersisted"/>: sent,
    /// but no acknowledgement arrived). Re-sending them can write duplicates; check the topic first.
    /// </summary>
    public int PossiblyPersistedCount => Count(PersistenceStatus.PossiblyPersisted);

    /// <summary>Undelivered messages that are certainly not in the log (<see cref="PersistenceStatus.NotPersisted"/>); safe to re-send.</summary>
    public int NotPersistedCount => Count(PersistenceStatus.NotPersisted);

    /// <summary>The undelivered messages per topic (ordinal topic order): counts by persistence status and up to <see cref="SampleKeyCount"/> keys.</summary>
    public IReadOnlyList<UndeliveredTopicSummary> ByTopic => _byTopic ??= Summarize(Undelivered);

    private int Count(PersistenceStatus status)
    {
        int count = 0;
        foreach (UndeliveredMessage message in Undelivered)
        {
            if (message.Status == status)
            {
                count++;
            }
        }

        return count;
    }

    private static UndeliveredTopicSummary[] Summarize(IReadOnlyList<UndeliveredMessage> undelivered)
    {
        var byTopic = new SortedDictionary<string, (int Possibly, int Not, List<string> Keys)>(StringComparer.Ordinal);
        foreach (UndeliveredMessage message in undelivered)
        {
            if (!byTopic.TryGetValue(message.Topic, out var entry))
            {
                entry = (0, 0, new List<string>(SampleKeyCount));
            }

            if (message.Status == PersistenceStatus.NotPersisted)
            {
                entry.Not++;
            }
            else
            {
                entry.Possibly++;
            }

            if (entry.Keys.Count < SampleKeyCount)
            {
                entry.Keys.Add(message.Key ?? "(no key)");
            }

            byTopic[message.Topic] = entry;
        }

        var result = new UndeliveredTopicSummary[byTopic.Count];
        int i = 0;
        foreach (KeyValuePair<string, (int Possibly, int Not, List<string> Keys)> pair in byTopic)
        {
            result[i++] = new UndeliveredTopicSummary(pair.Key, pair.Value.Possibly, pair.Value.Not, pair.Value.Keys);
        }

        return result;
    }
}
