using System.Collections.Generic;
using System.Linq;
using TypedProducer.Analyzers.SchemaEvolution;
using TypedProducer.Analyzers.SchemaEvolution.Avro;
using Xunit;

namespace TypedProducer.Analyzers.Tests.SchemaEvolution;

/// <summary>
/// The Avro 1.11 "Schema Resolution" rules on schema pairs, including shapes the generator does not emit yet
/// (aliases, fixed, unions of records, enum defaults): reader and writer JSON in, incompatibilities out.
/// </summary>
public sealed class AvroCompatibilityCheckerTests
{
    [Theory]
    [InlineData("int", "long")]
    [InlineData("int", "float")]
    [InlineData("int", "double")]
    [InlineData("long", "float")]
    [InlineData("long", "double")]
    [InlineData("float", "double")]
    [InlineData("string", "bytes")]
    [InlineData("bytes", "string")]
    [InlineData("boolean", "boolean")]
    [InlineData("null", "null")]
    public void Promotion_Resolves(string writer, string reader) => Assert.Empty(Breaks(Field("\"" + reader + "\""), Field("\"" + writer + "\"")));

    [Theory]
    [InlineData("long", "int")]
    [InlineData("double", "float")]
    [InlineData("float", "long")]
    [InlineData("int", "string")]
    [InlineData("boolean", "int")]
    [InlineData("string", "int")]
    public void NonPromotion_BreaksWithTheTypes(string writer, string reader)
    {
        string issue = Assert.Single(Breaks(Field("\"" + reader + "\""), Field("\"" + writer + "\"")));
        Assert.Contains("field 'F' changes type from " + writer + " to " + reader, issue);
    }

    [Fact]
    public void RecordRenamedWithAlias_Resolves() => Assert.Empty(Breaks(
        """{"type":"record","name":"Purchase","namespace":"shop","aliases":["Order"],"fields":[]}""",
        """{"type":"record","name":"Order","namespace":"shop","fields":[]}"""));

    [Fact]
    public void RecordRenamedWithoutAlias_BreaksOnTheName()
    {
        string issue = Assert.Single(Breaks(
            """{"type":"record","name":"Purchase","namespace":"shop","fields":[]}""",
            """{"type":"record","name":"Order","namespace":"shop","fields":[]}"""));
        Assert.Contains("record 'shop.Order' is named 'shop.Purchase' in the generated schema", issue);
        Assert.Contains("named types match by unqualified name or by an alias of the reader's type", issue);
    }

    [Fact]
    public void NamespaceChangedOnly_Resolves() => Assert.Empty(Breaks(
        """{"type":"record","name":"Order","namespace":"shop.v2","fields":[]}""",
        """{"type":"record","name":"Order","namespace":"shop","fields":[]}"""));

    [Fact]
    public void FieldAlias_MatchesTheWritersField()
    {
        Assert.Empty(Breaks(
            """{"type":"record","name":"R","fields":[{"name":"count","aliases":["qty"],"type":"long"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"qty","type":"int"}]}"""));

        // The alias lets resolution find the field; the types are still compared.
        string issue = Assert.Single(Breaks(
            """{"type":"record","name":"R","fields":[{"name":"count","aliases":["qty"],"type":"int"}]}""",
            """{"type":"record","name":"R","fields":[{"name":"qty","type":"string"}]}"""));
        Assert.Contains("field 'count' changes type from string to int", issue);
    }

    [Fact]
    public void FixedSizeChanged_Breaks()
    {
        string issue = Assert.Single(Breaks(
            """{"type":"fixed","name":"Hash","size":32}""",
            """{"type":"fixed","name":"Hash","size":16}"""));
        Assert.Contains("fixed 'Hash' changes size from 16 to 32 bytes", issue);
    }

