using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TypedProducer.Analyzers.Tests.Infrastructure;
using Xunit;

namespace TypedProducer.Analyzers.Tests.SchemaEvolution;

/// <summary>
/// The TPK3xxx analyzer end to end: the real generator writes the contract's schema, the kept versions are
/// AdditionalFiles, and each diagnostic must land on the member (or, for a field only the kept file has, on
/// that field in the file) and name the field and the rule.
/// </summary>
public sealed class SchemaEvolutionAnalyzerTests
{
    private const string V1Path = "/project/schemas/Shop.Events.OrderPlaced/v1.avsc";
    private const string V2Path = "/project/schemas/Shop.Events.OrderPlaced/v2.avsc";

    /// <summary>The kept version of <see cref="Contract"/> with Id and Quantity (int).</summary>
    private const string KeptV1 = """
        {
          "type": "record",
          "name": "OrderPlaced",
          "namespace": "Shop.Events",
          "fields": [
            { "name": "Id", "type": "string" },
            { "name": "Quantity", "type": "int" }
          ]
        }
        """;

    private static string Contract(string members, string otherTypes = "") =>
        "namespace Shop.Events;\n" + otherTypes + "\n[KafkaMessage(\"orders\")]\npublic partial class OrderPlaced\n{\n    [MessageKey] public string Id { get; set; } = \"\";\n" + members + "\n}\n";

    private static Dictionary<string, string> Mode(string mode) => new() { ["typedproducer.schema_compatibility"] = mode };

    [Fact]
    public async Task GeneratedSchema_IsTheKeptVersionFormat()
    {
        // Guards the premise of every test below: the generator emits exactly the kept v1's schema.
        string schema = EvolutionHarness.GeneratedSchema(Contract("    public int Quantity { get; set; }"), "OrderPlaced");
        Assert.Equal("{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"Shop.Events\",\"fields\":[{\"name\":\"Id\",\"type\":\"string\"},{\"name\":\"Quantity\",\"type\":\"int\"}]}", schema);
        await EvolutionHarness.VerifyAsync(Contract("    public int Quantity { get; set; }"), new[] { (V1Path, KeptV1) });
    }

