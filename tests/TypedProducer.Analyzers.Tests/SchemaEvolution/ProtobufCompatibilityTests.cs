using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TypedProducer.Analyzers.SchemaEvolution;
using TypedProducer.Analyzers.SchemaEvolution.Protobuf;
using TypedProducer.Analyzers.Tests.Infrastructure;
using Xunit;

namespace TypedProducer.Analyzers.Tests.SchemaEvolution;

/// <summary>
/// The Protobuf rules (the Confluent Schema Registry's <c>SchemaDiff</c>: which differences are compatible) on
/// .proto pairs, the .proto parser, and the analyzer on a Protobuf contract.
/// </summary>
public sealed class ProtobufCompatibilityTests
{
    /// <summary>The shape of the formats generator's output: package, imports, contract message first, nested types, enums.</summary>
    private const string Kept = """
        syntax = "proto3";

        package shop.events;

        import "google/protobuf/timestamp.proto";

        // An order was placed.
        message OrderPlaced {
          string order_id = 1;
          int32 quantity = 2;
          Channel channel = 3;
          google.protobuf.Timestamp placed_at = 4;
          repeated Line lines = 5;
          map<string, string> attributes = 6;
          oneof payment {
            string card = 7;
            string iban = 8;
          }
        }

        message Line {
          string sku = 1;
          int64 cents = 2;
        }

        enum Channel {
          CHANNEL_UNSPECIFIED = 0;
          CHANNEL_WEB = 1;
        }
        """;

    [Theory]
    [InlineData("  map<string, string> attributes = 6;", "  map<string, string> attributes = 6;\n  string note = 9;", "field added")]
    [InlineData("  int32 quantity = 2;\n", "", "field removed")]
    [InlineData("int32 quantity = 2;", "int32 count = 2;", "field renamed")]
    [InlineData("int32 quantity = 2;", "int64 quantity = 2;", "int32 to int64")]
    [InlineData("int32 quantity = 2;", "uint64 quantity = 2;", "int32 to uint64")]
    [InlineData("int32 quantity = 2;", "Channel quantity = 2;", "int32 to an enum")]
    [InlineData("string order_id = 1;", "bytes order_id = 1;", "string to bytes")]
    [InlineData("  CHANNEL_WEB = 1;\n", "", "enum constant removed")]
    [InlineData("  string sku = 1;", "  string code = 1;", "nested field renamed")]
    [InlineData("    string iban = 8;\n", "    string iban = 8;\n    string paypal = 10;\n", "oneof field added")]
    [InlineData("enum Channel", "message Audit {\n  string who = 1;\n}\n\nenum Channel", "message added")]
    public void CompatibleChange_ResolvesBackward(string find, string replace, string change)
    {
        string generated = Kept.Replace(find, replace);
        Assert.NotEqual(Kept, generated);
        var issues = Check(generated, Kept);
        Assert.True(issues.Count == 0, change + ": " + string.Join("; ", issues.Select(static i => i.Description)));
    }

    [Theory]
    [InlineData("int32 quantity = 2;", "sint32 quantity = 2;", "field 'quantity' (number 2) of message 'OrderPlaced' changes type from int32 to sint32", "FIELD_SCALAR_KIND_CHANGED")]
    [InlineData("int32 quantity = 2;", "double quantity = 2;", "changes type from int32 to double", "FIELD_SCALAR_KIND_CHANGED")]
    [InlineData("int32 quantity = 2;", "Line quantity = 2;", "changes from int32 to Line, a scalar to a message", "FIELD_KIND_CHANGED")]
    [InlineData("repeated Line lines = 5;", "repeated google.protobuf.Timestamp lines = 5;", "changes message type from Line to google.protobuf.Timestamp", "FIELD_NAMED_TYPE_CHANGED")]
    [InlineData("google.protobuf.Timestamp placed_at = 4;", "google.protobuf.Duration placed_at = 4;", "changes message type from google.protobuf.Timestamp to google.protobuf.Duration", "FIELD_NAMED_TYPE_CHANGED")]
    [InlineData("map<string, string> attributes = 6;", "map<string, int32> attributes = 6;", "changes type from map<string, string> to map<string, int32>", "FIELD_SCALAR_KIND_CHANGED")]
    [InlineData("package shop.events;", "package shop.orders;", "the package changes from 'shop.events' in 'v1.proto' to 'shop.orders'", "PACKAGE_CHANGED")]
    [InlineData("  int64 cents = 2;", "  string cents = 2;", "field 'cents' (number 2) of message 'Line' changes type from int64 to string", "FIELD_SCALAR_KIND_CHANGED")]
    [InlineData("    string iban = 8;\n", "", "field 'iban' (number 8) of oneof 'payment' in 'v1.proto' was removed", "ONEOF_FIELD_REMOVED")]
    public void IncompatibleChange_BreaksBackwardNamingFieldAndRule(string find, string replace, string expected, string rule)
    {
        var issue = Assert.Single(Check(Kept.Replace(find, replace), Kept));
        Assert.Contains(expected, issue.Description);
        Assert.Contains(rule, issue.Description);
    }

