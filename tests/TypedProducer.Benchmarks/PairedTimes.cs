using System.Collections.Generic;
using System.Linq;

namespace TypedProducer.Benchmarks;

/// <summary>Interleaved timings: rounds, and per candidate the median and minimum nanoseconds per operation.</summary>
public sealed record PairedTimes(int Rounds, IReadOnlyDictionary<string, double> MedianNs, IReadOnlyDictionary<string, double> MinNs)
{
    public static PairedTimes From(PairedComparison.Result result, int rounds, params string[] names) => new(
        rounds,
        names.ToDictionary(n => n, n => System.Math.Round(result.MedianNs(n), 1)),
        names.ToDictionary(n => n, n => System.Math.Round(result.MinNs(n), 1)));
}
