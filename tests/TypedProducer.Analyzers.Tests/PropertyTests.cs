using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedProducer.Analyzers.Tests.Infrastructure;
using TypedProducer.Generator;
using TypedProducer.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace TypedProducer.Analyzers.Tests;

/// <summary>
/// Property: the analyzers never throw (no AD0001) on random and malformed contracts, and neither does the generator
/// run before them (CS8785). The analyzers see the user's code, as the IDE does while the contract is typed. Seeded and
/// deterministic, the same contracts as the generator's property test; 100 contracts per compilation.
/// </summary>
public sealed class PropertyTests(ITestOutputHelper output)
{
    private const int Seed = 20_240_305;
    private const int ContractCount = 2_000;
    private const int BatchSize = 100;

    // Analyzing the generated code too (as a build does) doubles the binding work; the generated code of random contracts
    // is not random itself and the analyzers' run over generated code is covered by OwnCodeTests.
    private const bool AnalyzeGeneratedCode = false;

    [Fact]
    public async Task RandomAndMalformedContracts_GeneratorAndAnalyzersNeverThrow()
    {
        List<RandomContract> contracts = RandomContracts.Generate(Seed, ContractCount);
        var analyzerIds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var exceptions = new ConcurrentQueue<string>();
        foreach (RandomContract[] batch in contracts.Chunk(BatchSize))
        {
            CSharpCompilation input = CSharpCompilation.Create(
                "Fuzz",
                batch.Select(c => CSharpSyntaxTree.ParseText(c.Source, AnalyzerHarness.ParseOptions, c.Path)),
                AnalyzerHarness.References,
                AnalyzerHarness.CompilationOptions);
            GeneratorDriver driver = CSharpGeneratorDriver.Create([new TypedProducerGenerator().AsSourceGenerator()], parseOptions: AnalyzerHarness.ParseOptions)
                .RunGeneratorsAndUpdateCompilation(input, out Compilation withGenerated, out ImmutableArray<Diagnostic> generatorDiagnostics);
            Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8784" or "CS8785");
            Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));

            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            ImmutableArray<Diagnostic> diagnostics = await (AnalyzeGeneratedCode ? withGenerated : input).WithAnalyzers(AnalyzerHarness.Analyzers, options).GetAnalyzerDiagnosticsAsync();
            Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
            foreach (Diagnostic diagnostic in diagnostics)
            {
                analyzerIds[diagnostic.Id] = analyzerIds.GetValueOrDefault(diagnostic.Id) + 1;
            }
        }

        output.WriteLine($"{ContractCount} contracts; analyzer diagnostics: {string.Join(", ", analyzerIds.Select(p => $"{p.Key}={p.Value}"))}");
        Assert.True(exceptions.IsEmpty, "Analyzers threw:" + Environment.NewLine + string.Join(Environment.NewLine, exceptions.Take(5)));
        Assert.All(analyzerIds.Keys, id => Assert.StartsWith("TPK", id, StringComparison.Ordinal));
        // The contract rules fired on the random contracts (illegal topics, shared topics, duplicate names, ...).
        Assert.True(analyzerIds.Keys.Count(id => id.StartsWith("TPK1", StringComparison.Ordinal)) >= 3, string.Join(", ", analyzerIds.Keys));
    }
}
