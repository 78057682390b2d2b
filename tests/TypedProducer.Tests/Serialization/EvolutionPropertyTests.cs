using System.Text;
using CsCheck;
using TypedProducer.Schemas;
using TypedProducer.SchemaRegistry;
using TypedProducer.Schemas.Avro;
using TypedProducer.Tests.Contracts;

namespace TypedProducer.Tests.Serialization;

/// <summary>
/// Schema evolution as a property (CsCheck, 10,000 random values per direction): for each kind of change the
/// schema-evolution check accepts (<see cref="AvroCompatibilityChecker"/>, the check behind TPK3001, the in-memory
/// registry's levels and the deserializers' union choice), a pair of generated contracts
/// (<see cref="Contracts.AddedV1"/> ... in EvolutionPairContracts.cs) is first put to the checker: it must accept the
/// directions the pair's compatibility mode promises (BACKWARD: the new version reads data written with the old one;
/// FULL: both ways) and, for a BACKWARD-only pair, refuse the other. Then random values written with the writer's
/// generated serializer are read with the reader's generated deserializer through schema resolution (Apache Avro 1.11
/// specification, "Schema Resolution") and must equal the value the specification's rules give: the reader's
/// serializer writes the same bytes for both.
/// </summary>
public sealed class EvolutionPropertyTests
{
    private const int Cases = 10_000;
    private const int SchemaId = 21;

    private static readonly Gen<string> s_text = RoundTripPropertyTests.s_text;
    private static readonly Gen<byte[]> s_utf8 = s_text.Select(Encoding.UTF8.GetBytes);
    private static readonly Gen<DockV1> s_dockV1 = Gen.Select(s_text, Gen.Int, (name, bikes) => new DockV1(name, bikes));
    private static readonly Gen<DockV2> s_dockV2 = Gen.Select(s_text, Gen.Int, Gen.Int, (name, bikes, capacity) => new DockV2(name, bikes, capacity));

    private static readonly Gen<IShape> s_shape = Gen.OneOf<IShape>(
        Gen.Double.Select(radius => new Circle(radius)),
        Gen.Select(Gen.Double, s_text, (side, label) => new Square(side, label)));

