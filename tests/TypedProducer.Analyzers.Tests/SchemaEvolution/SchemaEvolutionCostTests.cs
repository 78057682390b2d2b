using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedProducer.Analyzers.SchemaEvolution;
using TypedProducer.Analyzers.Tests.Infrastructure;
using TypedProducer.Generator;
using Xunit;
using Xunit.Abstractions;

namespace TypedProducer.Analyzers.Tests.SchemaEvolution;

/// <summary>
/// Measures TPK3xxx on 100 contracts of 12 fields with 3 kept versions each under FULL_TRANSITIVE (600
/// schema comparisons), with Roslyn's per-analyzer execution-time telemetry. Prints the cost; asserts only what
/// is reported.
/// </summary>
public sealed class SchemaEvolutionCostTests
{
    private const int Contracts = 100;
    private readonly ITestOutputHelper _output;

    public SchemaEvolutionCostTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task HundredContractsWithThreeVersions_ReportsEachBreakAndPrintsCost()
    {
        var source = new StringBuilder(AnalyzerHarness.Usings).AppendLine("namespace Perf;");
        for (int i = 0; i < Contracts; i++)
        {
            source.AppendLine($"[KafkaMessage(\"topic-{i}\")] public partial class C{i} {{ [MessageKey] public string Id {{ get; set; }} = \"\"; public int F1 {{ get; set; }} public long F2 {{ get; set; }} public string? F3 {{ get; set; }} public double F4 {{ get; set; }} public bool F5 {{ get; set; }} public byte[] F6 {{ get; set; }} = []; public Guid F7 {{ get; set; }} public DateTimeOffset F8 {{ get; set; }} public List<string> F9 {{ get; set; }} = []; public Dictionary<string, long> F10 {{ get; set; }} = []; public int? F11 {{ get; set; }} }}");
        }

        var compilation = CSharpCompilation.Create("Perf", new[] { CSharpSyntaxTree.ParseText(source.ToString(), AnalyzerHarness.ParseOptions) }, AnalyzerHarness.References, AnalyzerHarness.CompilationOptions);
        CSharpGeneratorDriver.Create(new[] { new TypedProducerGenerator().AsSourceGenerator() }, parseOptions: AnalyzerHarness.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        // v1 lacks the nullable F3 (compatible both ways); v2 and v3 equal the generated schema, except that every
        // tenth contract's v1 has F1 as a long: only a transitive check finds that.
        var files = new List<AdditionalText>();
        for (int i = 0; i < Contracts; i++)
        {
            var contract = output.GetTypeByMetadataName($"Perf.C{i}KafkaContract")!;
            string schema = (string)contract.GetMembers("AvroSchema").OfType<IFieldSymbol>().Single().ConstantValue!;
            string v1 = schema.Replace("{\"name\":\"F3\",\"type\":[\"null\",\"string\"],\"default\":null},", string.Empty);
            if (i % 10 == 0)
            {
                v1 = v1.Replace("{\"name\":\"F1\",\"type\":\"int\"}", "{\"name\":\"F1\",\"type\":\"long\"}");
            }

            Assert.NotEqual(schema, v1);
            files.Add(new TestAdditionalText($"/perf/schemas/Perf.C{i}/v1.avsc", v1));
            files.Add(new TestAdditionalText($"/perf/schemas/Perf.C{i}/v2.avsc", schema));
            files.Add(new TestAdditionalText($"/perf/schemas/Perf.C{i}/v3.avsc", schema));
        }

        var options = new AnalyzerOptions(files.ToImmutableArray(), new TestOptionsProvider(new Dictionary<string, string> { ["typedproducer.schema_compatibility"] = "FULL_TRANSITIVE" }));
        var analyzer = new SchemaEvolutionAnalyzer();
        await RunAsync(output, analyzer, options); // warm-up
        var times = new List<double>();
        (ImmutableArray<Diagnostic> Diagnostics, TimeSpan Time) run = default;
        for (int i = 0; i < 2; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            run = await RunAsync(output, analyzer, options);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        _output.WriteLine($"{Contracts} contracts, {files.Count} kept versions, FULL_TRANSITIVE: {run.Diagnostics.Length} diagnostics");
        _output.WriteLine($"SchemaEvolutionAnalyzer execution time (Roslyn telemetry): {run.Time.TotalMilliseconds:F1} ms; wall time per analysis: {string.Join(", ", times.Select(static t => t.ToString("F0") + " ms"))}");
        Assert.Equal(Contracts / 10, run.Diagnostics.Count(static d => d.Id == "TPK3001"));
        Assert.All(run.Diagnostics, static d => Assert.Contains("v1.avsc': field 'F1' changes type from long to int", d.GetMessage()));
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, TimeSpan Time)> RunAsync(Compilation compilation, DiagnosticAnalyzer analyzer, AnalyzerOptions options)
    {
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
        return (diagnostics, telemetry.ExecutionTime);
    }
}