    [Fact]
    public void MessageRemoved_BreaksBackwardAtTheKeptMessage()
    {
        string generated = Kept.Replace("  repeated Line lines = 5;\n", string.Empty).Replace("message Line {\n  string sku = 1;\n  int64 cents = 2;\n}\n", string.Empty);
        var issue = Assert.Single(Check(generated, Kept));
        Assert.Contains("message 'Line' of 'v1.proto' was removed", issue.Description);
        Assert.Null(issue.NewPath);
        Assert.Equal("Line", Kept.Substring(issue.KeptSpan!.Value.Start, issue.KeptSpan.Value.Length));
    }

    [Fact]
    public void MessageAdded_BreaksForward()
    {
        // The registry compares the other way round for FORWARD, so a new message is a removed one there.
        string generated = Kept.Replace("enum Channel", "message Audit {\n  string who = 1;\n}\n\nenum Channel");
        Assert.Empty(Check(generated, Kept));
        var issue = Assert.Single(Check(generated, Kept, readerIsNew: false));
        Assert.Contains("message 'Audit' is new", issue.Description);
    }

    [Fact]
    public void SeveralFieldsMovedIntoOneOneOf_Breaks()
    {
        string generated = Kept.Replace("  string order_id = 1;\n  int32 quantity = 2;\n", "  oneof ident {\n    string order_id = 1;\n    int32 quantity = 2;\n  }\n");
        var issue = Assert.Single(Check(generated, Kept));
        Assert.Contains("oneof 'ident' of message 'OrderPlaced' in the generated schema takes in the fields 'order_id', 'quantity'", issue.Description);
        Assert.Contains("MULTIPLE_FIELDS_MOVED_TO_ONEOF", issue.Description);
    }

    [Fact]
    public void OneFieldMovedIntoAOneOf_IsCompatibleButNotIntoAnExistingOne()
    {
        Assert.Empty(Check(Kept.Replace("  int32 quantity = 2;\n", "  oneof amount {\n    int32 quantity = 2;\n  }\n"), Kept));
        var issue = Assert.Single(Check(Kept.Replace("  int32 quantity = 2;\n", string.Empty).Replace("    string iban = 8;\n", "    string iban = 8;\n    int32 quantity = 2;\n"), Kept));
        Assert.Contains("FIELD_MOVED_TO_EXISTING_ONEOF", issue.Description);
    }

    [Fact]
    public void RequiredFieldAddedOrRemoved_BreaksInProto2()
    {
        const string Proto2 = "syntax = \"proto2\";\nmessage M {\n  optional string a = 1;\n  required int32 b = 2;\n}\n";
        var removed = Assert.Single(Check(Proto2.Replace("  required int32 b = 2;\n", string.Empty), Proto2));
        Assert.Contains("required field 'b' (number 2) of 'v1.proto' was removed", removed.Description);
        var added = Assert.Single(Check(Proto2.Replace("}", "  required int64 c = 3;\n}"), Proto2));
        Assert.Contains("required field 'c' (number 3) is new", added.Description);
        Assert.Equal(new[] { "c" }, added.NewPath);
    }

    [Fact]
    public void NumericLabelChanged_BreaksButStringLabelDoesNot()
    {
        const string Proto2 = "syntax = \"proto2\";\nmessage M {\n  optional int32 a = 1;\n  optional string s = 2;\n}\n";
        Assert.Contains("FIELD_NUMERIC_LABEL_CHANGED", Assert.Single(Check(Proto2.Replace("optional int32 a", "repeated int32 a"), Proto2)).Description);
        Assert.Empty(Check(Proto2.Replace("optional string s", "repeated string s"), Proto2));
    }

    [Fact]
    public void NestedMessageChange_HasAPathFromTheContractMessage()
    {
        var issue = Check(Kept.Replace("  int64 cents = 2;", "  double cents = 2;"), Kept).First();
        Assert.Equal(new[] { "lines", "cents" }, issue.NewPath);
    }

