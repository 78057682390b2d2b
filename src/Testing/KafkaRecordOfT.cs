using System;

namespace TypedProducer.Testing;

/// <summary>A record of contract <typeparamref name="TMessage"/> read back by <see cref="TypedKafkaReader.ReadAll{TMessage}"/>.</summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
public sealed class KafkaRecord<TMessage> : KafkaRecord
{
    private readonly bool _hasMessage;
    private readonly TMessage? _message;

    /// <summary>Creates the record from an untyped one and, when a converter was given, the message it built.</summary>
    /// <param name="record">The record.</param>
    /// <param name="hasMessage">Whether <paramref name="message"/> was built.</param>
    /// <param name="message">The message, or default.</param>
    public KafkaRecord(KafkaRecord record, bool hasMessage, TMessage? message)
        : base(record.Topic, record.Partition, record.Offset, record.Timestamp, record.Key, record.Headers, record.RawValue, record.SchemaId, record.SchemaName, record.SchemaType, record.Value)
    {
        _hasMessage = hasMessage;
        _message = message;
    }

    /// <summary>True when <see cref="Message"/> is available (a converter was passed to the reader).</summary>
    public bool HasMessage => _hasMessage;

    /// <summary>
    /// The record as a <typeparamref name="TMessage"/>, built by the converter passed to
    /// <see cref="TypedKafkaReader.ReadAll{TMessage}"/> from <see cref="KafkaRecord.Fields"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No converter was given: read <see cref="KafkaRecord.Fields"/> instead.</exception>
    public TMessage Message => _hasMessage
        ? _message!
        : throw new InvalidOperationException($"No converter to {typeof(TMessage).Name} was given to the reader (the generator emits no deserializers yet): read the decoded Fields, or pass a converter to ReadAll.");
}
