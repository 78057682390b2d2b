namespace TypedProducer.Benchmarks.Contracts;

/// <summary>Priority of a <see cref="LargeEvent"/>.</summary>
public enum Priority
{
    Low,
    Normal,
    High,
    Critical,
}
