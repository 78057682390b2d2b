using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// Produces messages of contract <typeparamref name="TMessage"/> to its topic. Implemented by the generated
/// <c>{Contract}Producer</c> classes; inject either this interface or the generated one. Thread-safe.
/// All typed producers of a cluster share one Confluent.Kafka producer (one librdkafka instance).
/// </summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
public interface ITypedProducer<TMessage>
{
    /// <summary>The Kafka topic this producer writes to.</summary>
    string Topic { get; }

    /// <summary>
    /// Serializes <paramref name="message"/> and produces it; completes when the delivery report arrives.
    /// </summary>
    /// <param name="message">The message; not null.</param>
    /// <param name="headers">Kafka record headers, or null.</param>
    /// <param name="timestamp">The record's CreateTime, or null for the time of this call.</param>
    /// <param name="cancellationToken">
    /// Stops waiting for the delivery report. As with Confluent.Kafka, a message already handed to the
    /// client may still be delivered after cancellation.
    /// </param>
    /// <returns>Where and when the message was persisted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="MessageSerializationException">A member's value cannot be serialized.</exception>
    /// <exception cref="MessageTooLargeException">The serialized message is larger than the producer's <c>message.max.bytes</c>; the message names both.</exception>
    /// <exception cref="ProducerQueueFullException">Thrown synchronously: librdkafka's local queue is full (<c>queue.buffering.max.messages</c> or <c>.kbytes</c>); the message was not accepted.</exception>
    /// <exception cref="ProducerClosedException">Thrown synchronously: the host stopped or the producer was disposed; the message was not accepted.</exception>
    /// <exception cref="TypedProduceException{TMessage}">In the task: the delivery failed; the report names topic, key, error and persistence status
    /// (a message timed out while no broker was reachable says so, with librdkafka's last broker error).</exception>
    Task<TypedDeliveryResult<TMessage>> ProduceAsync(
        TMessage message,
        Headers? headers = null,
        DateTimeOffset? timestamp = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Serializes <paramref name="message"/> and enqueues it without waiting; <paramref name="deliveryHandler"/>
    /// is called exactly once with the delivery report, successful or not, on the client's polling thread (or, for a
    /// message still outstanding when the shutdown flush times out, on the shutting-down thread, with the report that
    /// is also listed in the <see cref="ProducerShutdownReport"/>).
    /// </summary>
    /// <param name="message">The message; not null.</param>
    /// <param name="deliveryHandler">Called with the delivery report; null to ignore successes (failures are still logged).</param>
    /// <param name="headers">Kafka record headers, or null.</param>
    /// <param name="timestamp">The record's CreateTime, or null for the time of this call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="MessageSerializationException">A member's value cannot be serialized.</exception>
    /// <exception cref="MessageTooLargeException">The serialized message is larger than the producer's <c>message.max.bytes</c>; the message names both.</exception>
    /// <exception cref="ProducerQueueFullException">librdkafka's local queue is full (<c>queue.buffering.max.messages</c> or <c>.kbytes</c>); the message was not accepted and the handler is not called.</exception>
    /// <exception cref="ProducerClosedException">The host stopped or the producer was disposed; the message was not accepted and the handler is not called.</exception>
    void Produce(
        TMessage message,
        Action<TypedDeliveryReport<TMessage>>? deliveryHandler = null,
        Headers? headers = null,
        DateTimeOffset? timestamp = null);

    /// <summary>
    /// Produces every message of <paramref name="messages"/>, in order, and completes when each has its delivery report.
    /// Delivery failures do not throw: each message's report says whether it was persisted. When librdkafka's local
    /// queue is full, handing over waits for deliveries (up to <see cref="TypedProducerOptions.QueueFullTimeout"/>,
    /// like the Java client's <c>max.block.ms</c>) instead of failing.
    /// </summary>
    /// <param name="messages">The messages; enumerated once.</param>
    /// <param name="cancellationToken">Stops handing over further messages (those accepted still get their reports).</param>
    /// <returns>One report per message, in the order of <paramref name="messages"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    /// <exception cref="TypedBatchProduceException{TMessage}">A message was refused synchronously (or the batch was cancelled)
    /// after the ones before it were accepted: the exception holds their reports, the refused message's index and the cause.</exception>
    Task<IReadOnlyList<TypedDeliveryReport<TMessage>>> ProduceAllAsync(IEnumerable<TMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ProduceAllAsync(IEnumerable{TMessage}, CancellationToken)"/>, for a stream of messages (enumerated once, with <paramref name="cancellationToken"/>).</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="cancellationToken">Stops enumerating and handing over (those accepted still get their reports).</param>
    /// <returns>One report per message, in the order of <paramref name="messages"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    /// <exception cref="TypedBatchProduceException{TMessage}">As for the enumerable overload.</exception>
    Task<IReadOnlyList<TypedDeliveryReport<TMessage>>> ProduceAllAsync(IAsyncEnumerable<TMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enqueues every message of <paramref name="messages"/>, in order, without waiting (fire and forget);
    /// <paramref name="deliveryHandler"/> is called once per message with its report, as for <see cref="Produce(TMessage, Action{TypedDeliveryReport{TMessage}}?, Headers?, DateTimeOffset?)"/>.
    /// No queue-full wait: a full queue refuses the message.
    /// </summary>
    /// <param name="messages">The messages.</param>
    /// <param name="deliveryHandler">Called with each delivery report; null to ignore successes (failures are still logged).</param>
    /// <exception cref="TypedBatchProduceException{TMessage}">Message <see cref="TypedBatchProduceException{TMessage}.FailedIndex"/> was refused
    /// synchronously (the cause is the inner exception); the ones before it were accepted, it and those after it were not produced.</exception>
    void ProduceAll(ReadOnlySpan<TMessage> messages, Action<TypedDeliveryReport<TMessage>>? deliveryHandler = null);
}
