using TypedProducer.Analyzers.SchemaEvolution.Avro;
using Xunit;

namespace TypedProducer.Analyzers.Tests.SchemaEvolution;

/// <summary>Names, namespaces, references and logical types as the Avro 1.11 specification defines them; malformed schemas give a problem with its span.</summary>
public sealed class AvroSchemaParserTests
{
    [Fact]
    public void NestedNamedTypes_InheritTheEnclosingNamespaceAndResolveByShortName()
    {
        var root = Parse("""
            {"type":"record","name":"Order","namespace":"shop","aliases":["OldOrder","legacy.Order"],"fields":[
              {"name":"ship","type":{"type":"record","name":"Address","fields":[{"name":"street","type":"string"}]}},
              {"name":"bill","type":"Address"},
              {"name":"other","type":{"type":"record","name":"x.Address","fields":[]}},
              {"name":"status","type":{"type":"enum","name":"Status","namespace":"shop.enums","symbols":["A","B"],"default":"A"}},
              {"name":"again","type":"shop.enums.Status"}]}
            """);
        Assert.Equal("shop.Order", root.FullName);
        Assert.Equal(new[] { "shop.OldOrder", "legacy.Order" }, root.Aliases);
        Assert.Equal("shop.Address", root.Fields[0].Type.FullName);
        Assert.Same(root.Fields[0].Type, root.Fields[1].Type);
        Assert.Equal("x.Address", root.Fields[2].Type.FullName);
        Assert.Equal("Address", root.Fields[2].Type.Name);
        Assert.Equal("A", root.Fields[3].Type.EnumDefault);
        Assert.Same(root.Fields[3].Type, root.Fields[4].Type);
    }

    [Fact]
    public void PrimitiveObjectsAndLogicalTypes_AreRead()
    {
        var root = Parse("""
            {"type":"record","name":"R","fields":[
              {"name":"a","type":{"type":"int","logicalType":"date"}},
              {"name":"b","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":3}},
              {"name":"c","type":{"type":"string","logicalType":"nonsense"}},
              {"name":"d","type":{"type":"int","logicalType":"timestamp-millis"}},
              {"name":"e","type":["null","string"],"default":null},
              {"name":"f","type":"long"}]}
            """);
        Assert.Equal("date", root.Fields[0].Type.LogicalType);
        Assert.Equal((9, 3), (root.Fields[1].Type.Precision, root.Fields[1].Type.Scale));
        Assert.Null(root.Fields[2].Type.LogicalType); // unknown: ignored
        Assert.Null(root.Fields[3].Type.LogicalType); // timestamp-millis on int is invalid: ignored
        Assert.True(root.Fields[4].HasDefault);       // a null default counts
        Assert.False(root.Fields[5].HasDefault);
    }

    [Theory]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"Missing"}]}""", "'Missing' is neither a primitive type", "\"Missing\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]}""", "two fields named 'a'", "\"a\"")]
    [InlineData("""["null",["int","long"]]""", "may not immediately contain another union", "[\"int\",\"long\"]")]
    [InlineData("""["int","int"]""", "the union contains int twice", "\"int\"")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A"],"default":"B"}""", "an enum default must be one of its symbols", "\"B\"")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"record","name":"R","fields":[]}}]}""", "the name 'R' is defined twice", "\"R\"")]
    [InlineData("""{"type":"fixed","name":"F"}""", "a fixed type needs a \"size\"", null)]
    [InlineData("""{"type":"record","fields":[]}""", "a record needs a \"name\"", null)]
    [InlineData("""{"type":"record","name":"R","fields":[}""", "not valid JSON", null)]
    public void MalformedSchema_GivesTheProblemAndItsSpan(string json, string message, string? spanText)
    {
        Assert.Null(AvroSchemaParser.Parse(json, out var problem));
        Assert.NotNull(problem);
        Assert.Contains(message, problem!.Message);
        if (spanText is not null)
        {
            Assert.Equal(spanText, json.Substring(problem.Span.Start, problem.Span.Length));
        }
    }

    private static AvroType Parse(string json)
    {
        var root = AvroSchemaParser.Parse(json, out var problem);
        Assert.Null(problem?.Message);
        return root!;
    }
}
