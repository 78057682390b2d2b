using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TypedProducer.Generator.Model;
using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// The pipeline stays incremental: a second run over an unchanged or unrelatedly changed compilation re-uses
/// every tracked step, an edit re-runs only the edited contract, and no step output holds a symbol, syntax,
/// semantic model, compilation or location (which would defeat caching and keep compilations alive).
/// </summary>
public sealed class CacheabilityTests
{
    private const string Orders = """
        using System;
        using TypedProducer;

        namespace Shop.Contracts;

        [KafkaMessage("orders")]
        public sealed partial record OrderPlaced(
            [property: MessageKey] Guid OrderId,
            [property: PartitionKey] string CustomerId,
            [property: AvroDecimal(12, 2)] decimal Total,
            Address ShipTo);

        public sealed record Address(string Street, int? Number);
        """;

    private const string Payments = """
        using System.Collections.Generic;
        using TypedProducer;

        namespace Shop.Contracts;

        public enum PaymentMethod { Card, Transfer }

        [KafkaMessage("payments")]
        public sealed partial class PaymentTaken
        {
            [MessageKey]
            public long PaymentId { get; set; }

            public PaymentMethod Method { get; set; }

            public Dictionary<string, string> Tags { get; set; } = new();
        }
        """;

    // A contract with a diagnostic, so that the Diagnostics step has outputs to check.
    private const string Broken = """
        using TypedProducer;

        namespace Shop.Contracts;

        [KafkaMessage("refunds")]
        public sealed partial class RefundIssued
        {
            public decimal Amount { get; set; }
        }
        """;

    private const string Unrelated = """
        namespace Shop.Services;

        public static class Clock
        {
            public static int Ticks => 1;
        }
        """;

    private static CSharpCompilation CreateCompilation() => GeneratorHarness.CreateCompilation(
        GeneratorHarness.Parse(Orders, "Orders.cs"),
        GeneratorHarness.Parse(Payments, "Payments.cs"),
        GeneratorHarness.Parse(Broken, "Broken.cs"),
        GeneratorHarness.Parse(Unrelated, "Clock.cs"));

    [Fact]
    public void TrackingNames_AreTheGeneratorsFiveSteps()
    {
        Assert.Equal(
            new[] { "AllSpecs", "AssemblyName", "Contracts", "Diagnostics", "Specs" },
            PipelineAssert.TrackingNames.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void SecondRunOnSameCompilation_AllStepsCachedAndOutputsHoldNoSymbolsOrSyntax()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorRun first = GeneratorHarness.Run(compilation, trackSteps: true).AssertNoGeneratorException();
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        PipelineAssert.AllStepsCached(first.Result, second.Result, PipelineAssert.TrackingNames);
    }

    [Fact]
    public void UnrelatedSyntaxTreeAdded_AllStepsCachedOrUnchanged()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorRun first = GeneratorHarness.Run(compilation, trackSteps: true).AssertNoGeneratorException();

        CSharpCompilation changed = compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Shop.Services; internal sealed class Added { }", "Added.cs"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, changed).AssertNoGeneratorException();

        PipelineAssert.AllStepsCached(first.Result, second.Result, PipelineAssert.TrackingNames);
    }

    [Fact]
    public void UnrelatedFileEdited_AllStepsCachedOrUnchanged()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorRun first = GeneratorHarness.Run(compilation, trackSteps: true).AssertNoGeneratorException();

        SyntaxTree clock = compilation.SyntaxTrees.Single(t => t.FilePath == "Clock.cs");
        CSharpCompilation changed = compilation.ReplaceSyntaxTree(clock, Edit(clock, "Ticks => 1", "Ticks => 2 + 40"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, changed).AssertNoGeneratorException();

        PipelineAssert.AllStepsCached(first.Result, second.Result, PipelineAssert.TrackingNames);
    }

    [Fact]
    public void CommentAddedToContractFile_AllStepsCachedOrUnchanged()
    {
        // Trivia after the contract moves no span the specs or diagnostics record.
        CSharpCompilation compilation = CreateCompilation();
        GeneratorRun first = GeneratorHarness.Run(compilation, trackSteps: true).AssertNoGeneratorException();

        SyntaxTree orders = compilation.SyntaxTrees.Single(t => t.FilePath == "Orders.cs");
        CSharpCompilation changed = compilation.ReplaceSyntaxTree(orders, orders.WithChangedText(orders.GetText().WithChanges(new TextChange(new TextSpan(orders.Length, 0), "\n// reviewed\n"))));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, changed).AssertNoGeneratorException();