    [Fact]
    public void Parser_ReadsTheShapesOfRealProtoFiles()
    {
        const string Text = """
            // comment
            syntax = "proto3";
            package a.b;
            import public "other.proto";
            option java_package = "x.y";
            option (custom) = { a: 1 b: { c: "}" } };
            /* block
               comment */
            message Outer {
              option deprecated = true;
              reserved 4, 6 to 8;
              reserved "old";
              message Inner { enum Kind { option allow_alias = true; A = 0; B = 1 [deprecated = true]; C = -1; } Kind kind = 1; }
              Inner inner = 1 [json_name = "in"];
              repeated .a.b.Outer.Inner many = 2;
              map<int64, Inner> by_id = 3;
              oneof choice { string x = 9; Inner y = 0x0A; }
              optional int32 maybe = 013;
            }
            service S { rpc Get (Outer) returns (Outer); }
            enum Top { TOP_UNSPECIFIED = 0; }
            """;
        var file = ProtoParser.Parse(Text, out var problem);
        Assert.Null(problem?.Message);
        Assert.Equal("a.b", file!.Package);
        var outer = Assert.IsType<ProtoMessage>(file.Types[0]);
        Assert.Equal(new[] { "inner", "many", "by_id", "maybe" }, outer.Fields.Select(static f => f.Name));
        Assert.Equal(new[] { 1, 2, 3, 11 }, outer.Fields.Select(static f => f.Tag));
        Assert.Equal("int64", outer.Fields[2].MapKey);
        Assert.Equal(ProtoLabel.Optional, outer.Fields[3].Label);
        Assert.Equal(new[] { 9, 10 }, outer.OneOfs.Single().Fields.Select(static f => f.Tag));
        var inner = Assert.IsType<ProtoMessage>(outer.NestedTypes.Single());
        Assert.Equal("a.b.Outer.Inner", inner.FullName);
        Assert.Equal("Outer.Inner", inner.LocalName);
        Assert.Equal(new[] { ("A", 0L), ("B", 1L), ("C", -1L) }, Assert.IsType<ProtoEnum>(inner.NestedTypes.Single()).Constants);
        Assert.Equal("Top", file.Types[1].Name);
    }

    [Theory]
    [InlineData("message M { int32 a = ; }", "a field number is expected, not ';'", ";")]
    [InlineData("message M { int32 a = 0; }", "field numbers run from 1 to 536870911", "0")]
    [InlineData("message M { int32 a = 1; ", "message 'M' is not closed", "M")]
    [InlineData("mesage M {}", "'mesage' is not a top-level .proto statement", "mesage")]
    [InlineData("syntax = \"proto3", "a string is not closed", "\"proto3")]
    public void Parser_GivesTheProblemAndItsSpan(string text, string message, string spanText)
    {
        Assert.Null(ProtoParser.Parse(text, out var problem));
        Assert.Contains(message, problem!.Message);
        Assert.Equal(spanText, text.Substring(problem.Span.Start, problem.Span.Length));
    }

    [Fact]
    public async Task ProtobufContract_ReportsOnTheMemberAndOnTheKeptFile()
    {
        // A contract as the formats generator declares it, with its .proto text in ProtobufSchema.
        string generated = Kept.Replace("int32 quantity = 2;", "sint32 quantity = 2;").Replace("    string iban = 8;\n", string.Empty);
        string source = """
            namespace Shop.Events;

            [KafkaMessage("orders", Format = MessageFormat.Protobuf)]
            public partial class OrderPlaced
            {
                public string OrderId { get; set; } = "";
                public int {|TPK3001:Quantity|} { get; set; }
            }

            public static class OrderPlacedKafkaContract
            {
                public const string ProtobufSchema = SCHEMA;
            }
            """.Replace("SCHEMA", "\"" + generated.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", string.Empty).Replace("\n", "\\n") + "\"");
        var diagnostics = await EvolutionHarness.VerifyAsync(
            source,
            new[] { ("/project/schemas/shop.events.OrderPlaced/v1.proto", Kept.Replace("    string iban = 8;", "    string {|TPK3001:iban|} = 8;")) },
            runGenerator: false);
        Assert.Equal(2, diagnostics.Count);
        Assert.Contains(diagnostics, static d => d.GetMessage().Contains("'OrderPlaced' is not BACKWARD compatible with 'shop.events.OrderPlaced/v1.proto': field 'quantity' (number 2)"));
    }

    private static List<SchemaIncompatibility> Check(string generated, string kept, bool readerIsNew = true)
    {
        var generatedDocument = ProtobufSchemaFormat.Instance.Parse(generated, out var generatedProblem);
        var keptDocument = ProtobufSchemaFormat.Instance.Parse(kept, out var keptProblem);
        Assert.Null(generatedProblem?.Message);
        Assert.Null(keptProblem?.Message);
        var issues = new List<SchemaIncompatibility>();
        var direction = new CheckDirection(readerIsNew, "'v1.proto'");
        if (readerIsNew)
        {
            ProtobufSchemaFormat.Instance.Check(generatedDocument!, keptDocument!, direction, issues);
        }
        else
        {
            ProtobufSchemaFormat.Instance.Check(keptDocument!, generatedDocument!, direction, issues);
        }

        return issues;
    }
}
