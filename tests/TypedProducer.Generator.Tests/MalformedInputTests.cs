using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// Half-typed and invalid code, as the IDE feeds the generator on every keystroke: the generator must never
/// throw (a throw disables all of its output and shows CS8785), and must not add errors of its own inside
/// generated files on top of the user's.
/// </summary>
public sealed class MalformedInputTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing TypedProducer;\n\nnamespace Shop.Contracts;\n\n";

    public static TheoryData<string, string> Snippets => new()
    {
        { "MissingMemberType", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public Missing Member { get; set; }\n}\n" },
        { "MissingGenericArgument", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public List<Missing> Items { get; set; } = new();\n    public Dictionary<string, Missing> Map { get; set; } = new();\n}\n" },
        { "UnclosedBraces", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public int X { get; set; }\n    public string Y { get;\n" },
        { "PropertyWithoutName", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public int\n}\n" },
        { "AttributeWithoutArguments", Usings + "[KafkaMessage]\npublic partial record A(int X);\n" },
        { "AttributeWithEmptyParentheses", Usings + "[KafkaMessage()]\npublic partial record A(int X);\n" },
        { "AttributeWithNonConstantTopic", Usings + "public static class Topics { public static string Get() => \"t\"; }\n[KafkaMessage(Topics.Get())]\npublic partial record A(int X);\n" },
        { "AttributeWithNullTopic", Usings + "[KafkaMessage(null!)]\npublic partial record A(int X);\n" },
        { "AttributeWithWrongArgumentTypes", Usings + "[KafkaMessage(42, Name = 7, Namespace = true, Doc = 1.5, Format = \"Avro\")]\npublic partial record A(int X);\n" },
        { "AttributeWithUndefinedFormat", Usings + "[KafkaMessage(\"t\", Format = (MessageFormat)42)]\npublic partial record A(int X);\n" },
        { "AttributeHalfTyped", Usings + "[KafkaMessage(\"t\", Name = )]\npublic partial record A(int X);\n" },
        { "GenericContract", Usings + "[KafkaMessage(\"t\")]\npublic partial class A<T>\n{\n    public T Value { get; set; } = default!;\n}\n" },
        { "NestedContract", Usings + "public partial class Outer\n{\n    [KafkaMessage(\"t\")]\n    public partial record Inner(int X);\n}\n" },
        { "NestedInGenericContract", Usings + "public partial class Outer<T>\n{\n    [KafkaMessage(\"t\")]\n    public partial record Inner(T X);\n}\n" },
        { "AttributeOnInterface", Usings + "[KafkaMessage(\"t\")]\npublic partial interface IA\n{\n    int X { get; }\n}\n" },
        { "AttributeOnBothPartialParts", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public int X { get; set; }\n}\n\n[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public int Y { get; set; }\n}\n" },
        { "MissingBaseType", Usings + "[KafkaMessage(\"t\")]\npublic partial class A : MissingBase\n{\n    public int X { get; set; }\n}\n" },
        { "CyclicBaseTypes", Usings + "[KafkaMessage(\"t\")]\npublic partial class A : B\n{\n    public int X { get; set; }\n}\n\npublic class B : A\n{\n    public int Y { get; set; }\n}\n" },
        { "CyclicEnumConstants", Usings + "public enum E { P = Q, Q = P }\n[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public E Value { get; set; }\n}\n" },
        { "AvroDecimalWithoutArguments", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    [AvroDecimal]\n    public decimal Amount { get; set; }\n}\n" },
        { "AvroDecimalWithNonConstant", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    [AvroDecimal(int.Parse(\"1\"), 2)]\n    public decimal Amount { get; set; }\n}\n" },
        { "AvroFieldWithNonConstant", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    [AvroField(Name = nameof(Missing), Default = 3)]\n    public int Amount { get; set; }\n}\n" },
        { "AvroTimestampWithoutArguments", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    [AvroTimestamp]\n    public DateTime At { get; set; }\n}\n" },
        { "KeyOnMethod", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    [MessageKey]\n    public string Key() => \"\";\n    public int X { get; set; }\n}\n" },
        { "KeyOnMissingType", Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    [MessageKey]\n    public Missing Key { get; set; }\n}\n" },
        { "DynamicAndPointerMembers", Usings + "[KafkaMessage(\"t\")]\npublic unsafe partial class A\n{\n    public dynamic D { get; set; } = 1;\n    public int* P;\n}\n" },
        { "RecursiveStructByValue", Usings + "public struct Node { public Node Next; }\n[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public Node Head { get; set; }\n}\n" },
        { "EmptyFile", "" },
        { "OnlyAttribute", Usings + "[KafkaMessage(\"t\")]\n" },
        { "AttributeOnRecordWithoutBody", Usings + "[KafkaMessage(\"t\")]\npublic partial record\n" },
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public void MalformedSnippet_ReportsOnlyDiagnosticsAndNeverThrows(string name, string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source, name + ".cs");

        run.AssertNoGeneratorException().AssertNoErrorsInGeneratedCode();
        Assert.All(run.Diagnostics, d => Assert.StartsWith("TPK", d.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateMemberNames_NeverThrowsAndOnlyRepeatsTheUsersError()
    {
        // CS0102 in the user's code makes 'value.X' ambiguous (CS0229) in the generated serializer too:
        // a follow-on error that disappears with the user's, so it is accepted here.
        GeneratorRun run = GeneratorHarness.Run(Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public int X { get; set; }\n    public string X { get; set; } = \"\";\n}\n");

        run.AssertNoGeneratorException();
        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == "CS0102");
        Assert.All(GeneratedCodeErrors(run), d => Assert.Equal("CS0229", d.Id));
    }

    [Fact]
    public void KafkaMessageOnTwoPartialParts_GeneratesOnce()
    {
        // Regression: both parts matched, both added the same hint name, and the generator threw (CS8785).
        GeneratorRun run = GeneratorHarness.Run(Usings + "[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public int X { get; set; }\n}\n\n[KafkaMessage(\"t\")]\npublic partial class A\n{\n    public int Y { get; set; }\n}\n");

        run.AssertNoGeneratorException().AssertNoErrorsInGeneratedCode();
        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == "CS0579");
        Assert.Single(run.GeneratedSources.Keys, hint => hint == "Shop.Contracts.A.TypedProducer.g.cs");
    }

    [Fact]
    public void EveryKeystrokeOfAContract_NeverThrows()
    {
        // Every prefix of a realistic contract, as typed character by character.
        const string Source = """
            using System;
            using System.Collections.Generic;
            using TypedProducer;

            namespace Shop.Contracts;

            public enum State { Open, Closed }

            [KafkaMessage("orders", Name = "OrderPlaced", Namespace = "shop.events", Doc = "An order")]
            public sealed partial record OrderPlaced(
                [property: MessageKey] Guid OrderId,
                [property: PartitionKey] string CustomerId,
                [property: AvroDecimal(12, 2)] decimal Total,
                [property: AvroField(Name = "state", Default = "\"Open\"")] State? State,
                List<Line> Lines);

            public sealed record Line(string Sku, int Quantity, Dictionary<string, long> Attributes);
            """;

        // One driver throughout, as in the IDE: each run is incremental over the previous one.
        var failures = new List<string>();
        Microsoft.CodeAnalysis.GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true);
        for (int length = Source.IndexOf("[KafkaMessage", StringComparison.Ordinal); length <= Source.Length + 2; length += 3)
        {
            GeneratorRun run = GeneratorHarness.Run(driver, GeneratorHarness.CreateCompilation(Source.Substring(0, Math.Min(length, Source.Length))));
            driver = run.Driver;
            if (run.Result.Results.Any(r => r.Exception is not null))
            {
                failures.Add($"prefix of {length} chars: {run.Result.Results.First(r => r.Exception is not null).Exception!.Message}");
            }
        }

        Assert.Empty(failures);

        // The complete contract, reached incrementally, generates the same code as a fresh run.
        GeneratorRun fresh = GeneratorHarness.Run(Source).AssertOutputCompiles();
        GeneratorRun last = GeneratorHarness.Run(driver, GeneratorHarness.CreateCompilation(Source));
        Assert.Equal(fresh.GeneratedSources.OrderBy(p => p.Key), last.GeneratedSources.OrderBy(p => p.Key));
    }

    private static Diagnostic[] GeneratedCodeErrors(GeneratorRun run)
    {
        var generated = new HashSet<SyntaxTree>(run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees));
        return run.Output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generated.Contains(tree))
            .ToArray();
    }
}
