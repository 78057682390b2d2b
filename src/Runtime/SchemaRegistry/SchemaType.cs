namespace TypedProducer.SchemaRegistry;

/// <summary>The schema language of a registered schema, as the Confluent Schema Registry names it ("schemaType").</summary>
public enum SchemaType
{
    /// <summary>Apache Avro schema (JSON).</summary>
    Avro = 0,

    /// <summary>Protocol Buffers schema (.proto text).</summary>
    Protobuf = 1,

    /// <summary>JSON Schema.</summary>
    Json = 2,
}
