using System;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>The outcome of a produce call, successful or not, as passed to a delivery handler.</summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
public sealed class TypedDeliveryReport<TMessage> : TypedDeliveryResult<TMessage>
{
    /// <summary>Creates a report.</summary>
    /// <param name="message">The message.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition, or -1.</param>
    /// <param name="offset">The offset, or -1.</param>
    /// <param name="timestamp">The record timestamp.</param>
    /// <param name="status">The persistence status.</param>
    /// <param name="error">The error; <see cref="ErrorCode.NoError"/> on success.</param>
    /// <param name="key">The message key rendered as text, or null.</param>
    public TypedDeliveryReport(TMessage message, string topic, int partition, long offset, DateTimeOffset timestamp, PersistenceStatus status, Error error, string? key)
        : base(message, topic, partition, offset, timestamp, status)
    {
        Error = error;
        Key = key;
    }

    /// <summary>The delivery error; <see cref="ErrorCode.NoError"/> on success.</summary>
    public Error Error { get; }

    /// <summary>The message key rendered as text (for logs), or null when the message has none.</summary>
    public string? Key { get; }

    /// <summary>True when the broker acknowledged the record.</summary>
    public bool IsSuccess => !Error.IsError;
}
