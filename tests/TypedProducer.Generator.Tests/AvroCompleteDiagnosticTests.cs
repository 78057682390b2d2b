using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// TPK0014..TPK0017 (and TPK0009, TPK0011, TPK0013 for the new Avro shapes: aliases, fixed types, union defaults),
/// each on the offending member or type with a message that names it; valid uses of fixed, duration, local
/// timestamps, time-millis, enum defaults, aliases and unions of records generate code that compiles and the schema
/// the specification describes.
/// </summary>
public sealed class AvroCompleteDiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TypedProducer;

        namespace Shop.Contracts;

        """;

    private const string Payments = """

        [AvroUnion(typeof(CardPayment), typeof(CashPayment))]
        public abstract record Payment([property: AvroDecimal(10, 2)] decimal Amount);

        public sealed record CardPayment(decimal Amount, string Last4) : Payment(Amount);

        public sealed record CashPayment(decimal Amount, string Currency) : Payment(Amount);
        """;

    // TPK0014

    [Theory]
    [InlineData("[AvroFixed(16)]", "string", "AvroFixed", "'string'", "byte[]")]
    [InlineData("[AvroTime(AvroTimePrecision.Millis)]", "DateTime", "AvroTime", "'System.DateTime'", "TimeOnly")]
    [InlineData("[AvroTimestamp(AvroTimestampPrecision.Micros)]", "long", "AvroTimestamp", "'long'", "DateTime and DateTimeOffset")]
    [InlineData("[AvroTimestamp(Local = true)]", "DateTimeOffset", "AvroTimestamp(Local = true)", "'System.DateTimeOffset'", "DateTime only")]
    [InlineData("[AvroUnion(typeof(string))]", "string", "AvroUnion", "'string'", "one of the listed records")]
    [InlineData("[AvroFixed(4)]", "List<int>", "AvroFixed", "'System.Collections.Generic.List<int>'", "arrays, lists and dictionary values")]
    public void AttributeOnMemberOfOtherType_ReportsTPK0014(string attribute, string type, string name, string displayedType, string appliesTo)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                public string Id { get; set; } = "";

                {{attribute}}
                public {{type}} [|Value|] { get; set; } = default!;
            }
            """, "TPK0014", $"[{name}]", "'OrderPlaced.Value'", displayedType, appliesTo);
    }

    [Fact]
    public void AttributesOnCollectionsOfTheirTypes_ReportNothing()
    {
        DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [AvroFixed(4)]
                public List<byte[]> Hashes { get; set; } = new();

                [AvroTime(AvroTimePrecision.Millis)]
                public TimeOnly?[] Times { get; set; } = [];

                [AvroTimestamp(AvroTimestampPrecision.Micros, Local = true)]
                public Dictionary<string, DateTime> Seen { get; set; } = new();
            }
            """);
    }

    // TPK0015

    [Fact]
    public void EnumDefaultNotASymbol_ReportsTPK0015OnTheEnum()
    {
        DiagnosticAssert.Reports(Usings + """
            [AvroEnum(Default = "Unknown")]
            public enum [|CardBrand|] { Visa, Mastercard }

            [KafkaMessage("payments")]
            public sealed partial record CardCharged(string Id, CardBrand Brand);
            """, "TPK0015", "'CardBrand'", "'Unknown'", "Visa, Mastercard");
    }

    [Fact]
    public void EnumDefault_IsWrittenToTheSchemaAndStrippedFromTheCanonicalForm()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [AvroEnum(Default = nameof(Unknown), Doc = "Brand", Aliases = new[] { "Brand" })]
            public enum CardBrand { Unknown, Visa }

            [KafkaMessage("payments")]
            public sealed partial record CardCharged(string Id, CardBrand Brand);
            """);

        Assert.Contains("""{"type":"enum","name":"CardBrand","namespace":"Shop.Contracts","doc":"Brand","aliases":["Brand"],"symbols":["Unknown","Visa"],"default":"Unknown"}""", Schema(run));
        Assert.Contains("""{"name":"Shop.Contracts.CardBrand","type":"enum","symbols":["Unknown","Visa"]}""", Canonical(run));
    }

    // TPK0016

    [Theory]
    [InlineData("[AvroFixed(0)]", "byte[]", "0", "at least 1 byte")]
    [InlineData("[AvroFixed(-3)]", "byte[]", "-3", "at least 1 byte")]
    [InlineData("[AvroFixed(8)]", "TimeSpan", "8", "exactly 12 bytes")]
    [InlineData("[AvroFixed(16)]", "AvroDuration", "16", "exactly 12 bytes")]
    [InlineData("[AvroFixed(5)][AvroDecimal(12, 2)]", "decimal", "5", "at most 11 digits, fewer than the precision 12")]
    [InlineData("[AvroFixed(15)][AvroDecimal(38, 2)]", "decimal", "15", "at most 35 digits")]
    [InlineData("[AvroFixed(0)][AvroDecimal(1, 0)]", "decimal?", "0", "at least 1 byte")]
    public void FixedSizeThatCannotHoldTheType_ReportsTPK0016(string attributes, string type, string size, string reason)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                {{attributes}}
                public {{type}} [|Value|] { get; set; } = default!;
            }
            """, "TPK0016", "'OrderPlaced.Value'", $"size of {size} bytes", reason);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(5, 11)]
    [InlineData(16, 38)]
    public void FixedDecimalAtItsCapacity_ReportsNothing(int size, int precision)
    {
        DiagnosticAssert.ReportsNothing(Usings + $$"""
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [AvroFixed({{size}})]
                [AvroDecimal({{precision}}, 0)]
                public decimal Value { get; set; }
            }
            """);
    }

    // TPK0017

    [Theory]
    [InlineData("typeof(CardPayment), typeof(Refund)", "'Shop.Contracts.Refund' does not derive from or implement 'Shop.Contracts.Payment'")]
    [InlineData("typeof(CardPayment), typeof(Payment)", "'Shop.Contracts.Payment' is not a concrete, non-generic class, record or struct")]
    [InlineData("typeof(CardPayment), typeof(CardPayment)", "'Shop.Contracts.CardPayment' is listed twice")]
    [InlineData("", "it lists no types")]
    [InlineData("typeof(Box<int>)", "'Shop.Contracts.Box<int>' is not a concrete, non-generic class, record or struct")]
    [InlineData("typeof(Money)", "a union's member type must be a class, record or interface, not a struct")]
    public void InvalidUnionBranch_ReportsTPK0017OnTheMember(string types, string reason)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            public abstract record Payment(string Id);

            public sealed record CardPayment(string Id, string Last4) : Payment(Id);

            public sealed record Refund(string Id);

            public sealed record Box<T>(string Id) : Payment(Id);

            public record struct Money(long Units);

            [KafkaMessage("orders")]
            public sealed partial class OrderPaid
            {
                [AvroUnion({{types}})]
                public {{(types == "typeof(Money)" ? "Money" : "Payment")}} [|Payment|] { get; set; } = default!;
            }
            """, "TPK0017", "'OrderPaid.Payment'", types == "typeof(Money)" ? "'Shop.Contracts.Money'" : "'Shop.Contracts.Payment'", reason);
    }

    [Fact]
    public void AbstractMemberWithoutAvroUnion_ReportsTPK0004PointingAtAvroUnion()
    {
        DiagnosticAssert.Reports(Usings + """
            public abstract record Payment(string Id);

            [KafkaMessage("orders")]
            public sealed partial record OrderPaid(string Id, Payment [|Payment|]);
            """, "TPK0004", "'OrderPaid.Payment'", "[AvroUnion(typeof(...), ...)]");
    }

    // TPK0009, TPK0011, TPK0013 for the new shapes

    [Fact]
    public void InvalidAliases_ReportTPK0009()
    {
        DiagnosticAssert.Reports(Usings + """
            [AvroRecord(Aliases = new[] { "ok.Old", "1bad" })]
            public sealed record Line(string Sku);

            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [AvroField(Aliases = new[] { "old-name" })]
                public string [|Id|] { get; set; } = "";

                public Line [|Line|] { get; set; } = new("");
            }
            """, "TPK0009", "is not a valid Avro");
    }

    [Fact]
    public void OneFixedNameWithTwoSizes_ReportsTPK0011()
    {
        DiagnosticAssert.Reports(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [AvroFixed(4, Name = "Hash")]
                public byte[] Short { get; set; } = new byte[4];

                [AvroFixed(8, Name = "Hash")]
                public byte[] [|Long|] { get; set; } = new byte[8];
            }
            """, "TPK0011", "'fixed(4)'", "'fixed(8)'", "'Shop.Contracts.Hash'");
    }

    [Theory]
    [InlineData("[AvroFixed(2)]", "byte[]", "\\\"abc\\\"", "exactly 2 characters")]
    [InlineData("[AvroFixed(2)]", "byte[]", "\\\"\\u0100x\\\"", "U+0000 to U+00FF")]
    [InlineData("", "TimeSpan", "0", "exactly 12 characters")]
    [InlineData("", "Payment?", "1", "a union's default matches its first branch")]
    [InlineData("[AvroTime(AvroTimePrecision.Millis)]", "TimeOnly", "3000000000", "within 32 bits")]
    public void DefaultNotMatchingNewType_ReportsTPK0013(string attribute, string type, string json, string problem)
    {
        DiagnosticAssert.Reports(Usings + $$"""
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                {{attribute}}
                [AvroField(Default = "{{json}}")]
                public {{type}} [|Value|] { get; set; } = default!;
            }
            """ + Payments, "TPK0013", "'OrderPlaced.Value'", problem);
    }

    [Fact]
    public void DefaultsOfNewTypes_AreWrittenToTheSchema()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [AvroFixed(2)]
                [AvroField(Default = "\"\\u00ff\\u0000\"")]
                public byte[] Tag { get; set; } = new byte[2];

                [AvroField(Default = "{\"Amount\":\"\\u0000\",\"Last4\":\"0000\"}")]
                public Payment? Payment { get; set; }
            }
            """ + Payments);

        string schema = Schema(run);
        Assert.Contains("""{"name":"Tag","type":{"type":"fixed","name":"Tag","namespace":"Shop.Contracts","size":2},"default":"\u00ff\u0000"}""", schema);
        // A non-null default puts null last, after the records (the default matches the first branch).
        Assert.Contains("""{"name":"Payment","type":[{"type":"record","name":"CardPayment",""", schema);
        Assert.Contains("""},"null"],"default":{"Amount":"\u0000","Last4":"0000"}}""", schema);
    }

    // Valid shapes

    [Fact]
    public void UnionOfStructsBehindAnInterface_GeneratesTypePatterns()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [AvroUnion(typeof(Circle), typeof(Square))]
            public interface IShape { }

            public readonly record struct Circle(double Radius) : IShape;

            public readonly record struct Square(double Side) : IShape;

            [KafkaMessage("shapes")]
            public sealed partial record ShapeDrawn(string Id, IShape Shape, List<IShape?> History);
            """);

        string source = run.GeneratedSources["Shop.Contracts.ShapeDrawn.TypedProducer.g.cs"];
        Assert.Contains("case global::Shop.Contracts.Circle u0:", source);
        Assert.Contains("""{"name":"History","type":{"type":"array","items":["null","Shop.Contracts.Circle","Shop.Contracts.Square"]}}""", Schema(run));
    }

    [Fact]
    public void MemberUnion_WinsOverTheTypesUnion()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders")]
            public sealed partial class OrderPaid
            {
                public Payment Payment { get; set; } = new CashPayment(0, "");

                [AvroUnion(typeof(CashPayment))]
                public Payment CashOnly { get; set; } = new CashPayment(0, "");
            }
            """ + Payments);

        Assert.Contains("""{"name":"CashOnly","type":["Shop.Contracts.CashPayment"]}""", Schema(run));
    }

    [Fact]
    public void UnionListingTheMembersOwnType_CompilesWithoutAnUnreachableCase()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [AvroUnion(typeof(Shape), typeof(Circle))]
            public class Shape
            {
                public string Name { get; set; } = "";
            }

            public sealed class Circle : Shape
            {
                public double Radius { get; set; }
            }

            public sealed record Tag(string Value);

            [KafkaMessage("shapes")]
            public sealed partial class ShapeDrawn
            {
                public Shape? Shape { get; set; }

                [AvroUnion(typeof(Tag))]
                public Tag Tag { get; set; } = new("");
            }
            """);

        string source = run.GeneratedSources["Shop.Contracts.ShapeDrawn.TypedProducer.g.cs"];
        Assert.True(source.IndexOf("case global::Shop.Contracts.Circle u0:", System.StringComparison.Ordinal) < source.IndexOf("case global::Shop.Contracts.Shape u0:", System.StringComparison.Ordinal));
        Assert.DoesNotContain("is not a branch of the union", source);
    }

    [Fact]
    public void RecursiveUnion_GuardsRecursionAndReferencesRecordsByName()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [AvroUnion(typeof(Number), typeof(Sum))]
            public abstract record Expr;

            public sealed record Number(long Value) : Expr;

            public sealed record Sum(Expr Left, Expr Right) : Expr;

            [KafkaMessage("exprs")]
            public sealed partial record Evaluated(string Id, Expr Expr);
            """);

        Assert.Contains("writer.EnterRecursiveRecord(\"Sum\");", run.GeneratedSources["Shop.Contracts.Evaluated.TypedProducer.g.cs"]);
        Assert.Contains("""{"name":"Left","type":["Shop.Contracts.Number","Shop.Contracts.Sum"]}""", Schema(run));
    }

    [Fact]
    public void FixedUsedTwiceWithOneName_IsDefinedOnce()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            public sealed record Part([property: AvroFixed(16, Name = "Md5")] byte[] Hash);

            [KafkaMessage("files")]
            public sealed partial class FileStored
            {
                [AvroFixed(16, Name = "Md5", Aliases = new[] { "Digest" })]
                public byte[] Hash { get; set; } = new byte[16];

                public List<Part> Parts { get; set; } = new();
            }
            """);

        string schema = Schema(run);
        Assert.Single(Regex.Matches(schema, "\"type\":\"fixed\""));
        Assert.Contains("""{"name":"Hash","type":"Shop.Contracts.Md5"}""", schema);
        Assert.Contains("""{"name":"Hash","type":{"name":"Shop.Contracts.Md5","type":"fixed","size":16}}""", Canonical(run));
    }

    [Fact]
    public void TypeInTheNullNamespaceInsideANamespacedRecord_WritesAnEmptyNamespace()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [AvroRecord(Namespace = "")]
            public sealed record Address(string Street);

            [KafkaMessage("customers")]
            public sealed partial record CustomerMoved(string Id, Address To);
            """);

        Assert.Contains("""{"type":"record","name":"Address","namespace":"","fields":""", Schema(run));
        Assert.Contains("""{"name":"To","type":{"name":"Address","type":"record",""", Canonical(run));
    }

    [Fact]
    public void AliasesDocsAndLogicalTypes_AreStrippedFromTheCanonicalForm()
    {
        GeneratorRun run = DiagnosticAssert.ReportsNothing(Usings + """
            [KafkaMessage("orders", Doc = "An order")]
            [AvroRecord(Aliases = new[] { "OrderCreated" })]
            public sealed partial class OrderPlaced
            {
                [AvroField(Doc = "When", Aliases = new[] { "At" })]
                [AvroTimestamp(Local = true)]
                public DateTime PlacedAt { get; set; }

                [AvroTime(AvroTimePrecision.Millis)]
                public TimeOnly Cutoff { get; set; }

                [AvroFixed(9)]
                [AvroDecimal(20, 4)]
                public decimal Total { get; set; }

                public TimeSpan Window { get; set; }
            }
            """);

        Assert.Equal(
            """{"name":"Shop.Contracts.OrderPlaced","type":"record","fields":[{"name":"PlacedAt","type":"long"},{"name":"Cutoff","type":"int"},{"name":"Total","type":{"name":"Shop.Contracts.Total","type":"fixed","size":9}},{"name":"Window","type":{"name":"Shop.Contracts.Window","type":"fixed","size":12}}]}""",
            Canonical(run));
        Assert.Equal(
            """{"type":"record","name":"OrderPlaced","namespace":"Shop.Contracts","doc":"An order","aliases":["OrderCreated"],"fields":[{"name":"PlacedAt","type":{"type":"long","logicalType":"local-timestamp-millis"},"doc":"When","aliases":["At"]},{"name":"Cutoff","type":{"type":"int","logicalType":"time-millis"}},{"name":"Total","type":{"type":"fixed","name":"Total","namespace":"Shop.Contracts","size":9,"logicalType":"decimal","precision":20,"scale":4}},{"name":"Window","type":{"type":"fixed","name":"Window","namespace":"Shop.Contracts","size":12,"logicalType":"duration"}}]}""",
            Schema(run));
    }

    private static string Schema(GeneratorRun run) => Constant(run, "AvroSchema");

    private static string Canonical(GeneratorRun run) => Constant(run, "AvroCanonicalForm");

    private static string Constant(GeneratorRun run, string name)
    {
        string source = run.GeneratedSources.Single(s => s.Key.EndsWith(".TypedProducer.g.cs", System.StringComparison.Ordinal) && !s.Key.StartsWith("TypedProducerServiceCollectionExtensions", System.StringComparison.Ordinal)).Value;
        Match literal = Regex.Match(source, $"public const string {name} = (\".*?\");\n");
        Assert.True(literal.Success, name + " not found");
        return JsonSerializer.Deserialize<string>(literal.Groups[1].Value)!;
    }
}
