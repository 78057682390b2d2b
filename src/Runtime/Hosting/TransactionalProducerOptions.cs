using System;
using System.Collections.Generic;

namespace TypedProducer;

/// <summary>
/// Options of the transactional producer (<see cref="ITypedTransactionalProducer"/>), bound from
/// <c>"Kafka:Transactions"</c>:
/// <code>
/// "Kafka": {
///   "Transactions": { "TransactionalId": "orders-service-1", "Producer": { "transaction.timeout.ms": "30000" } }
/// }
/// </code>
/// The transactional producer is a Confluent.Kafka producer of its own (a transactional id belongs to one producer
/// instance: KIP-98), built from the shared producer's configuration (<see cref="KafkaProducerConnection.BuildConfig"/>)
/// plus <c>transactional.id</c> and <see cref="Producer"/>.
/// </summary>
public sealed class TransactionalProducerOptions
{
    /// <summary>
    /// The librdkafka <c>transactional.id</c> of the default <see cref="ITypedTransactionalProducer"/>: stable across
    /// restarts of one application instance and unique between instances, so that a restarted instance fences its
    /// previous incarnation (KIP-98). Null: resolving <see cref="ITypedTransactionalProducer"/> without a key throws.
    /// </summary>
    public string? TransactionalId { get; set; }

    /// <summary>
    /// librdkafka properties for the transactional producer only (for example <c>transaction.timeout.ms</c>),
    /// applied after the shared producer's configuration and <c>transactional.id</c>.
    /// </summary>
    public Dictionary<string, string> Producer { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The longest wait for one transaction operation: initialisation (InitProducerId), commit (which first flushes
    /// the transaction's messages) and abort. librdkafka retries coordinator errors within it. Default: 30 seconds.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
