using System;
using System.Globalization;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// librdkafka's local producer queue is full (<see cref="ErrorCode.Local_QueueFull"/>): more messages await delivery
/// than <c>queue.buffering.max.messages</c> allows (librdkafka default 100000), or their sizes sum to more than
/// <c>queue.buffering.max.kbytes</c> (default 1048576 KiB). Thrown synchronously by
/// <see cref="ITypedProducer{TMessage}.Produce"/> and <see cref="ITypedProducer{TMessage}.ProduceAsync"/>; the message
/// was not accepted and no delivery report follows. Producing faster than the brokers acknowledge, or brokers that are
/// unreachable, fill the queue: wait for deliveries (for example <see cref="KafkaProducerConnection.Flush"/> or awaiting
/// earlier tasks) and produce again, or raise the limits in <c>Kafka:Producer</c>. librdkafka CONFIGURATION.md.
/// </summary>
public sealed class ProducerQueueFullException : KafkaException
{
    internal ProducerQueueFullException(string messageType, string topic, int maxMessages, int maxKilobytes, Exception innerException)
        : base(new Error(ErrorCode.Local_QueueFull,
            $"A {messageType} to topic '{topic}' was refused: librdkafka's producer queue is full " +
            $"(queue.buffering.max.messages={maxMessages.ToString(CultureInfo.InvariantCulture)}, queue.buffering.max.kbytes={maxKilobytes.ToString(CultureInfo.InvariantCulture)}). " +
            "Messages are produced faster than the brokers acknowledge them, or no broker is reachable; wait for deliveries and produce again, or raise the limits."),
            innerException)
    {
        MessageType = messageType;
        Topic = topic;
        MaxMessages = maxMessages;
        MaxKilobytes = maxKilobytes;
    }

    /// <summary>The contract type's name.</summary>
    public string MessageType { get; }

    /// <summary>The topic of the refused message.</summary>
    public string Topic { get; }

    /// <summary>The configured <c>queue.buffering.max.messages</c> (messages).</summary>
    public int MaxMessages { get; }

    /// <summary>The configured <c>queue.buffering.max.kbytes</c> (KiB).</summary>
    public int MaxKilobytes { get; }

    internal static ProducerQueueFullException Create(string messageType, string topic, TypedProducerOptions options, Exception innerException) =>
        new(messageType, topic,
            ReadInt(options, "queue.buffering.max.messages", 100_000),
            ReadInt(options, "queue.buffering.max.kbytes", 1_048_576),
            innerException);

    private static int ReadInt(TypedProducerOptions options, string property, int librdkafkaDefault) =>
        options.Producer.TryGetValue(property, out string? text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : librdkafkaDefault;
}
