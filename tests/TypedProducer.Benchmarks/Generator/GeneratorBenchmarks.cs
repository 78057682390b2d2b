using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TypedProducer.Generator;

namespace TypedProducer.Benchmarks.Generator;

/// <summary>
/// The source generator on a project of <see cref="ContractCount"/> contracts (each with 13 members: scalars,
/// an enum, a Guid, a decimal, a nested record, a list and a map) plus one contract with an error (a decimal
/// without [AvroDecimal], TPK0005, so that the diagnostics step has work too): a cold run (new driver, new compilation),
/// and the incremental run that follows an edit to an unrelated file, which must re-run nothing
/// (<see cref="CheckUnrelatedEdit"/> checks the driver's tracked steps as CacheabilityTests does).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int ContractCount = 500;
    private const string UnrelatedPath = "Services/Clock.cs";

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.CSharp12);

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = CreateCompilation();
        SyntaxTree clock = _compilation.SyntaxTrees.Single(t => t.FilePath == UnrelatedPath);
        _edited = _compilation.ReplaceSyntaxTree(clock, Edit(clock));
        _warmDriver = CreateDriver(trackSteps: false).RunGenerators(_compilation);
        int generated = _warmDriver.GetRunResult().GeneratedTrees.Length;
        ImmutableArray<Diagnostic> diagnostics = _warmDriver.GetRunResult().Diagnostics;
        if (generated != ContractCount + 1 || diagnostics.Length != 1 || diagnostics[0].Id != "TPK0005")
        {
            throw new InvalidOperationException($"The generator produced {generated} files for {ContractCount} contracts (expected one per contract plus the registration) and these diagnostics (expected one TPK0005): " +
                string.Join("; ", diagnostics.Take(5)));
        }
    }

    /// <summary>A new driver on a new compilation of the same syntax trees: everything is computed.</summary>
    [Benchmark(Description = "Cold run, 500 contracts")]
    public int ColdRun() => CreateDriver(trackSteps: false).RunGenerators(_compilation.Clone()).GetRunResult().GeneratedTrees.Length;

    /// <summary>The run after an unrelated file changed, from a driver that has seen the unedited project.</summary>
    [Benchmark(Description = "Incremental run after an unrelated edit")]
    public int UnrelatedEdit() => _warmDriver.RunGenerators(_edited.Clone()).GetRunResult().GeneratedTrees.Length;

    /// <summary>
    /// Runs the driver with step tracking on the project, then on the project with the unrelated edit, and
    /// counts the second run's outputs by reason. Every output of the generator's named steps (the ones
    /// CacheabilityTests checks) must be Cached or Unchanged. Source outputs are counted too: the contracts'
    /// sources and the registration stay Cached; the one output that reports diagnostics is combined with the
    /// compilation (it maps each diagnostic onto the current syntax trees so that #pragma applies), so with a
    /// diagnostic present it re-runs on every edit, by design.
    /// </summary>
    public static CacheCheck CheckUnrelatedEdit()
    {
        CSharpCompilation compilation = CreateCompilation();
        SyntaxTree clock = compilation.SyntaxTrees.Single(t => t.FilePath == UnrelatedPath);
        GeneratorDriver first = CreateDriver(trackSteps: true).RunGenerators(compilation);
        GeneratorDriver second = first.RunGenerators(compilation.ReplaceSyntaxTree(clock, Edit(clock)));
        GeneratorRunResult result = second.GetRunResult().Results.Single();

        string[] trackingNames = typeof(TypedProducerGenerator.TrackingNames)
            .GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
        var rerun = new List<string>();
        SortedDictionary<string, int> steps = Count(result.TrackedSteps.Where(s => trackingNames.Contains(s.Key)), rerun);
        SortedDictionary<string, int> sources = Count(result.TrackedOutputSteps, null);
        string[] missing = trackingNames.Where(n => !result.TrackedSteps.ContainsKey(n)).ToArray();
        return new CacheCheck(steps.Values.Sum(), steps, sources, rerun.Distinct().ToArray(), missing);

        static SortedDictionary<string, int> Count(IEnumerable<KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>>> tracked, List<string>? rerun)
        {
            var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach ((string name, ImmutableArray<IncrementalGeneratorRunStep> runs) in tracked)
            {
                foreach ((object _, IncrementalStepRunReason reason) in runs.SelectMany(r => r.Outputs))
                {
                    reasons[reason.ToString()] = reasons.GetValueOrDefault(reason.ToString()) + 1;
                    if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                    {
                        rerun?.Add($"{name}: {reason}");
                    }
                }
            }

            return reasons;
        }
    }

    private static GeneratorDriver CreateDriver(bool trackSteps) => CSharpGeneratorDriver.Create(
        [new TypedProducerGenerator().AsSourceGenerator()],
        parseOptions: s_parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static CSharpCompilation CreateCompilation()
    {
        var trees = new List<SyntaxTree>(ContractCount + 2);
        for (int i = 0; i < ContractCount; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Contract(i), s_parseOptions, $"Contracts/Contract{i}.cs", Encoding.UTF8));
        }

        trees.Add(CSharpSyntaxTree.ParseText(BrokenContract, s_parseOptions, "Contracts/Broken.cs", Encoding.UTF8));
        trees.Add(CSharpSyntaxTree.ParseText("namespace Bench.Services;\n\npublic static class Clock\n{\n    public static int Ticks => 1;\n}\n", s_parseOptions, UnrelatedPath, Encoding.UTF8));
        return CSharpCompilation.Create(
            "GeneratorBenchmarkProject",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static SyntaxTree Edit(SyntaxTree clock)
    {
        string text = clock.GetText().ToString();
        int at = text.IndexOf("=> 1", StringComparison.Ordinal);
        return clock.WithChangedText(clock.GetText().WithChanges(new TextChange(new TextSpan(at, 4), "=> 2 + 40")));
    }

    private const string BrokenContract = """
        using TypedProducer;

        namespace Bench.Contracts;

        [KafkaMessage("bench.refunds")]
        public sealed partial record RefundIssued([property: MessageKey] string Id, decimal Amount);
        """;

    private static string Contract(int i)
    {
        string n = i.ToString(CultureInfo.InvariantCulture);
        return $$"""
            using System;
            using System.Collections.Generic;
            using TypedProducer;

            namespace Bench.Contracts.Group{{(i / 50).ToString(CultureInfo.InvariantCulture)}};

            public enum State{{n}} { Pending, Active, Closed }

            public sealed record Detail{{n}}(string Name, int? Rank, double Weight);

            /// <summary>Contract {{n}}.</summary>
            [KafkaMessage("bench.topic{{(i % 20).ToString(CultureInfo.InvariantCulture)}}", Namespace = "bench.contracts")]
            public sealed partial record Contract{{n}}(
                [property: MessageKey] string Id,
                int Count,
                long Total,
                double Score,
                bool Flag,
                DateTimeOffset At,
                string? Note,
                Guid Reference,
                State{{n}} State,
                Detail{{n}} Detail,
                List<Detail{{n}}> History,
                Dictionary<string, long> Counters,
                [property: AvroDecimal(12, 2)] decimal Amount);
            """;
    }

    private static ImmutableArray<MetadataReference> References()
    {
        // The shared framework plus TypedProducer.dll, Confluent.Kafka.dll and Microsoft.Extensions.* (what a
        // user project compiles against), as the generator tests' harness does.
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = new SortedSet<string>(StringComparer.Ordinal)
        {
            typeof(KafkaMessageAttribute).Assembly.Location,
            typeof(Confluent.Kafka.IProducer<,>).Assembly.Location,
        };
        foreach (string path in trusted)
        {
            if (Path.GetDirectoryName(path) == frameworkDirectory || Path.GetFileName(path).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            {
                paths.Add(path);
            }
        }

        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
