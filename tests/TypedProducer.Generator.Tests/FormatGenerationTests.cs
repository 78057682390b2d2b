using System;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedProducer.Generator.Parsing;
using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>Protobuf and JSON generation details that snapshots do not show on their own.</summary>
public sealed class FormatGenerationTests
{
    public static TheoryData<string> Names() => new()
    {
        "RideId", "URL", "URLValue", "XMLReader", "SHA512Hash", "Value2", "Already_Snake", "already_lower", "A", "ABC",
        "Id", "IOStream", "ÉtéValue", "With Space", "Number1Value", "x", "MyHTTPServer", "_Leading", "ULong",
    };

    // The generator reimplements System.Text.Json's naming policies (it cannot reference the runtime's); they must
    // agree name by name, or the schema would name properties the JSON does not have.
    [Theory]
    [MemberData(nameof(Names))]
    public void JsonNamingPolicies_MatchSystemTextJson(string name)
    {
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(name), JsonModelBuilder.ConvertName(1, name));
        Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(name), JsonModelBuilder.ConvertName(2, name));
        Assert.Equal(JsonNamingPolicy.SnakeCaseUpper.ConvertName(name), JsonModelBuilder.ConvertName(3, name));
        Assert.Equal(JsonNamingPolicy.KebabCaseLower.ConvertName(name), JsonModelBuilder.ConvertName(4, name));
        Assert.Equal(JsonNamingPolicy.KebabCaseUpper.ConvertName(name), JsonModelBuilder.ConvertName(5, name));
        Assert.Equal(name, JsonModelBuilder.ConvertName(0, name));
    }

    [Theory]
    [InlineData("RideId", "ride_id")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("Value2", "value2")]
    [InlineData("DurationMs", "duration_ms")]
    [InlineData("Id", "id")]
    [InlineData("already_snake", "already_snake")]
    public void ProtoFieldNames_AreLowerSnakeCase(string member, string field) => Assert.Equal(field, ProtobufModelBuilder.ToSnakeCase(member));

    private const string Contracts = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using TypedProducer;

        namespace Shop.Contracts;

        public sealed record Line([property: ProtoField(1)] string Sku);

        [KafkaMessage("orders.proto", Format = MessageFormat.Protobuf)]
        public sealed partial record OrderPlaced([property: ProtoField(1)] string OrderId, [property: ProtoField(2)] List<Line> Lines);

        [KafkaMessage("orders.json", Format = MessageFormat.Json, JsonContext = typeof(ShopContext))]
        public sealed partial record OrderShipped([property: MessageKey] string OrderId, DateTimeOffset At);

        [JsonSerializable(typeof(OrderShipped))]
        internal sealed partial class ShopContext : JsonSerializerContext;
        """;

    [Fact]
    public void ProtobufAndJsonContracts_SecondRunIsFullyCachedAndHoldsNoSymbols()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Contracts);
        GeneratorRun first = GeneratorHarness.Run(compilation, trackSteps: true).AssertNoGeneratorException().AssertOutputCompiles();
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.Clone());

        PipelineAssert.AllStepsCached(first.Result, second.Result, TypedProducerGenerator.TrackingNames.Contracts, TypedProducerGenerator.TrackingNames.Specs);
    }

    [Fact]
    public void ProtobufContract_WritesItsMessageFirstAndTheHeaderWithIndexZero()
    {
        GeneratorRun run = GeneratorHarness.Run(Contracts).AssertOutputCompiles();
        string source = run.GeneratedSources["Shop.Contracts.OrderPlaced.TypedProducer.g.cs"];

        Assert.Contains("""public const string ProtobufSchema = "syntax = \"proto3\";\n\npackage Shop.Contracts;\n\nmessage OrderPlaced {\n  string order_id = 1;\n  repeated Line lines = 2;\n}\n\nmessage Line {\n  string sku = 1;\n}\n";""", source);
        Assert.Contains("writer.WriteConfluentHeader(schemaId, global::TypedProducer.Serialization.ProtobufWireFormat.FirstMessageIndexes);", source);
        Assert.Contains("public override global::TypedProducer.MessageFormat Format => global::TypedProducer.MessageFormat.Protobuf;", source);
    }

    [Fact]
    public void JsonContract_UsesTheContextsMetadataAndRegistersAJsonSchema()
    {
        GeneratorRun run = GeneratorHarness.Run(Contracts).AssertOutputCompiles();
        string source = run.GeneratedSources["Shop.Contracts.OrderShipped.TypedProducer.g.cs"];

        Assert.Contains("global::Shop.Contracts.ShopContext.Default.GetTypeInfo(typeof(global::Shop.Contracts.OrderShipped))", source);
        Assert.Contains("new(global::TypedProducer.SchemaRegistry.SchemaType.Json, JsonSchemaTitle, JsonSchema, JsonSchema)", source);
        Assert.Contains("public const string JsonSchemaTitle = \"Shop.Contracts.OrderShipped\";", source);
        Assert.DoesNotContain(source, s => s == '\r');
    }

    [Fact]
    public void StructContractsAndStructMembers_GenerateCodeThatCompiles()
    {
        DiagnosticAssert.ReportsNothing("""
            using System;
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using TypedProducer;

            public record struct Point([property: ProtoField(1)] double X, [property: ProtoField(2)] double Y);

            [KafkaMessage("points.proto", Format = MessageFormat.Protobuf)]
            public partial record struct PointSeen(
                [property: MessageKey, ProtoField(1)] long SensorId,
                [property: ProtoField(2)] Point At,
                [property: ProtoField(3)] Point? Previous,
                [property: ProtoField(4)] List<Point> Track,
                [property: ProtoField(5)] Dictionary<long, Point> ByTime);

            [KafkaMessage("points.json", Format = MessageFormat.Json, JsonContext = typeof(PointContext))]
            public partial struct PointSeenJson
            {
                [MessageKey]
                public long SensorId { get; set; }

                public Point? At { get; set; }
            }

            [JsonSerializable(typeof(PointSeenJson))]
            internal sealed partial class PointContext : JsonSerializerContext;
            """);
    }

    [Fact]
    public void ProtobufContractTheReaderCannotConstruct_KeepsItsWriterAndThrowsNotSupported()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using TypedProducer;

            namespace Shop.Contracts;

            [KafkaMessage("tickets.proto", Format = MessageFormat.Protobuf)]
            public sealed partial class TicketIssued
            {
                [MessageKey, ProtoField(1)] public string Id { get; set; } = "";
                [ProtoField(2)] public string Seat { get; } = "";
            }
            """).AssertOutputCompiles();
        string source = run.GeneratedSources["Shop.Contracts.TicketIssued.TypedProducer.g.cs"];

        Assert.Contains("WriteMessage_TicketIssued(ref writer, message);", source);
        Assert.Contains("throw new global::System.NotSupportedException(\"TicketIssued cannot be deserialized: 'TicketIssued.Seat' is read-only and no constructor parameter sets it.\");", source);
        Assert.DoesNotContain("ReadMessage_", source);
    }

    [Fact]
    public void ProtobufReader_AcceptsPackedAndUnpackedEncodingsOfPackableFieldsOnly()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using TypedProducer;

            namespace Shop.Contracts;

            [KafkaMessage("bins.proto", Format = MessageFormat.Protobuf)]
            public sealed partial record BinCounted([property: ProtoField(1)] List<long> Counts, [property: ProtoField(2)] List<string> Labels, [property: ProtoField(3)] float[] Weights);
            """).AssertOutputCompiles();
        string source = run.GeneratedSources["Shop.Contracts.BinCounted.TypedProducer.g.cs"];

        Assert.Contains("case 10: // field 1, wire type 2", source); // packed int64
        Assert.Contains("case 8: // field 1, wire type 0", source); // unpacked int64
        Assert.Contains("case 18: // field 2, wire type 2", source); // strings: length-delimited only
        Assert.DoesNotContain("case 16:", source);
        Assert.Contains("case 26: // field 3, wire type 2", source); // packed float
        Assert.Contains("case 29: // field 3, wire type 5", source); // unpacked float (I32)
        Assert.Contains("Weights: f3?.ToArray() ?? global::System.Array.Empty<float>()", source);
    }

    [Fact]
    public void ProtobufReaderConstructionShapes_GenerateCodeThatCompiles()
    {
        // Required and init-only members through the initializer, an optional constructor parameter, an internal
        // constructor, a header member set by assignment on a class, narrow integers and a wide enum.
        GeneratorRun run = DiagnosticAssert.ReportsNothing("""
            using System;
            using System.Collections.Generic;
            using TypedProducer;

            public enum Wide : long { None = 0, Big = int.MaxValue }

            public sealed class Part
            {
                internal Part(string name) => Name = name;

                [ProtoField(1)] public string Name { get; }
                [ProtoField(2)] public required sbyte Tiny { get; init; }
                [ProtoField(3)] public ushort Medium { get; set; }
            }

            public sealed record Tag([property: ProtoField(1)] string Value, [property: ProtoField(2)] int Weight = 1);

            [KafkaMessage("assemblies.proto", Format = MessageFormat.Protobuf)]
            public sealed partial class AssemblyBuilt
            {
                [MessageKey, ProtoField(1)] public string Id { get; set; } = "";
                [ProtoField(2)] public required Part Main { get; init; }
                [ProtoField(3)] public IReadOnlyCollection<Tag> Tags { get; set; } = new List<Tag>();
                [ProtoField(4)] public IDictionary<bool, Part>? ByFlag { get; set; }
                [ProtoField(5)] public Wide Size { get; set; }
                [ProtoField(6)] public TimeSpan? Took { get; set; }
                [ProtoField(7)] public Guid? Batch { get; set; }
                [ProtoField(8)] public byte[]? Blob { get; set; }
                [ProtoField(9)] public ulong? Serial { get; set; }
                [MessageHeader("builder")] public string? Builder { get; set; }
            }
            """);
        string source = run.GeneratedSources["AssemblyBuilt.TypedProducer.g.cs"];

        Assert.DoesNotContain("NotSupportedException", source);
        Assert.Contains("return new global::Part(name: f1) { Tiny = f2, Medium = f3 };", source);
        Assert.Contains("return new global::Tag(Value: f1, Weight: f2);", source);
        Assert.Contains("f5 = checked((global::Wide)reader.ReadInt32());", source);
    }
}
