using System;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// A transaction operation (initialise, commit, abort) failed. <see cref="State"/> tells the outcome:
/// <see cref="KafkaTransactionState.Aborted"/> (nothing of the transaction becomes visible; produce it again in a new
/// transaction), <see cref="KafkaTransactionState.Failed"/> (fatal producer error; the next
/// <see cref="ITypedTransactionalProducer.BeginAsync"/> starts a new producer), or
/// <see cref="KafkaTransactionState.Active"/> (a retriable error outlasted the timeout: commit or abort again).
/// The message names the transactional id, the operation and the cause.
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
        string outcome = operation == "produce" ? "the transaction can no longer be committed: abort it and produce its messages in a new transaction" : state switch
        {
            KafkaTransactionState.Aborted => "the transaction was aborted",
            KafkaTransactionState.Failed => "the producer failed fatally and the transaction is lost",
            KafkaTransactionState.Active => "the transaction is still open: commit or abort it again",
            _ => "state " + state,
        };
        return $"Transaction {operation} of transactional id '{transactionalId}' failed: {error.Reason} [{error.Code}]; {outcome}.";
    }
}
