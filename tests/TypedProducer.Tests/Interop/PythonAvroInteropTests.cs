using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using Confluent.Kafka;
using TypedProducer.Partitioning;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Interop;

/// <summary>
/// Produces through generated producers to the mock cluster, reads the records back with a Confluent.Kafka
/// consumer and decodes every value with python3-avro using the registered schema; the decoded values must equal
/// what was produced.
/// </summary>
public sealed class PythonAvroInteropTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    private static readonly DateTimeOffset s_instant = new(2024, 3, 5, 7, 8, 9, 123, TimeSpan.Zero);

    public static EveryType[] EveryTypeSamples() =>
    [
        new EveryType
        {
            Id = "typical",
            Flag = true,
            Int = 42,
            Long = 1L << 40,
            Float = 1.5f,
            Double = Math.PI,
            Bytes = [0, 1, 254, 255],
            Text = "W 82 St & Central Park West",
            Uuid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            TimestampMillis = s_instant,
            TimestampMicros = new DateTime(2024, 3, 5, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234560),
            Date = new DateOnly(2024, 3, 5),
            Time = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9999990)),
            Amount = 1234.5m,
            Color = Color.Blue,
            MaybeDouble = 40.782818675,
            MaybeText = "present",
            Home = new Address("Main St", 12),
            Work = new Address("Broadway", null),
            Numbers = [1, -1, int.MaxValue, int.MinValue],
            Tags = ["a", "b"],
            History = [new Address("Old St", 1), new Address("Older St", null)],
            Counters = new Dictionary<string, long> { ["x"] = 1, ["y"] = -2 },
            Sparse = [1, null, 3],
            Original = "renamed value",
        },
        new EveryType
        {
            Id = "edges: é€ 😀",
            Int = int.MinValue,
            Long = long.MinValue,
            Float = float.MaxValue,
            Double = -0.0,
            Text = "quotes \" and \\ and \n newline, 中文",
            Uuid = Guid.Empty,
            TimestampMillis = new DateTimeOffset(1960, 1, 1, 0, 0, 0, 1, TimeSpan.FromHours(-5)),
            TimestampMicros = new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9999990),
            Date = new DateOnly(1900, 1, 1),
            Time = TimeOnly.MinValue,
            Amount = -99999999.99m,
            Color = Color.Red,
            Home = new Address("", int.MinValue),
            Counters = new Dictionary<string, long> { ["é"] = long.MaxValue },
        },
        new EveryType { Id = "", Amount = 0m, TimestampMicros = DateTime.UnixEpoch },
    ];

    [Fact]
    public async Task GeneratedAvro_DecodesWithPythonAvroToEqualValues()
    {
        kafka.Cluster.CreateTopic("every.type", 3);
        kafka.Cluster.CreateTopic("orders", 5);
        kafka.Cluster.CreateTopic("trees", 1);
        kafka.Cluster.CreateTopic("counters", 2);
        var registry = new InMemorySchemaRegistryClient();
        using KafkaProducerConnection connection = await kafka.ConnectAsync(
            registry, EveryTypeKafkaContract.Instance, OrderPlacedKafkaContract.Instance, TreeNodeKafkaContract.Instance, CounterIncrementedKafkaContract.Instance);

        var expected = new Dictionary<string, JsonNode>();
        var everyTypeProducer = new EveryTypeProducer(connection);
        foreach (EveryType sample in EveryTypeSamples())
        {
            await everyTypeProducer.ProduceAsync(sample);
            expected["every.type/" + sample.Id] = Expected(sample);
        }

        var orders = new OrderPlacedProducer(connection);
        OrderPlaced[] orderSamples =
        [
            new(Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), "customer-1", 10.01m, s_instant),
            new(Guid.NewGuid(), "customer-2", -0.05m, s_instant.AddDays(-20000)),
            new(Guid.NewGuid(), "customer-1", 9999999999.99m, DateTimeOffset.UnixEpoch),
        ];
        foreach (OrderPlaced order in orderSamples)
        {
            TypedDeliveryResult<OrderPlaced> result = await orders.ProduceAsync(order);
            // [PartitionKey] CustomerId chooses the partition as the Java client would hash it.
            Assert.Equal(JavaCompatiblePartitioner.Partition(Encoding.UTF8.GetBytes(order.CustomerId), 5), result.Partition);
            expected["orders/" + order.OrderId.ToString("D")] = new JsonObject
            {
                ["OrderId"] = order.OrderId.ToString("D"), // python3-avro 1.11 returns uuid values as strings
                ["CustomerId"] = order.CustomerId,
                ["Total"] = new JsonObject { ["decimal"] = order.Total.ToString("F2", CultureInfo.InvariantCulture) },
                ["PlacedAt"] = Micros(order.PlacedAt.ToUnixTimeMilliseconds() * 1000),
            };
        }

        var tree = new TreeNode { Id = 1, Label = "root", Children = [new TreeNode { Id = 2, Label = "leaf" }, new TreeNode { Id = 3, Label = "inner", Children = [new TreeNode { Id = 4, Label = "deep" }] }] };
        await new TreeNodeProducer(connection).ProduceAsync(tree);
        expected["trees/1"] = Expected(tree);

        await new CounterIncrementedProducer(connection).ProduceAsync(new CounterIncremented(-7, 3));
        expected["counters/-7"] = new JsonObject { ["CounterId"] = -7L, ["By"] = 3 };

        var records = new List<(string Topic, ConsumeResult<byte[]?, byte[]> Record)>();
        foreach ((string topic, int partitions) in new[] { ("every.type", 3), ("orders", 5), ("trees", 1), ("counters", 2) })
        {
            records.AddRange(kafka.ReadAll(topic, partitions).Select(r => (topic, r)));
        }

        Assert.Equal(expected.Count, records.Count);
        var schemas = new Dictionary<int, string>();
        foreach ((_, ConsumeResult<byte[]?, byte[]> record) in records)
        {
            int id = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(record.Message.Value.AsSpan(1));
            schemas[id] = (await registry.GetSchemaAsync(id)).Schema;
        }

        JsonArray decoded = PythonAvro.Decode(schemas, records.Select(r => r.Record.Message.Value));
        for (int i = 0; i < records.Count; i++)
        {
            (string topic, ConsumeResult<byte[]?, byte[]> record) = records[i];
            string key = topic switch
            {
                "trees" => BitConverterKey(record.Message.Key!),
                "counters" => System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(record.Message.Key).ToString(CultureInfo.InvariantCulture),
                _ => Encoding.UTF8.GetString(record.Message.Key!),
            };
            JsonNode actual = decoded[i]!["value"]!;
            JsonNode want = expected[topic + "/" + key];
            Assert.True(JsonEquivalent(want, actual), $"{topic}/{key}:\nexpected {want.ToJsonString()}\nactual   {actual.ToJsonString()}");
        }
    }

    // JSON equality where numbers compare by value (python writes 0.0 where System.Text.Json writes 0).
    internal static bool JsonEquivalent(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && JsonEquivalent(p.Value, y[p.Key]));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(p => JsonEquivalent(p.First, p.Second));
            case (JsonValue x, JsonValue y) when x.GetValueKind() == System.Text.Json.JsonValueKind.Number && y.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                string sx = x.ToJsonString(), sy = y.ToJsonString();
                return long.TryParse(sx, out long lx) && long.TryParse(sy, out long ly)
                    ? lx == ly
                    : double.Parse(sx, CultureInfo.InvariantCulture).Equals(double.Parse(sy, CultureInfo.InvariantCulture));
            default:
                return JsonNode.DeepEquals(a, b);
        }
    }

    private static string BitConverterKey(byte[] key) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(key).ToString(CultureInfo.InvariantCulture);

    private static JsonObject Micros(long micros) => new() { ["micros"] = micros };

    private static JsonNode Expected(EveryType e) => new JsonObject
    {
        ["Id"] = e.Id,
        ["Flag"] = e.Flag,
        ["Int"] = e.Int,
        ["Long"] = e.Long,
        ["Float"] = (double)e.Float,
        ["Double"] = e.Double,
        ["Bytes"] = new JsonObject { ["bytes"] = Convert.ToHexString(e.Bytes).ToLowerInvariant() },
        ["Text"] = e.Text,
        ["Uuid"] = e.Uuid.ToString("D"),
        ["TimestampMillis"] = Micros(e.TimestampMillis.ToUnixTimeMilliseconds() * 1000),
        ["TimestampMicros"] = Micros((long)Math.Floor((e.TimestampMicros.Ticks - DateTime.UnixEpoch.Ticks) / 10.0)),
        ["Date"] = new JsonObject { ["days"] = e.Date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber },
        ["Time"] = new JsonObject { ["micros_of_day"] = e.Time.Ticks / 10 },
        ["Amount"] = new JsonObject { ["decimal"] = e.Amount.ToString("F2", CultureInfo.InvariantCulture) },
        ["Color"] = e.Color.ToString(),
        ["MaybeDouble"] = e.MaybeDouble,
        ["MaybeText"] = e.MaybeText,
        ["Home"] = Expected(e.Home),
        ["Work"] = e.Work is null ? null : Expected(e.Work),
        ["Numbers"] = new JsonArray(e.Numbers.Select(n => (JsonNode?)n).ToArray()),
        ["Tags"] = new JsonArray(e.Tags.Select(t => (JsonNode?)t).ToArray()),
        ["History"] = new JsonArray(e.History.Select(a => (JsonNode?)Expected(a)).ToArray()),
        ["Counters"] = new JsonObject(e.Counters.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
        ["Sparse"] = new JsonArray(e.Sparse.Select(n => (JsonNode?)n).ToArray()),
        ["renamed"] = e.Original,
    };

    private static JsonObject Expected(Address a) => new() { ["Street"] = a.Street, ["Number"] = a.Number };

    private static JsonObject Expected(TreeNode node) => new()
    {
        ["Id"] = node.Id,
        ["Label"] = node.Label,
        ["Children"] = new JsonArray(node.Children.Select(c => (JsonNode?)Expected(c)).ToArray()),
    };
}
