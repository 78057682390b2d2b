using System;
using System.Diagnostics;
using BenchmarkDotNet.Reports;

namespace TypedProducer.Benchmarks.Generator;

/// <summary>Generator timings in milliseconds (BenchmarkDotNet medians, or a few timed runs without it) and what the incremental run re-computed.</summary>
public sealed record GeneratorRow(int Contracts, double ColdRunMs, double UnrelatedEditMs, long ColdRunAllocatedBytes, CacheCheck UnrelatedEdit)
{
    public static GeneratorRow From(Summary? summary, CacheCheck check, bool quick)
    {
        if (summary is not null)
        {
            Measurement cold = BenchmarkSuite.Measure(summary, nameof(GeneratorBenchmarks.ColdRun));
            Measurement edit = BenchmarkSuite.Measure(summary, nameof(GeneratorBenchmarks.UnrelatedEdit));
            return new GeneratorRow(GeneratorBenchmarks.ContractCount, Math.Round(cold.MedianNs / 1e6, 1), Math.Round(edit.MedianNs / 1e6, 2), cold.AllocatedBytes, check);
        }

        var benchmark = new GeneratorBenchmarks();
        benchmark.Setup();
        double coldMs = double.MaxValue, editMs = double.MaxValue;
        for (int i = 0; i < (quick ? 3 : 10); i++)
        {
            long start = Stopwatch.GetTimestamp();
            benchmark.ColdRun();
            coldMs = Math.Min(coldMs, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = Stopwatch.GetTimestamp();
            benchmark.UnrelatedEdit();
            editMs = Math.Min(editMs, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return new GeneratorRow(GeneratorBenchmarks.ContractCount, Math.Round(coldMs, 1), Math.Round(editMs, 2), -1, check);
    }
}
