using System.Collections.Generic;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>What flushing at shutdown could not deliver.</summary>
/// <param name="OutstandingAfterWait">librdkafka's outstanding count when the bounded wait ended (messages in queue or in flight, plus internal requests; 0 when all were delivered).</param>
/// <param name="Undelivered">Every message that failed or was purged during shutdown.</param>
public sealed record ProducerShutdownReport(int OutstandingAfterWait, IReadOnlyList<UndeliveredMessage> Undelivered)
{
    /// <summary>True when nothing was left undelivered.</summary>
    public bool IsComplete => OutstandingAfterWait == 0 && Undelivered.Count == 0;
}

/// <summary>A message that was not delivered.</summary>
/// <param name="MessageType">The contract type's name.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition, or -1 when none was chosen yet.</param>
/// <param name="Key">The message key as text, or null.</param>
/// <param name="Error">Why it was not delivered (for example Local_TimedOut when the shutdown flush timed out).</param>
/// <param name="Status">Whether it may still have been written (PossiblyPersisted) or certainly was not.</param>
public sealed record UndeliveredMessage(string MessageType, string Topic, int Partition, string? Key, Error Error, PersistenceStatus Status);
