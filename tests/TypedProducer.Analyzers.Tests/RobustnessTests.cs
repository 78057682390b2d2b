using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using TypedProducer.Analyzers.Tests.Infrastructure;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

/// <summary>The analyzers never throw (AD0001), whatever half-typed code or broken JSON they are given.</summary>
public sealed class RobustnessTests
{
    public static IEnumerable<object[]> BrokenCode() => new[]
    {
        "var config = new ProducerConfig { Acks = ",
        "var config = new ProducerConfig { EnableIdempotence = true, Acks = Acks. };",
        "var config = new ProducerConfig { Unknown = 3, Acks = (Acks)\"x\" };",
        "var config = new ProducerConfig(); config.Set(",
        "var config = new ProducerConfig(); config.Set(\"acks\");",
        "var config = new ProducerConfig(); config.Set(null, null);",
        "var config = new ProducerConfig(); config.Set(\"acks\", 1);",
        "var d = new Dictionary<string, string> { [\"acks\"] = , { \"x\" } }; new ProducerBuilder<string, string>(d);",
        "new ProducerBuilder<string, string>(new KeyValuePair<string, string>[] { new(\"acks\"), default, new(\"a\", null) });",
        "new ProducerBuilder<string, string>(null!); new ProducerBuilder<,>(x);",
        "services.AddTypedProducerRuntime(o => o.Producer[] = \"1\");",
        "services.AddTypedProducerRuntime(o => o.Producer[\"acks\"] += \"1\");",
        "ProducerConfig config = default; config.Acks = Acks.Leader; config!.LingerMs = double.NaN;",
        "var config = new ProducerConfig { LingerMs = 1e308 * 10, MaxInFlight = int.MaxValue + 1 };",
        "var config = new ProducerConfig { MessageTimeoutMs = null, LingerMs = null }; config = null;",
        "var (a, b) = (new ProducerConfig { Acks = Acks.None }, new ProducerConfig { Acks = Acks.Leader });",
        "var config = new ProducerConfig { Acks = Acks.Leader, Acks = Acks.All };",
        "var config = new ProducerConfig(new Dictionary<string, string> { { \"acks\", $\"{1}{2}\" } }) { EnableIdempotence = true };",
    }.Select(static s => new object[] { s });

    [Theory]
    [MemberData(nameof(BrokenCode))]
    public async Task HalfTypedConfiguration_NeverThrows(string body)
    {
        await AnalyzeAsync(Compile(InMethod(body)));
    }

    [Theory]
    [InlineData("[KafkaMessage(] public partial class A { }")]
    [InlineData("[KafkaMessage(null)] public partial class A { }")]
    [InlineData("[KafkaMessage(\"t\", Format = (MessageFormat)99, Name = null)] public partial class A { [MessageKey] [PartitionKey] public int X; }")]
    [InlineData("[KafkaMessage(\"t\")] public partial class A<T> { [PartitionKey] public T X { get; set; } } [KafkaMessage(\"t\")] public partial struct A { }")]
    [InlineData("[KafkaMessage(42)] public partial class A { }")]
    [InlineData("[KafkaMessage(\"t\")] [KafkaMessage(\"u\")] partial record R([property: MessageKey] string Id);")]
    public async Task MalformedContract_NeverThrows(string declaration)
    {
        await AnalyzeAsync(Compile(Usings + declaration));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{ \"Kafka\": ")]
    [InlineData("{ \"Kafka\": { \"Producer\": [1, 2, { \"a\": ] } }")]
    [InlineData("{ \"Kafka\": { \"Producer\": { \"acks\": \"\\u12\" } } }")]
    [InlineData("{ \"Kafka\": { \"Producer\": { \"acks\": null, \"linger.ms\": {}, \"x\": [] }, \"SubjectNameStrategy\": 7 } }")]
    [InlineData("/* unterminated comment")]
    [InlineData("\"just a string\"")]
    public async Task MalformedAppSettings_NeverThrows(string json)
    {
        await AnalyzeAsync(Compile(InMethod(string.Empty)), new[] { (AdditionalText)new TestAdditionalText("/app/appsettings.json", json), new TestAdditionalText("/app/appsettings.Test.json", json) });
    }

    [Fact]
    public async Task DeeplyNestedJson_NeverThrows()
    {
        string json = string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000);
        await AnalyzeAsync(Compile(InMethod(string.Empty)), new[] { (AdditionalText)new TestAdditionalText("/app/appsettings.json", json) });
    }

    [Fact]
    public async Task CompilationWithoutConfluentOrRuntime_NeverThrows()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Bare",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { void M() { var d = new System.Collections.Generic.Dictionary<string, string> { [\"acks\"] = \"1\" }; } }") },
            References.Where(static r => !(r.Display ?? string.Empty).Contains("Confluent") && !(r.Display ?? string.Empty).Contains("TypedProducer")));
        var diagnostics = await AnalyzeAsync(compilation);
        Assert.DoesNotContain(diagnostics, static d => d.Id.StartsWith("TPK"));
    }
}
