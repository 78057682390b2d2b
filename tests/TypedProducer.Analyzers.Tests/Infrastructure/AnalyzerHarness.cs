using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedProducer.Analyzers.Contracts;
using TypedProducer.Analyzers.SchemaEvolution;
using Xunit;

namespace TypedProducer.Analyzers.Tests.Infrastructure;

/// <summary>
/// Compiles snippets with CSharpCompilation against the real runtime, Confluent.Kafka and framework
/// assemblies, runs every TypedProducer analyzer through CompilationWithAnalyzers and compares the result
/// with the spans marked in the snippet.
/// </summary>
internal static class AnalyzerHarness
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using Confluent.Kafka;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using TypedProducer;

        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(
        new ProducerConfigurationAnalyzer(), new AppSettingsAnalyzer(), new ContractAnalyzer(), new SchemaEvolutionAnalyzer());

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions CompilationOptions { get; } = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>Wraps statements in a method of a static class, with the usual usings.</summary>
    public static string InMethod(string body) =>
        Usings + "public static class Snippet\n{\n    public static void Run(IServiceCollection services, IConfiguration configuration)\n    {\n" + body + "\n    }\n}\n";

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Snippet",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Snippet" + i + ".cs")),
            References,
            CompilationOptions);

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(
        Compilation compilation,
        IEnumerable<AdditionalText>? additionalFiles = null,
        IReadOnlyDictionary<string, string>? options = null)
    {
        var analyzerOptions = new AnalyzerOptions(
            (additionalFiles ?? Array.Empty<AdditionalText>()).ToImmutableArray(),
            new TestOptionsProvider(options ?? new Dictionary<string, string>()));
        var withAnalyzers = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAllDiagnosticsAsync();
        var crashes = diagnostics.Where(static d => d.Id == "AD0001").ToList();
        Assert.True(crashes.Count == 0, "Analyzer threw: " + string.Join(Environment.NewLine, crashes));
        return diagnostics;
    }

    /// <summary>
    /// Asserts that the diagnostics with the checked IDs (<paramref name="ids"/> plus every ID named in the
    /// markup) are exactly those marked. The snippet must compile without errors.
    /// </summary>
    public static async Task VerifyAsync(string markup, params string[] ids) => await VerifyAsync(markup, null, null, ids);

    public static async Task VerifyAsync(string markup, IReadOnlyList<(string Path, string Markup)>? files, IReadOnlyDictionary<string, string>? options, params string[] ids)
    {
        var (source, spans) = Markup.Parse(markup);
        var additional = new List<AdditionalText>();
        var fileSpans = new List<(string Path, ExpectedSpan Span)>();
        foreach (var (path, fileMarkup) in files ?? Array.Empty<(string, string)>())
        {
            var (text, parsed) = Markup.Parse(fileMarkup);
            additional.Add(new TestAdditionalText(path, text));
            fileSpans.AddRange(parsed.Select(s => (path, s)));
        }

        var compilation = Compile(source);
        var diagnostics = await AnalyzeAsync(compilation, additional, options);
        var errors = diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("TPK", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "Snippet does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));

        var checkedIds = new HashSet<string>(ids);
        foreach (var span in spans.Concat(fileSpans.Select(static f => f.Span)))
        {
            if (span.Id is not null)
            {
                checkedIds.Add(span.Id);
            }
        }

        string defaultId = ids.Length > 0 ? ids[0] : string.Empty;
        var expected = spans.Select(s => Describe(s.Id ?? defaultId, "Snippet0.cs", s.Span.Start, s.Span.End, source))
            .Concat(fileSpans.Select(f => Describe(f.Span.Id ?? defaultId, f.Path, f.Span.Span.Start, f.Span.Span.End, null)))
            .OrderBy(static s => s, StringComparer.Ordinal)
            .ToList();
        var actual = diagnostics.Where(d => checkedIds.Contains(d.Id))
            .Select(d => Describe(d.Id, Path.GetFileName(d.Location.GetLineSpan().Path) == "Snippet0.cs" ? "Snippet0.cs" : d.Location.GetLineSpan().Path, d.Location.SourceSpan.Start, d.Location.SourceSpan.End, d.Location.IsInSource ? source : null))
            .OrderBy(static s => s, StringComparer.Ordinal)
            .ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            "Expected:" + Environment.NewLine + string.Join(Environment.NewLine, expected) + Environment.NewLine
            + "Actual:" + Environment.NewLine + string.Join(Environment.NewLine, actual) + Environment.NewLine
            + "All diagnostics:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Where(static d => d.Id.StartsWith("TPK", StringComparison.Ordinal))));
    }

    /// <summary>Returns the TypedProducer diagnostics of a snippet that must compile.</summary>
    public static async Task<List<Diagnostic>> TpkDiagnosticsAsync(string source, IReadOnlyList<(string Path, string Text)>? files = null)
    {
        var compilation = Compile(source);
        var diagnostics = await AnalyzeAsync(compilation, files?.Select(static f => (AdditionalText)new TestAdditionalText(f.Path, f.Text)));
        var errors = diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("TPK", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "Snippet does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        return diagnostics.Where(static d => d.Id.StartsWith("TPK", StringComparison.Ordinal)).ToList();
    }

    /// <summary>A reference to an empty assembly named <paramref name="name"/> (a package the project references).</summary>
    public static MetadataReference EmptyAssembly(string name)
    {
        var compilation = CSharpCompilation.Create(name, references: References, options: CompilationOptions);
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static string Describe(string id, string path, int start, int end, string? source) =>
        id + " " + path + " [" + start + ".." + end + "]" + (source is null ? string.Empty : " '" + source.Substring(start, end - start) + "'");

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // Everything the test host loads: the framework, Confluent.Kafka, the runtime and Microsoft.Extensions.
        string paths = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return paths.Split(Path.PathSeparator)
            .Where(static p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(static p =>
            {
                string name = Path.GetFileNameWithoutExtension(p);
                return !name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                    && !name.StartsWith("xunit", StringComparison.OrdinalIgnoreCase)
                    && !name.StartsWith("TypedProducer.Analyzers", StringComparison.Ordinal)
                    && name != "TypedProducer.Generator";
            })
            .Select(static p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }
}
