using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedProducer.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles snippets against the real references a user project has (the shared framework, TypedProducer.dll,
/// Confluent.Kafka.dll, Confluent.SchemaRegistry.dll, Microsoft.Extensions.*) and runs <see cref="TypedProducerGenerator"/> over them.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The file path the single-snippet helpers give their syntax tree (locations in snapshots show it).</summary>
    public const string DefaultPath = "Contracts.cs";

    /// <summary>C# 12: the newest language version of Roslyn 4.8, the version the generator is pinned to.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static SyntaxTree Parse(string source, string path = DefaultPath) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static CSharpCompilation CreateCompilation(params SyntaxTree[] trees) =>
        CSharpCompilation.Create(
            "SnippetAssembly",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static CSharpCompilation CreateCompilation(string source, string path = DefaultPath) =>
        CreateCompilation(Parse(source, path));

    /// <summary>
    /// System.Text.Json's source generator from the targeting pack, which every .NET project runs beside ours: JSON
    /// contracts name a JsonSerializerContext whose members (Default, GetTypeInfo) only exist once it has run.
    /// </summary>
    private static readonly Lazy<ISourceGenerator> s_systemTextJsonGenerator = new(LoadSystemTextJsonGenerator);

    /// <summary>A driver running the TypedProducer generator and, as in a real build, System.Text.Json's generator.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new TypedProducerGenerator().AsSourceGenerator(), s_systemTextJsonGenerator.Value },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>The TypedProducer generator's part of a run (System.Text.Json's generator runs beside it).</summary>
    public static GeneratorRunResult Ours(GeneratorDriverRunResult result) =>
        result.Results.Single(r => r.Generator.GetGeneratorType() == typeof(TypedProducerGenerator));

    private static ISourceGenerator LoadSystemTextJsonGenerator()
    {
        // <dotnet root>/shared/Microsoft.NETCore.App/<version>/ → <dotnet root>/packs/Microsoft.NETCore.App.Ref/<version>/analyzers/dotnet/cs/
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string? path = System.IO.Directory.Exists(packs)
            ? System.IO.Directory.GetDirectories(packs)
                .OrderByDescending(d => Path.GetFileName(d) == Path.GetFileName(runtimeDirectory))
                .ThenByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out Version? v) ? v : new Version(0, 0))
                .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll"))
                .FirstOrDefault(File.Exists)
            : null;
        if (path is null)
        {
            throw new InvalidOperationException($"System.Text.Json.SourceGeneration.dll not found under {packs}; the generator tests need the .NET SDK's targeting pack.");
        }

        Type generatorType = System.Reflection.Assembly.LoadFrom(path).GetTypes()
            .Single(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t));
        return ((IIncrementalGenerator)Activator.CreateInstance(generatorType)!).AsSourceGenerator();
    }

    public static GeneratorRun Run(CSharpCompilation compilation, bool trackSteps = false) =>
        Run(CreateDriver(trackSteps), compilation);

    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(compilation, output, driver, driver.GetRunResult(), diagnostics);
    }

    public static GeneratorRun Run(string source, string path = DefaultPath) => Run(CreateCompilation(source, path));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The test host's trusted platform assemblies: the shared framework plus this project's dependencies
        // (TypedProducer.dll and what it references are copied here by the project reference).
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string path in trusted)
        {
            string name = Path.GetFileName(path);
            if (Path.GetDirectoryName(path) == frameworkDirectory
                || name is "TypedProducer.dll" or "Confluent.Kafka.dll" or "Confluent.SchemaRegistry.dll" or "Google.Protobuf.dll"
                || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            {
                paths.Add(path);
            }
        }

        // Belt and braces: the two assemblies every snippet needs, wherever the host put them.
        paths.Add(typeof(KafkaMessageAttribute).Assembly.Location);
        paths.Add(typeof(Confluent.Kafka.IProducer<,>).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}

/// <summary>One generator run: its input, the updated compilation, the driver (for a second run) and the results.</summary>
internal sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriver Driver,
    GeneratorDriverRunResult Result,
    ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Fails when the generator threw (its exception, or the CS8784/CS8785 warning the driver turns it into).</summary>
    public GeneratorRun AssertNoGeneratorException()
    {
        foreach (GeneratorRunResult result in Result.Results)
        {
            Assert.True(result.Exception is null, $"The generator threw: {result.Exception}");
        }

        Diagnostic[] failures = Diagnostics.Concat(Result.Diagnostics)
            .Where(d => d.Id is "CS8784" or "CS8785")
            .ToArray();
        Assert.True(failures.Length == 0, "The generator failed: " + string.Join(Environment.NewLine, failures.Select(d => d.ToString())));
        return this;
    }

    /// <summary>
    /// Fails when the compilation with the generated sources has any compiler error, or any warning inside a
    /// generated file (users build with warnings as errors, and generated code runs under #nullable enable).
    /// </summary>
    public GeneratorRun AssertOutputCompiles()
    {
        var generatedTrees = new HashSet<SyntaxTree>(Output.SyntaxTrees.Except(Input.SyntaxTrees));
        Diagnostic[] problems = Output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error
                || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)))
            .ToArray();
        Assert.True(problems.Length == 0, "The output compilation has errors (or warnings in generated code):" + Environment.NewLine + Describe(problems, includeSource: true));
        return this;
    }

    /// <summary>Fails when a compiler error lies inside a generated file (the generator emitted broken code).</summary>
    public GeneratorRun AssertNoErrorsInGeneratedCode()
    {
        var generatedTrees = new HashSet<SyntaxTree>(Output.SyntaxTrees.Except(Input.SyntaxTrees));
        Diagnostic[] errors = Output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree))
            .ToArray();
        Assert.True(errors.Length == 0, "Generated code has errors:" + Environment.NewLine + Describe(errors, includeSource: true));
        return this;
    }

    /// <summary>The TypedProducer generator's sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> GeneratedSources =>
        GeneratorHarness.Ours(Result).GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    private static string Describe(IEnumerable<Diagnostic> diagnostics, bool includeSource = false) =>
        string.Join(Environment.NewLine, diagnostics.Select(d =>
            d.ToString() + (includeSource && d.Location.SourceTree is { } tree
                ? Environment.NewLine + "    > " + tree.GetText().Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString().Trim()
                : string.Empty)));
}
