using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TypedProducer.Benchmarks.Data;
using TypedProducer.Benchmarks.Deserialization;
using TypedProducer.Benchmarks.EndToEnd;
using TypedProducer.Benchmarks.Generator;
using TypedProducer.Benchmarks.Native;
using TypedProducer.Benchmarks.Serialization;

namespace TypedProducer.Benchmarks;

/// <summary>
/// Runs every benchmark class in one process, then writes <c>artifacts/bench/summary.json</c> with the ratios
/// the performance targets name and prints them as a table. Ratios come from medians of the same run (the
/// machine may be shared and noisy; medians resist stray slow iterations better than means).
/// </summary>
public static class BenchmarkSuite
{
    private static readonly (string Name, Type Type)[] s_serialization =
    [
        ("Citi Bike ride (real)", typeof(CitiBikeRideSerialization)),
        ("olist order + items (real)", typeof(OlistOrderSerialization)),
        ("small synthetic", typeof(SmallRecordSerialization)),
        ("large synthetic", typeof(LargeRecordSerialization)),
    ];

    /// <summary>BenchmarkDotNet configuration: in-process (no per-benchmark project rebuild), memory diagnoser.</summary>
    public static IConfig CreateConfig(bool quick) => Config(quick, Kind.Serialization);

    /// <param name="quick">Short runs (about two minutes in all) instead of BenchmarkDotNet's default accuracy.</param>
    /// <param name="benchmarkDotNet">Also run the BenchmarkDotNet benchmarks (false: interleaved ratios and checks only).</param>
    /// <param name="only">Benchmark class name fragments to run; empty for all.</param>
    public static int Run(bool quick, bool benchmarkDotNet, string[] only)
    {
        string root = Repository.Root;
        string outputDirectory = Path.Combine(root, "artifacts", "bench");
        Directory.CreateDirectory(outputDirectory);
        bool Selected(string name) => only.Length == 0 || only.Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase));

        var serialization = new List<SerializationRow>();
        foreach ((string name, Type type) in s_serialization.Where(s => Selected(s.Type.Name)))
        {
            Summary? summary = benchmarkDotNet ? BenchmarkRunner.Run(type, Config(quick, Kind.Serialization, outputDirectory)) : null;
            serialization.Add(SerializationRow.From(name, type, summary, quick));
        }

        // Interleaved rounds only (no BenchmarkDotNet run): ratios against Apache.Avro and Confluent's deserializers.
        IReadOnlyList<DeserializationRow>? deserialization = Selected(nameof(DeserializationComparison)) ? DeserializationComparison.Run(quick) : null;

        var endToEnd = new List<EndToEndRow>();
        if (Selected(nameof(EndToEndBenchmarks)))
        {
            Summary? summary = benchmarkDotNet ? BenchmarkRunner.Run<EndToEndBenchmarks>(Config(quick, Kind.EndToEnd, outputDirectory)) : null;
            foreach (string settings in new[] { EndToEndBenchmarks.DefaultSettings, EndToEndBenchmarks.SampleSettings })
            {
                endToEnd.Add(EndToEndRow.From(summary, quick, settings));
            }
        }

        var native = new List<NativeProduceRow>();
        if (Selected(nameof(NativeProduceBenchmarks)))
        {
            foreach (string settings in new[] { EndToEndBenchmarks.DefaultSettings, EndToEndBenchmarks.SampleSettings })
            {
                native.Add(NativeProduceRow.From(quick, settings, outputDirectory));
            }
        }

        GeneratorRow? generator = null;
        if (Selected(nameof(GeneratorBenchmarks)))
        {
            Summary? summary = benchmarkDotNet ? BenchmarkRunner.Run<GeneratorBenchmarks>(Config(quick, Kind.Generator, outputDirectory)) : null;
            generator = GeneratorRow.From(summary, GeneratorBenchmarks.CheckUnrelatedEdit(), quick);
        }

        var report = new SuiteSummary(
            DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture),
            (quick ? "quick" : "full") + (benchmarkDotNet ? string.Empty : " (interleaved only)"),
            new MachineInfo(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, RuntimeInformation.ProcessArchitecture.ToString()),
            Targets.Describe(),
            serialization,
            deserialization,
            endToEnd,
            native,
            generator,
            Targets.Evaluate(serialization, endToEnd, native, generator));

        string path = Path.Combine(outputDirectory, "summary.json");
        File.WriteAllText(path, JsonSerializer.Serialize(report, SummaryJsonContext.Default.SuiteSummary) + Environment.NewLine);
        SummaryTable.Print(report, Console.Out);
        Console.WriteLine($"wrote {path}");
        return report.TargetsMet.All(t => t.Met) ? 0 : 1;
    }

    private enum Kind
    {
        Serialization,
        EndToEnd,
        Generator,
    }

    private static IConfig Config(bool quick, Kind kind, string? artifacts = null)
    {
        Job job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1);
        job = kind switch
        {
            Kind.Serialization => quick
                ? job.WithWarmupCount(3).WithIterationCount(9).WithIterationTime(TimeInterval.FromMilliseconds(150))
                : job,
            Kind.EndToEnd => job.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(quick ? 2 : 5).WithIterationCount(quick ? 9 : 25),
            _ => job.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(quick ? 1 : 3).WithIterationCount(quick ? 3 : 10),
        };

        ManualConfig config = ManualConfig.CreateEmpty()
            .AddJob(job.WithId(quick ? "Quick" : "Full"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddExporter(BenchmarkDotNet.Exporters.MarkdownExporter.GitHub)
            .WithOptions(ConfigOptions.DisableLogFile);
        return artifacts is null ? config : config.WithArtifactsPath(Path.Combine(artifacts, "BenchmarkDotNet"));
    }

    internal static Measurement Measure(Summary summary, string method, string? parameters = null)
    {
        BenchmarkReport report = summary.Reports.SingleOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
                && (parameters is null || r.BenchmarkCase.Parameters.DisplayInfo.Contains(parameters, StringComparison.Ordinal)))
            ?? throw new InvalidOperationException($"{summary.Title}: no report for {method} {parameters}.");
        if (report.ResultStatistics is null)
        {
            throw new InvalidOperationException($"{summary.Title}: {method} failed; see the BenchmarkDotNet log above.");
        }

        return new Measurement(
            Math.Round(report.ResultStatistics.Mean, 2),
            Math.Round(report.ResultStatistics.Median, 2),
            Math.Round(report.ResultStatistics.StandardDeviation, 2),
            report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1);
    }
}

/// <summary>One benchmark's result: nanoseconds per operation (message) and bytes allocated per operation.</summary>
public sealed record Measurement(double MeanNs, double MedianNs, double StdDevNs, long AllocatedBytes);

public sealed record MachineInfo(int LogicalCores, string Os, string Runtime, string Architecture);

public sealed record SuiteSummary(
    string GeneratedAt,
    string Mode,
    MachineInfo Machine,
    IReadOnlyDictionary<string, string> Targets,
    IReadOnlyList<SerializationRow> Serialization,
    IReadOnlyList<DeserializationRow>? Deserialization,
    IReadOnlyList<EndToEndRow> EndToEnd,
    IReadOnlyList<NativeProduceRow> NativeProduce,
    GeneratorRow? Generator,
    IReadOnlyList<TargetResult> TargetsMet);

public sealed record TargetResult(string Target, string Measured, bool Met);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SuiteSummary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext
{
}
