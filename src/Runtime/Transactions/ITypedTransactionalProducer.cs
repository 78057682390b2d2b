using System.Threading;
using System.Threading.Tasks;

namespace TypedProducer;

/// <summary>
/// Produces messages of any contract types in Kafka transactions (KIP-98): either every message of a transaction
/// becomes visible to <c>read_committed</c> consumers, or none does.
/// <code>
/// await using KafkaTransaction tx = await transactionalProducer.BeginAsync(ct);
/// tx.Produce(orderPlaced);
/// tx.Produce(paymentTaken);
/// await tx.CommitAsync(ct);
/// </code>
/// One transaction is open at a time per transactional id: <see cref="BeginAsync"/> waits until the previous
/// transaction is committed, aborted or disposed. Obtained from DI: the default instance uses
/// <c>Kafka:Transactions:TransactionalId</c>; others are registered with
/// <c>services.AddTypedTransactionalProducer("id")</c> and resolved as keyed services. Thread-safe.
/// </summary>
public interface ITypedTransactionalProducer
{
    /// <summary>The librdkafka <c>transactional.id</c>.</summary>
    string TransactionalId { get; }

    /// <summary>
    /// Begins a transaction. The first call initialises the producer with the transaction coordinator
    /// (InitProducerId, which also fences an earlier producer with the same transactional id and completes its
    /// open transaction).
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the previous transaction to end; the initialisation itself runs to its timeout.</param>
    /// <returns>The open transaction; commit it, or dispose it to abort.</returns>
    /// <exception cref="TypedTransactionException">Initialisation failed (for example the coordinator could not be reached within <see cref="TransactionalProducerOptions.OperationTimeout"/>).</exception>
    /// <exception cref="System.ObjectDisposedException">The producer has been disposed.</exception>
    /// <exception cref="System.OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    Task<KafkaTransaction> BeginAsync(CancellationToken cancellationToken = default);
}
