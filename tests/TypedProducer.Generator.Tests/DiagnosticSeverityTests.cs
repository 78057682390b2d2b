using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// The generator reports its diagnostics against the compilation's own syntax trees, so #pragma warning
/// disable, /nowarn and .editorconfig severities apply to them as to any analyzer diagnostic. Suppressing one
/// does not make the generator generate: the contract still gets no code.
/// </summary>
public sealed class DiagnosticSeverityTests
{
    private const string Contract = """
        using TypedProducer;

        namespace Shop.Contracts;

        [KafkaMessage("orders")]
        public sealed partial class OrderPlaced
        {
            public string Id { get; set; } = "";

        #pragma warning disable TPK0004 // The consumer side reads this member from a header.
            public object Payload { get; set; } = new();
        #pragma warning restore TPK0004
        }
        """;

    [Fact]
    public void PragmaWarningDisable_SuppressesGeneratorDiagnostic()
    {
        GeneratorRun run = GeneratorHarness.Run(Contract).AssertNoGeneratorException();

        // The compiler's filter marks pragma-suppressed diagnostics IsSuppressed (reported only to SARIF
        // logs and suppression-aware hosts) rather than dropping them; the build does not fail on them.
        Diagnostic diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "TPK0004");
        Assert.True(diagnostic.IsSuppressed);
        Assert.DoesNotContain(run.Diagnostics, d => !d.IsSuppressed && d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void PragmaForAnotherId_DoesNotSuppressGeneratorDiagnostic()
    {
        GeneratorRun run = GeneratorHarness.Run(Contract.Replace("TPK0004", "TPK0005")).AssertNoGeneratorException();

        Diagnostic diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "TPK0004");
        Assert.False(diagnostic.IsSuppressed);
    }

    [Fact]
    public void SpecificDiagnosticOptionWarning_DowngradesGeneratorDiagnostic()
    {
        // What <WarningsAsErrors>/<NoWarn> and dotnet_diagnostic.TPK0004.severity in a global config become.
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Contract.Replace("#pragma", "// #pragma"));
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            new Dictionary<string, ReportDiagnostic> { ["TPK0004"] = ReportDiagnostic.Warn }));

        GeneratorRun run = GeneratorHarness.Run(compilation).AssertNoGeneratorException();

        Diagnostic diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "TPK0004");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void EditorConfigSeverityNone_RemovesGeneratorDiagnostic()
    {
        // An .editorconfig section becomes per-tree options; this provider plays that part.
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Contract.Replace("#pragma", "// #pragma"));
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(
            new EditorConfigLikeOptions("TPK0004", ReportDiagnostic.Suppress)));

        GeneratorRun run = GeneratorHarness.Run(compilation).AssertNoGeneratorException();

        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "TPK0004");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void EditorConfigSeverityWarning_DowngradesGeneratorDiagnostic()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Contract.Replace("#pragma", "// #pragma"));
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(
            new EditorConfigLikeOptions("TPK0004", ReportDiagnostic.Warn)));

        GeneratorRun run = GeneratorHarness.Run(compilation).AssertNoGeneratorException();

        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(run.Diagnostics, d => d.Id == "TPK0004").Severity);
    }

    /// <summary>Per-tree diagnostic options, as the compiler builds them from .editorconfig files.</summary>
    private sealed class EditorConfigLikeOptions(string id, ReportDiagnostic severity) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic result)
        {
            result = severity;
            return diagnosticId == id;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic result)
        {
            result = ReportDiagnostic.Default;
            return false;
        }
    }
}
