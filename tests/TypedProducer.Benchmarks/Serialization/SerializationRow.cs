using System;
using BenchmarkDotNet.Reports;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>
/// One record shape's serializer results. Speed ratios are the other serializer's time over Avro's (above 1:
/// Avro is faster), as medians of interleaved rounds (<see cref="PairedComparison"/>), from thread CPU time
/// (the headline: steady on a shared machine) and from wall-clock time. BenchmarkDotNet's own figures for the
/// same methods are kept beside them. Times are nanoseconds per message; allocations are bytes per message.
/// </summary>
public sealed record SerializationRow(
    string Record,
    string Benchmark,
    double AvroSpeedVsProtobuf,
    double AvroSpeedVsSystemTextJson,
    double AvroSpeedVsProtobufWallClock,
    double AvroSpeedVsSystemTextJsonWallClock,
    PairedTimes Paired,
    Measurement? BenchmarkDotNetAvro,
    Measurement? BenchmarkDotNetProtobuf,
    Measurement? BenchmarkDotNetSystemTextJson,
    double AvroAverageBytes,
    double ProtobufAverageBytes,
    double JsonAverageBytes,
    double AvroAllocatedBytesPerMessage,
    double ProtobufAllocatedBytesPerMessage,
    double SystemTextJsonAllocatedBytesPerMessage,
    long AvroExtraAllocatedBytesMax,
    double AvroExtraAllocatedBytesAverage)
{
    public const string Avro = "Avro", Protobuf = "Protobuf", Json = "SystemTextJson";

    public static SerializationRow From(string record, Type benchmark, Summary? summary, bool quick)
    {
        var probe = (ISerializationProbe)Activator.CreateInstance(benchmark)!;
        probe.Setup();
        PairedComparison.Result paired = PairedComparison.Run(
            [new(Protobuf, probe.Protobuf, SerializationBenchmarks.BatchSize), new(Avro, probe.Avro, SerializationBenchmarks.BatchSize), new(Json, probe.SystemTextJson, SerializationBenchmarks.BatchSize)],
            rounds: quick ? 41 : 201,
            roundTime: TimeSpan.FromMilliseconds(quick ? 4 : 10),
            warmup: TimeSpan.FromMilliseconds(quick ? 400 : 2000));
        (double avroBytes, double protobufBytes, double jsonBytes) = probe.AverageSizes();
        (long extraMax, double extraAverage) = probe.AvroExtraAllocatedBytes();
        return new SerializationRow(
            record,
            benchmark.Name,
            Math.Round(paired.MedianRatio(Protobuf, Avro, cpu: true), 3),
            Math.Round(paired.MedianRatio(Json, Avro, cpu: true), 3),
            Math.Round(paired.MedianRatio(Protobuf, Avro, cpu: false), 3),
            Math.Round(paired.MedianRatio(Json, Avro, cpu: false), 3),
            PairedTimes.From(paired, quick ? 41 : 201, Avro, Protobuf, Json),
            summary is null ? null : BenchmarkSuite.Measure(summary, "Avro"),
            summary is null ? null : BenchmarkSuite.Measure(summary, "Protobuf"),
            summary is null ? null : BenchmarkSuite.Measure(summary, "SystemTextJson"),
            Math.Round(avroBytes, 1),
            Math.Round(protobufBytes, 1),
            Math.Round(jsonBytes, 1),
            Math.Round(paired.Allocated(Avro), 1),
            Math.Round(paired.Allocated(Protobuf), 1),
            Math.Round(paired.Allocated(Json), 1),
            extraMax,
            Math.Round(extraAverage, 2));
    }
}
