using System;

namespace TypedProducer;

/// <summary>
/// Maps a <see cref="decimal"/> member to the Avro <c>decimal</c> logical type on <c>bytes</c>
/// (Apache Avro 1.11 specification, "Logical Types: Decimal"): the two's-complement big-endian unscaled
/// value. Required on every <see cref="decimal"/> member (TPK0005 otherwise).
/// </summary>
/// <remarks>
/// Serialization throws <see cref="MessageSerializationException"/> when a value has more fractional digits
/// than <see cref="Scale"/> (no silent rounding) or more than <see cref="Precision"/> digits in all.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class AvroDecimalAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="precision">Total number of decimal digits, 1 to 38.</param>
    /// <param name="scale">Digits after the decimal point, 0 to <paramref name="precision"/> and at most 28.</param>
    public AvroDecimalAttribute(int precision, int scale)
    {
        Precision = precision;
        Scale = scale;
    }

    /// <summary>Total number of decimal digits, 1 to 38.</summary>
    public int Precision { get; }

    /// <summary>Digits after the decimal point.</summary>
    public int Scale { get; }
}
