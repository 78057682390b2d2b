extern alias BuildTasks;

using System;
using System.Collections.Generic;
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

            var contracts = ContractSchemaReader.Read(path).OrderBy(static s => s.ContractType, StringComparer.Ordinal).ToList();

            Assert.Equal(new[] { "Shop.Events.OrderPlacedKafkaContract", "Shop.Events.PaymentTakenKafkaContract" }, contracts.Select(static s => s.ContractType));
            Assert.Equal(new[] { "orders", "payments" }, contracts.Select(static s => s.Topic));
            string schema = contracts[0].Constants["AvroSchema"];
            Assert.Equal(EvolutionHarness.GeneratedSchema(Source, "OrderPlaced"), schema);
            Assert.Contains("caf\u00e9", schema);
            Assert.Equal("Shop.Events.OrderPlaced", JsonText.AvroFullName(schema));
            Assert.Equal("billing.PaymentTaken", JsonText.AvroFullName(contracts[1].Constants["AvroSchema"]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WriteAll_AddsAVersionOnlyWhenTheSchemaChanged()
    {
        string folder = TemporaryFolder();
        try
        {
            const string Proto = "syntax = \"proto3\";\n\npackage shop.audit;\n\nmessage Audit {\n  string who = 1;\n}\n";
            var contracts = new[]
            {
                Contract("Shop.OrderPlacedKafkaContract", ("TopicName", "orders"), ("AvroSchema", """{"type":"record","name":"OrderPlaced","namespace":"shop","fields":[]}""")),
                Contract("Shop.AuditKafkaContract", ("TopicName", "audit"), ("ProtobufSchema", Proto), ("ProtobufMessageName", "shop.audit.Audit")),
            };

            var first = SchemaVersionWriter.WriteAll(folder, contracts, "RecordName", static w => Assert.Fail(w));
            Assert.Equal(new[] { Path.Combine(folder, "shop.OrderPlaced", "v1.avsc"), Path.Combine(folder, "shop.audit.Audit", "v1.proto") }, first.Select(static w => w.Path));
            Assert.Equal(Proto, File.ReadAllText(Path.Combine(folder, "shop.audit.Audit", "v1.proto")));

            // Unchanged (line ends and trailing blanks do not count for .proto, layout does not count for JSON).
            File.WriteAllText(Path.Combine(folder, "shop.audit.Audit", "v1.proto"), Proto.Replace("\n", "  \r\n"));
            Assert.Empty(SchemaVersionWriter.WriteAll(folder, contracts, "RecordName", static w => Assert.Fail(w)));

            // Versions continue after the highest number, in natural order.
            File.WriteAllText(Path.Combine(folder, "shop.audit.Audit", "v10.proto"), Proto.Replace("who", "actor"));
            var next = SchemaVersionWriter.WriteAll(folder, contracts, "recordname", static w => Assert.Fail(w));
            Assert.Equal(Path.Combine(folder, "shop.audit.Audit", "v11.proto"), Assert.Single(next).Path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void WriteAll_FilesByTopicSubjectsAndUpdatesASingleFileInPlace()
    {
        string folder = TemporaryFolder();
        try
        {
            var v1 = new[] { Contract("Shop.OrderPlacedKafkaContract", ("TopicName", "orders"), ("AvroSchema", """{"type":"record","name":"OrderPlaced","namespace":"shop","fields":[]}""")) };
            var v2 = new[] { Contract("Shop.OrderPlacedKafkaContract", ("TopicName", "orders"), ("AvroSchema", """{"type":"record","name":"OrderPlaced","namespace":"shop","fields":[{"name":"id","type":"string"}]}""")) };

            Assert.Equal(Path.Combine(folder, "orders-value", "v1.avsc"), Assert.Single(SchemaVersionWriter.WriteAll(folder, v1, "TopicName", static w => Assert.Fail(w))).Path);
            Assert.Equal(Path.Combine(folder, "orders-shop.OrderPlaced", "v1.avsc"), Assert.Single(SchemaVersionWriter.WriteAll(folder, v1, "TopicRecordName", static w => Assert.Fail(w))).Path);

            string single = Path.Combine(folder, "shop.OrderPlaced.avsc");
            File.WriteAllText(single, JsonText.Indent(v1[0].Constants["AvroSchema"]));
            Assert.Empty(SchemaVersionWriter.WriteAll(folder, v1, "RecordName", static w => Assert.Fail(w)));
            Assert.Equal(single, Assert.Single(SchemaVersionWriter.WriteAll(folder, v2, "RecordName", static w => Assert.Fail(w))).Path);
            Assert.Contains("\"id\"", File.ReadAllText(single));
            Assert.False(Directory.Exists(Path.Combine(folder, "shop.OrderPlaced")));

            var warnings = new List<string>();
            Assert.Empty(SchemaVersionWriter.WriteAll(folder, new[] { Contract("X.NoTopicKafkaContract", ("AvroSchema", "{\"type\":\"record\",\"name\":\"N\",\"fields\":[]}")) }, "TopicName", warnings.Add));
            Assert.Contains("has no TopicName constant", Assert.Single(warnings));
            Assert.False(SchemaVersionWriter.IsStrategy("Topic"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
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

    private static ContractConstants Contract(string type, params (string Name, string Value)[] constants) =>
        new(type, constants.ToDictionary(static c => c.Name, static c => c.Value, StringComparer.Ordinal));

    private static string TemporaryFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "typedproducer-writer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
