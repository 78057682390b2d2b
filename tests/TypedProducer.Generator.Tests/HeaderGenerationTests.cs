using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// <c>[MessageHeader]</c> members (issue 13): left out of every format's value schema, written and read by generated
/// WriteHeaders/ReadHeaders; TPK0030 for a member that cannot be a header, TPK0031 for a bad header name.
/// </summary>
public sealed class HeaderGenerationTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using TypedProducer;

        namespace Shop.Contracts;

        """;

    private const string Hint = "Shop.Contracts.OrderPlaced.TypedProducer.g.cs";

    [Fact]
    public void AvroPositionalRecordWithEveryHeaderType_LeavesHeadersOutOfTheSchemaAndCompiles()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            public enum Channel { Web, Store, Phone = 7 }

            [KafkaMessage("orders")]
            public sealed partial record OrderPlaced(
                [property: MessageKey] string OrderId,
                double Total,
                [property: MessageHeader("source")] string Source,
                [property: MessageHeader("attempt")] int Attempt,
                [property: MessageHeader("sequence")] long Sequence,
                [property: MessageHeader("shard")] short Shard,
                [property: MessageHeader("replay")] bool Replay,
                [property: MessageHeader("correlation-id")] Guid CorrelationId,
                [property: MessageHeader("channel")] Channel Channel,
                [property: MessageHeader("observed-at")] DateTimeOffset ObservedAt,
                [property: MessageHeader("signature")] byte[] Signature,
                [property: MessageHeader("tenant")] string? Tenant,
                [property: MessageHeader("retry-of")] long? RetryOf);
            """);

        string source = run.GeneratedSources[Hint];
        string schema = SchemaConstant(source, "AvroSchema");
        Assert.Contains("\\\"OrderId\\\"", schema);
        foreach (string member in new[] { "Source", "Attempt", "Sequence", "Shard", "Replay", "CorrelationId", "Channel", "ObservedAt", "Signature", "Tenant", "RetryOf" })
        {
            Assert.DoesNotContain("\\\"" + member + "\\\"", schema);
        }

        Assert.Contains("public override global::Confluent.Kafka.Headers? WriteHeaders(", source);
        Assert.Contains("public override global::Shop.Contracts.OrderPlaced ReadHeaders(", source);
        // The reader passes default! for the header members' constructor parameters; ReadHeaders sets them with `with`.
        Assert.Contains("Source: default!", source);
        Assert.Contains("return message with { Source = h0,", source);
    }

    [Fact]
    public void ProtobufContractWithHeader_LeavesItOutOfTheProto()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial class OrderPlaced
            {
                [ProtoField(1), MessageKey] public string OrderId { get; set; } = "";
                [MessageHeader("source")] public string? Source { get; set; }
            }
            """);

        string proto = SchemaConstant(run.GeneratedSources[Hint], "ProtobufSchema");
        Assert.Contains("order_id", proto);
        Assert.DoesNotContain("source", proto);
        Assert.Contains("message.Source = h0;", run.GeneratedSources[Hint]);
    }

    [Fact]
    public void JsonContractWithIgnoredHeader_LeavesItOutOfTheJsonSchema()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Json, JsonContext = typeof(ShopContext))]
            public sealed partial class OrderPlaced
            {
                [MessageKey] public string OrderId { get; set; } = "";
                [MessageHeader("source"), JsonIgnore] public string? Source { get; set; }
            }

            [JsonSerializable(typeof(OrderPlaced))]
            internal sealed partial class ShopContext : JsonSerializerContext;
            """);

        string schema = SchemaConstant(run.GeneratedSources[Hint], "JsonSchema");
        Assert.Contains("OrderId", schema);
        Assert.DoesNotContain("Source", schema);
    }

    [Fact]
    public void JsonHeaderWithoutJsonIgnore_ReportsTPK0028()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Json, JsonContext = typeof(ShopContext))]
            public sealed partial class OrderPlaced
            {
                [MessageKey] public string OrderId { get; set; } = "";
                [MessageHeader("source")] public string? [|Source|] { get; set; }
            }

            [JsonSerializable(typeof(OrderPlaced))]
            internal sealed partial class ShopContext : JsonSerializerContext;
            """, "TPK0028", "'OrderPlaced.Source'", "[JsonIgnore]");
    }

    [Theory]
    [InlineData("decimal", "decimal")]
    [InlineData("List<string>", "System.Collections.Generic.List<string>")]
    [InlineData("uint", "uint")]
    [InlineData("DateTime", "System.DateTime")]
    public void HeaderOfUnsupportedType_ReportsTPK0030(string type, string displayed)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [MessageKey] public string OrderId { get; set; } = "";
                [MessageHeader("value")] public {{type}} [|Value|] { get; set; } = default!;
            }
            """, "TPK0030", "'OrderPlaced.Value'", $"'{displayed}'", "headers hold string, short, int");
    }

    [Fact]
    public void InitOnlyHeaderOfAClass_ReportsTPK0030()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [MessageKey] public string OrderId { get; set; } = "";
                [MessageHeader("source")] public string [|Source|] { get; init; } = "";
            }
            """, "TPK0030", "'OrderPlaced.Source'", "needs a setter");
    }

    [Fact]
    public void HeaderOnANestedRecordsMember_ReportsTPK0030()
    {
        DiagnosticAssert.Reports(Usings + """
            public sealed record Line(string Sku, [property: MessageHeader("sku")] string [|Code|]);

            [KafkaMessage("orders")]
            public sealed partial record OrderPlaced([property: MessageKey] string OrderId, Line Line);
            """, "TPK0030", "'Line.Code'", "only the contract type's own members");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void EmptyHeaderName_ReportsTPK0031(string name)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders")]
            public sealed partial record OrderPlaced([property: MessageKey] string OrderId, [property: MessageHeader("{{name}}")] string [|Source|]);
            """, "TPK0031", "'OrderPlaced.Source'", "is empty");
    }

    [Fact]
    public void DuplicateHeaderName_ReportsTPK0031OnTheSecondMember()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders")]
            public sealed partial record OrderPlaced(
                [property: MessageKey] string OrderId,
                [property: MessageHeader("source")] string Source,
                [property: MessageHeader("source")] string [|Origin|]);
            """, "TPK0031", "\"source\"", "'OrderPlaced.Origin'", "also the header of 'OrderPlaced.Source'");
    }

    [Theory]
    [InlineData("traceparent", "traceparent")]
    [InlineData("TraceState", "tracestate")]
    [InlineData("baggage", "baggage")]
    [InlineData("Request-Id", "Request-Id")]
    [InlineData("correlation-context", "Correlation-Context")]
    public void TraceContextHeaderName_ReportsTPK0031(string name, string reserved)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders")]
            public sealed partial record OrderPlaced([property: MessageKey] string OrderId, [property: MessageHeader("{{name}}")] string [|Trace|]);
            """, "TPK0031", $"\"{name}\"", $"trace-context header '{reserved}'");
    }

    /// <summary>The text of a generated <c>public const string</c> (as a C# literal, escapes kept).</summary>
    private static string SchemaConstant(string source, string name)
    {
        string marker = $"public const string {name} = ";
        int start = source.IndexOf(marker, System.StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {name} constant");
        start += marker.Length;
        return source.Substring(start, source.IndexOf('\n', start) - start);
    }
}
