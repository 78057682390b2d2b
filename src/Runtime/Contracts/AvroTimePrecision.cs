namespace TypedProducer;

/// <summary>The resolution of the Avro time-of-day logical type of a <see cref="System.TimeOnly"/> member.</summary>
public enum AvroTimePrecision
{
    /// <summary><c>time-millis</c>: milliseconds after midnight as <c>int</c>.</summary>
    Millis = 0,

    /// <summary><c>time-micros</c>: microseconds after midnight as <c>long</c> (the default without <see cref="AvroTimeAttribute"/>).</summary>
    Micros = 1,
}
