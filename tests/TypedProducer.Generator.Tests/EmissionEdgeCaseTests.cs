using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// Valid contracts whose shapes stress the emitter (names, nesting, inheritance, declaration kinds): each must
/// generate without diagnostics and compile without errors or warnings in generated code.
/// </summary>
public sealed class EmissionEdgeCaseTests
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing TypedProducer;\n\n";

    public static TheoryData<string, string> Contracts => new()
    {
        {
            "ReadonlyRecordStruct",
            Usings + "namespace N;\n[KafkaMessage(\"t\")]\npublic readonly partial record struct Tick([property: MessageKey] int Id, double Price);\n"
        },
        {
            "PlainStructWithPublicFields",
            Usings + "namespace N;\n[KafkaMessage(\"t\")]\npublic partial struct Point\n{\n    [MessageKey]\n    public long Id;\n    public double X;\n    public double Y;\n    public Point? Next => null;\n}\n"
        },
        {
            "NestedRecordStructMember",
            Usings + "namespace N;\npublic readonly record struct Money(long Units, string Currency);\n[KafkaMessage(\"t\")]\npublic sealed partial class Order\n{\n    public Money Total { get; init; }\n    public Money? Discount { get; init; }\n    public List<Money> Parts { get; init; } = new();\n}\n"
        },
        {
            "InheritedMembers",
            Usings + "namespace N;\npublic abstract class EventBase\n{\n    [MessageKey]\n    public Guid EventId { get; set; }\n    public DateTimeOffset At { get; set; }\n}\n[KafkaMessage(\"t\")]\npublic sealed partial class OrderShipped : EventBase\n{\n    public string Carrier { get; set; } = \"\";\n}\n"
        },
        {
            "TypesNestedInOtherTypes",
            Usings + "namespace N;\npublic static class Shapes\n{\n    public enum Kind { Circle, Square }\n    public sealed record Box(Kind Kind, double Side);\n}\n[KafkaMessage(\"t\")]\npublic sealed partial class Drawn\n{\n    public Shapes.Box Box { get; set; } = new(Shapes.Kind.Square, 1);\n    public Shapes.Kind? Hint { get; set; }\n}\n"
        },
        {
            "EnumNestedInContract",
            Usings + "namespace N;\n[KafkaMessage(\"t\")]\npublic sealed partial class Door\n{\n    public enum State { Open, Shut }\n    public State Current { get; set; }\n}\n"
        },
        {
            "NestedArraysAndMaps",
            Usings + "namespace N;\n[KafkaMessage(\"t\")]\npublic sealed partial class Matrix\n{\n    public int[][] Rows { get; set; } = [];\n    public List<Dictionary<string, int?[]>> Cells { get; set; } = new();\n    public Dictionary<string, List<string>>? Index { get; set; }\n    public IReadOnlyCollection<ICollection<long>> Groups { get; set; } = [];\n    public IReadOnlyDictionary<string, IDictionary<string, byte[]>> Blobs { get; set; } = new Dictionary<string, IDictionary<string, byte[]>>();\n}\n"
        },
        {
            "EveryIntegerWidth",
            Usings + "namespace N;\n[KafkaMessage(\"t\")]\npublic sealed partial class Widths\n{\n    public byte B { get; set; }\n    public sbyte SB { get; set; }\n    public short S { get; set; }\n    public ushort US { get; set; }\n    public uint UI { get; set; }\n    public uint? MaybeUI { get; set; }\n    public float F { get; set; }\n}\n"
        },
        {
            "NullableKeysOfEveryEncoding",
            Usings + "namespace N;\n[KafkaMessage(\"t\")]\npublic sealed partial class Keys\n{\n    [MessageKey]\n    public Guid? Id { get; set; }\n    [PartitionKey]\n    public long? Shard { get; set; }\n}\n"
        },
        {
            "NullableDisabledContext",
            Usings + "#nullable disable\nnamespace N;\n[KafkaMessage(\"t\")]\npublic sealed partial class Legacy\n{\n    [MessageKey]\n    public string Id { get; set; }\n    public string Name { get; set; }\n    public List<string> Tags { get; set; }\n    public byte[] Blob { get; set; }\n}\n"
        },
        {
            "MembersNamedLikeGeneratedLocals",
            Usings + "namespace N;\n[KafkaMessage(\"t\")]\npublic sealed partial class Locals\n{\n    [MessageKey]\n    public string value { get; set; } = \"\";\n    public string writer { get; set; } = \"\";\n    public string member { get; set; } = \"\";\n    public int? v0 { get; set; }\n    public List<int?> a0 { get; set; } = new();\n    public string message { get; set; } = \"\";\n    public string ex { get; set; } = \"\";\n    public string key { get; set; } = \"\";\n}\n"
        },
        {
            "NamespaceWithTypedProducerSegment",
            Usings + "namespace MyApp.TypedProducer.Events;\n[KafkaMessage(\"t\")]\npublic sealed partial record Happened([property: MessageKey] string Id);\n"
        },
        {
            "TopicAndDocWithCharactersToEscape",
            Usings + "namespace N;\n[KafkaMessage(\"a<b>&\\\"c\\\\d\", Doc = \"line1\\nline2 \\\"quoted\\\" </summary>\")]\npublic sealed partial class Escapes\n{\n    [AvroField(Doc = \"tab\\there\", Default = \"\\\"x\\\\\\\"y\\\"\")]\n    public string Text { get; set; } = \"\";\n}\n"
        },
        {
            "MembersNamedWithCSharpKeywords",
            Usings + "namespace N;\npublic enum Kind { @default, @class, normal }\n[KafkaMessage(\"t\")]\npublic sealed partial class Keywords\n{\n    [MessageKey]\n    public string @event { get; set; } = \"\";\n    public Kind @operator { get; set; }\n    public int @int;\n}\n"
        },
        {
            "NamespaceAndTypeNamedWithCSharpKeywords",
            Usings + "namespace Shop.@event;\n[KafkaMessage(\"t\")]\npublic sealed partial record @checked([property: MessageKey] string @string);\n"
        },
        {
            "AvroNamesThatFlattenAlike",
            Usings + "namespace A\n{\n    public sealed record B_C(int X);\n}\nnamespace A_B\n{\n    public sealed record C(string Y);\n    [KafkaMessage(\"t\")]\n    public sealed partial class Holder\n    {\n        public A.B_C First { get; set; } = new(1);\n        public C Second { get; set; } = new(\"\");\n    }\n}\n"
        },
        {
            "PropertiesWithNonPublicGetters",
            Usings + "namespace N;\n[KafkaMessage(\"t\")]\npublic sealed partial class Accessors\n{\n    public string Visible { get; set; } = \"\";\n    public string Secret { private get; set; } = \"\";\n    public int Guarded { protected get; set; }\n    public int SameAssembly { internal get; set; }\n    public int WriteOnly { set { } }\n}\n"
        },
        {
            "ComputedCompositeKeyKeptOutOfTheValue",
            Usings + "namespace N;\n[KafkaMessage(\"t\")]\npublic sealed partial class Line\n{\n    public string CustomerId { get; set; } = \"\";\n    public string OrderId { get; set; } = \"\";\n    [MessageKey, MessageIgnore]\n    public string Key => $\"{CustomerId}:{OrderId}\";\n}\n"
        },
        {
            "NonAsciiContractNameWithNameOverride",
            Usings + "namespace N;\n[KafkaMessage(\"cafes\", Name = \"Cafe\")]\npublic sealed partial record Café([property: MessageKey] string Id);\n"
        },
        {
            "MemberHiddenWithNewType",
            Usings + "namespace N;\npublic class Base\n{\n    public int Code { get; set; }\n}\n[KafkaMessage(\"t\")]\npublic sealed partial class Derived : Base\n{\n    public new string Code { get; set; } = \"\";\n}\n"
        },
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public void ValidContract_GeneratesCodeThatCompiles(string name, string source)
    {
        _ = name;
        DiagnosticAssert.ReportsNothing(source);
    }
}
