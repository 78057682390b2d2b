using System;
using System.Collections.Generic;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace TypedProducer.FaultSuite;

/// <summary>What a delivery report said about one event.</summary>
public readonly record struct DeliveryOutcome(bool Success, int Partition, long Offset, ErrorCode Error, PersistenceStatus Status);

/// <summary>One event of the run: its position in the produce order, key, topic and contract message.</summary>
public abstract class FaultEvent(long sequence, string key, string topic, DateTimeOffset at)
{
    /// <summary>The position in the produce order, also written into the message (its <c>Sequence</c> field).</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The message key (order id or ride id).</summary>
    public string Key { get; } = key;

    /// <summary>The contract's topic.</summary>
    public string Topic { get; } = topic;

    /// <summary>The event time (orders' steps are made monotone per key).</summary>
    public DateTimeOffset At { get; } = at;

    /// <summary>The contract type's name.</summary>
    public abstract string TypeName { get; }

    /// <summary>The contract's Avro record full name.</summary>
    public abstract string RecordName { get; }

    /// <summary>Produces through the typed producer of the contract (the shared idempotent producer).</summary>
    public abstract void Produce(ProducerLookup producers, Action<DeliveryOutcome> onReport);

    /// <summary>Produces in a transaction, with the attempt header.</summary>
    public abstract void Produce(KafkaTransaction transaction, Headers headers, Action<DeliveryOutcome> onReport);

    /// <summary>The event's timestamp field as decoded from the log, to compare with <see cref="At"/>.</summary>
    public abstract string TimeField { get; }
}

/// <summary>An event of contract <typeparamref name="TMessage"/>.</summary>
public sealed class FaultEvent<TMessage>(long sequence, string key, DateTimeOffset at, TMessage message, string timeField)
    : FaultEvent(sequence, key, TMessage.KafkaContract.Topic, at)
    where TMessage : IKafkaMessage<TMessage>
{
    /// <summary>The message.</summary>
    public TMessage Message { get; } = message;

    /// <inheritdoc />
    public override string TypeName => typeof(TMessage).Name;

    /// <inheritdoc />
    public override string RecordName => TMessage.KafkaContract.ValueSchema.FullName;

    /// <inheritdoc />
    public override string TimeField => timeField;

    /// <inheritdoc />
    public override void Produce(ProducerLookup producers, Action<DeliveryOutcome> onReport) =>
        producers.Get<TMessage>().Produce(Message, report => onReport(ToOutcome(report)));

    /// <inheritdoc />
    public override void Produce(KafkaTransaction transaction, Headers headers, Action<DeliveryOutcome> onReport) =>
        transaction.Produce(Message, report => onReport(ToOutcome(report)), headers);

    private static DeliveryOutcome ToOutcome(TypedDeliveryReport<TMessage> report) =>
        new(report.IsSuccess, report.Partition, report.Offset, report.Error.Code, report.Status);
}

/// <summary>The typed producers of a host, resolved once per contract.</summary>
public sealed class ProducerLookup(IServiceProvider services)
{
    private readonly Dictionary<Type, object> _producers = new();

    /// <summary>The typed producer of <typeparamref name="TMessage"/>.</summary>
    public ITypedProducer<TMessage> Get<TMessage>()
    {
        if (!_producers.TryGetValue(typeof(TMessage), out object? producer))
        {
            _producers[typeof(TMessage)] = producer = services.GetRequiredService<ITypedProducer<TMessage>>();
        }

        return (ITypedProducer<TMessage>)producer;
    }
}
