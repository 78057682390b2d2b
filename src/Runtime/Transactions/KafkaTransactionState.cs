namespace TypedProducer;

/// <summary>Where a <see cref="KafkaTransaction"/> is in its life.</summary>
public enum KafkaTransactionState
{
    /// <summary>Open: messages can be produced.</summary>
    Active = 0,

    /// <summary>Committed: every message is visible to <c>read_committed</c> consumers.</summary>
    Committed = 1,

    /// <summary>Aborted, by the caller or because the commit failed with an abortable error: no message becomes visible to <c>read_committed</c> consumers.</summary>
    Aborted = 2,

    /// <summary>The producer hit a fatal error (for example it was fenced by a newer producer with the same transactional id); the outcome is an abort.</summary>
    Failed = 3,
}
