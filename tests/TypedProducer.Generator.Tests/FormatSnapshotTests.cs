using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// The generated code of a representative Protobuf and JSON contract, compared with
/// Snapshots/FormatSnapshotTests.*.verified.cs. Each snippet must also compile with its generated code (and System.Text.Json's).
/// </summary>
public sealed class FormatSnapshotTests
{
    [Fact]
    public void ProtobufContract_GeneratesProtoAndUnrolledEncoder()
    {
        const string Source = """
            using System;
            using System.Collections.Generic;
            using TypedProducer;

            namespace Shop.Contracts;

            public enum Channel
            {
                Web = 1,
                Store = 2,
            }

            public sealed record Line([property: ProtoField(1)] string Sku, [property: ProtoField(2)] int Quantity, [property: ProtoField(3)] decimal Price);

            [KafkaMessage("orders.proto", Format = MessageFormat.Protobuf, Namespace = "shop.events", Doc = "An order was placed.")]
            public sealed partial record OrderPlaced(
                [property: MessageKey, ProtoField(1)] Guid OrderId,
                [property: PartitionKey, ProtoField(2)] string CustomerId,
                [property: ProtoField(3)] Channel Channel,
                [property: ProtoField(4)] DateTimeOffset PlacedAt,
                [property: ProtoField(5)] IReadOnlyList<Line> Lines,
                [property: ProtoField(6)] double? Latitude,
                [property: ProtoField(7)] string? Coupon,
                [property: ProtoField(8)] Dictionary<string, string> Attributes,
                [property: ProtoField(16)] long[] Ids,
                [property: MessageIgnore] string Debug);
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void ProtobufContract_GeneratesUnrolledDecoder()
    {
        // A positional record (constructor parameters) with a header member, a class set through its initializer, a
        // recursive message, packed and unpacked repeated fields, a map of messages, wrappers, an optional
        // enum and the well-known types: every branch of the generated reader.
        const string Source = """
            using System;
            using System.Collections.Generic;
            using TypedProducer;

            namespace Shop.Contracts;

            public enum Channel : byte
            {
                Web = 1,
                Store = 2,
            }

            public sealed class Line
            {
                [ProtoField(1)] public string Sku { get; init; } = "";
                [ProtoField(2)] public short Quantity { get; set; }
                [ProtoField(3)] public List<Line> Parts { get; set; } = new();
            }

            [KafkaMessage("orders.proto", Format = MessageFormat.Protobuf, Namespace = "shop.events")]
            public sealed partial record OrderPlaced(
                [property: MessageKey, ProtoField(1)] Guid OrderId,
                [property: ProtoField(2)] Channel? Channel,
                [property: ProtoField(3)] DateTime PlacedAt,
                [property: ProtoField(4)] Line Main,
                [property: ProtoField(5)] IReadOnlyList<Line> Lines,
                [property: ProtoField(6)] double? Latitude,
                [property: ProtoField(7)] Dictionary<long, Line> ByNumber,
                [property: ProtoField(8)] int[] Codes,
                [property: ProtoField(9)] decimal Total,
                [property: MessageHeader("tenant")] string? Tenant);
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }

    [Fact]
    public void JsonContract_GeneratesSchemaAndContextSerializer()
    {
        const string Source = """
            using System;
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using TypedProducer;

            namespace Shop.Contracts;

            public enum Channel
            {
                Web,
                Store,
            }

            public sealed record Line(string Sku, int Quantity, decimal Price);

            [KafkaMessage("orders.json", Format = MessageFormat.Json, JsonContext = typeof(ShopJsonContext), Namespace = "shop.events", Doc = "An order was placed.")]
            public sealed partial record OrderPlaced(
                [property: MessageKey] Guid OrderId,
                [property: PartitionKey] string CustomerId,
                Channel Channel,
                DateTimeOffset PlacedAt,
                IReadOnlyList<Line> Lines,
                double? Latitude,
                [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Coupon,
                [property: JsonPropertyName("attrs")] Dictionary<string, string> Attributes,
                [property: JsonIgnore] string Debug);

            [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
            [JsonSerializable(typeof(OrderPlaced))]
            internal sealed partial class ShopJsonContext : JsonSerializerContext;
            """;

        GeneratorRun run = GeneratorHarness.Run(Source).AssertOutputCompiles();
        Snapshot.Verify(run);
    }
}
