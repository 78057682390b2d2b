using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedProducer.Analyzers.SchemaEvolution;
using TypedProducer.Generator;
using Xunit;

namespace TypedProducer.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs the real generator over a contract snippet, as the compiler does before analyzers run, then the schema
/// evolution analyzer with kept schema files as AdditionalFiles; compares TPK3xxx diagnostics with the spans
/// marked in the C# snippet (<c>Contracts.cs</c>) and in the kept files.
/// </summary>
internal static class EvolutionHarness
{
    public const string SourcePath = "/project/Contracts.cs";

    /// <summary>Asserts that the TPK3xxx diagnostics are exactly those marked; returns them for message checks.</summary>
    /// <param name="markup">The C# snippet (usings are added) with <c>[|...|]</c> or <c>{|TPK3001:...|}</c> spans.</param>
    /// <param name="files">Kept schema files: path and markup.</param>
    /// <param name="options">Analyzer config options (.editorconfig/.globalconfig keys, <c>build_property.*</c>).</param>
    /// <param name="runGenerator">False when the snippet declares its own <c>{Name}KafkaContract</c> class, to give the analyzer a schema the generator cannot emit yet.</param>
    public static async Task<IReadOnlyList<Diagnostic>> VerifyAsync(
        string markup,
        IReadOnlyList<(string Path, string Markup)> files,
        IReadOnlyDictionary<string, string>? options = null,
        bool runGenerator = true)
    {
        var (source, spans) = Markup.Parse(AnalyzerHarness.Usings + markup);
        var additional = new List<AdditionalText>();
        var expected = new List<string>();
        expected.AddRange(spans.Select(s => Describe(s.Id ?? "TPK3001", SourcePath, s.Span.Start, s.Span.End)));
        foreach (var (path, fileMarkup) in files)
        {
            var (text, fileSpans) = Markup.Parse(fileMarkup);
            additional.Add(new TestAdditionalText(path, text));
            expected.AddRange(fileSpans.Select(s => Describe(s.Id ?? "TPK3001", path, s.Span.Start, s.Span.End)));
        }

        var diagnostics = await AnalyzeAsync(source, additional, options, runGenerator);
        var actual = diagnostics.Select(static d => Describe(d.Id, d.Location.GetLineSpan().Path, d.Location.SourceSpan.Start, d.Location.SourceSpan.End)).ToList();
        expected.Sort(StringComparer.Ordinal);
        actual.Sort(StringComparer.Ordinal);
        Assert.True(
            expected.SequenceEqual(actual),
            "Expected:" + Environment.NewLine + string.Join(Environment.NewLine, expected) + Environment.NewLine
            + "Actual:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Select(static d => d.Location.GetLineSpan().Path + " " + d.Location.SourceSpan + " " + d)));
        return diagnostics;
    }

    /// <summary>The TPK3xxx diagnostics of a snippet (plain C#, usings added) that must compile.</summary>
    public static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string source, IReadOnlyList<AdditionalText> files, IReadOnlyDictionary<string, string>? options, bool runGenerator = true)
    {
        var compilation = CSharpCompilation.Create(
            "Snippet",
            new[] { CSharpSyntaxTree.ParseText(source, AnalyzerHarness.ParseOptions, path: SourcePath) },
            AnalyzerHarness.References,
            AnalyzerHarness.CompilationOptions);
        Compilation output = compilation;
        if (runGenerator)
        {
            CSharpGeneratorDriver.Create(new[] { new TypedProducerGenerator().AsSourceGenerator() }, parseOptions: AnalyzerHarness.ParseOptions)
                .RunGeneratorsAndUpdateCompilation(compilation, out output, out var generatorDiagnostics);
            Assert.Empty(generatorDiagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error));
        }

        var errors = output.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "Snippet does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));

        var analyzerOptions = new AnalyzerOptions(files.ToImmutableArray(), new TestOptionsProvider(options ?? new Dictionary<string, string>()));
        var withAnalyzers = output.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new SchemaEvolutionAnalyzer()),
            new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        var crashes = diagnostics.Where(static d => d.Id == "AD0001").ToList();
        Assert.True(crashes.Count == 0, "Analyzer threw: " + string.Join(Environment.NewLine, crashes));
        return diagnostics.Where(static d => d.Id.StartsWith("TPK3", StringComparison.Ordinal)).ToList();
    }

    /// <summary>The schema the generator emits for <paramref name="source"/>'s contract named <paramref name="typeName"/>.</summary>
    public static string GeneratedSchema(string source, string typeName)
    {
        var compilation = CSharpCompilation.Create(
            "Snippet",
            new[] { CSharpSyntaxTree.ParseText(AnalyzerHarness.Usings + source, AnalyzerHarness.ParseOptions, path: SourcePath) },
            AnalyzerHarness.References,
            AnalyzerHarness.CompilationOptions);
        CSharpGeneratorDriver.Create(new[] { new TypedProducerGenerator().AsSourceGenerator() }, parseOptions: AnalyzerHarness.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var contract = output.GetSymbolsWithName(typeName + "KafkaContract", SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        return (string)contract.GetMembers("AvroSchema").OfType<IFieldSymbol>().Single().ConstantValue!;
    }

    private static string Describe(string id, string path, int start, int end) => id + " " + path + " [" + start + ".." + end + "]";
}