    [Fact]
    public void DecimalOnFixedPrecisionChanged_Breaks()
    {
        string issue = Assert.Single(Breaks(
            """{"type":"fixed","name":"Money","size":8,"logicalType":"decimal","precision":12,"scale":2}""",
            """{"type":"fixed","name":"Money","size":8,"logicalType":"decimal","precision":10,"scale":2}"""));
        Assert.Contains("changes from decimal(10,2) to decimal(12,2)", issue);
    }

    [Fact]
    public void InvalidLogicalType_IsIgnored()
    {
        // Scale above precision makes the decimal invalid, so both sides are plain bytes (specification, Logical Types).
        var all = Check(
            """{"type":"bytes","logicalType":"decimal","precision":2,"scale":5}""",
            """{"type":"bytes"}""");
        Assert.Empty(all);
    }

    [Fact]
    public void UnionBranchRemoved_BreaksNamingTheBranch()
    {
        string issue = Assert.Single(Breaks(Field("""["null","string"]"""), Field("""["null","string","int"]""")));
        Assert.Contains("field 'F': int written with 'v1.avsc' matches no branch of union [null, string]", issue);
    }

    [Fact]
    public void UnionBranchAdded_ResolvesBackwardButNotForward()
    {
        Assert.Empty(Breaks(Field("""["null","string","int"]"""), Field("""["null","string"]""")));
        Assert.Single(Breaks(Field("""["null","string"]"""), Field("""["null","string","int"]"""), readerIsNew: false));
    }

    [Fact]
    public void WriterValueReadThroughReaderUnion_UsesAMatchingBranch()
    {
        Assert.Empty(Breaks(Field("""["null","long"]"""), Field("\"int\"")));
        Assert.Single(Breaks(Field("""["null","string"]"""), Field("\"int\"")));
    }

    [Fact]
    public void UnionOfRecords_ExplainsTheNestedFieldOfTheMatchingRecord()
    {
        const string Writer = """
            {"type":"record","name":"Payment","namespace":"shop","fields":[{"name":"method","type":[
              {"type":"record","name":"Card","fields":[{"name":"last4","type":"string"}]},
              {"type":"record","name":"Transfer","fields":[{"name":"iban","type":"string"}]}]}]}
            """;
        const string Reader = """
            {"type":"record","name":"Payment","namespace":"shop","fields":[{"name":"method","type":[
              {"type":"record","name":"Card","fields":[{"name":"last4","type":"string"},{"name":"brand","type":"string"}]},
              {"type":"record","name":"Transfer","fields":[{"name":"iban","type":"string"}]}]}]}
            """;
        string issue = Assert.Single(Breaks(Reader, Writer));
        Assert.Contains("field 'method.brand' was added without a default", issue);
    }

    [Fact]
    public void EnumDefaultOfTheReader_AcceptsUnknownSymbols()
    {
        Assert.Empty(Breaks(
            """{"type":"enum","name":"E","symbols":["A","UNKNOWN"],"default":"UNKNOWN"}""",
            """{"type":"enum","name":"E","symbols":["A","B"]}"""));
        Assert.Single(Breaks(
            """{"type":"enum","name":"E","symbols":["A","UNKNOWN"]}""",
            """{"type":"enum","name":"E","symbols":["A","B"]}"""));
    }

    [Fact]
    public void ArraysAndMaps_CompareTheirItemsAndValues()
    {
        Assert.Empty(Breaks(Field("""{"type":"array","items":"long"}"""), Field("""{"type":"array","items":"int"}""")));
        Assert.Contains("field 'F' changes type from long to int", Assert.Single(Breaks(Field("""{"type":"array","items":"int"}"""), Field("""{"type":"array","items":"long"}"""))));
        Assert.Single(Breaks(Field("""{"type":"map","values":"int"}"""), Field("""{"type":"map","values":"string"}""")));
        Assert.Single(Breaks(Field("""{"type":"map","values":"int"}"""), Field("""{"type":"array","items":"int"}""")));
    }

