using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace TypedProducer.Benchmarks;

/// <summary>
/// Interleaved timing of competing implementations, for ratios that survive a shared, noisy machine.
/// BenchmarkDotNet runs one benchmark after another, so a compiler or test run that starts halfway through
/// slows one side only; here every round times each candidate once, back to back, in a rotating order, and a
/// ratio is the median of the per-round ratios. Each round records wall-clock time and CPU time (this
/// thread's, or the whole process's when the work spans threads): CPU time leaves out the time other
/// processes held the cores, so on an oversubscribed machine it is the steadier of the two.
/// </summary>
public static class PairedComparison
{
    /// <summary>
    /// A competitor: a batch of <paramref name="Operations"/> operations (messages) per call. <paramref name="CpuClock"/>,
    /// when set, is the candidate's own CPU clock in nanoseconds (another process's, which times itself), read instead of
    /// this process's or thread's.
    /// </summary>
    public sealed record Candidate(string Name, Func<long> Batch, int Operations, Func<long>? CpuClock = null);

    /// <summary>Per candidate and round: wall-clock and CPU nanoseconds per operation; per candidate: bytes allocated per operation.</summary>
    public sealed record Result(IReadOnlyList<string> Names, double[][] WallNs, double[][] CpuNs, double[] AllocatedBytesPerOperation)
    {
        /// <summary>Median over rounds of time(<paramref name="numerator"/>) / time(<paramref name="denominator"/>).</summary>
        public double MedianRatio(string numerator, string denominator, bool cpu)
        {
            double[][] times = cpu ? CpuNs : WallNs;
            double[] a = times[Index(numerator)], b = times[Index(denominator)];
            return Median(a.Zip(b, (x, y) => x / y));
        }

        public double MedianNs(string name, bool cpu) => Median((cpu ? CpuNs : WallNs)[Index(name)]);

        public double MinNs(string name, bool cpu) => (cpu ? CpuNs : WallNs)[Index(name)].Min();

        public double Allocated(string name) => AllocatedBytesPerOperation[Index(name)];

        private int Index(string name) => Names.ToList().IndexOf(name) is var i and >= 0 ? i : throw new ArgumentException($"No candidate '{name}'.", nameof(name));
    }

    /// <param name="candidates">The competitors.</param>
    /// <param name="rounds">Timed rounds.</param>
    /// <param name="roundTime">About how long each candidate runs per round (batches are repeated to fill it).</param>
    /// <param name="warmup">How long each candidate runs before timing (tiered JIT reaches its optimized code).</param>
    /// <param name="processWide">The work spans threads (librdkafka's): count process CPU time and every thread's allocations.</param>
    /// <param name="discardedRounds">Interleaved rounds run and dropped before the timed ones (tiered JIT may still be installing optimized code).</param>
    public static Result Run(IReadOnlyList<Candidate> candidates, int rounds, TimeSpan roundTime, TimeSpan warmup, bool processWide = false, int discardedRounds = 0)
    {
        int n = candidates.Count;
        var repeats = new int[n];
        var allocated = new double[n];
        for (int c = 0; c < n; c++)
        {
            var watch = Stopwatch.StartNew();
            int batches = 0;
            do
            {
                candidates[c].Batch();
                batches++;
            }
            while (watch.Elapsed < warmup || batches < 3);

            double perBatch = watch.Elapsed.TotalMilliseconds / batches;
            repeats[c] = Math.Max(1, (int)(roundTime.TotalMilliseconds / Math.Max(perBatch, 1e-3)));

            long before = Allocations(processWide);
            candidates[c].Batch();
            allocated[c] = (double)(Allocations(processWide) - before) / candidates[c].Operations;
        }

        var wall = new double[n][];
        var cpu = new double[n][];
        for (int c = 0; c < n; c++)
        {
            wall[c] = new double[rounds];
            cpu[c] = new double[rounds];
        }

        for (int round = -discardedRounds; round < rounds; round++)
        {
            for (int k = 0; k < n; k++)
            {
                int c = (round + discardedRounds + k) % n;
                long cpuStart = candidates[c].CpuClock?.Invoke() ?? CpuTime(processWide);
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < repeats[c]; i++)
                {
                    candidates[c].Batch();
                }

                double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
                double cpuNs = (candidates[c].CpuClock?.Invoke() ?? CpuTime(processWide)) - cpuStart;
                double operations = (double)repeats[c] * candidates[c].Operations;
                if (round >= 0)
                {
                    wall[c][round] = ns / operations;
                    cpu[c][round] = cpuNs / operations;
                }
            }
        }

        return new Result(candidates.Select(c => c.Name).ToArray(), wall, cpu, allocated);
    }

    private static long Allocations(bool processWide) => processWide ? GC.GetTotalAllocatedBytes(precise: true) : GC.GetAllocatedBytesForCurrentThread();

    private static long CpuTime(bool processWide) => processWide ? CpuClock.ProcessNanoseconds() : CpuClock.ThreadNanoseconds();

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
