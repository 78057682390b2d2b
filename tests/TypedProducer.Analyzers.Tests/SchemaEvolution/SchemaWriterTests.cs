extern alias BuildTasks;

using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedProducer.Analyzers.Tests.Infrastructure;
using BuildTasks::TypedProducer.Build;
using TypedProducer.Generator;
using Xunit;

namespace TypedProducer.Analyzers.Tests.SchemaEvolution;

/// <summary>The pieces of the schema-writing MSBuild task: constants read from a compiled assembly, JSON layout.</summary>
public sealed class SchemaWriterTests
{
    [Fact]
    public void CompiledAssembly_YieldsEachContractsSchemaAndTopic()
    {
        const string Source = """
            namespace Shop.Events;

            [KafkaMessage("orders", Doc = "Quotes \" and caf\u00e9")]
            public partial class OrderPlaced { [MessageKey] public string Id { get; set; } = ""; }

            [KafkaMessage("payments", Namespace = "billing")]
            public partial record PaymentTaken(string PaymentId, long Cents);
            """;
        string path = Path.Combine(Path.GetTempPath(), "typedproducer-schemas-" + Guid.NewGuid().ToString("N") + ".dll");
        try
        {
            var compilation = CSharpCompilation.Create(
                "Snippet",
                new[] { CSharpSyntaxTree.ParseText(AnalyzerHarness.Usings + Source, AnalyzerHarness.ParseOptions) },
                AnalyzerHarness.References,
                AnalyzerHarness.CompilationOptions);
            CSharpGeneratorDriver.Create(new[] { new TypedProducerGenerator().AsSourceGenerator() }, parseOptions: AnalyzerHarness.ParseOptions)
                .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            var emitted = output.Emit(path);
            Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));

            var schemas = ContractSchemaReader.Read(path, new[] { "AvroSchema" }).OrderBy(static s => s.ContractType, StringComparer.Ordinal).ToList();

            Assert.Equal(new[] { "Shop.Events.OrderPlacedKafkaContract", "Shop.Events.PaymentTakenKafkaContract" }, schemas.Select(static s => s.ContractType));
            Assert.Equal(new[] { "orders", "payments" }, schemas.Select(static s => s.Topic));
            Assert.Equal(EvolutionHarness.GeneratedSchema(Source, "OrderPlaced"), schemas[0].Schema);
            Assert.Contains("caf\u00e9", schemas[0].Schema);
            Assert.Equal("Shop.Events.OrderPlaced", JsonText.AvroFullName(schemas[0].Schema));
            Assert.Equal("billing.PaymentTaken", JsonText.AvroFullName(schemas[1].Schema));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Indent_PutsMembersOnLinesAndKeepsScalarArraysAndStringsAsWritten()
    {
        const string Json = """{"type":"record","name":"R","doc":"a, b: {c} [d] \"e\" caf\u00e9 \\u00e9","fields":[{"name":"x","type":["null","string"],"default":null},{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]}},{"name":"m","type":{"type":"map","values":"long"},"default":{}}]}""";
        const string Expected = """
            {
              "type": "record",
              "name": "R",
              "doc": "a, b: {c} [d] \"e\" caf\u00e9 \\u00e9",
              "fields": [
                {
                  "name": "x",
                  "type": ["null", "string"],
                  "default": null
                },
                {
                  "name": "e",
                  "type": {
                    "type": "enum",
                    "name": "E",
                    "symbols": ["A", "B"]
                  }
                },
                {
                  "name": "m",
                  "type": {
                    "type": "map",
                    "values": "long"
                  },
                  "default": {}
                }
              ]
            }

            """;
        string indented = JsonText.Indent(Json);
        Assert.Equal(Expected.Replace("\r\n", "\n"), indented);
        Assert.Equal(Json, JsonText.Minify(indented));
    }

    [Fact]
    public void TopLevelString_IgnoresNestedMembers()
    {
        const string Json = """{"type":"record","fields":[{"name":"inner","type":"int"}],"name":"Outer","namespace":"a.\u0062"}""";
        Assert.Equal("Outer", JsonText.TopLevelString(Json, "name"));
        Assert.Equal("a.b", JsonText.TopLevelString(Json, "namespace"));
        Assert.Null(JsonText.TopLevelString(Json, "doc"));
        Assert.Null(JsonText.TopLevelString(Json, "fields"));
    }
}
