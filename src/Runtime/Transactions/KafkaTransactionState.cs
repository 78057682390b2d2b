namespace TypedProducer;

/// <summary>Where a <see cref="KafkaTransaction"/> is in its life.</summary>
/// <remarks>
/// The states follow librdkafka's transactional API (rdkafka.h, <c>rd_kafka_commit_transaction</c> and
/// <c>rd_kafka_abort_transaction</c>): a commit or abort that times out keeps going in the background and only a
/// call of the same operation resumes it, so such a transaction stays <see cref="Committing"/> or
/// <see cref="Aborting"/> until that call ends it.
/// </remarks>
public enum KafkaTransactionState
{
    /// <summary>Open: messages can be produced.</summary>
    Active = 0,

    /// <summary>Committed: every message is visible to <c>read_committed</c> consumers.</summary>
    Committed = 1,

    /// <summary>Aborted, by the caller or because the commit failed with an abortable error: no message becomes visible to <c>read_committed</c> consumers.</summary>
    Aborted = 2,

    /// <summary>
    /// The producer was discarded and is rebuilt by the next <see cref="ITypedTransactionalProducer.BeginAsync"/>: after
    /// a fatal error (for example it was fenced by a newer producer with the same transactional id), nothing of the
    /// transaction becomes visible; after a commit that was still in progress when the transaction was disposed, the
    /// coordinator decides (the next producer's InitProducerId waits for that decision), so read the log to know.
    /// </summary>
    Failed = 3,

    /// <summary>
    /// A commit was requested and has not ended: it is running, or it timed out
    /// (<see cref="TransactionalProducerOptions.OperationTimeout"/>) and librdkafka carries on in the background.
    /// Call <see cref="KafkaTransaction.CommitAsync"/> again to resume it; an abort is refused until it ends.
    /// Nothing of the transaction is visible to <c>read_committed</c> consumers yet.
    /// </summary>
    Committing = 4,

    /// <summary>
    /// An abort was requested and has not ended: it is running, or it timed out and librdkafka carries on in the
    /// background. Call <see cref="KafkaTransaction.AbortAsync"/> again (or dispose the transaction) to finish it. Nothing
    /// of the transaction becomes visible to <c>read_committed</c> consumers.
    /// </summary>
    Aborting = 5,
}
