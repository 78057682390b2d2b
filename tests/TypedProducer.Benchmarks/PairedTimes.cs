using System;
using System.Collections.Generic;
using System.Linq;

namespace TypedProducer.Benchmarks;

/// <summary>Interleaved timings: rounds, and per candidate the median and minimum nanoseconds per operation, wall-clock and CPU.</summary>
public sealed record PairedTimes(
    int Rounds,
    IReadOnlyDictionary<string, double> CpuMedianNs,
    IReadOnlyDictionary<string, double> WallMedianNs,
    IReadOnlyDictionary<string, double> WallMinNs)
{
    public static PairedTimes From(PairedComparison.Result result, int rounds, params string[] names) => new(
        rounds,
        names.ToDictionary(n => n, n => Math.Round(result.MedianNs(n, cpu: true), 1)),
        names.ToDictionary(n => n, n => Math.Round(result.MedianNs(n, cpu: false), 1)),
        names.ToDictionary(n => n, n => Math.Round(result.MinNs(n, cpu: false), 1)));
}
