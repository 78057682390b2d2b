using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedProducer.Generator.Tests.Infrastructure;

/// <summary>Runs the generator over marked-up snippets and checks its TPK diagnostics.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Asserts that the generator reports exactly one <paramref name="id"/> per <c>[|...|]</c> span, on that span,
    /// in the compilation's own syntax tree, as an error whose message contains every <paramref name="messageParts"/>;
    /// that it did not throw; and that it emitted nothing that fails to compile (the snippet is otherwise valid).
    /// </summary>
    public static Diagnostic[] Reports(string markup, string id, params string[] messageParts)
    {
        Markup parsed = Markup.Parse(markup);
        Assert.NotEmpty(parsed.Spans);
        GeneratorRun run = GeneratorHarness.Run(parsed.Source).AssertNoGeneratorException().AssertOutputCompiles();

        Diagnostic[] reported = run.Diagnostics.Where(d => d.Id.StartsWith("TPK", StringComparison.Ordinal)).ToArray();
        Assert.True(
            reported.Length == parsed.Spans.Count && reported.All(d => d.Id == id),
            $"Expected {parsed.Spans.Count} × {id}, got:{Environment.NewLine}{string.Join(Environment.NewLine, reported.Select(d => d.ToString()))}");

        SyntaxTree tree = run.Input.SyntaxTrees.Single();
        TextSpan[] actualSpans = reported.Select(d => d.Location.SourceSpan).OrderBy(s => s.Start).ToArray();
        for (int i = 0; i < parsed.Spans.Count; i++)
        {
            Assert.True(
                parsed.Spans[i] == actualSpans[i],
                $"{id} expected on '{parsed.Source.Substring(parsed.Spans[i].Start, parsed.Spans[i].Length)}' {parsed.Spans[i]}, reported on '{Text(parsed.Source, actualSpans[i])}' {actualSpans[i]}.");
        }

        foreach (Diagnostic diagnostic in reported)
        {
            // The same tree object as the compilation's: what makes #pragma and .editorconfig severities apply.
            Assert.Same(tree, diagnostic.Location.SourceTree);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.False(diagnostic.IsSuppressed);
            string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            foreach (string part in messageParts)
            {
                Assert.True(message.Contains(part, StringComparison.Ordinal), $"The message of {id} does not contain \"{part}\": {message}");
            }
        }

        // The snippets hold one contract: with a blocking diagnostic it gets no code at all (not a half-built producer).
        Assert.Empty(run.GeneratedSources);
        return reported;
    }

    /// <summary>Asserts that the generator reports nothing for <paramref name="source"/>, generates code, and the result compiles.</summary>
    public static GeneratorRun ReportsNothing(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source).AssertNoGeneratorException().AssertOutputCompiles();
        Diagnostic[] reported = run.Diagnostics.Where(d => d.Id.StartsWith("TPK", StringComparison.Ordinal)).ToArray();
        Assert.True(reported.Length == 0, "Unexpected diagnostics:" + Environment.NewLine + string.Join(Environment.NewLine, reported.Select(d => d.ToString())));
        Assert.Contains(run.GeneratedSources.Keys, hint => hint.EndsWith(".TypedProducer.g.cs", StringComparison.Ordinal));
        return run;
    }

    private static string Text(string source, TextSpan span) =>
        span.End <= source.Length ? source.Substring(span.Start, span.Length) : "?";
}
