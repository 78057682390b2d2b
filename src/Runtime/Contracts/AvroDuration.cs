using System;

namespace TypedProducer;

/// <summary>
/// A value of the Avro <c>duration</c> logical type (Apache Avro 1.11 specification, "Logical Types:
/// Duration"): a number of months, days and milliseconds, each an unsigned 32-bit integer, written as a fixed of
/// 12 bytes holding the three in that order, little-endian. The three parts are independent: a month is not a
/// number of days and a day is not always 86,400,000 ms (daylight saving), so nothing is normalised.
/// </summary>
/// <param name="Months">Months, 0 to 4,294,967,295.</param>
/// <param name="Days">Days, 0 to 4,294,967,295.</param>
/// <param name="Milliseconds">Milliseconds, 0 to 4,294,967,295.</param>
public readonly record struct AvroDuration(uint Months, uint Days, uint Milliseconds)
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;

    /// <summary>
    /// Converts a <see cref="TimeSpan"/> by this library's rule for <c>TimeSpan</c> members: months 0, days the
    /// whole days (<see cref="TimeSpan.Days"/>, 24-hour units), milliseconds the rest (below 86,400,000); ticks
    /// finer than a millisecond are truncated, as for the timestamp logical types.
    /// </summary>
    /// <param name="value">A non-negative time span.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative: an Avro duration is unsigned.</exception>
    public static AvroDuration FromTimeSpan(TimeSpan value)
    {
        if (value.Ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An Avro duration holds unsigned months, days and milliseconds; a negative TimeSpan has no duration encoding.");
        }

        long days = Math.DivRem(value.Ticks, TicksPerDay, out long rest);
        // TimeSpan.MaxValue is about 10.7 million days, well within uint.
        return new AvroDuration(0, (uint)days, (uint)(rest / TicksPerMillisecond));
    }

    /// <summary>
    /// Converts to a <see cref="TimeSpan"/>, counting a day as 24 hours. Defined only without months, whose length
    /// varies.
    /// </summary>
    /// <returns>The time span.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Months"/> is not 0.</exception>
    /// <exception cref="OverflowException">The days exceed <see cref="TimeSpan.MaxValue"/> (about 10.7 million days).</exception>
    public TimeSpan ToTimeSpan()
    {
        if (Months != 0)
        {
            throw new InvalidOperationException($"The duration has {Months} months, which have no fixed length in a TimeSpan.");
        }

        return new TimeSpan(checked((Days * TicksPerDay) + (Milliseconds * TicksPerMillisecond)));
    }
}
