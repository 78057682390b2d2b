using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedProducer.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace TypedProducer.Analyzers.Tests.Corpus;

/// <summary>
/// Deliver 5 of issue 10: the analyzers on producer configuration from public projects (<see cref="RealCodeCorpus"/>).
/// A Warning or Error the judgement does not list fails the test, as does a listed one that is not reported; Errors are
/// also checked against the bundled librdkafka where the shape's values are all visible.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Corpus_ReportsExactlyTheJudgedWarningsAndErrors()
    {
        var problems = new List<string>();
        int configurations = 0, truePositives = 0, misses = 0, files = 0;
        foreach (var entry in RealCodeCorpus.Entries)
        {
            string source = AnalyzerHarness.Usings + "public static class Corpus" + files++ + "\n{\n" + entry.Code + "\n}\n";
            var (text, spans) = Markup.Parse(source);
            var compilation = AnalyzerHarness.Compile(text);
            if (entry.ReferencesAwsPackage)
            {
                compilation = compilation.AddReferences(AnalyzerHarness.EmptyAssembly("Confluent.Kafka.OAuthBearer.Aws"));
            }

            var compileErrors = compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(compileErrors.Count == 0, entry.Path + ": " + string.Join(Environment.NewLine, compileErrors.Take(3)));
            var reported = (await AnalyzerHarness.AnalyzeAsync(compilation))
                .Where(static d => d.Id.StartsWith("TPK", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning)
                .ToList();

            foreach (var diagnostic in reported)
            {
                if (!spans.Any(s => s.Id == diagnostic.Id && s.Span == diagnostic.Location.SourceSpan))
                {
                    problems.Add($"{entry.Repository} {entry.Path}: unexpected {diagnostic.Id} on '{text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}': {diagnostic.GetMessage()}");
                }
            }

            foreach (var span in spans)
            {
                if (!reported.Any(d => d.Id == span.Id && d.Location.SourceSpan == span.Span))
                {
                    problems.Add($"{entry.Repository} {entry.Path}: {span.Id} judged right on '{text.Substring(span.Span.Start, span.Span.Length)}' but not reported");
                }
            }

            if (!entry.Derived)
            {
                configurations += entry.Configurations;
                truePositives += spans.Count;
                misses += entry.Miss is null ? 0 : 1;
            }
        }

        output.WriteLine($"{RealCodeCorpus.Entries.Select(static e => e.Repository).Distinct().Count()} repositories, "
            + $"{RealCodeCorpus.Entries.Count(static e => !e.Derived)} files, {configurations} producer configurations analysed; "
            + $"{truePositives} Warning/Error diagnostics, all judged right (true positives); {problems.Count} problems; "
            + $"{misses} misses judged by hand (real problems not reported); {RealCodeCorpus.Entries.Count(static e => e.Derived)} derived variants besides");
        foreach (var entry in RealCodeCorpus.Entries.Where(static e => e.Miss is not null))
        {
            output.WriteLine($"miss: {entry.Repository} {entry.Path}: {entry.Miss}");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Corpus_ErrorsAgreeWithTheBundledLibrdkafka()
    {
        int judged = 0;
        foreach (var entry in RealCodeCorpus.Entries.Where(static e => e.Oracle is not null))
        {
            var (_, spans) = Markup.Parse(entry.Code);
            bool expectsError = spans.Any(static s => s.Id is { } id && Array.IndexOf(ErrorRules, id) >= 0);
            var verdict = LibrdkafkaOracle.Judge(entry.Oracle!);
            Assert.True(verdict.IsRefused == expectsError, $"{entry.Repository} {entry.Path}: judged {(expectsError ? "refused" : "accepted")}, librdkafka {LibrdkafkaOracle.LibraryVersion}: {verdict}");
            judged++;
        }

        output.WriteLine($"{judged} corpus configurations judged by librdkafka {LibrdkafkaOracle.LibraryVersion}");
        Assert.True(judged >= 5);
    }

    private static readonly string[] ErrorRules =
    {
        "TPK2001", "TPK2002", "TPK2003", "TPK2004", "TPK2005", "TPK2006", "TPK2007", "TPK2008", "TPK2009", "TPK2010",
        "TPK2011", "TPK2012", "TPK2013", "TPK2014", "TPK2015", "TPK2016", "TPK2017", "TPK2018", "TPK2019",
    };
}
