using System;
using System.Collections.Generic;

namespace TypedProducer.Testing;

/// <summary>A record of contract <typeparamref name="TMessage"/> read back by <see cref="TypedKafkaReader.ReadAll{TMessage}()"/>.</summary>
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

    /// <summary>True when <see cref="Message"/> is available (always, for records from <see cref="TypedKafkaReader.ReadAll{TMessage}()"/>).</summary>
    public bool HasMessage => _hasMessage;

    /// <summary>
    /// The record as a <typeparamref name="TMessage"/>: read by the contract's generated deserializer
    /// (<see cref="TypedKafkaReader.ReadAll{TMessage}()"/>), or built by the converter given to
    /// <see cref="TypedKafkaReader.ReadAll{TMessage}(Func{IReadOnlyDictionary{string, object}, TMessage})"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The record was created without a message.</exception>
    public TMessage Message => _hasMessage
        ? _message!
        : throw new InvalidOperationException($"The record has no {typeof(TMessage).Name}: read the decoded Fields.");
}
