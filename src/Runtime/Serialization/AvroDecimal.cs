using System;

namespace TypedProducer.Serialization;

/// <summary>Conversion of <see cref="decimal"/> to the unscaled integer of the Avro decimal logical type.</summary>
internal static class AvroDecimal
{
    private static readonly Int128[] s_powersOfTen = CreatePowersOfTen();

    /// <summary>
    /// The unscaled integer of <paramref name="value"/> at <paramref name="scale"/>: value × 10^scale, which
    /// must be exact and have at most <paramref name="precision"/> digits.
    /// </summary>
    public static Int128 ToUnscaled(decimal value, int precision, int scale)
    {
        if (precision is < 1 or > 38 || scale < 0 || scale > precision || scale > 28)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"Decimal precision {precision} and scale {scale} are outside 1 ≤ precision ≤ 38, 0 ≤ scale ≤ min(precision, 28).");
        }

        int valueScale = value.Scale;
        if (valueScale > scale)
        {
            decimal rounded = decimal.Round(value, scale, MidpointRounding.ToZero);
            if (rounded != value)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Decimal {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} has {valueScale} fractional digits; the field's scale is {scale}, and rounding would change the value.");
            }

            value = rounded;
            valueScale = value.Scale;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        Int128 mantissa = new((ulong)(uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        // At most 96 bits times 10^28 < 2^190 could overflow Int128 only for values far beyond 38 digits:
        // the precision check below rejects those first.
        Int128 limit = s_powersOfTen[precision];
        int shift = scale - valueScale;
        if (mantissa >= limit || (shift > 0 && mantissa >= limit / s_powersOfTen[shift]))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Decimal {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} needs more than {precision} digits at scale {scale}.");
        }

        Int128 unscaled = mantissa * s_powersOfTen[shift];
        return value < 0 ? -unscaled : unscaled;
    }

    private static Int128[] CreatePowersOfTen()
    {
        var powers = new Int128[39];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
