using System;
using BenchmarkDotNet.Reports;

namespace TypedProducer.Benchmarks.EndToEnd;

/// <summary>
/// Typed producer against the raw byte[] producer on the mock cluster: messages per second, their ratio (typed
/// over raw; the target is at least 0.9) from interleaved rounds (<see cref="PairedComparison"/>), bytes
/// allocated per message (process-wide), and BenchmarkDotNet's figures for the same methods.
/// </summary>
public sealed record EndToEndRow(
    int MessagesPerRound,
    double TypedToRawThroughput,
    double RawMessagesPerSecond,
    double TypedMessagesPerSecond,
    PairedTimes Paired,
    double RawAllocatedBytesPerMessage,
    double TypedAllocatedBytesPerMessage,
    Measurement? BenchmarkDotNetRaw,
    Measurement? BenchmarkDotNetTyped,
    int RawDeliveryFailures)
{
    public const string Raw = "Raw", Typed = "Typed";

    public static EndToEndRow From(Summary? summary, bool quick)
    {
        var benchmark = new EndToEndBenchmarks();
        benchmark.Setup();
        PairedComparison.Result paired;
        int rounds = quick ? 9 : 31;
        try
        {
            paired = PairedComparison.Run(
                [new(Raw, () => benchmark.RawProducer(), EndToEndBenchmarks.MessagesPerInvoke), new(Typed, () => benchmark.TypedProducer(), EndToEndBenchmarks.MessagesPerInvoke)],
                rounds,
                roundTime: TimeSpan.Zero,
                warmup: TimeSpan.FromSeconds(quick ? 1 : 3),
                processWideAllocations: true);
        }
        finally
        {
            benchmark.Cleanup();
        }

        return new EndToEndRow(
            EndToEndBenchmarks.MessagesPerInvoke,
            Math.Round(paired.MedianRatio(Raw, Typed), 3),
            Math.Round(1e9 / paired.MedianNs(Raw)),
            Math.Round(1e9 / paired.MedianNs(Typed)),
            PairedTimes.From(paired, rounds, Raw, Typed),
            Math.Round(paired.Allocated(Raw), 1),
            Math.Round(paired.Allocated(Typed), 1),
            summary is null ? null : BenchmarkSuite.Measure(summary, nameof(EndToEndBenchmarks.RawProducer)),
            summary is null ? null : BenchmarkSuite.Measure(summary, nameof(EndToEndBenchmarks.TypedProducer)),
            EndToEndBenchmarks.RawFailures);
    }
}
