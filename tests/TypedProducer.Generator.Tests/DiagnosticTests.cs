using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// TPK0001..TPK0011: each reported on the offending type or member (marked <c>[|...|]</c>), with a message that
/// names it, and the corrected contract generates code that compiles.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TypedProducer;

        namespace Shop.Contracts;

        """;

    // TPK0001

    [Fact]
    public void NonPartialContract_ReportsTPK0001()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders")]
            public sealed class [|OrderPlaced|]
            {
                public string Id { get; set; } = "";
            }
            """, "TPK0001", "'OrderPlaced'", "partial");
    }

    [Fact]
    public void NonPartialRecordStruct_ReportsTPK0001()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("counters")]
            public record struct [|Counter|](long Id);
            """, "TPK0001", "'Counter'");
    }

    [Fact]
    public void PartialContract_ReportsNothingAndCompiles()
    {
        DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                public string Id { get; set; } = "";
            }
            """);
    }

    // TPK0002

    [Fact]
    public void NestedContract_ReportsTPK0002()
    {
        DiagnosticAssert.Reports(Usings + """
            public static class Events
            {
                [KafkaMessage("orders")]
                public sealed partial record [|OrderPlaced|](string Id);
            }
            """, "TPK0002", "'OrderPlaced'", "nested in 'Events'");
    }

    [Fact]
    public void GenericContract_ReportsTPK0002()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("envelopes")]
            public sealed partial class [|Envelope|]<T>
            {
                public string Id { get; set; } = "";
            }
            """, "TPK0002", "'Envelope'", "generic");
    }

    [Fact]
    public void TopLevelNonGenericContract_ReportsNothingAndCompiles()
    {
        DiagnosticAssert.ReportsNothing(Usings + """
            public static class Events
            {
            }

            [KafkaMessage("orders")]
            public sealed partial record OrderPlaced(string Id);
            """);
    }

    // TPK0003

    [Theory]
    [InlineData("3")]
    [InlineData("-1")]
    public void UnknownFormat_ReportsTPK0003(string format)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders", Format = (MessageFormat)({{format}}))]
            public sealed partial record [|OrderPlaced|](string Id);
            """, "TPK0003", "'OrderPlaced'", $"'{format}'");
    }

    [Fact]
    public void ExplicitAvroFormat_ReportsNothingAndCompiles()
    {
        DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders", Format = MessageFormat.Avro)]
            public sealed partial record OrderPlaced(string Id);
            """);
    }

    // TPK0004

    [Theory]
    [InlineData("object", "object", "runtime type is unknown")]
    [InlineData("char", "char", "no character type")]
    [InlineData("ulong", "ulong", "signed 64-bit")]
    [InlineData("int[,]", "int[*,*]", "multi-dimensional")]
    [InlineData("Dictionary<int, string>", "System.Collections.Generic.Dictionary<int, string>", "map keys are strings")]
    [InlineData("IEnumerable<int>", "System.Collections.Generic.IEnumerable<int>", "interfaces")]
    [InlineData("HashSet<int>", "System.Collections.Generic.HashSet<int>", "generic types")]
    [InlineData("Uri", "System.Uri", "framework types")]
    [InlineData("Action", "System.Action", "delegates")]
    [InlineData("List<object>", "object", "runtime type is unknown")]
    public void UnsupportedMemberType_ReportsTPK0004(string type, string displayedType, string reason)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                public string Id { get; set; } = "";

                public {{type}} [|Payload|] { get; set; } = default!;
            }
            """, "TPK0004", "'OrderPlaced.Payload'", $"'{displayedType}'", reason);
    }

    [Fact]
    public void UnsupportedMemberOfNestedRecord_ReportsTPK0004OnThatMember()
    {
        DiagnosticAssert.Reports(Usings + """
            public abstract class Shape
            {
            }

            public sealed class Line
            {
                public Shape [|Start|] { get; set; } = default!;
            }

            [KafkaMessage("drawings")]
            public sealed partial class Drawing
            {
                public List<Line> Lines { get; set; } = new();
            }
            """, "TPK0004", "'Line.Start'", "'Shop.Contracts.Shape'", "abstract");
    }

    [Fact]
    public void UnsupportedMemberWithMessageIgnore_ReportsNothingAndCompiles()
    {
        DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                public string Id { get; set; } = "";

                [MessageIgnore]
                public object Payload { get; set; } = new();

                [MessageIgnore]
                public Dictionary<int, string> Lookup { get; set; } = new();
            }
            """);
    }

    // TPK0005

    [Theory]
    [InlineData("decimal")]
    [InlineData("decimal?")]
    [InlineData("List<decimal>")]
    public void DecimalWithoutAvroDecimal_ReportsTPK0005(string type)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("payments")]
            public sealed partial class PaymentTaken
            {
                public {{type}} [|Amount|] { get; set; } = default!;
            }
            """, "TPK0005", "'PaymentTaken.Amount'", "[AvroDecimal(precision, scale)]");
    }

    [Fact]
    public void DecimalWithoutAvroDecimalInPositionalRecord_ReportsTPK0005OnParameter()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("payments")]
            public sealed partial record PaymentTaken(string Id, decimal [|Amount|]);
            """, "TPK0005", "'PaymentTaken.Amount'");
    }

    [Fact]
    public void DecimalWithAvroDecimal_ReportsNothingAndCompiles()
    {
        DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("payments")]
            public sealed partial class PaymentTaken
            {
                [AvroDecimal(18, 4)]
                public decimal Amount { get; set; }

                [AvroDecimal(9, 2)]
                public decimal? Fee { get; set; }

                [AvroDecimal(9, 2)]
                public List<decimal> Parts { get; set; } = new();
            }
            """);
    }

    // TPK0006

    [Theory]
    [InlineData(0, 0)]
    [InlineData(39, 2)]
    [InlineData(10, 11)]
    [InlineData(30, 29)]
    [InlineData(5, -1)]
    public void InvalidDecimalPrecisionOrScale_ReportsTPK0006(int precision, int scale)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("payments")]
            public sealed partial class PaymentTaken
            {
                [AvroDecimal({{precision}}, {{scale}})]
                public decimal [|Amount|] { get; set; }
            }
            """, "TPK0006", "'PaymentTaken.Amount'", $"precision {precision} and scale {scale}");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(38, 28)]
    [InlineData(28, 28)]
    public void DecimalPrecisionAndScaleAtTheLimits_ReportsNothingAndCompiles(int precision, int scale)
    {
        DiagnosticAssert.ReportsNothing(Usings + $$"""
            [KafkaMessage("payments")]
            public sealed partial class PaymentTaken
            {
                [AvroDecimal({{precision}}, {{scale}})]
                public decimal Amount { get; set; }
            }
            """);
    }

    // TPK0007

    [Fact]
    public void TwoMessageKeys_ReportsTPK0007OnTheSecond()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [MessageKey]
                public string OrderId { get; set; } = "";

                [MessageKey]
                public string [|CustomerId|] { get; set; } = "";
            }
            """, "TPK0007", "'OrderPlaced'", "[MessageKey]", "'OrderId'", "'CustomerId'");
    }

    [Fact]
    public void TwoPartitionKeys_ReportsTPK0007OnTheSecond()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders")]
            public sealed partial record OrderPlaced(
                [property: PartitionKey] string Region,
                [property: PartitionKey] int [|Shard|]);
            """, "TPK0007", "'OrderPlaced'", "[PartitionKey]", "'Region'", "'Shard'");
    }

    [Fact]
    public void OneMessageKeyAndOnePartitionKey_ReportsNothingAndCompiles()
    {
        DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [MessageKey]
                public string OrderId { get; set; } = "";

                [PartitionKey]
                public string CustomerId { get; set; } = "";
            }
            """);
    }

    // TPK0008

    [Theory]
    [InlineData("MessageKey", "double", "double")]
    [InlineData("MessageKey", "DateTimeOffset", "System.DateTimeOffset")]
    [InlineData("PartitionKey", "short", "short")]
    [InlineData("PartitionKey", "List<string>", "System.Collections.Generic.List<string>")]
    public void KeyWithoutStandardSerializer_ReportsTPK0008(string attribute, string type, string displayedType)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("readings")]
            public sealed partial class Reading
            {
                [{{attribute}}]
                public {{type}} [|SensorKey|] { get; set; } = default!;
            }
            """, "TPK0008", "'Reading.SensorKey'", $"'{displayedType}'");
    }

    [Theory]
    [InlineData("string")]
    [InlineData("string?")]
    [InlineData("int")]
    [InlineData("int?")]
    [InlineData("long")]
    [InlineData("long?")]
    [InlineData("Guid")]
    [InlineData("Guid?")]
    [InlineData("byte[]")]
    [InlineData("byte[]?")]
    public void KeyWithStandardSerializer_ReportsNothingAndCompiles(string type)
    {
        DiagnosticAssert.ReportsNothing(Usings + $$"""
            [KafkaMessage("readings")]
            public sealed partial class Reading
            {
                [MessageKey]
                public {{type}} SensorKey { get; set; } = default!;

                [PartitionKey]
                public {{type}} Site { get; set; } = default!;
            }
            """);
    }

    // TPK0009

    [Fact]
    public void InvalidRecordNameOverride_ReportsTPK0009OnType()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Name = "order-placed")]
            public sealed partial record [|OrderPlaced|](string Id);
            """, "TPK0009", "'order-placed'", "record name");
    }

    [Fact]
    public void InvalidNamespaceOverride_ReportsTPK0009OnType()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders", Namespace = "shop..events")]
            public sealed partial record [|OrderPlaced|](string Id);
            """, "TPK0009", "'shop..events'", "namespace name");
    }

    [Fact]
    public void InvalidFieldNameOverride_ReportsTPK0009OnMember()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [AvroField(Name = "1st-line")]
                public string [|FirstLine|] { get; set; } = "";
            }
            """, "TPK0009", "'1st-line'", "field name");
    }

    [Fact]
    public void NonAsciiTypeName_ReportsTPK0009OnType()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders")]
            public sealed partial record [|Café|](string Id);
            """, "TPK0009", "'Café'", "record name");
    }

    [Fact]
    public void NonAsciiEnumSymbol_ReportsTPK0009OnMemberOfThatEnum()
    {
        DiagnosticAssert.Reports(Usings + """
            public enum Size
            {
                Small,
                Größer,
            }

            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                public Size [|Size|] { get; set; }
            }
            """, "TPK0009", "'Größer'", "enum symbol name");
    }

    [Fact]
    public void ValidNameOverrides_ReportsNothingAndCompiles()
    {
        DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders", Name = "order_placed", Namespace = "shop.events.v1")]
            public sealed partial class OrderPlaced
            {
                [AvroField(Name = "_first_line2")]
                public string FirstLine { get; set; } = "";
            }
            """);
    }

    // TPK0010

    [Fact]
    public void TwoMembersWithOneAvroName_ReportsTPK0010OnTheSecond()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                public string Total { get; set; } = "";

                [AvroField(Name = "Total")]
                public long [|TotalCents|] { get; set; }
            }
            """, "TPK0010", "'OrderPlaced'", "'Total'");
    }

    [Fact]
    public void MembersWithDistinctAvroNames_ReportsNothingAndCompiles()
    {
        DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [AvroField(Name = "TotalText")]
                public string Total { get; set; } = "";

                [AvroField(Name = "Total")]
                public long TotalCents { get; set; }
            }
            """);
    }

    // TPK0011

    [Fact]
    public void NestedTypesWithOneName_ReportsTPK0011()
    {
        DiagnosticAssert.Reports(Usings + """
            public static class Billing
            {
                public sealed record Address(string Street);
            }

            public static class Shipping
            {
                public sealed record Address(string Street, string Dock);
            }

            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                public Billing.Address BillTo { get; set; } = new("");

                public Shipping.Address [|ShipTo|] { get; set; } = new("", "");
            }
            """, "TPK0011", "'global::Shop.Contracts.Billing.Address'", "'global::Shop.Contracts.Shipping.Address'", "'Shop.Contracts.Address'", "'OrderPlaced'");
    }

    [Fact]
    public void ContractNameOverrideEqualToMemberType_ReportsTPK0011()
    {
        DiagnosticAssert.Reports(Usings + """
            public sealed record Address(string Street);

            [KafkaMessage("addresses", Name = "Address")]
            public sealed partial class AddressChanged
            {
                public Address [|Current|] { get; set; } = new("");
            }
            """, "TPK0011", "'Shop.Contracts.Address'", "'AddressChanged'");
    }

    [Fact]
    public void DistinctAvroNames_ReportsNothingAndCompiles()
    {
        DiagnosticAssert.ReportsNothing(Usings + """
            public sealed record Address(string Street);

            [KafkaMessage("addresses", Name = "AddressChangedV1")]
            public sealed partial class AddressChanged
            {
                public Address Current { get; set; } = new("");
            }
            """);
    }

    // TPK0012

    [Theory]
    [InlineData("public static partial class [|A|] { }", "a static class")]
    [InlineData("public ref partial struct [|A|] { public int X; }", "a ref struct")]
    [InlineData("file partial class [|A|] { public int X; }", "a file-local type")]
    public void ContractThatCannotImplementAnInterface_ReportsTPK0012(string declaration, string what)
    {
        DiagnosticAssert.Reports(Usings + "[KafkaMessage(\"t\")]\n" + declaration + "\n", "TPK0012", "'A'", what);
    }

    // TPK0013

    [Theory]
    [InlineData("string", "abc", "is not JSON")]
    [InlineData("string", "\\\"a\\\" 1", "text after the JSON value")]
    [InlineData("int", "null", "null is not a value of this non-nullable field")]
    [InlineData("int", "1.5", "an int field needs a JSON integer")]
    [InlineData("int", "4294967296", "an int field needs a JSON integer within 32 bits")]
    [InlineData("bool", "1", "a boolean field needs true or false")]
    [InlineData("string", "1", "a string or bytes field needs a JSON string")]
    [InlineData("Color", "\\\"Purple\\\"", "an enum field needs one of its symbols")]
    [InlineData("System.Collections.Generic.List<int>", "{}", "an array field needs a JSON array")]
    public void FieldDefaultThatDoesNotMatchItsType_ReportsTPK0013(string type, string json, string problem)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            public enum Color { Red, Green }

            [KafkaMessage("t")]
            public sealed partial class A
            {
                [AvroField(Default = "{{json}}")]
                public {{type}} [|Value|] { get; set; } = default!;
            }
            """, "TPK0013", "'A.Value'", problem);
    }

    [Theory]
    [InlineData("string", "\\\"n/a\\\"")]
    [InlineData("int", "-7")]
    [InlineData("long", "9223372036854775807")]
    [InlineData("double", "1.5e3")]
    [InlineData("bool", "false")]
    [InlineData("Color", "\\\"Green\\\"")]
    [InlineData("System.Collections.Generic.List<int>", "[1, 2]")]
    [InlineData("System.Collections.Generic.Dictionary<string, int>", "{\\\"a\\\": 1}")]
    [InlineData("int?", "null")]
    [InlineData("int?", "3")]
    [InlineData("string?", "\\\"x\\\"")]
    public void FieldDefaultMatchingItsType_ReportsNothingAndCompiles(string type, string json)
    {
        DiagnosticAssert.ReportsNothing(Usings + $$"""
            public enum Color { Red, Green }

            [KafkaMessage("t")]
            public sealed partial class A
            {
                [AvroField(Default = "{{json}}")]
                public {{type}} Value { get; set; } = default!;
            }
            """);
    }
}
