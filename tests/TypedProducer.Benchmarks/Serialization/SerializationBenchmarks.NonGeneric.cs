namespace TypedProducer.Benchmarks.Serialization;

/// <summary>Constants shared by every serialization benchmark.</summary>
public static class SerializationBenchmarks
{
    /// <summary>Records serialized per invocation (each a different record).</summary>
    public const int BatchSize = 512;
}
