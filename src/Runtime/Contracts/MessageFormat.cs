namespace TypedProducer;

/// <summary>The wire format of a message value.</summary>
public enum MessageFormat
{
    /// <summary>
    /// Avro binary encoding (Apache Avro 1.11 specification, "Binary Encoding") in the Confluent
    /// wire format: magic byte <c>0</c>, 4-byte big-endian schema id, Avro binary body.
    /// </summary>
    Avro = 0,

    /// <summary>
    /// Protocol Buffers binary encoding in the Confluent wire format: magic byte <c>0</c>, 4-byte big-endian schema
    /// id, the message-index array (zig-zag varints; <c>[0]</c> as the single byte <c>0</c>), then the message
    /// (Confluent Schema Registry documentation, "Wire format"). The contract is either a plain C# type whose
    /// members carry <see cref="ProtoFieldAttribute"/> (the generator writes the <c>.proto</c> and the encoder) or a
    /// protoc-generated Google.Protobuf message (its own <c>WriteTo</c> encodes it).
    /// </summary>
    Protobuf = 1,

    /// <summary>
    /// UTF-8 JSON written by System.Text.Json's source-generated metadata (the contract's
    /// <see cref="KafkaMessageAttribute.JsonContext"/>) in the Confluent JSON Schema wire format: magic byte
    /// <c>0</c>, 4-byte big-endian schema id, the JSON document. The generator derives the JSON Schema (draft-07).
    /// </summary>
    Json = 2,
}
