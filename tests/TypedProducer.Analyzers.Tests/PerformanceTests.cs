using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedProducer.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TypedProducer.Analyzers.Tests;

/// <summary>
/// Measures the analyzers on a large generated file (about 5,000 lines, 500 producer configurations in
/// every supported form, plus unrelated code) with Roslyn's own per-analyzer execution-time telemetry.
/// </summary>
public sealed class PerformanceTests
{
    private readonly ITestOutputHelper _output;

    public PerformanceTests(ITestOutputHelper output) => _output = output;

    public static string LargeFile(int methods)
    {
        var builder = new StringBuilder(AnalyzerHarness.Usings);
        builder.AppendLine("public static class Large").AppendLine("{");
        for (int i = 0; i < methods; i++)
        {
            builder.AppendLine($"    public static void Configure{i}(IServiceCollection services, IConfiguration configuration)").AppendLine("    {");
            switch (i % 5)
            {
                case 0:
                    builder.AppendLine($"        var config = new ProducerConfig {{ BootstrapServers = \"b{i}:9092\", EnableIdempotence = true, Acks = Acks.All, LingerMs = {i % 50} }};");
                    builder.AppendLine("        config.MaxInFlight = 5;");
                    builder.AppendLine("        using var producer = new ProducerBuilder<string, string>(config).Build();");
                    break;
                case 1:
                    builder.AppendLine("        var config = new ProducerConfig();");
                    builder.AppendLine("        config.Set(\"enable.idempotence\", \"true\");");
                    builder.AppendLine($"        config.Set(\"acks\", \"{(i % 3 == 0 ? "1" : "all")}\");");
                    builder.AppendLine("        config.Set(\"lingr.ms\", \"5\");");
                    break;
                case 2:
                    builder.AppendLine("        var settings = new Dictionary<string, string> { [\"bootstrap.servers\"] = \"b:9092\", [\"partitioner\"] = \"murmur2_random\", [\"max.in.flight\"] = \"20\" };");
                    builder.AppendLine("        using var producer = new ProducerBuilder<string, string>(settings).Build();");
                    break;
                case 3:
                    builder.AppendLine("        services.AddTypedProducerRuntime(o => { o.Producer[\"linger.ms\"] = \"10\"; o.Producer[\"group.id\"] = \"x\"; });");
                    break;
                default:
                    builder.AppendLine("        var pairs = new[] { new KeyValuePair<string, string>(\"acks\", \"0\"), new KeyValuePair<string, string>(\"sasl.password\", \"p\") };");
                    builder.AppendLine("        using var producer = new ProducerBuilder<Null, string>(pairs).Build();");
                    break;
            }

            // Unrelated code, as in a real file.
            builder.AppendLine("        var list = new List<int>();");
            builder.AppendLine($"        for (int j = 0; j < {i}; j++) {{ list.Add(j * 2); }}");
            builder.AppendLine("        var text = string.Join(\",\", list);");
            builder.AppendLine("        if (text.Length > 10) { Console.WriteLine(text.Substring(0, 10)); }");
            builder.AppendLine("    }").AppendLine();
        }

        builder.AppendLine("}");
        return builder.ToString();
    }

    [Fact]
    public async Task LargeFileWith500Configurations_ReportsEveryConfigurationAndPrintsCost()
    {
        string source = LargeFile(500);
        int lines = source.Split('\n').Length;
        var compilation = AnalyzerHarness.Compile(source);
        Assert.Empty(compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));

        // Warm up (JIT, reference loading), then measure five runs.
        await RunAsync(compilation);
        // Wall time and Roslyn's telemetry (also wall time) swing with the machine's load; the process's CPU time
        // less so: the least of five runs is the figure to compare between commits (eng/bench/analyzer-cost.sh).
        var times = new double[5];
        var cpu = new double[times.Length];
        TimeSpan analyzerTime = TimeSpan.Zero;
        int reported = 0;
        using var process = Process.GetCurrentProcess();
        for (int run = 0; run < times.Length; run++)
        {
            process.Refresh();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            (analyzerTime, reported) = await RunAsync(compilation);
            times[run] = stopwatch.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpu[run] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        }

        var baseline = Stopwatch.StartNew();
        await compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray<DiagnosticAnalyzer>.Empty.Add(new NoOpAnalyzer())).GetAllDiagnosticsAsync();
        double baselineMs = baseline.Elapsed.TotalMilliseconds;

        _output.WriteLine($"{lines} lines, 500 configurations, {reported} TPK diagnostics");
        _output.WriteLine($"TypedProducer analyzers' own execution time (Roslyn telemetry): {analyzerTime.TotalMilliseconds:F1} ms");
        _output.WriteLine($"analysis CPU time (binding included), least of {cpu.Length} runs: {cpu.Min():F0} ms; per run: {string.Join(", ", cpu.Select(static t => t.ToString("F0") + " ms"))}");
        _output.WriteLine($"compile + analyze wall time per run: {string.Join(", ", times.Select(static t => t.ToString("F0") + " ms"))}; compile + no-op analyzer: {baselineMs:F0} ms");
        Assert.True(reported > 500);
        // No time assertion: speed targets belong in benchmarks, not timed unit tests; the timing is printed.
    }

    private static async Task<(TimeSpan AnalyzerTime, int Reported)> RunAsync(Compilation compilation)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(AnalyzerHarness.Analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var total = TimeSpan.Zero;
        foreach (var analyzer in AnalyzerHarness.Analyzers)
        {
            total += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default)).ExecutionTime;
        }

        return (total, diagnostics.Count(static d => d.Id.StartsWith("TPK", StringComparison.Ordinal)));
    }

    // A baseline analyzer for the measurement only, never shipped: the rules for shipped analyzers do not apply.
#pragma warning disable RS1036, RS1038, RS1041, RS2008
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOpAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_rule = new("NOOP", "t", "m", "c", DiagnosticSeverity.Hidden, true);

        public override System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => System.Collections.Immutable.ImmutableArray.Create(s_rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
        }
    }
#pragma warning restore RS1036, RS1038, RS1041, RS2008
}