    private static Dictionary<string, TValue> Map<TValue>((string Key, TValue Value)[] pairs) =>
        pairs.DistinctBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value);

    private static void AssertCheckerAccepts(MessageContract older, MessageContract newer, bool full)
    {
        Assert.Empty(Incompatibilities(reader: newer, writer: older));
        if (full)
        {
            Assert.Empty(Incompatibilities(reader: older, writer: newer));
        }
        else
        {
            // BACKWARD only: the older version cannot read the newer one's data, so the pair promises one direction.
            Assert.Contains(Incompatibilities(reader: older, writer: newer), i => i.BreaksResolution);
        }
    }

    private static List<SchemaIncompatibility> Incompatibilities(MessageContract reader, MessageContract writer)
    {
        var issues = new List<SchemaIncompatibility>();
        AvroCompatibilityChecker.Check(
            AvroSchemaCompatibility.Parse(reader.ValueSchema.Schema, new Dictionary<string, AvroType>()),
            AvroSchemaCompatibility.Parse(writer.ValueSchema.Schema, new Dictionary<string, AvroType>()),
            new CheckDirection(readerIsNew: true, "the writer's schema", "the reader's schema"),
            issues);
        return issues;
    }

    private static void AssertReads<TWriter, TReader>(MessageContract<TWriter> writer, MessageContract<TReader> reader, Gen<TWriter> values, Func<TWriter, TReader> resolved)
    {
        MessageValueReader<TReader> deserializer = reader.CreateValueReader(WriterSchema.Of(writer, SchemaId));
        Assert.False(deserializer.IsContractSchema);
        values.Sample(
            written =>
            {
                TReader read = deserializer.Read(writer.SerializeValue(written, SchemaId));
                Assert.Equal(reader.SerializeValue(resolved(written), SchemaId), reader.SerializeValue(read, SchemaId));
            },
            iter: Cases,
            threads: 1);
    }

    [Fact]
    public void AddedFieldsWithDefaults_Full_EachVersionReadsTheOthersData()
    {
        AssertCheckerAccepts(AddedV1KafkaContract.Instance, AddedV2KafkaContract.Instance, full: true);
        static DockV2 Newer(DockV1 d) => new(d.Name, d.Bikes, 12);
        static DockV1 Older(DockV2 d) => new(d.Name, d.Bikes);

        AssertReads(
            AddedV1KafkaContract.Instance,
            AddedV2KafkaContract.Instance,
            Gen.Select(s_text, Gen.Int, s_dockV1, s_dockV1.List[0, 3], (id, count, dock, docks) => new AddedV1(id, count, dock, docks)),
            w => new AddedV2(w.Id, w.Count, Newer(w.Dock), w.Docks.Select(Newer).ToList(), "none", -7, null, [1, 2]));
        AssertReads(
            AddedV2KafkaContract.Instance,
            AddedV1KafkaContract.Instance,
            Gen.Select(s_text, Gen.Int, s_dockV2, s_dockV2.List[0, 3], s_text, Gen.Long, s_text.Null(), Gen.Int.List[0, 4])
                .Select(t => new AddedV2(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, t.Item8)),
            w => new AddedV1(w.Id, w.Count, Older(w.Dock), w.Docks.Select(Older).ToList()));
    }

    [Fact]
    public void RemovedFieldsWithoutDefaults_Backward_NewVersionSkipsThem()
    {
        AssertCheckerAccepts(RemovedV1KafkaContract.Instance, RemovedV2KafkaContract.Instance, full: false);

        AssertReads(
            RemovedV1KafkaContract.Instance,
            RemovedV2KafkaContract.Instance,
            Gen.Select(s_text, s_text, Gen.Long, s_text.Null(), s_dockV1, s_text.List[0, 3], Gen.Select(s_text, Gen.Double).Array[0, 3], Gen.Byte.Array[0, 16])
                .Select(t => new RemovedV1(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, Map(t.Item7), t.Item8)),
            w => new RemovedV2(w.Id, w.Text));
    }

    [Fact]
    public void NumericPromotions_Backward_NewVersionReadsTheWidenedValues()
    {
        AssertCheckerAccepts(PromotedV1KafkaContract.Instance, PromotedV2KafkaContract.Instance, full: false);

        AssertReads(
            PromotedV1KafkaContract.Instance,
            PromotedV2KafkaContract.Instance,
            Gen.Select(s_text, Gen.Int, Gen.Int, Gen.Int, Gen.Long, Gen.Long, Gen.Float)
                .Select(
                    Gen.Select(Gen.Int.Nullable(), Gen.Int.List[0, 4], Gen.Select(s_text, Gen.Float).Array[0, 3]),
                    (a, b) => new PromotedV1(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, b.Item1, b.Item2, Map(b.Item3))),
            w => new PromotedV2(
                w.Id, w.IntToLong, w.IntToFloat, w.IntToDouble, w.LongToFloat, w.LongToDouble, w.FloatToDouble, w.MaybeIntToLong,
                w.Ints.Select(i => (long)i).ToList(), w.Floats.ToDictionary(p => p.Key, p => (double)p.Value)));
    }

    [Fact]
    public void StringsAndBytes_Full_EachReadsAsTheOther()
    {
        AssertCheckerAccepts(TextV1KafkaContract.Instance, TextV2KafkaContract.Instance, full: true);

        // Avro strings are UTF-8: bytes read as a string are the UTF-8 of text, as a string field would hold.
        AssertReads(
            TextV1KafkaContract.Instance,
            TextV2KafkaContract.Instance,
            Gen.Select(s_text, s_text, s_utf8, s_text.List[0, 3], (id, note, payload, lines) => new TextV1(id, note, payload, lines)),
            w => new TextV2(w.Id, Encoding.UTF8.GetBytes(w.Note), Encoding.UTF8.GetString(w.Payload), w.Lines.Select(Encoding.UTF8.GetBytes).ToList()));
        AssertReads(
            TextV2KafkaContract.Instance,
            TextV1KafkaContract.Instance,
            Gen.Select(s_text, s_utf8, s_text, s_utf8.List[0, 3], (id, note, payload, lines) => new TextV2(id, note, payload, lines)),
            w => new TextV1(w.Id, Encoding.UTF8.GetString(w.Note), Encoding.UTF8.GetBytes(w.Payload), w.Lines.Select(l => Encoding.UTF8.GetString(l)).ToList()));
    }

    [Fact]
    public void EnumSymbolAddedWithDefault_Full_SymbolsResolveByNameAndTheUnknownOneToTheDefault()
    {
        AssertCheckerAccepts(PaintedV1KafkaContract.Instance, PaintedV2KafkaContract.Instance, full: true);
        static ColorV2 Newer(ColorV1 c) => Enum.Parse<ColorV2>(c.ToString());
        static ColorV1 Older(ColorV2 c) => Enum.TryParse(c.ToString(), out ColorV1 older) ? older : ColorV1.Unknown;

        AssertReads(
            PaintedV1KafkaContract.Instance,
            PaintedV2KafkaContract.Instance,
            Gen.Select(s_text, Gen.Enum<ColorV1>(), Gen.Enum<ColorV1>().List[0, 4], Gen.Enum<ColorV1>().Nullable(), (id, color, palette, maybe) => new PaintedV1(id, color, palette, maybe)),
            w => new PaintedV2(w.Id, Newer(w.Color), w.Palette.Select(Newer).ToList(), w.Maybe is { } m ? Newer(m) : null));
        AssertReads(
            PaintedV2KafkaContract.Instance,
            PaintedV1KafkaContract.Instance,
            Gen.Select(s_text, Gen.Enum<ColorV2>(), Gen.Enum<ColorV2>().List[0, 4], Gen.Enum<ColorV2>().Nullable(), (id, color, palette, maybe) => new PaintedV2(id, color, palette, maybe)),
            w => new PaintedV1(w.Id, Older(w.Color), w.Palette.Select(Older).ToList(), w.Maybe is { } m ? Older(m) : null));
    }

    [Fact]
    public void UnionWidening_Backward_NewVersionReadsEveryBranchOfTheOld()
    {
        AssertCheckerAccepts(DrawnV1KafkaContract.Instance, DrawnV2KafkaContract.Instance, full: false);

        AssertReads(
            DrawnV1KafkaContract.Instance,
            DrawnV2KafkaContract.Instance,
            Gen.Select(s_text, s_text, s_dockV1, s_shape, s_shape, (id, caption, where, shape, outline) => new DrawnV1(id, caption, where, shape, outline)),
            w => new DrawnV2(w.Id, w.Caption, w.Where, w.Shape, w.Outline));
    }

    [Fact]
    public void RenamesWithAliases_Backward_NewNamesReadTheOldOnes()
    {
        AssertCheckerAccepts(LabelledV1KafkaContract.Instance, TaggedV2KafkaContract.Instance, full: false);

        AssertReads(
            LabelledV1KafkaContract.Instance,
            TaggedV2KafkaContract.Instance,
            Gen.Select(s_text, s_text, s_dockV1, Gen.Enum<ColorV1>(), (id, name, dock, color) => new LabelledV1(id, name, dock, color)),
            w => new TaggedV2(w.Id, w.OldName, new StationV2(w.Dock.Name, w.Dock.Bikes), Enum.Parse<HueV2>(w.Color.ToString())));
    }
}
