namespace TypedProducer.SchemaRegistry;

/// <summary>
/// A subject's compatibility level (Confluent Schema Registry documentation, "Schema Evolution and Compatibility";
/// the <c>compatibilityLevel</c> of <c>GET /config/{subject}</c>). "New" is the schema being registered, "old" the
/// versions already registered under the subject.
/// </summary>
public enum CompatibilityLevel
{
    /// <summary><c>NONE</c>: no check.</summary>
    None = 0,

    /// <summary><c>BACKWARD</c> (the registry's default): readers using the new schema can read data written with the latest version.</summary>
    Backward = 1,

    /// <summary><c>BACKWARD_TRANSITIVE</c>: readers using the new schema can read data written with every version.</summary>
    BackwardTransitive = 2,

    /// <summary><c>FORWARD</c>: readers using the latest version can read data written with the new schema.</summary>
    Forward = 3,

    /// <summary><c>FORWARD_TRANSITIVE</c>: readers using any version can read data written with the new schema.</summary>
    ForwardTransitive = 4,

    /// <summary><c>FULL</c>: both <see cref="Backward"/> and <see cref="Forward"/> against the latest version.</summary>
    Full = 5,

    /// <summary><c>FULL_TRANSITIVE</c>: both directions against every version.</summary>
    FullTransitive = 6,
}
