using System;

namespace TypedProducer;

/// <summary>
/// Chooses the Avro time-of-day logical type of a <see cref="TimeOnly"/> member (Apache Avro 1.11
/// specification, "Time (millisecond precision)" and "Time (microsecond precision)"). Without this attribute
/// such members are <c>time-micros</c>. Finer ticks are truncated.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class AvroTimeAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="precision">Millisecond or microsecond resolution.</param>
    public AvroTimeAttribute(AvroTimePrecision precision) => Precision = precision;

    /// <summary>Millisecond or microsecond resolution.</summary>
    public AvroTimePrecision Precision { get; }
}
