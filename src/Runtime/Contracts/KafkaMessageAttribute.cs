using System;

namespace TypedProducer;

/// <summary>
/// Marks a <c>partial</c> class, record or struct as a Kafka message contract. At compile time the
/// TypedProducer generator emits, for each contract, a schema, a reflection-free serializer, a typed
/// producer (<c>I{Name}Producer</c> and <c>{Name}Producer</c>) and a DI registration.
/// </summary>
/// <remarks>
/// The topic name must be a legal Kafka topic name: 1 to 249 characters from <c>[a-zA-Z0-9._-]</c>,
/// neither <c>.</c> nor <c>..</c> (Apache Kafka <c>org.apache.kafka.common.internals.Topic.validate</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class KafkaMessageAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="topic">The Kafka topic every message of this contract is produced to.</param>
    public KafkaMessageAttribute(string topic) => Topic = topic;

    /// <summary>The Kafka topic every message of this contract is produced to.</summary>
    public string Topic { get; }

    /// <summary>The wire format of the message value. Default: <see cref="MessageFormat.Avro"/>.</summary>
    public MessageFormat Format { get; set; } = MessageFormat.Avro;

    /// <summary>
    /// The Avro record name (the "name" attribute of the record schema). Default: the type's name.
    /// Together with <see cref="Namespace"/> it forms the schema's full name, which the RecordName
    /// and TopicRecordName subject name strategies put into the subject.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>The Avro namespace of the record. Default: the type's C# namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Documentation written to the schema's "doc" attribute.</summary>
    public string? Doc { get; set; }
}
