using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TypedProducer.Generator.Tests.Infrastructure;
using TypedProducer.Tests.Shared;
using Xunit.Abstractions;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// Property: whatever contract the generator is given (random shapes, member types from a pool that includes unsupported
/// ones, random attribute arguments, recursion, odd generics, missing types and members, half-typed and mutated code), it
/// never throws (no CS8784/CS8785), reports only TPK diagnostics, and when the contract's own declarations compile, the
/// code generated for it compiles without errors or warnings. Seeded and deterministic; 100 contracts per compilation
/// (one file and namespace each) keep it fast.
/// </summary>
public sealed class PropertyTests(ITestOutputHelper output)
{
    private const int Seed = 20_240_305;
    private const int ContractCount = 2_000;
    private const int BatchSize = 100;

    private static readonly Regex s_contractNamespace = new(@"Fuzz\.N(\d+)\.", RegexOptions.CultureInvariant);

    [Fact]
    public void RandomAndMalformedContracts_GeneratorNeverThrowsAndOnlyReportsDiagnostics()
    {
        List<RandomContract> contracts = RandomContracts.Generate(Seed, ContractCount);
        var diagnosticIds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        int generatedContracts = 0;

        foreach (RandomContract[] batch in contracts.Chunk(BatchSize))
        {
            var trees = batch.ToDictionary(c => c.Index, c => GeneratorHarness.Parse(c.Source, c.Path));
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(trees.Values.ToArray()));

            run.AssertNoGeneratorException();
            Assert.All(run.Diagnostics, d => Assert.StartsWith("TPK", d.Id, StringComparison.Ordinal));
            foreach (Diagnostic diagnostic in run.Diagnostics)
            {
                diagnosticIds[diagnostic.Id] = diagnosticIds.GetValueOrDefault(diagnostic.Id) + 1;
            }

            // Generated code must compile whenever the contract's own declarations do (member bodies do not matter to it);
            // a user's error may carry over into the generated code, so those are checked only when something is found.
            var userCodeCompiles = new Dictionary<int, bool>();
            bool UserCodeCompiles(int index)
            {
                if (!userCodeCompiles.TryGetValue(index, out bool compiles))
                {
                    SyntaxTree tree = trees[index];
                    compiles = !tree.GetDiagnostics().Concat(run.Input.GetSemanticModel(tree).GetDeclarationDiagnostics())
                        .Any(d => d.Severity == DiagnosticSeverity.Error);
                    userCodeCompiles[index] = compiles;
                }

                return compiles;
            }

            foreach (SyntaxTree generated in run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees))
            {
                Match owner = s_contractNamespace.Match(System.IO.Path.GetFileName(generated.FilePath));
                generatedContracts += owner.Success ? 1 : 0;
                SourceText text = generated.GetText();
                foreach (Diagnostic d in run.Output.GetSemanticModel(generated).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning))
                {
                    // The registration file names every contract: a line is about the contract it names.
                    string line = text.Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString();
                    Match about = owner.Success ? owner : s_contractNamespace.Match(line);
                    if (about.Success && UserCodeCompiles(int.Parse(about.Groups[1].Value, CultureInfo.InvariantCulture)))
                    {
                        failures.Add($"{d} in {System.IO.Path.GetFileName(generated.FilePath)}: {line.Trim()}");
                    }
                }
            }
        }

        output.WriteLine($"{ContractCount} contracts ({string.Join(", ", contracts.GroupBy(c => c.Kind).Select(g => $"{g.Key} {g.Count()}"))}); {generatedContracts} generated code; generator diagnostics: {string.Join(", ", diagnosticIds.Select(p => $"{p.Key}={p.Value}"))}");
        Assert.True(failures.Count == 0, "Generated code of contracts that compile has errors or warnings:" + Environment.NewLine + string.Join(Environment.NewLine, failures.Take(20)));
        // The run covered what it claims: every kind, many contracts with generated code, diagnostics of several rules.
        Assert.Equal(RandomContracts.Kinds.Order(), contracts.Select(c => c.Kind).Distinct().Order());
        Assert.True(generatedContracts >= ContractCount / 5, $"{generatedContracts} of {ContractCount} contracts generated code");
        Assert.True(diagnosticIds.Count >= 8, "diagnostics: " + string.Join(", ", diagnosticIds.Select(p => $"{p.Key}={p.Value}")));
    }
}
