using System;

namespace TypedProducer;

/// <summary>The resolution of an Avro timestamp logical type.</summary>
public enum AvroTimestampPrecision
{
    /// <summary><c>timestamp-millis</c>: milliseconds since 1970-01-01T00:00:00Z as <c>long</c>.</summary>
    Millis = 0,

    /// <summary><c>timestamp-micros</c>: microseconds since 1970-01-01T00:00:00Z as <c>long</c>.</summary>
    Micros = 1,
}

/// <summary>
/// Chooses the Avro timestamp logical type of a <see cref="DateTimeOffset"/> or <see cref="DateTime"/>
/// member (Apache Avro 1.11 specification, "Timestamp (millisecond precision)" and "(microsecond
/// precision)"). Without this attribute such members are <c>timestamp-millis</c>. Finer ticks are
/// truncated toward the earlier instant.
/// </summary>
/// <remarks>
/// With <see cref="Local"/> a <see cref="DateTime"/> member becomes <c>local-timestamp-millis</c> or
/// <c>local-timestamp-micros</c> (specification, "Local timestamp"): a wall-clock reading with no time zone,
/// counted from 1970-01-01T00:00:00 in that same local time. The value written is the <see cref="DateTime"/>'s
/// own clock reading (its <see cref="DateTime.Ticks"/>) whatever its <see cref="DateTime.Kind"/>; nothing is
/// converted. <see cref="DateTimeKind.Unspecified"/> is the natural kind for such values (and is refused by the
/// instant-based timestamp types).
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class AvroTimestampAttribute : Attribute
{
    /// <summary>Creates the attribute with millisecond resolution.</summary>
    public AvroTimestampAttribute()
    {
    }

    /// <summary>Creates the attribute.</summary>
    /// <param name="precision">Millisecond or microsecond resolution.</param>
    public AvroTimestampAttribute(AvroTimestampPrecision precision) => Precision = precision;

    /// <summary>Millisecond or microsecond resolution.</summary>
    public AvroTimestampPrecision Precision { get; }

    /// <summary>
    /// Writes the local-timestamp logical type (a wall-clock reading with no time zone) instead of an instant.
    /// Only on <see cref="DateTime"/> members (TPK0014 otherwise).
    /// </summary>
    public bool Local { get; set; }
}