    [Theory]
    [InlineData("BACKWARD")]
    [InlineData("BACKWARD_TRANSITIVE")]
    [InlineData("FULL")]
    [InlineData("FULL_TRANSITIVE")]
    public async Task AddedFieldWithoutDefault_UnderBackwardModes_ReportsTPK3001OnTheMember(string mode)
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public int Quantity { get; set; }\n    public string {|TPK3001:Note|} { get; set; } = \"\";"),
            new[] { (V1Path, KeptV1) },
            Mode(mode));
        string message = diagnostics.Single().GetMessage();
        Assert.Contains("'OrderPlaced' is not " + mode + " compatible with 'Shop.Events.OrderPlaced/v1.avsc'", message);
        Assert.Contains("field 'Note' was added without a default", message);
        Assert.Contains("a field of the reader's record that the writer's record lacks must have a default", message);
    }

    [Theory]
    [InlineData("FORWARD")]
    [InlineData("FORWARD_TRANSITIVE")]
    [InlineData("NONE")]
    public Task AddedFieldWithoutDefault_UnderForwardOrNone_ReportsNothing(string mode) => EvolutionHarness.VerifyAsync(
        Contract("    public int Quantity { get; set; }\n    public string Note { get; set; } = \"\";"),
        new[] { (V1Path, KeptV1) },
        Mode(mode));

    [Fact]
    public Task AddedNullableField_DefaultsToNull_ReportsNothingUnderFull() => EvolutionHarness.VerifyAsync(
        Contract("    public int Quantity { get; set; }\n    public string? Note { get; set; }"),
        new[] { (V1Path, KeptV1) },
        Mode("FULL"));

    [Fact]
    public Task AddedFieldWithAvroFieldDefault_ReportsNothingUnderFull() => EvolutionHarness.VerifyAsync(
        Contract("    public int Quantity { get; set; }\n    [AvroField(Default = \"\\\"web\\\"\")] public string Channel { get; set; } = \"web\";"),
        new[] { (V1Path, KeptV1) },
        Mode("FULL"));

    [Fact]
    public Task RemovedFieldWithoutDefault_UnderBackward_ReportsNothing() => EvolutionHarness.VerifyAsync(
        Contract(string.Empty),
        new[] { (V1Path, KeptV1) });

    [Theory]
    [InlineData("FORWARD")]
    [InlineData("FULL")]
    public async Task RemovedFieldWithoutDefault_UnderForwardModes_ReportsTPK3001OnTheKeptField(string mode)
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract(string.Empty),
            new[] { (V1Path, KeptV1.Replace("{ \"name\": \"Quantity\"", "{ \"name\": {|TPK3001:\"Quantity\"|}")) },
            Mode(mode));
        var diagnostic = diagnostics.Single();
        Assert.Contains("field 'Quantity' was removed, and 'Shop.Events.OrderPlaced/v1.avsc' gives it no default", diagnostic.GetMessage());
        Assert.Equal(EvolutionHarness.SourcePath, diagnostic.AdditionalLocations.Single().GetLineSpan().Path); // the contract, for navigation
    }

    [Fact]
    public Task RemovedFieldThatHadDefault_UnderForward_ReportsNothing() => EvolutionHarness.VerifyAsync(
        Contract(string.Empty),
        new[] { (V1Path, KeptV1.Replace("\"type\": \"int\" }", "\"type\": \"int\", \"default\": 0 }")) },
        Mode("FORWARD"));

    [Fact]
    public Task IntPromotedToLong_UnderBackward_ReportsNothing() => EvolutionHarness.VerifyAsync(
        Contract("    public long Quantity { get; set; }"),
        new[] { (V1Path, KeptV1) });

    [Fact]
    public async Task IntPromotedToLong_UnderForward_ReportsTPK3001()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public long {|TPK3001:Quantity|} { get; set; }"),
            new[] { (V1Path, KeptV1) },
            Mode("FORWARD"));
        string message = diagnostics.Single().GetMessage();
        Assert.Contains("field 'Quantity' changes type from int to long: long written with the generated schema cannot be read as int", message);
        Assert.Contains("promotes only int to long, float or double", message);
    }

    [Fact]
    public async Task LongNarrowedToInt_UnderBackward_ReportsTPK3001()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public int {|TPK3001:Quantity|} { get; set; }"),
            new[] { (V1Path, KeptV1.Replace("\"int\"", "\"long\"")) });
        Assert.Contains("field 'Quantity' changes type from long to int", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task TypeChangedBothWays_UnderFull_IsReportedOnce()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public string {|TPK3001:Quantity|} { get; set; } = \"\";"),
            new[] { (V1Path, KeptV1) },
            Mode("FULL"));
        Assert.Contains("changes type from int to string", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task NullableMadeNonNullable_UnderBackward_ReportsTPK3001()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public int {|TPK3001:Quantity|} { get; set; }"),
            new[] { (V1Path, KeptV1.Replace("\"type\": \"int\" }", "\"type\": [\"null\", \"int\"], \"default\": null }")) });
        Assert.Contains("field 'Quantity' is nullable in 'Shop.Events.OrderPlaced/v1.avsc' but not in the generated schema", diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task NonNullableMadeNullable_UnderBackward_ReportsNothing() => EvolutionHarness.VerifyAsync(
        Contract("    public int? Quantity { get; set; }"),
        new[] { (V1Path, KeptV1) });

    [Fact]
    public async Task NonNullableMadeNullable_UnderFull_ReportsTPK3001BecauseOldReadersCannotReadNull()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public int? {|TPK3001:Quantity|} { get; set; }"),
            new[] { (V1Path, KeptV1) },
            Mode("FULL"));
        Assert.Contains("field 'Quantity' is nullable in the generated schema but not in 'Shop.Events.OrderPlaced/v1.avsc'", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task RenamedFieldWithoutAlias_UnderBackward_ReportsTPK3001WithARenameHint()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public int {|TPK3001:Count|} { get; set; }"),
            new[] { (V1Path, KeptV1) });
        string message = diagnostics.Single().GetMessage();
        Assert.Contains("field 'Count' was added without a default", message);
        Assert.Contains("if it renames 'Quantity', give it the old name as an alias", message);
    }

    [Fact]
    public Task RenamedFieldWithAlias_UnderBackward_ReportsNothing() => EvolutionHarness.VerifyAsync(
        """
        namespace Shop.Events;

        [KafkaMessage("orders")]
        public partial class OrderPlaced
        {
            public string Id { get; set; } = "";
            public int Count { get; set; }
        }

        // What the generator emits once field aliases are supported: Count with the alias Quantity.
        public static class OrderPlacedKafkaContract
        {
            public const string AvroSchema = "{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"Shop.Events\",\"fields\":[{\"name\":\"Id\",\"type\":\"string\"},{\"name\":\"Count\",\"aliases\":[\"Quantity\"],\"type\":\"int\"}]}";
        }
        """,
        new[] { (V1Path, KeptV1) },
        runGenerator: false);

    [Fact]
    public Task RenamedFieldWithAvroFieldAlias_UnderBackward_ReportsNothing() => EvolutionHarness.VerifyAsync(
        Contract("    [AvroField(Aliases = new[] { \"Quantity\" })] public int Count { get; set; }"),
        new[] { (V1Path, KeptV1) });

    [Fact]
    public Task RenamedRecordWithAvroRecordAlias_FindsTheOldSubjectAndReportsNothing() => EvolutionHarness.VerifyAsync(
        "namespace Shop.Events;\n\n[KafkaMessage(\"orders\"), AvroRecord(Aliases = new[] { \"Shop.Events.OrderPlaced\" })]\npublic partial class OrderCreated\n{\n    [MessageKey] public string Id { get; set; } = \"\";\n    public int Quantity { get; set; }\n}\n",
        new[] { (V1Path, KeptV1) });

    [Fact]
    public async Task RenamedRecordWithoutAlias_LosesItsHistory_SoTheOldFolderMatchesNoContract()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            "namespace Shop.Events;\n\n[KafkaMessage(\"orders\")]\npublic partial class OrderCreated\n{\n    [MessageKey] public string Id { get; set; } = \"\";\n    public int Quantity { get; set; }\n}\n",
            new[] { (V1Path, "{|TPK3004:|}" + KeptV1) });
        Assert.Contains("'Shop.Events.OrderPlaced/v1.avsc' matches no contract", diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task EnumSymbolRemoved_WhenTheNewEnumHasAnAvroEnumDefault_ReportsNothing() => EvolutionHarness.VerifyAsync(
        Contract("    public Status Status { get; set; }", "[AvroEnum(Default = \"Placed\")] public enum Status { Placed }"),
        new[] { (V1Path, EnumKept("\"Placed\", \"Paid\"", null)) });

    [Fact]
    public async Task RenamedFieldWithAlias_UnderForward_ReportsTPK3001BecauseWriterAliasesAreNotUsed()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            """
            namespace Shop.Events;

            [KafkaMessage("orders")]
            public partial class OrderPlaced
            {
                public string Id { get; set; } = "";
                public int Count { get; set; }
            }

            public static class OrderPlacedKafkaContract
            {
                public const string AvroSchema = "{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"Shop.Events\",\"fields\":[{\"name\":\"Id\",\"type\":\"string\"},{\"name\":\"Count\",\"aliases\":[\"Quantity\"],\"type\":\"int\"}]}";
            }
            """,
            new[] { (V1Path, KeptV1.Replace("{ \"name\": \"Quantity\"", "{ \"name\": {|TPK3001:\"Quantity\"|}")) },
            Mode("FORWARD"),
            runGenerator: false);
        Assert.Contains("the rename to 'Count' does not help old readers", diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task EnumSymbolAdded_UnderBackward_ReportsNothing() => EvolutionHarness.VerifyAsync(
        Contract("    public Status Status { get; set; }", "public enum Status { Placed, Paid, Shipped }"),
        new[] { (V1Path, EnumKept("\"Placed\", \"Paid\"", null)) });

    [Fact]
    public async Task EnumSymbolAdded_UnderForward_ReportsTPK3001()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public Status {|TPK3001:Status|} { get; set; }", "public enum Status { Placed, Paid, Shipped }"),
            new[] { (V1Path, EnumKept("\"Placed\", \"Paid\"", null)) },
            Mode("FORWARD"));
        string message = diagnostics.Single().GetMessage();
        Assert.Contains("field 'Status': enum 'Shop.Events.Status' gains 'Shipped'", message);
        Assert.Contains("unless the reader's enum has a default", message);
    }

    [Fact]
    public Task EnumSymbolAdded_UnderForwardWhenTheKeptEnumHasADefault_ReportsNothing() => EvolutionHarness.VerifyAsync(
        Contract("    public Status Status { get; set; }", "public enum Status { Placed, Paid, Shipped }"),
        new[] { (V1Path, EnumKept("\"Placed\", \"Paid\"", "Placed")) },
        Mode("FORWARD"));

    [Fact]
    public async Task EnumSymbolRemoved_UnderBackward_ReportsTPK3001()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public Status {|TPK3001:Status|} { get; set; }", "public enum Status { Placed }"),
            new[] { (V1Path, EnumKept("\"Placed\", \"Paid\"", null)) });
        Assert.Contains("enum 'Shop.Events.Status' no longer has 'Paid'", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task NestedRecordFieldAdded_ReportsOnTheNestedMember()
    {
        const string Kept = """
            {"type":"record","name":"OrderPlaced","namespace":"Shop.Events","fields":[
              {"name":"Id","type":"string"},
              {"name":"Ship","type":{"type":"record","name":"Address","fields":[{"name":"Street","type":"string"}]}}]}
            """;
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public Address Ship { get; set; } = new();", "public sealed class Address { public string Street { get; set; } = \"\"; public string {|TPK3001:Zip|} { get; set; } = \"\"; }"),
            new[] { (V1Path, Kept) });
        Assert.Contains("field 'Ship.Zip' was added without a default", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task OlderVersionBroken_OnlyTransitiveModesReportIt()
    {
        // v1 had Quantity:int, v2 dropped it (BACKWARD-compatible), the contract brings it back as a string with
        // a default: compatible with v2, not with v1.
        const string V2 = """{"type":"record","name":"OrderPlaced","namespace":"Shop.Events","fields":[{"name":"Id","type":"string"}]}""";
        string contract = Contract("    [AvroField(Default = \"\\\"\\\"\")] public string {|TPK3001:Quantity|} { get; set; } = \"\";");
        var files = new[] { (V1Path, KeptV1), (V2Path, V2) };

        await EvolutionHarness.VerifyAsync(contract.Replace("{|TPK3001:Quantity|}", "Quantity"), files);
        var diagnostics = await EvolutionHarness.VerifyAsync(contract, files, Mode("BACKWARD_TRANSITIVE"));
        Assert.Contains("compatible with 'Shop.Events.OrderPlaced/v1.avsc': field 'Quantity' changes type from int to string", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task Versions_AreOrderedByNumber_SoV10IsTheLatest()
    {
        const string Old = """{"type":"record","name":"OrderPlaced","namespace":"Shop.Events","fields":[{"name":"Id","type":"string"},{"name":"Quantity","type":"long"}]}""";
        var files = new[] { ("/project/schemas/Shop.Events.OrderPlaced/v10.avsc", KeptV1), ("/project/schemas/Shop.Events.OrderPlaced/v9.avsc", Old) };

        // Compatible with v10 (int); v9 (long) would break, but only the latest counts under BACKWARD.
        await EvolutionHarness.VerifyAsync(Contract("    public int Quantity { get; set; }"), files);
        var diagnostics = await EvolutionHarness.VerifyAsync(Contract("    public int {|TPK3001:Quantity|} { get; set; }"), files, Mode("BACKWARD_TRANSITIVE"));
        Assert.Contains("'Shop.Events.OrderPlaced/v9.avsc'", diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task SingleFileNamedAfterTheFullName_IsTheLatestVersion() => EvolutionHarness.VerifyAsync(
        Contract("    public short {|TPK3001:Quantity|} { get; set; }"),
        new[] { ("/project/schemas/Shop.Events.OrderPlaced.avsc", KeptV1.Replace("\"int\"", "\"double\"")) });

    [Fact]
    public async Task TopicNameSubjectWithAnotherRecord_ReportsTheRecordRenameOnTheContract()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            "namespace Shop.Events;\n\n[KafkaMessage(\"orders\")]\npublic partial class {|TPK3001:OrderPlaced|}\n{\n    [MessageKey] public string Id { get; set; } = \"\";\n    public int Quantity { get; set; }\n}\n",
            new[] { ("/project/schemas/orders-value/v1.avsc", KeptV1.Replace("\"OrderPlaced\"", "\"OrderCreated\"")) });
        Assert.Contains("record 'Shop.Events.OrderCreated' is named 'Shop.Events.OrderPlaced' in the generated schema", diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task TopicRecordNameSubject_IsCheckedToo() => EvolutionHarness.VerifyAsync(
        Contract("    public string {|TPK3001:Quantity|} { get; set; } = \"\";"),
        new[] { ("/project/schemas/orders-Shop.Events.OrderPlaced/v1.avsc", KeptV1) });

    [Fact]
    public Task PerContractMode_OverridesTheProjectMode() => EvolutionHarness.VerifyAsync(
        Contract("    public long {|TPK3001:Quantity|} { get; set; }"),
        new[] { (V1Path, KeptV1) },
        new Dictionary<string, string>
        {
            ["typedproducer.schema_compatibility"] = "BACKWARD",
            ["typedproducer.schema_compatibility.Shop.Events.OrderPlaced"] = "forward",
        });

    [Fact]
    public Task MsBuildProperty_SetsTheModeWhenNoEditorConfigKeyDoes() => EvolutionHarness.VerifyAsync(
        Contract("    public long {|TPK3001:Quantity|} { get; set; }"),
        new[] { (V1Path, KeptV1) },
        new Dictionary<string, string> { ["build_property.TypedProducerSchemaCompatibility"] = "FULL_TRANSITIVE" });

    [Fact]
    public async Task UnknownMode_ReportsTPK3003AndChecksBackward()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            "namespace Shop.Events;\n\n[KafkaMessage(\"orders\")]\npublic partial class {|TPK3003:OrderPlaced|}\n{\n    [MessageKey] public string Id { get; set; } = \"\";\n    public int Quantity { get; set; }\n    public string {|TPK3001:Note|} { get; set; } = \"\";\n}\n",
            new[] { (V1Path, KeptV1) },
            Mode("BACKWARDS"));
        Assert.Contains("'BACKWARDS' (from typedproducer.schema_compatibility in .editorconfig or .globalconfig) is not a schema compatibility mode", diagnostics.Single(d => d.Id == "TPK3003").GetMessage());
    }

    [Fact]
    public async Task InvalidKeptFile_ReportsTPK3002AtTheProblem()
    {
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    public int Quantity { get; set; }"),
            new[] { (V1Path, KeptV1.Replace("\"type\": \"int\"", "\"type\": {|TPK3002:\"integer\"|}")) });
        Assert.Contains("'integer' is neither a primitive type nor a name defined before this point", diagnostics.Single().GetMessage());
    }

    [Fact]
    public Task KeptFileOfNoContract_ReportsTPK3004() => EvolutionHarness.VerifyAsync(
        Contract("    public int Quantity { get; set; }"),
        new[] { (V1Path, KeptV1), ("/project/schemas/Shop.Events.OrderPlace/v1.avsc", "{|TPK3004:|}" + KeptV1) });

    [Fact]
    public async Task TimestampPrecisionChanged_ReportsTPK3005()
    {
        const string Kept = """{"type":"record","name":"OrderPlaced","namespace":"Shop.Events","fields":[{"name":"Id","type":"string"},{"name":"At","type":{"type":"long","logicalType":"timestamp-millis"}}]}""";
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    [AvroTimestamp(AvroTimestampPrecision.Micros)] public DateTimeOffset {|TPK3005:At|} { get; set; }"),
            new[] { (V1Path, Kept) });
        Assert.Contains("field 'At' changes logical type from timestamp-millis to timestamp-micros", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task DecimalScaleChanged_ReportsTPK3001()
    {
        const string Kept = """{"type":"record","name":"OrderPlaced","namespace":"Shop.Events","fields":[{"name":"Id","type":"string"},{"name":"Total","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}}]}""";
        var diagnostics = await EvolutionHarness.VerifyAsync(
            Contract("    [AvroDecimal(10, 3)] public decimal {|TPK3001:Total|} { get; set; }"),
            new[] { (V1Path, Kept) });
        Assert.Contains("field 'Total' changes from decimal(10,2) to decimal(10,3)", diagnostics.Single().GetMessage());
    }

    [Fact]
    public async Task ProjectWithoutKeptSchemas_ReportsNothing()
    {
        var diagnostics = await EvolutionHarness.AnalyzeAsync(AnalyzerHarness.Usings + Contract("    public int Quantity { get; set; }"), new List<Microsoft.CodeAnalysis.AdditionalText>(), Mode("FULL"));
        Assert.Empty(diagnostics);
    }

    private static string EnumKept(string symbols, string? enumDefault) =>
        "{\"type\":\"record\",\"name\":\"OrderPlaced\",\"namespace\":\"Shop.Events\",\"fields\":[{\"name\":\"Id\",\"type\":\"string\"},"
        + "{\"name\":\"Status\",\"type\":{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[" + symbols + "]"
        + (enumDefault is null ? string.Empty : ",\"default\":\"" + enumDefault + "\"") + "}}]}";
}
