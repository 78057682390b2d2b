using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// TPK0020..TPK0029 (Protobuf and JSON contracts): each reported on the offending type or member (marked
/// <c>[|...|]</c>) with a message that names it; the corrected contract generates code that compiles.
/// </summary>
public sealed class FormatDiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using TypedProducer;

        namespace Shop.Contracts;

        """;

    // TPK0020

    [Fact]
    public void ProtobufMemberWithoutFieldNumber_ReportsTPK0020()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial class OrderPlaced
            {
                [ProtoField(1)] public string OrderId { get; set; } = "";
                public string [|CustomerId|] { get; set; } = "";
            }
            """, "TPK0020", "'OrderPlaced.CustomerId'", "'OrderPlaced'");
    }

    [Fact]
    public void NestedMessageMemberWithoutFieldNumber_ReportsTPK0020OnTheNestedMember()
    {
        DiagnosticAssert.Reports(Usings + """
            public sealed record Line(string [|Sku|]);

            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial record OrderPlaced([property: ProtoField(1)] Line Line);
            """, "TPK0020", "'Line.Sku'", "message 'Line'");
    }

    // TPK0021

    [Fact]
    public void DuplicateFieldNumber_ReportsTPK0021()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial record OrderPlaced([property: ProtoField(3)] string OrderId, [property: ProtoField(3)] string [|CustomerId|]);
            """, "TPK0021", "'OrderId'", "'CustomerId'", "number 3");
    }

    // TPK0022

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("19000")]
    [InlineData("19999")]
    [InlineData("536870912")]
    public void InvalidFieldNumber_ReportsTPK0022(string number)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial record OrderPlaced([property: ProtoField({{number}})] string [|OrderId|]);
            """, "TPK0022", "'OrderPlaced.OrderId'", number);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("18999")]
    [InlineData("20000")]
    [InlineData("536870911")]
    public void BoundaryFieldNumbers_ReportNothing(string number)
    {
        DiagnosticAssert.ReportsNothing(Usings + $$"""
            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial record OrderPlaced([property: ProtoField({{number}})] string OrderId);
            """);
    }

    // TPK0023

    [Theory]
    [InlineData("char", "char", "no character type")]
    [InlineData("object", "object", "runtime type is unknown")]
    [InlineData("List<int?>", "System.Collections.Generic.List<int?>", "cannot hold null")]
    [InlineData("List<List<int>>", "System.Collections.Generic.List<System.Collections.Generic.List<int>>", "cannot hold lists or maps")]
    [InlineData("Dictionary<double, int>", "System.Collections.Generic.Dictionary<double, int>", "map keys")]
    [InlineData("Dictionary<string, string?>", "System.Collections.Generic.Dictionary<string, string?>", "cannot hold null")]
    [InlineData("int[,]", "int[*,*]", "multi-dimensional")]
    [InlineData("IComparable", "System.IComparable", "interfaces")]
    [InlineData("Uri", "System.Uri", "framework types")]
    public void UnsupportedProtobufMemberType_ReportsTPK0023(string type, string display, string reason)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial class OrderPlaced
            {
                [ProtoField(1)] public {{type}} [|Value|] { get; set; } = default!;
            }
            """, "TPK0023", "'OrderPlaced.Value'", $"'{display}'", reason);
    }

    [Fact]
    public void EnumMemberOutsideInt32_ReportsTPK0023()
    {
        DiagnosticAssert.Reports(Usings + """
            public enum Huge : long { Small = 1, Big = 1L << 40 }

            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial record OrderPlaced([property: ProtoField(1)] Huge [|Size|]);
            """, "TPK0023", "'OrderPlaced.Size'", "int32 range");
    }

    // TPK0024

    private const string ProtocMessage = """
        public sealed partial class OrderPlaced : Google.Protobuf.IMessage<OrderPlaced>
        {
            public string OrderId { get; set; } = "";
            public static Google.Protobuf.MessageParser<OrderPlaced> Parser { get; } = new(() => new OrderPlaced());
            public static Google.Protobuf.Reflection.MessageDescriptor Descriptor => throw new NotImplementedException();
            Google.Protobuf.Reflection.MessageDescriptor Google.Protobuf.IMessage.Descriptor => Descriptor;
            public void MergeFrom(OrderPlaced message) => OrderId = message.OrderId;
            public void MergeFrom(Google.Protobuf.CodedInputStream input) => throw new NotImplementedException();
            public void WriteTo(Google.Protobuf.CodedOutputStream output) => throw new NotImplementedException();
            public int CalculateSize() => 0;
            public OrderPlaced Clone() => new() { OrderId = OrderId };
            public bool Equals(OrderPlaced? other) => other?.OrderId == OrderId;
        }
        """;

    [Theory]
    [InlineData("")]
    [InlineData(", Format = MessageFormat.Avro")]
    [InlineData(", Format = MessageFormat.Json")]
    public void ProtocGeneratedMessageWithoutProtobufFormat_ReportsTPK0024(string format)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders"{{format}})]
            public sealed partial class [|OrderPlaced|];

            """ + ProtocMessage, "TPK0024", "'OrderPlaced'", "MessageFormat.Protobuf");
    }

    [Fact]
    public void ProtocGeneratedMessageWithProtobufFormat_GeneratesItsOwnEncodingAndKey()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Protobuf, KeyMember = nameof(OrderPlaced.OrderId))]
            public sealed partial class OrderPlaced;

            """ + ProtocMessage);

        string source = run.GeneratedSources["Shop.Contracts.OrderPlaced.TypedProducer.g.cs"];
        Assert.Contains("global::Google.Protobuf.MessageExtensions.WriteTo(message,", source);
        Assert.Contains("descriptor.File.SerializedData.ToBase64()", source);
        Assert.Contains("KafkaKeySerializer.WriteUtf8(message.OrderId, destination)", source);
    }

    // TPK0032

    [Theory]
    [InlineData("Parser", "public static Google.Protobuf.MessageParser<OrderPlaced> Parser", "MessageParser<OrderPlaced>")]
    [InlineData("Descriptor", "public static Google.Protobuf.Reflection.MessageDescriptor Descriptor", "MessageDescriptor")]
    public void HandWrittenMessageWithoutProtocStaticMember_ReportsTPK0032(string member, string declaration, string type)
    {
        // Renamed rather than removed, so that the rest of the hand-written class still compiles.
        string message = ProtocMessage.Replace(declaration, declaration + "Renamed", System.StringComparison.Ordinal)
            .Replace("IMessage.Descriptor => Descriptor;", "IMessage.Descriptor => " + (member == "Descriptor" ? "DescriptorRenamed;" : "Descriptor;"), System.StringComparison.Ordinal);
        Assert.NotEqual(ProtocMessage, message);
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial class [|OrderPlaced|];

            """ + message, "TPK0032", "'OrderPlaced'", $"'{member}' of type {type}");
    }

    // TPK0025

    [Fact]
    public void InvalidPackage_ReportsTPK0025()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Protobuf, Namespace = "shop-events")]
            public sealed partial record [|OrderPlaced|]([property: ProtoField(1)] string OrderId);
            """, "TPK0025", "package", "'shop-events'");
    }

    [Fact]
    public void InvalidFieldName_ReportsTPK0025()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial record OrderPlaced([property: ProtoField(1, Name = "order-id")] string [|OrderId|]);
            """, "TPK0025", "field", "'order-id'");
    }

    [Fact]
    public void TwoTypesWithOneMessageName_ReportsTPK0025()
    {
        DiagnosticAssert.Reports("""
            using TypedProducer;

            namespace Billing { public sealed record Address([property: ProtoField(1)] string Street); }
            namespace Shipping { public sealed record Address([property: ProtoField(1)] string Street); }

            namespace Shop.Contracts
            {
                [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
                public sealed partial record OrderPlaced(
                    [property: ProtoField(1)] Billing.Address BillTo,
                    [property: ProtoField(2)] Shipping.Address [|ShipTo|]);
            }
            """, "TPK0025", "message", "'Address'", "Billing.Address", "Shipping.Address");
    }

    [Fact]
    public void EnumMembersWithOneProtobufName_ReportsTPK0025()
    {
        DiagnosticAssert.Reports(Usings + """
            public enum Kind { FooBar, Foo_Bar }

            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public sealed partial record OrderPlaced([property: ProtoField(1)] Kind [|Kind|]);
            """, "TPK0025", "enum value", "'KIND_FOO_BAR'");
    }

    // TPK0026

    [Fact]
    public void JsonContractWithoutContext_ReportsTPK0026()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Json)]
            public sealed partial record [|OrderPlaced|](string OrderId);
            """, "TPK0026", "'OrderPlaced'", "JsonContext = typeof(");
    }

    [Fact]
    public void JsonContextThatIsNoContext_ReportsTPK0026()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Json, JsonContext = typeof(string))]
            public sealed partial record [|OrderPlaced|](string OrderId);
            """, "TPK0026", "'string' does not derive from");
    }

    // TPK0027

    [Fact]
    public void JsonContextWithoutTheContract_ReportsTPK0027()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Json, JsonContext = typeof(ShopContext))]
            public sealed partial record [|OrderPlaced|](string OrderId);

            [JsonSerializable(typeof(string))]
            internal sealed partial class ShopContext : JsonSerializerContext;
            """, "TPK0027", "'Shop.Contracts.ShopContext'", "typeof(Shop.Contracts.OrderPlaced)");
    }

    // TPK0028

    [Theory]
    [InlineData("[MessageIgnore] public string Note { get; set; } = \"\";", "[JsonIgnore]")]
    [InlineData("[JsonConverter(typeof(CustomConverter))] public string Note { get; set; } = \"\";", "custom [JsonConverter]")]
    [InlineData("public Dictionary<double, int> Note { get; set; } = new();", "dictionary keys")]
    [InlineData("public IComparable Note { get; set; } = 0;", "interfaces")]
    [InlineData("public Animal Note { get; set; } = new Dog();", "polymorphic")]
    [InlineData("[JsonPropertyName(\"orderId\")] public string Note { get; set; } = \"\";", "also the name of 'OrderId'")]
    public void MemberWithoutJsonSchema_ReportsTPK0028(string member, string reason)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders", Format = MessageFormat.Json, JsonContext = typeof(ShopContext))]
            public sealed partial class OrderPlaced
            {
                public string OrderId { get; set; } = "";
                {{member.Replace("Note", "[|Note|]")}}
            }

            [JsonPolymorphic]
            [JsonDerivedType(typeof(Dog), "dog")]
            public class Animal { }

            public sealed class Dog : Animal { }

            public sealed class CustomConverter : JsonConverter<string>
            {
                public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => "";
                public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteNumberValue(1);
            }

            [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
            [JsonSerializable(typeof(OrderPlaced))]
            internal sealed partial class ShopContext : JsonSerializerContext;
            """, "TPK0028", "'OrderPlaced.Note'", reason);
    }

    [Fact]
    public void JsonStringEnumConverterOnMember_IsUnderstood()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            public enum Kind { Retail, Wholesale }

            [KafkaMessage("orders", Format = MessageFormat.Json, JsonContext = typeof(ShopContext))]
            public sealed partial record OrderPlaced([property: JsonConverter(typeof(JsonStringEnumConverter<Kind>))] Kind Kind);

            [JsonSerializable(typeof(OrderPlaced))]
            internal sealed partial class ShopContext : JsonSerializerContext;
            """);

        Assert.Contains("""\"Kind\":{\"type\":\"string\",\"enum\":[\"Retail\",\"Wholesale\"]}""", run.GeneratedSources["Shop.Contracts.OrderPlaced.TypedProducer.g.cs"]);
    }

    // TPK0029

    [Theory]
    [InlineData("KeyMember")]
    [InlineData("PartitionKeyMember")]
    public void KeyMemberNamingNoMember_ReportsTPK0029(string property)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders", {{property}} = "OrderID")]
            public sealed partial record [|OrderPlaced|](string OrderId);
            """, "TPK0029", property, "\"OrderID\"", "'OrderPlaced'");
    }

    [Fact]
    public void KeyMemberBesideMessageKey_ReportsTPK0007()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", KeyMember = nameof(OrderPlaced.OrderId))]
            public sealed partial record [|OrderPlaced|](string OrderId, [property: MessageKey] string CustomerId);
            """, "TPK0007", "'CustomerId'", "'OrderId'");
    }
}
