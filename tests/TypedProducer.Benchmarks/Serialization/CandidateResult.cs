namespace TypedProducer.Benchmarks.Serialization;

/// <summary>
/// One serializer on one record shape: median CPU and wall-clock nanoseconds per message (interleaved rounds),
/// average serialized size, bytes allocated per message, and for the generated serializers the bytes allocated
/// beyond the returned array (largest and average over the records; the target is 0), plus BenchmarkDotNet's figures.
/// </summary>
public sealed record CandidateResult(
    string Name,
    double CpuNs,
    double WallNs,
    double AverageBytes,
    double AllocatedBytesPerMessage,
    long? ExtraAllocatedBytesMax,
    double? ExtraAllocatedBytesAverage,
    Measurement? BenchmarkDotNet);
