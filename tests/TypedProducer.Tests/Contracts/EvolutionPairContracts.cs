namespace TypedProducer.Tests.Contracts;

// Pairs of versions of one record, one pair per kind of change the schema-evolution check (TPK3001) accepts; each pair's
// versions share their Avro full name on purpose (TPK1005 warns about that). EvolutionPropertyTests writes random values
// with one version and reads them with the other through schema resolution (Apache Avro 1.11 specification, "Schema
// Resolution"), in the directions the check accepts.
#pragma warning disable TPK1005

[AvroRecord(Name = "Dock", Namespace = "evolution.pairs")]
public sealed record DockV1(string Name, int Bikes);

[AvroRecord(Name = "Dock", Namespace = "evolution.pairs")]
public sealed record DockV2(string Name, int Bikes, [property: AvroField(Default = "12")] int Capacity);

/// <summary>Added fields (FULL): <see cref="AddedV2"/> adds fields with defaults, also in a nested record.</summary>
[KafkaMessage("evolution.pairs.added.v1", Name = "Added", Namespace = "evolution.pairs")]
public sealed partial record AddedV1([property: MessageKey] string Id, int Count, DockV1 Dock, List<DockV1> Docks);

[KafkaMessage("evolution.pairs.added.v2", Name = "Added", Namespace = "evolution.pairs")]
public sealed partial record AddedV2(
    [property: MessageKey] string Id,
    int Count,
    DockV2 Dock,
    List<DockV2> Docks,
    [property: AvroField(Default = "\"none\"")] string Label,
    [property: AvroField(Default = "-7")] long Offset,
    string? Comment,
    [property: AvroField(Default = "[1, 2]")] List<int> Levels);

/// <summary>Removed fields (BACKWARD): <see cref="RemovedV2"/> drops fields that have no default, of every kind.</summary>
[KafkaMessage("evolution.pairs.removed.v1", Name = "Removed", Namespace = "evolution.pairs")]
public sealed partial record RemovedV1([property: MessageKey] string Id, string Text, long Gone, string? MaybeGone, DockV1 GoneDock, List<string> GoneList, Dictionary<string, double> GoneMap, byte[] GoneBytes);

[KafkaMessage("evolution.pairs.removed.v2", Name = "Removed", Namespace = "evolution.pairs")]
public sealed partial record RemovedV2([property: MessageKey] string Id, string Text);

/// <summary>Promotions (BACKWARD): int to long, float and double; long to float and double; float to double; also as a nullable, in arrays and in maps.</summary>
[KafkaMessage("evolution.pairs.promoted.v1", Name = "Promoted", Namespace = "evolution.pairs")]
public sealed partial record PromotedV1(
    [property: MessageKey] string Id, int IntToLong, int IntToFloat, int IntToDouble, long LongToFloat, long LongToDouble, float FloatToDouble,
    int? MaybeIntToLong, List<int> Ints, Dictionary<string, float> Floats);

[KafkaMessage("evolution.pairs.promoted.v2", Name = "Promoted", Namespace = "evolution.pairs")]
public sealed partial record PromotedV2(
    [property: MessageKey] string Id, long IntToLong, float IntToFloat, double IntToDouble, float LongToFloat, double LongToDouble, double FloatToDouble,
    long? MaybeIntToLong, List<long> Ints, Dictionary<string, double> Floats);

/// <summary>string and bytes (FULL): each promotes to the other.</summary>
[KafkaMessage("evolution.pairs.text.v1", Name = "Text", Namespace = "evolution.pairs")]
public sealed partial record TextV1([property: MessageKey] string Id, string Note, byte[] Payload, List<string> Lines);

[KafkaMessage("evolution.pairs.text.v2", Name = "Text", Namespace = "evolution.pairs")]
public sealed partial record TextV2([property: MessageKey] string Id, byte[] Note, string Payload, List<byte[]> Lines);

[AvroEnum(Name = "Color", Namespace = "evolution.pairs", Default = nameof(Unknown))]
public enum ColorV1
{
    Unknown,
    Red,
    Green,
}

/// <summary><see cref="ColorV1"/> with a symbol added and the symbols reordered: symbols resolve by name.</summary>
[AvroEnum(Name = "Color", Namespace = "evolution.pairs", Default = nameof(Unknown))]
public enum ColorV2
{
    Unknown,
    Blue,
    Green,
    Red,
}

/// <summary>An enum symbol added (FULL, both enums have a default): the older reader reads the new symbol as its default.</summary>
[KafkaMessage("evolution.pairs.painted.v1", Name = "Painted", Namespace = "evolution.pairs")]
public sealed partial record PaintedV1([property: MessageKey] string Id, ColorV1 Color, List<ColorV1> Palette, ColorV1? Maybe);

[KafkaMessage("evolution.pairs.painted.v2", Name = "Painted", Namespace = "evolution.pairs")]
public sealed partial record PaintedV2([property: MessageKey] string Id, ColorV2 Color, List<ColorV2> Palette, ColorV2? Maybe);

/// <summary>A shape: the union branches are listed on each member.</summary>
public interface IShape;

[AvroRecord(Namespace = "evolution.pairs")]
public sealed record Circle(double Radius) : IShape;

[AvroRecord(Namespace = "evolution.pairs")]
public sealed record Square(double Side, string Label) : IShape;

[AvroRecord(Namespace = "evolution.pairs")]
public sealed record Triangle(double A, double B, double C) : IShape;

/// <summary>
/// Union widening (BACKWARD): a plain field becomes a union with null, a union of records gains a branch (and its
/// branches are reordered), a non-nullable union gains null.
/// </summary>
[KafkaMessage("evolution.pairs.drawn.v1", Name = "Drawn", Namespace = "evolution.pairs")]
public sealed partial record DrawnV1(
    [property: MessageKey] string Id,
    string Caption,
    DockV1 Where,
    [property: AvroUnion(typeof(Circle), typeof(Square))] IShape Shape,
    [property: AvroUnion(typeof(Circle), typeof(Square))] IShape Outline);

[KafkaMessage("evolution.pairs.drawn.v2", Name = "Drawn", Namespace = "evolution.pairs")]
public sealed partial record DrawnV2(
    [property: MessageKey] string Id,
    string? Caption,
    DockV1? Where,
    [property: AvroUnion(typeof(Square), typeof(Triangle), typeof(Circle))] IShape Shape,
    [property: AvroUnion(typeof(Circle), typeof(Square))] IShape? Outline);

[AvroEnum(Name = "Hue", Namespace = "evolution.pairs", Aliases = new[] { "evolution.pairs.Color" })]
public enum HueV2
{
    Unknown,
    Red,
    Green,
}

[AvroRecord(Name = "Station", Namespace = "evolution.pairs", Aliases = new[] { "evolution.pairs.Dock" })]
public sealed record StationV2([property: AvroField(Aliases = new[] { "Name" })] string Title, int Bikes);

/// <summary>Renames with aliases (BACKWARD): the record, a field, a nested record and its field, an enum.</summary>
[KafkaMessage("evolution.pairs.labelled.v1", Name = "Labelled", Namespace = "evolution.pairs")]
public sealed partial record LabelledV1([property: MessageKey] string Id, string OldName, DockV1 Dock, ColorV1 Color);

[KafkaMessage("evolution.pairs.labelled.v2", Name = "Tagged", Namespace = "evolution.pairs")]
[AvroRecord(Aliases = new[] { "evolution.pairs.Labelled" })]
public sealed partial record TaggedV2(
    [property: MessageKey] string Id,
    [property: AvroField(Aliases = new[] { "OldName" })] string NewName,
    StationV2 Dock,
    HueV2 Color);
