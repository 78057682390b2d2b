namespace TypedProducer.Analyzers.SchemaEvolution;

/// <summary>
/// The Confluent Schema Registry compatibility types (<c>io.confluent.kafka.schemaregistry.CompatibilityLevel</c>):
/// BACKWARD, the new schema reads data written with the last kept version; FORWARD, the last kept version
/// reads data written with the new schema; FULL, both; the TRANSITIVE variants check every kept version
/// instead of the last one; NONE checks nothing.
/// </summary>
internal enum CompatibilityMode
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}