        PipelineAssert.AllStepsCached(first.Result, second.Result, PipelineAssert.TrackingNames);
    }

    [Fact]
    public void OneContractMemberEdited_RerunsOnlyThatContract()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorRun first = GeneratorHarness.Run(compilation, trackSteps: true).AssertNoGeneratorException();

        SyntaxTree payments = compilation.SyntaxTrees.Single(t => t.FilePath == "Payments.cs");
        CSharpCompilation changed = compilation.ReplaceSyntaxTree(payments, Edit(payments, "public PaymentMethod Method", "public PaymentMethod? Method"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, changed).AssertNoGeneratorException().AssertOutputCompiles();

        IReadOnlyDictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> steps = PipelineAssert.TrackedSteps(second.Result);

        // Contracts: the transform re-runs for every contract (the compilation changed) but only the edited one's result differs.
        var contracts = Outputs(steps[TypedProducerGenerator.TrackingNames.Contracts])
            .Select(o => (Name: ContractName((ContractResult)o.Value), o.Reason))
            .ToArray();
        Assert.Equal(3, contracts.Length);
        Assert.All(contracts.Where(c => c.Name != "PaymentTaken"), c => Assert.True(c.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, $"{c.Name}: {c.Reason}"));
        Assert.All(contracts.Where(c => c.Name == "PaymentTaken"), c => Assert.True(c.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New, $"{c.Name}: {c.Reason}"));

        // Specs: the other contract's spec is taken from the cache, not recomputed.
        var specs = Outputs(steps[TypedProducerGenerator.TrackingNames.Specs])
            .Select(o => (Name: ((ContractSpec)o.Value).TypeName, o.Reason))
            .ToArray();
        Assert.Equal(2, specs.Length);
        Assert.Equal(IncrementalStepRunReason.Cached, specs.Single(s => s.Name == "OrderPlaced").Reason);
        Assert.True(specs.Single(s => s.Name == "PaymentTaken").Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);

        // The registration lists the same contracts, but its input changed, so it is recomputed (and equal or not).
        Assert.Single(steps[TypedProducerGenerator.TrackingNames.AllSpecs]);

        // The emitted source of the untouched contract is not regenerated.
        var sourceOutputs = Outputs(GeneratorHarness.Ours(second.Result).TrackedOutputSteps.SelectMany(s => s.Value).ToImmutableArray()).ToArray();
        Assert.Contains(sourceOutputs, o => o.Reason == IncrementalStepRunReason.Cached);

        // And the edit is reflected: the Method field became a union.
        Assert.Contains("""{\"name\":\"Method\",\"type\":[\"null\",{\"type\":\"enum""", second.GeneratedSources["Shop.Contracts.PaymentTaken.TypedProducer.g.cs"]);
    }

    [Fact]
    public void ContractDiagnosticFixed_RemovesDiagnosticAndGeneratesContract()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorRun first = GeneratorHarness.Run(compilation, trackSteps: true).AssertNoGeneratorException();
        Assert.Contains(first.Diagnostics, d => d.Id == "TPK0005");

        SyntaxTree broken = compilation.SyntaxTrees.Single(t => t.FilePath == "Broken.cs");
        CSharpCompilation changed = compilation.ReplaceSyntaxTree(broken, Edit(broken, "public decimal Amount", "[AvroDecimal(10, 2)] public decimal Amount"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, changed).AssertNoGeneratorException().AssertOutputCompiles();

        Assert.DoesNotContain(second.Diagnostics, d => d.Id.StartsWith("TPK", StringComparison.Ordinal));
        Assert.Contains("Shop.Contracts.RefundIssued.TypedProducer.g.cs", second.GeneratedSources.Keys);
    }

    [Fact]
    public void ForbiddenObjectWalker_FindsLocationInsideNestedCollections()
    {
        // The walker itself must see through records, equatable arrays and immutable arrays.
        var holder = new Holder("x", ImmutableArray.Create<object>(1, new Holder("y", ImmutableArray.Create<object>(Location.None))));

        Assert.ThrowsAny<Exception>(() => PipelineAssert.NoForbiddenObjects(holder, "holder"));
        PipelineAssert.NoForbiddenObjects(new Holder("x", ImmutableArray.Create<object>(1, "two")), "holder");
    }

    private sealed record Holder(string Name, ImmutableArray<object> Items);

    private static string ContractName(ContractResult result) =>
        result.Spec?.TypeName ?? (result.Diagnostics.Count > 0 ? "RefundIssued" : "?");

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(ImmutableArray<IncrementalGeneratorRunStep> steps) =>
        steps.SelectMany(s => s.Outputs);

    private static SyntaxTree Edit(SyntaxTree tree, string find, string replace)
    {
        string text = tree.GetText().ToString();
        int at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not found in {tree.FilePath}");
        return tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(at, find.Length), replace)));
    }
}
