using System;

namespace TypedProducer;

/// <summary>
/// A message was refused because the shared Kafka producer is shut down: the host stopped
/// (<see cref="KafkaProducerConnection.Shutdown"/>) or the producer was disposed. Thrown synchronously by
/// <see cref="ITypedProducer{TMessage}.Produce"/> and <see cref="ITypedProducer{TMessage}.ProduceAsync"/>; the message
/// was not handed to librdkafka, so no delivery report follows. Every message accepted before the shutdown began is
/// delivered, failed, or listed in the <see cref="ProducerShutdownReport"/>.
/// </summary>
public sealed class ProducerClosedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="messageType">The contract type's name.</param>
    /// <param name="topic">The topic the message was for.</param>
    public ProducerClosedException(string messageType, string topic)
        : base($"A {messageType} to topic '{topic}' was refused: the Kafka producer is shut down (the host stopped or the producer was disposed), so messages can no longer be produced.")
    {
        MessageType = messageType;
        Topic = topic;
    }

    /// <summary>The contract type's name.</summary>
    public string MessageType { get; }

    /// <summary>The topic the refused message was for.</summary>
    public string Topic { get; }
}