    [Fact]
    public void RecursiveRecord_TerminatesAndFindsTheNestedChange()
    {
        const string Writer = """{"type":"record","name":"Node","fields":[{"name":"value","type":"int"},{"name":"next","type":["null","Node"],"default":null}]}""";
        const string Reader = """{"type":"record","name":"Node","fields":[{"name":"value","type":"int"},{"name":"label","type":"string"},{"name":"next","type":["null","Node"],"default":null}]}""";
        Assert.Empty(Breaks(Writer, Writer));
        Assert.Contains("field 'label' was added without a default", Assert.Single(Breaks(Reader, Writer)));
    }

    [Fact]
    public void LogicalTypeAddedOrDropped_IsAMeaningChangeNotABreak()
    {
        var all = Check(Field("""{"type":"long","logicalType":"timestamp-micros"}"""), Field("\"long\""));
        var issue = Assert.Single(all);
        Assert.False(issue.BreaksResolution);
        Assert.Contains("changes logical type from no logical type to timestamp-micros", issue.Description);
    }

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        const string Writer = """{"type":"record","name":"R","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}""";
        const string Reader = """{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"},{"name":"c","type":"int"}]}""";
        Assert.Equal(3, Breaks(Reader, Writer).Count);
    }

    [Fact]
    public void IssueLocations_PointIntoTheNewSchemaOrTheKeptFile()
    {
        const string Kept = """{"type":"record","name":"R","fields":[{"name":"gone","type":"int"}]}""";
        const string Generated = """{"type":"record","name":"R","fields":[{"name":"added","type":"int"}]}""";

        var backward = Check(Generated, Kept).Single(); // the generated schema reads: "added" lacks a default
        Assert.Equal(new[] { "added" }, backward.NewPath);

        var forward = Check(Kept, Generated, readerIsNew: false).Single(); // the kept schema reads: "gone" lacks a default
        Assert.Null(forward.NewPath);
        Assert.Equal("\"gone\"", Kept.Substring(forward.KeptSpan!.Value.Start, forward.KeptSpan.Value.Length));
    }

    [Theory]
    [InlineData("NONE", "None")]
    [InlineData("backward", "Backward")]
    [InlineData(" Backward-Transitive ", "BackwardTransitive")]
    [InlineData("FORWARD", "Forward")]
    [InlineData("FORWARD_TRANSITIVE", "ForwardTransitive")]
    [InlineData("full", "Full")]
    [InlineData("FULL_TRANSITIVE", "FullTransitive")]
    public void ModeNames_AreTheRegistrysCaseInsensitive(string text, string expected)
    {
        Assert.True(SchemaEvolutionAnalyzer.TryParseMode(text, out var mode));
        Assert.Equal(expected, mode.ToString());
    }

    [Fact]
    public void NaturalOrder_ComparesNumbersByValue()
    {
        var names = new List<string> { "v10.avsc", "v2.avsc", "v1.avsc", "v02b.avsc" };
        names.Sort(NaturalFileNameComparer.Instance);
        Assert.Equal(new[] { "v1.avsc", "v2.avsc", "v02b.avsc", "v10.avsc" }, names);
    }

    private static string Field(string type) => "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"F\",\"type\":" + type + "}]}";

    private static List<string> Breaks(string reader, string writer, bool readerIsNew = true) =>
        Check(reader, writer, readerIsNew).Where(static i => i.BreaksResolution).Select(static i => i.Description).ToList();

    private static List<SchemaIncompatibility> Check(string reader, string writer, bool readerIsNew = true)
    {
        var readerSchema = AvroSchemaParser.Parse(reader, out var readerProblem);
        var writerSchema = AvroSchemaParser.Parse(writer, out var writerProblem);
        Assert.Null(readerProblem?.Message);
        Assert.Null(writerProblem?.Message);
        var issues = new List<SchemaIncompatibility>();
        AvroCompatibilityChecker.Check(readerSchema!, writerSchema!, new CheckDirection(readerIsNew, "'v1.avsc'"), issues);
        return issues;
    }
}
