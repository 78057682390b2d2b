namespace TypedProducer;

/// <summary>The wire format of a message value.</summary>
public enum MessageFormat
{
    /// <summary>
    /// Avro binary encoding (Apache Avro 1.11 specification, "Binary Encoding") in the Confluent
    /// wire format: magic byte <c>0</c>, 4-byte big-endian schema id, Avro binary body.
    /// </summary>
    Avro = 0,

    /// <summary>Protobuf in the Confluent wire format. Not generated yet: reported as TPK0003.</summary>
    Protobuf = 1,

    /// <summary>JSON in the Confluent JSON Schema wire format. Not generated yet: reported as TPK0003.</summary>
    Json = 2,
}
