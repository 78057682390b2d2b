using System;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// A transaction operation (initialise, begin, produce, commit, abort) failed. <see cref="State"/> tells where the
/// transaction is: <see cref="KafkaTransactionState.Aborted"/> (nothing of it becomes visible; produce it again in a
/// new transaction), <see cref="KafkaTransactionState.Failed"/> (fatal producer error: not committed; the next
/// <see cref="ITypedTransactionalProducer.BeginAsync"/> starts a new producer), <see cref="KafkaTransactionState.Committing"/>
/// (the commit timed out and goes on in librdkafka: call <see cref="KafkaTransaction.CommitAsync"/> again to resume it),
/// <see cref="KafkaTransactionState.Aborting"/> (the abort timed out: call <see cref="KafkaTransaction.AbortAsync"/>
/// again), or <see cref="KafkaTransactionState.Active"/> (produce refused: the transaction can only be aborted).
/// The message names the transactional id, the operation, the cause and what to do.
/// </summary>
public sealed class TypedTransactionException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transactionalId">The producer's transactional id.</param>
    /// <param name="operation">The operation that failed: "initialise", "begin", "produce", "commit" or "abort".</param>
    /// <param name="state">The transaction's state after the failure.</param>
    /// <param name="error">The Kafka error.</param>
    /// <param name="innerException">The Confluent.Kafka exception, if any.</param>
    public TypedTransactionException(string transactionalId, string operation, KafkaTransactionState state, Error error, Exception? innerException = null)
        : base(new Error(error.Code, Describe(transactionalId, operation, state, error), error.IsFatal), innerException)
    {
        TransactionalId = transactionalId;
        Operation = operation;
        State = state;
    }

    /// <summary>The producer's <c>transactional.id</c>.</summary>
    public string TransactionalId { get; }

    /// <summary>The operation that failed: "initialise", "begin", "produce", "commit" or "abort".</summary>
    public string Operation { get; }

    /// <summary>The transaction's state after the failure.</summary>
    public KafkaTransactionState State { get; }

    private static string Describe(string transactionalId, string operation, KafkaTransactionState state, Error error)
    {
        string outcome = operation switch
        {
            "produce" => "the transaction can no longer be committed: abort it and produce its messages in a new transaction",
            "initialise" or "begin" => "no transaction was begun; the next BeginAsync starts over with a new producer",
            _ => state switch
            {
                KafkaTransactionState.Aborted => "the transaction was aborted: nothing of it becomes visible to read_committed consumers",
                KafkaTransactionState.Failed => "the producer failed fatally and the transaction was not committed; the next BeginAsync starts a new producer",
                KafkaTransactionState.Committing => "the commit goes on in the background (librdkafka resumes a timed-out commit only when it is called again): call CommitAsync again to finish it and learn its outcome; an abort is refused until it ends",
                KafkaTransactionState.Aborting => "the abort goes on in the background: call AbortAsync again (or dispose the transaction) to finish it; nothing of the transaction becomes visible",
                _ => "state " + state,
            },
        };
        return $"Transaction {operation} of transactional id '{transactionalId}' failed: {error.Reason} [{error.Code}]; {outcome}.";
    }
}
