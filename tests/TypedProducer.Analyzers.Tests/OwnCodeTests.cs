using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedProducer.Analyzers.Tests.Infrastructure;
using Xunit;

namespace TypedProducer.Analyzers.Tests;

/// <summary>The analyzers report nothing on the project's own code that configures producers.</summary>
public sealed class OwnCodeTests
{
    [Fact]
    public async Task RuntimeSources_ReportNothing()
    {
        string root = FindRepositoryRoot();
        // The runtime compiles the shared schema sources too (linked from src/Shared/Schemas).
        var trees = Directory.GetFiles(Path.Combine(root, "src", "Runtime"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(root, "src", "Shared", "Schemas"), "*.cs", SearchOption.AllDirectories))
            .Where(static p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), AnalyzerHarness.ParseOptions, path: p))
            .ToList();
        Assert.NotEmpty(trees);
        var compilation = CSharpCompilation.Create(
            "TypedProducer",
            trees,
            AnalyzerHarness.References.Where(static r => Path.GetFileNameWithoutExtension(r.Display) != "TypedProducer"),
            AnalyzerHarness.CompilationOptions.WithAllowUnsafe(true));
        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation);
        var errors = diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("TPK", StringComparison.Ordinal)
            && d.Id != "CS8795").ToList(); // CS8795: the [LoggerMessage] partial methods come from a source generator not run here
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(10)));
        Assert.Empty(diagnostics.Where(static d => d.Id.StartsWith("TPK", StringComparison.Ordinal)));
    }

    // The sample and the runtime tests configure producers in every way users do (appsettings, options, raw
    // ProducerConfig); the analyzers must report nothing there, at any severity, with the generated code present.
    [Theory]
    [InlineData("samples/CitiBikeRides")]
    [InlineData("tests/TypedProducer.Tests")]
    public async Task SampleAndTestSources_ReportNothing(string folder)
    {
        string root = FindRepositoryRoot();
        string directory = Path.Combine(root, folder);
        var trees = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(static p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), AnalyzerHarness.ParseOptions, path: p))
            .ToList();
        Assert.NotEmpty(trees);
        Compilation compilation = CSharpCompilation.Create(Path.GetFileName(folder), trees, AnalyzerHarness.References, AnalyzerHarness.CompilationOptions);
        Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(new TypedProducer.Generator.TypedProducerGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
        var additional = Directory.GetFiles(directory, "appsettings*.json")
            .Select(static p => (Microsoft.CodeAnalysis.AdditionalText)new TestAdditionalText(p, File.ReadAllText(p)))
            .ToList();

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation, additional);

        Assert.Empty(diagnostics.Where(static d => d.Id.StartsWith("TPK", StringComparison.Ordinal)));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedProducer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TypedProducer.sln not found.");
    }
}
