using System.Buffers.Binary;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Confluent.Kafka;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Interop;

/// <summary>
/// The generated JSON contracts against independent readers: every value (after the 5-byte Confluent header) must
/// validate with python3-jsonschema against the JSON Schema the generator derived, and deserialize with
/// System.Text.Json to a value equal to the one produced.
/// </summary>
public sealed class JsonSchemaInteropTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    public static EveryJsonType[] Samples() =>
    [
        new EveryJsonType
        {
            Id = "typical",
            Flag = true,
            Int = 42,
            Long = 1L << 40,
            ULong = ulong.MaxValue,
            Byte = 255,
            Short = -3,
            Float = 1.5f,
            Double = Math.PI,
            Amount = 1234.50m,
            Text = "W 82 St & Central Park West",
            MaybeText = "present",
            Letter = 'é',
            Bytes = [0, 1, 254, 255],
            Uuid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            At = new DateTimeOffset(2024, 3, 5, 7, 8, 9, 123, TimeSpan.FromHours(-5)),
            AtUtc = new DateTime(2024, 3, 5, 12, 0, 0, DateTimeKind.Utc),
            Day = new DateOnly(2024, 3, 5),
            Time = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(1234567)),
            Elapsed = TimeSpan.FromMinutes(17.5),
            Mood = Mood.Sad,
            Shade = Shade.Dark,
            MaybeMood = Mood.Happy,
            MaybeDouble = 40.782818675,
            Home = new JsonAddress("Main St", 12),
            Work = new JsonAddress("Broadway", null),
            Numbers = [1, -1, int.MaxValue, int.MinValue],
            Tags = ["a", "", "b"],
            History = [new JsonAddress("Old St", 1)],
            Counters = new Dictionary<string, long> { ["x"] = 1, ["y"] = -2 },
            ByNumber = new Dictionary<int, string> { [0] = "zero", [-7] = "minus seven" },
            ByGuid = new Dictionary<Guid, int> { [Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff")] = 3 },
            Set = ["one", "two"],
            Extra = JsonDocument.Parse("""{"free":[1,"form",null]}""").RootElement,
            Tree = new JsonTreeNode { Label = "root", Children = [new JsonTreeNode { Label = "leaf" }] },
            Original = "renamed value",
            NotSent = "secret",
            Sometimes = null,
            AsString = long.MinValue,
        },
        new EveryJsonType
        {
            Id = "edges: é€ 😀 \" \\ \n",
            Int = int.MinValue,
            Long = long.MinValue,
            Float = float.MaxValue,
            Double = -0.0,
            Amount = -79228162514264337593543950335m,
            Text = "<script>&'中文",
            Uuid = Guid.Empty,
            At = new DateTimeOffset(1960, 1, 1, 0, 0, 0, 1, TimeSpan.FromHours(14)),
            AtUtc = new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Unspecified),
            Day = DateOnly.MinValue,
            Time = TimeOnly.MinValue,
            Elapsed = TimeSpan.FromTicks(-18_600_001),
            Extra = JsonDocument.Parse("42").RootElement,
            Sometimes = "present",
            AsString = 7,
        },
    ];

    [Fact]
    public void GeneratedJson_ValidatesAgainstTheGeneratedSchemaWithPythonJsonSchema()
    {
        List<byte[]> documents = Samples().Select(s => Body(EveryJsonTypeKafkaContract.Instance.SerializeValue(s, 1))).ToList();

        IReadOnlyList<(bool Valid, string[] Errors)> results = PythonJsonSchema.Validate(EveryJsonTypeKafkaContract.JsonSchema, documents);

        Assert.All(results, r => Assert.True(r.Valid, string.Join("; ", r.Errors)));
    }

    [Fact]
    public void SchemaViolations_AreReportedByTheValidator()
    {
        // The validation above would pass vacuously if the schema accepted anything: these documents must fail.
        JsonObject valid = JsonNode.Parse(Body(EveryJsonTypeKafkaContract.Instance.SerializeValue(Samples()[0], 1)))!.AsObject();
        JsonObject missing = valid.DeepClone().AsObject();
        missing.Remove("id");
        JsonObject wrongType = valid.DeepClone().AsObject();
        wrongType["int"] = "42";
        JsonObject unknown = valid.DeepClone().AsObject();
        unknown["notInTheContract"] = 1;
        JsonObject outOfRange = valid.DeepClone().AsObject();
        outOfRange["byte"] = 256;
        JsonObject badEnum = valid.DeepClone().AsObject();
        badEnum["shade"] = "Medium";
        JsonObject badDate = valid.DeepClone().AsObject();
        badDate["day"] = "2024-02-30";
        JsonObject badNested = valid.DeepClone().AsObject();
        badNested["home"]!["number"] = "12";
        JsonObject nullNotAllowed = valid.DeepClone().AsObject();
        nullNotAllowed["text"] = null;

        JsonObject[] invalid = [missing, wrongType, unknown, outOfRange, badEnum, badDate, badNested, nullNotAllowed];
        IReadOnlyList<(bool Valid, string[] Errors)> results = PythonJsonSchema.Validate(
            EveryJsonTypeKafkaContract.JsonSchema,
            invalid.Select(d => Encoding.UTF8.GetBytes(d.ToJsonString())));

        Assert.All(results, r => Assert.False(r.Valid));
    }

    [Fact]
    public void GeneratedJson_DeserializesWithSystemTextJsonToEqualValues()
    {
        foreach (EveryJsonType sample in Samples())
        {
            byte[] value = EveryJsonTypeKafkaContract.Instance.SerializeValue(sample, 0x01020304);

            Assert.Equal([0, 1, 2, 3, 4], value[..5]); // magic byte and big-endian schema id; the JSON follows directly
            EveryJsonType read = JsonSerializer.Deserialize(value.AsSpan(5), EveryJsonContext.Default.EveryJsonType)!;
            AssertEqual(sample, read);
        }
    }

    [Fact]
    public void ContextOptions_ShapeTheJsonAndTheSchemaAlike()
    {
        SensorReading[] readings =
        [
            new(1, double.NaN, null, null, Mood.Sad, DateTimeOffset.UnixEpoch, new Dictionary<string, double> { ["offset"] = double.NegativeInfinity }),
            new(-2, 0.5, float.PositiveInfinity, "°C", Mood.Happy, new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero), new Dictionary<string, double>()),
        ];
        List<byte[]> documents = readings.Select(r => Body(SensorReadingKafkaContract.Instance.SerializeValue(r, 2))).ToList();

        JsonObject first = JsonNode.Parse(documents[0])!.AsObject();
        Assert.Equal("NaN", (string)first["value"]!); // named floating-point literals
        Assert.Equal("Sad", (string)first["mood"]!); // UseStringEnumConverter
        Assert.False(first.ContainsKey("unit")); // WhenWritingNull
        Assert.True(first.ContainsKey("taken_at")); // snake_case
        Assert.All(PythonJsonSchema.Validate(SensorReadingKafkaContract.JsonSchema, documents), r => Assert.True(r.Valid, string.Join("; ", r.Errors)));
        for (int i = 0; i < readings.Length; i++)
        {
            SensorReading read = JsonSerializer.Deserialize(documents[i], SensorJsonContext.Default.SensorReading)!;
            Assert.Equal(readings[i] with { Calibration = read.Calibration }, read);
            Assert.Equal(readings[i].Calibration, read.Calibration);
        }
    }

    [Fact]
    public void ValueSchema_IsJsonSchemaDraft07TitledWithTheFullName()
    {
        MessageSchema schema = EveryJsonTypeKafkaContract.Instance.ValueSchema;
        Assert.Equal(SchemaType.Json, schema.SchemaType);
        Assert.Equal("interop.json.EveryJsonType", schema.FullName);
        JsonObject parsed = JsonNode.Parse(schema.Schema)!.AsObject();
        Assert.Equal("http://json-schema.org/draft-07/schema#", (string)parsed["$schema"]!);
        Assert.Equal("interop.json.EveryJsonType", (string)parsed["title"]!);
        Assert.False(parsed["properties"]!.AsObject().ContainsKey("notSent")); // [JsonIgnore]
        Assert.True(parsed["properties"]!.AsObject().ContainsKey("renamed")); // [JsonPropertyName]
        Assert.DoesNotContain("sometimes", parsed["required"]!.AsArray().Select(n => (string)n!)); // WhenWritingNull
    }

    [Fact]
    public void SerializeValue_AllocatesOnlyTheResultBeyondWhatSystemTextJsonAllocates()
    {
        // The thread's buffer and Utf8JsonWriter are reused: beyond System.Text.Json's own work (its converters may
        // allocate, for example an interface's enumerator), a call allocates only the result array.
        SensorReading reading = new(1, 0.5, 2.5f, "°C", Mood.Happy, DateTimeOffset.UnixEpoch, new Dictionary<string, double> { ["offset"] = 0.1 });
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer);
        long systemTextJson = 0, allocated = 0;
        byte[] value = [];
        for (int i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            long before = GC.GetAllocatedBytesForCurrentThread();
            JsonSerializer.Serialize(writer, reading, SensorJsonContext.Default.SensorReading);
            writer.Flush();
            systemTextJson = GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            value = SensorReadingKafkaContract.Instance.SerializeValue(reading, 1);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // One array: its bytes plus the object header and length (24 bytes on 64-bit), rounded up to 8.
        Assert.InRange(allocated, value.Length + systemTextJson, value.Length + systemTextJson + 32);
    }

    [Fact]
    public void UnwritableValue_ThrowsMessageSerializationException()
    {
        // System.Text.Json refuses NaN without AllowNamedFloatingPointLiterals; the producer must not send anything.
        var sample = new EveryJsonType { Double = double.NaN, Extra = JsonDocument.Parse("1").RootElement };
        MessageSerializationException ex = Assert.Throws<MessageSerializationException>(() => EveryJsonTypeKafkaContract.Instance.SerializeValue(sample, 1));
        Assert.Equal("EveryJsonType", ex.MemberPath);

        // The thread's writer recovers: the next value is written whole.
        byte[] next = EveryJsonTypeKafkaContract.Instance.SerializeValue(Samples()[1], 1);
        Assert.NotNull(JsonSerializer.Deserialize(next.AsSpan(5), EveryJsonContext.Default.EveryJsonType));
    }

    [Fact]
    public async Task GeneratedProducers_ProduceRecordsThatValidateAndDeserialize()
    {
        kafka.Cluster.CreateTopic("json.every.type", 3);
        var registry = new InMemorySchemaRegistryClient();
        using KafkaProducerConnection connection = await kafka.ConnectAsync(registry, EveryJsonTypeKafkaContract.Instance);
        var producer = new EveryJsonTypeProducer(connection);
        var expected = new Dictionary<string, EveryJsonType>();
        foreach (EveryJsonType sample in Samples())
        {
            await producer.ProduceAsync(sample);
            expected[sample.Id] = sample;
        }

        List<ConsumeResult<byte[]?, byte[]>> records = kafka.ReadAll("json.every.type", 3);
        Assert.Equal(expected.Count, records.Count);
        int schemaId = BinaryPrimitives.ReadInt32BigEndian(records[0].Message.Value.AsSpan(1));
        RegisteredSchema registered = await registry.GetSchemaAsync(schemaId);
        Assert.Equal(SchemaType.Json, registered.SchemaType);
        Assert.All(PythonJsonSchema.Validate(registered.Schema, records.Select(r => Body(r.Message.Value))), r => Assert.True(r.Valid, string.Join("; ", r.Errors)));
        foreach (ConsumeResult<byte[]?, byte[]> record in records)
        {
            Assert.Equal(0, record.Message.Value[0]);
            Assert.Equal(schemaId, BinaryPrimitives.ReadInt32BigEndian(record.Message.Value.AsSpan(1)));
            EveryJsonType read = JsonSerializer.Deserialize(record.Message.Value.AsSpan(5), EveryJsonContext.Default.EveryJsonType)!;
            AssertEqual(expected[Encoding.UTF8.GetString(record.Message.Key!)], read);
        }
    }

    private static byte[] Body(byte[] value) => value[5..];

    private static void AssertEqual(EveryJsonType e, EveryJsonType a)
    {
        Assert.Equal(e.Id, a.Id);
        Assert.Equal(e.Flag, a.Flag);
        Assert.Equal(e.Int, a.Int);
        Assert.Equal(e.Long, a.Long);
        Assert.Equal(e.ULong, a.ULong);
        Assert.Equal(e.Byte, a.Byte);
        Assert.Equal(e.Short, a.Short);
        Assert.Equal(e.Float, a.Float);
        Assert.Equal(e.Double, a.Double);
        Assert.Equal(e.Amount, a.Amount);
        Assert.Equal(e.Text, a.Text);
        Assert.Equal(e.MaybeText, a.MaybeText);
        Assert.Equal(e.Letter, a.Letter);
        Assert.Equal(e.Bytes, a.Bytes);
        Assert.Equal(e.Uuid, a.Uuid);
        Assert.Equal(e.At, a.At);
        Assert.Equal(e.At.Offset, a.At.Offset);
        Assert.Equal(e.AtUtc, a.AtUtc);
        Assert.Equal(e.AtUtc.Kind, a.AtUtc.Kind);
        Assert.Equal(e.Day, a.Day);
        Assert.Equal(e.Time, a.Time);
        Assert.Equal(e.Elapsed, a.Elapsed);
        Assert.Equal(e.Mood, a.Mood);
        Assert.Equal(e.Shade, a.Shade);
        Assert.Equal(e.MaybeMood, a.MaybeMood);
        Assert.Equal(e.MaybeDouble, a.MaybeDouble);
        Assert.Equal(e.Home, a.Home);
        Assert.Equal(e.Work, a.Work);
        Assert.Equal(e.Numbers, a.Numbers);
        Assert.Equal(e.Tags, a.Tags);
        Assert.Equal(e.History, a.History);
        Assert.Equal(e.Counters, a.Counters);
        Assert.Equal(e.ByNumber, a.ByNumber);
        Assert.Equal(e.ByGuid, a.ByGuid);
        Assert.Equal(e.Set, a.Set);
        Assert.Equal(e.Extra.GetRawText(), a.Extra.GetRawText());
        Assert.Equal(Describe(e.Tree), Describe(a.Tree));
        Assert.Equal(e.Original, a.Original);
        Assert.Equal("", a.NotSent); // [JsonIgnore]: never written
        Assert.Equal(e.Sometimes, a.Sometimes);
        Assert.Equal(e.AsString, a.AsString);
    }

    private static string Describe(JsonTreeNode? node) =>
        node is null ? "null" : node.Label + "(" + string.Join(",", node.Children.Select(Describe)) + ")";
}
