using System;
using System.IO;
using TypedProducer.Benchmarks.EndToEnd;

namespace TypedProducer.Benchmarks.Native;

/// <summary>
/// <see cref="NativeProduceBenchmarks"/> from interleaved rounds (<see cref="PairedComparison"/>): CPU time per message
/// of the whole process (each candidate's own process for the C program), as ratios to the raw Confluent producer's
/// (and the typed producer's to the C producer's), and bytes allocated per message (process-wide,
/// <c>GC.GetTotalAllocatedBytes(precise: true)</c> around one steady-state batch; not measured for the C program).
/// </summary>
public sealed record NativeProduceRow(
    string Settings,
    int MessagesPerRound,
    string CLibrary,
    double NativeToRawCpu,
    double NativeWithHandlerToRawCpu,
    double TypedToRawCpu,
    double TypedAsyncToRawCpu,
    double GenericRecordToRawCpu,
    double CToRawCpu,
    double TypedToCCpu,
    double NativeToCCpu,
    double NativeToRawWallClock,
    PairedTimes Paired,
    double NativeAllocatedBytesPerMessage,
    double NativeWithHandlerAllocatedBytesPerMessage,
    double RawAllocatedBytesPerMessage,
    double TypedAllocatedBytesPerMessage,
    double TypedAsyncAllocatedBytesPerMessage,
    double GenericRecordAllocatedBytesPerMessage,
    long DeliveryFailures)
{
    public const string Native = "Native", NativeWithHandler = "NativeWithHandler", Raw = "Raw", Typed = "Typed", TypedAsync = "TypedAsync", GenericRecord = "GenericRecord", C = "C";

    public static NativeProduceRow From(bool quick, string settings, string workDirectory)
    {
        using var benchmark = new NativeProduceBenchmarks(settings, Path.Combine(workDirectory, "native"));
        int rounds = quick ? 11 : 31;
        int n = EndToEndBenchmarks.MessagesPerInvoke;
        PairedComparison.Result paired = PairedComparison.Run(
            [
                new(Native, benchmark.NativeProducer, n),
                new(NativeWithHandler, benchmark.NativeProducerWithHandler, n),
                new(Raw, () => benchmark.EndToEnd.RawProducer(), n),
                new(Typed, () => benchmark.EndToEnd.TypedProducer(), n),
                new(TypedAsync, () => benchmark.EndToEnd.TypedProducerAsync(), n),
                new(GenericRecord, () => benchmark.GenericRecordProducer(), n),
                new(C, benchmark.C.Round, n, () => benchmark.C.CpuNanoseconds),
            ],
            rounds,
            roundTime: TimeSpan.Zero,
            warmup: TimeSpan.FromSeconds(quick ? 1 : 3),
            processWide: true,
            discardedRounds: 2);

        return new NativeProduceRow(
            settings == EndToEndBenchmarks.SampleSettings ? "sample settings (linger.ms=20, compression.type=lz4)" : "defaults (linger.ms=5, no compression)",
            n,
            CProducerProcess.LibraryPath,
            Math.Round(paired.MedianRatio(Native, Raw, cpu: true), 3),
            Math.Round(paired.MedianRatio(NativeWithHandler, Raw, cpu: true), 3),
            Math.Round(paired.MedianRatio(Typed, Raw, cpu: true), 3),
            Math.Round(paired.MedianRatio(TypedAsync, Raw, cpu: true), 3),
            Math.Round(paired.MedianRatio(GenericRecord, Raw, cpu: true), 3),
            Math.Round(paired.MedianRatio(C, Raw, cpu: true), 3),
            Math.Round(paired.MedianRatio(Typed, C, cpu: true), 3),
            Math.Round(paired.MedianRatio(Native, C, cpu: true), 3),
            Math.Round(paired.MedianRatio(Native, Raw, cpu: false), 3),
            PairedTimes.From(paired, rounds, Native, NativeWithHandler, Raw, Typed, TypedAsync, GenericRecord, C),
            Math.Round(paired.Allocated(Native), 1),
            Math.Round(paired.Allocated(NativeWithHandler), 1),
            Math.Round(paired.Allocated(Raw), 1),
            Math.Round(paired.Allocated(Typed), 1),
            Math.Round(paired.Allocated(TypedAsync), 1),
            Math.Round(paired.Allocated(GenericRecord), 1),
            benchmark.NativeFailures + benchmark.C.Failures + EndToEndBenchmarks.RawFailures);
    }
}
