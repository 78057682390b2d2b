using System;
using BenchmarkDotNet.Reports;

namespace TypedProducer.Benchmarks.EndToEnd;

/// <summary>
/// Typed producer against the raw byte[] producer on the mock cluster, from interleaved rounds
/// (<see cref="PairedComparison"/>). The client, librdkafka and the mock brokers share this process's cores,
/// so throughput is bound by the CPU time a message costs the whole process: <see cref="TypedToRawThroughput"/>
/// is raw CPU time per message over typed (the target is at least 0.9), steady when other processes load the
/// machine; the wall-clock messages per second and their ratio are beside it. <see cref="TracedToTypedThroughput"/> is
/// the typed producer's CPU time per message with no listener over its time with every span sampled and metrics on
/// (<see cref="EndToEndBenchmarks.TypedProducerTraced"/>): what tracing costs. Allocations are bytes per
/// message, process-wide. BenchmarkDotNet's figures for the same methods are kept too.
/// </summary>
public sealed record EndToEndRow(
    string Settings,
    int MessagesPerRound,
    double TypedToRawThroughput,
    double TypedToRawThroughputWallClock,
    double RawMessagesPerCpuSecond,
    double TypedMessagesPerCpuSecond,
    double RawMessagesPerSecond,
    double TypedMessagesPerSecond,
    PairedTimes Paired,
    double RawAllocatedBytesPerMessage,
    double TypedAllocatedBytesPerMessage,
    Measurement? BenchmarkDotNetRaw,
    Measurement? BenchmarkDotNetTyped,
    int RawDeliveryFailures,
    double TracedToTypedThroughput,
    double TracedToTypedThroughputWallClock,
    double TracedAllocatedBytesPerMessage)
{
    public const string Raw = "Raw", Typed = "Typed", Traced = "TypedTraced";

    public static EndToEndRow From(Summary? summary, bool quick, string settings)
    {
        var benchmark = new EndToEndBenchmarks { Settings = settings };
        benchmark.Setup();
        PairedComparison.Result paired;
        int rounds = quick ? 15 : 31;
        try
        {
            paired = PairedComparison.Run(
                [
                    new(Raw, () => benchmark.RawProducer(), EndToEndBenchmarks.MessagesPerInvoke),
                    new(Typed, () => benchmark.TypedProducer(), EndToEndBenchmarks.MessagesPerInvoke),
                    new(Traced, () => benchmark.TypedProducerTraced(), EndToEndBenchmarks.MessagesPerInvoke),
                ],
                rounds,
                roundTime: TimeSpan.Zero,
                warmup: TimeSpan.FromSeconds(quick ? 1 : 3),
                processWide: true,
                discardedRounds: 2);
        }
        finally
        {
            benchmark.Cleanup();
        }

        return new EndToEndRow(
            settings == EndToEndBenchmarks.SampleSettings ? "sample settings (linger.ms=20, compression.type=lz4)" : "defaults (linger.ms=5, no compression)",
            EndToEndBenchmarks.MessagesPerInvoke,
            Math.Round(paired.MedianRatio(Raw, Typed, cpu: true), 3),
            Math.Round(paired.MedianRatio(Raw, Typed, cpu: false), 3),
            Math.Round(1e9 / paired.MedianNs(Raw, cpu: true)),
            Math.Round(1e9 / paired.MedianNs(Typed, cpu: true)),
            Math.Round(1e9 / paired.MedianNs(Raw, cpu: false)),
            Math.Round(1e9 / paired.MedianNs(Typed, cpu: false)),
            PairedTimes.From(paired, rounds, Raw, Typed, Traced),
            Math.Round(paired.Allocated(Raw), 1),
            Math.Round(paired.Allocated(Typed), 1),
            summary is null ? null : BenchmarkSuite.Measure(summary, nameof(EndToEndBenchmarks.RawProducer), "Settings=" + settings),
            summary is null ? null : BenchmarkSuite.Measure(summary, nameof(EndToEndBenchmarks.TypedProducer), "Settings=" + settings),
            EndToEndBenchmarks.RawFailures,
            Math.Round(paired.MedianRatio(Typed, Traced, cpu: true), 3),
            Math.Round(paired.MedianRatio(Typed, Traced, cpu: false), 3),
            Math.Round(paired.Allocated(Traced), 1));
    }
}
