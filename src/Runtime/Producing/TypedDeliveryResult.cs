using System;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>Where and when a message was written: the successful outcome of a produce call.</summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
public class TypedDeliveryResult<TMessage>
{
    /// <summary>Creates a result.</summary>
    /// <param name="message">The message that was produced.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition, or -1 when unknown.</param>
    /// <param name="offset">The offset in the partition, or -1 when unknown.</param>
    /// <param name="timestamp">The record timestamp.</param>
    /// <param name="status">Whether the broker acknowledged the record.</param>
    public TypedDeliveryResult(TMessage message, string topic, int partition, long offset, DateTimeOffset timestamp, PersistenceStatus status)
    {
        Message = message;
        Topic = topic;
        Partition = partition;
        Offset = offset;
        Timestamp = timestamp;
        Status = status;
    }

    /// <summary>The message that was produced; <c>default</c> for a tombstone (<see cref="IsTombstone"/>), which has no message.</summary>
    public TMessage Message { get; }

    /// <summary>
    /// True when the record was a tombstone (a key with a null value, produced by a generated producer's
    /// <c>ProduceTombstoneAsync</c>/<c>ProduceTombstone</c>): <see cref="Message"/> is then <c>default</c>.
    /// </summary>
    public bool IsTombstone { get; init; }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>The partition the record was written to; -1 when the record never reached a partition.</summary>
    public int Partition { get; }

    /// <summary>The record's offset in its partition; -1 when unknown.</summary>
    public long Offset { get; }

    /// <summary>The record timestamp (CreateTime unless the topic uses LogAppendTime).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>
    /// <see cref="PersistenceStatus.Persisted"/> when acknowledged; <see cref="PersistenceStatus.PossiblyPersisted"/>
    /// when the outcome is unknown (for example a timeout while in flight); <see cref="PersistenceStatus.NotPersisted"/>
    /// when it was certainly not written.
    /// </summary>
    public PersistenceStatus Status { get; }
}
