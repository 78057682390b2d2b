using System;
using System.Collections.Generic;

namespace TypedProducer;

/// <summary>
/// A batch (<see cref="ITypedProducer{TMessage}.ProduceAllAsync(IEnumerable{TMessage}, System.Threading.CancellationToken)"/>
/// or <see cref="ITypedProducer{TMessage}.ProduceAll(ReadOnlySpan{TMessage}, Action{TypedDeliveryReport{TMessage}}?)"/>) was not
/// handed over completely: message <see cref="FailedIndex"/> was refused synchronously (its cause is the
/// <see cref="Exception.InnerException"/>: <see cref="MessageSerializationException"/>, <see cref="MessageTooLargeException"/>,
/// <see cref="ProducerQueueFullException"/> after the bounded wait, <see cref="ProducerClosedException"/>,
/// <see cref="ArgumentNullException"/>, or <see cref="OperationCanceledException"/> when the batch was cancelled). The
/// messages before it were accepted and each has its outcome; it and the messages after it were not produced.
/// </summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
public sealed class TypedBatchProduceException<TMessage> : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failedIndex">The position (0-based) of the refused message in the batch.</param>
    /// <param name="reports">The delivery reports of the accepted messages 0..<paramref name="failedIndex"/>-1, in batch order; empty for the span overload, whose handler receives them.</param>
    /// <param name="innerException">Why the message was refused.</param>
    public TypedBatchProduceException(int failedIndex, IReadOnlyList<TypedDeliveryReport<TMessage>> reports, Exception innerException)
        : base($"Batch of {typeof(TMessage).Name} stopped at message {failedIndex}: {innerException?.Message} Messages 0..{failedIndex - 1} were accepted; message {failedIndex} and those after it were not produced.", innerException)
    {
        FailedIndex = failedIndex;
        Reports = reports ?? throw new ArgumentNullException(nameof(reports));
    }

    /// <summary>The position (0-based) of the refused message; also the number of messages accepted before it.</summary>
    public int FailedIndex { get; }

    /// <summary>The delivery reports of the accepted messages, in batch order (successful or failed deliveries).</summary>
    public IReadOnlyList<TypedDeliveryReport<TMessage>> Reports { get; }
}
