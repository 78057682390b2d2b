using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Reports;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>
/// One record shape's serializer results. Ratios are speeds relative to a reference (the reference's time over
/// the candidate's; above 1: the candidate is faster), as medians of interleaved rounds
/// (<see cref="PairedComparison"/>) of thread CPU time (steady on a shared machine); the wall-clock ratios are
/// beside them. BenchmarkDotNet's own figures for the same methods are kept too. Times are nanoseconds per
/// message; allocations are bytes per message.
/// </summary>
public sealed record SerializationRow(
    string Record,
    string Benchmark,
    IReadOnlyDictionary<string, double> Ratios,
    IReadOnlyDictionary<string, double> WallClockRatios,
    IReadOnlyList<CandidateResult> Candidates)
{
    /// <summary>The named ratios: (key, candidate, reference).</summary>
    public static readonly (string Key, string Candidate, string Reference)[] RatioDefinitions =
    [
        ("avroVsProtobuf", SerializerCandidate.Avro, SerializerCandidate.Protobuf),
        ("avroVsSystemTextJson", SerializerCandidate.Avro, SerializerCandidate.SystemTextJson),
        ("protobufVsGoogleProtobufSameProto", SerializerCandidate.GeneratedProtobuf, SerializerCandidate.ProtobufForGeneratedProto),
        ("protobufVsGoogleProtobuf", SerializerCandidate.GeneratedProtobuf, SerializerCandidate.Protobuf),
        ("protobufVsSystemTextJson", SerializerCandidate.GeneratedProtobuf, SerializerCandidate.SystemTextJson),
        ("jsonVsSystemTextJson", SerializerCandidate.GeneratedJson, SerializerCandidate.SystemTextJson),
        ("jsonVsGoogleProtobuf", SerializerCandidate.GeneratedJson, SerializerCandidate.Protobuf),
    ];

    public CandidateResult this[string name] => Candidates.Single(c => c.Name == name);

    public static SerializationRow From(string record, Type benchmark, Summary? summary, bool quick)
    {
        var probe = (ISerializationProbe)Activator.CreateInstance(benchmark)!;
        probe.Setup();
        IReadOnlyList<SerializerCandidate> candidates = probe.Candidates();
        int rounds = quick ? 41 : 201;
        PairedComparison.Result paired = PairedComparison.Run(
            candidates.Select(c => new PairedComparison.Candidate(c.Name, c.Batch, SerializationBenchmarks.BatchSize)).ToArray(),
            rounds,
            roundTime: TimeSpan.FromMilliseconds(quick ? 3 : 10),
            warmup: TimeSpan.FromMilliseconds(quick ? 1000 : 3000),
            discardedRounds: quick ? 10 : 30);

        var results = new List<CandidateResult>();
        foreach (SerializerCandidate candidate in candidates)
        {
            (long Max, double Average)? extra = candidate.ExtraAllocatedBytes?.Invoke();
            results.Add(new CandidateResult(
                candidate.Name,
                Math.Round(paired.MedianNs(candidate.Name, cpu: true), 1),
                Math.Round(paired.MedianNs(candidate.Name, cpu: false), 1),
                Math.Round(candidate.AverageBytes(), 1),
                Math.Round(paired.Allocated(candidate.Name), 1),
                extra?.Max,
                extra is { } e ? Math.Round(e.Average, 2) : null,
                summary is null ? null : BenchmarkSuite.Measure(summary, MethodOf(candidate.Name))));
        }

        return new SerializationRow(
            record,
            benchmark.Name,
            RatioDefinitions.ToDictionary(r => r.Key, r => Math.Round(paired.MedianRatio(r.Reference, r.Candidate, cpu: true), 3)),
            RatioDefinitions.ToDictionary(r => r.Key, r => Math.Round(paired.MedianRatio(r.Reference, r.Candidate, cpu: false), 3)),
            results);
    }

    private static string MethodOf(string candidate) => candidate switch
    {
        SerializerCandidate.Protobuf => "Protobuf",
        SerializerCandidate.Avro => "Avro",
        SerializerCandidate.GeneratedProtobuf => "GeneratedProtobuf",
        SerializerCandidate.ProtobufForGeneratedProto => "ProtobufForGeneratedProto",
        SerializerCandidate.GeneratedJson => "GeneratedJson",
        _ => "SystemTextJson",
    };
}
