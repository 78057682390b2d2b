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

    /// <summary>
    /// The wire format of the message value. Default: <see cref="MessageFormat.Avro"/>. A protoc-generated
    /// Google.Protobuf message must say <see cref="MessageFormat.Protobuf"/> (TPK0024 otherwise).
    /// </summary>
    public MessageFormat Format { get; set; } = MessageFormat.Avro;

    /// <summary>
    /// The Avro record name (the "name" attribute of the record schema), or the Protobuf message name, or the
    /// last part of the JSON Schema "title". Default: the type's name. Together with <see cref="Namespace"/>
    /// it forms the schema's full name, which the RecordName and TopicRecordName subject name strategies put
    /// into the subject. Ignored for protoc-generated messages (their descriptor names them).
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// The Avro namespace of the record, or the Protobuf <c>package</c>, or the JSON Schema title's prefix.
    /// Default: the type's C# namespace.
    /// </summary>
    public string? Namespace { get; set; }

    /// <summary>Documentation written to the schema's "doc" attribute (Avro), a comment (Protobuf) or "description" (JSON Schema).</summary>
    public string? Doc { get; set; }

    /// <summary>
    /// For <see cref="MessageFormat.Json"/> contracts: the <c>System.Text.Json.Serialization.JsonSerializerContext</c>
    /// whose source-generated metadata writes the value (it must carry <c>[JsonSerializable(typeof(TheContract))]</c>).
    /// Required for JSON contracts (TPK0026, TPK0027); ignored otherwise. Its
    /// <c>[JsonSourceGenerationOptions]</c> (naming policy, ignore conditions, string enums, number handling)
    /// shape the generated JSON Schema as they shape the JSON.
    /// </summary>
    public Type? JsonContext { get; set; }

    /// <summary>
    /// The name of the property or field that is the message key, for types whose members cannot carry
    /// <see cref="MessageKeyAttribute"/> (protoc-generated messages). Same serialization as
    /// <see cref="MessageKeyAttribute"/>. Write it as <c>nameof(OrderPlaced.OrderId)</c>.
    /// </summary>
    public string? KeyMember { get; set; }

    /// <summary>
    /// The name of the property or field that chooses the partition, for types whose members cannot carry
    /// <see cref="PartitionKeyAttribute"/> (protoc-generated messages).
    /// </summary>
    public string? PartitionKeyMember { get; set; }
}
