using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema.NewtonsoftJson.Generation;
using TypedProducer.SchemaRegistry.Tests.Contracts;
using TypedProducer.SchemaRegistry.Tests.Infrastructure;
using ConfluentRegistryClient = Confluent.SchemaRegistry.CachedSchemaRegistryClient;

namespace TypedProducer.SchemaRegistry.Tests.Interop;

/// <summary>
/// What the generated JSON producer writes, read by an independent implementation: Confluent.SchemaRegistry.Serdes.Json
/// 2.16.0's <c>JsonDeserializer</c>, which takes the schema id from the Confluent wire format, fetches that schema with
/// Confluent's own registry client (<c>CachedSchemaRegistryClient</c>) from the registry the producer registered it
/// with, and validates the document against it (NJsonSchema) before it hands it over; the values it reads
/// (Newtonsoft.Json) are compared with those produced.
/// </summary>
public sealed class ConfluentJsonInteropTests
{
    private const string Topic = "registry.trips";

    private static readonly TripLogged[] s_trips =
    [
        new("trip-1", 1_234_567, 1, 3.25, 4.79m, new DateTimeOffset(2024, 3, 5, 7, 8, 9, 123, TimeSpan.FromHours(-5)), new DateOnly(2024, 3, 5),
            Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), TripKind.Member, "W 82 St & Central Park West",
            new TripStation("W 82 St", 40.782818675, -73.97124, 27), new TripStation("Broadway & W 60 St", 40.7691, -73.9818, null),
            ["ebike", "dock"], new Dictionary<string, long> { ["stops"] = 2, ["pauses"] = -1 }),
        new("edges: é€ 😀 \" \\ \n", long.MaxValue, int.MinValue, -0.5, -9999999999999.99m, DateTimeOffset.UnixEpoch, DateOnly.MinValue,
            Guid.Empty, TripKind.Casual, null, new TripStation("", double.Epsilon, double.MaxValue, 0), null, [], new Dictionary<string, long>()),
        new("trip-3", long.MinValue, int.MaxValue, 1e-300, 0.0000000001m, new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.FromHours(14)), DateOnly.MaxValue,
            Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), TripKind.Member, "", new TripStation("<script>&'中文", -90, 180, int.MaxValue), null,
            ["", "a b"], new Dictionary<string, long> { [""] = long.MaxValue }),
    ];

    private static JsonDeserializer<JObject> ConfluentDeserializer(ConfluentRegistryClient registry) => new(
        registry,
        new JsonDeserializerConfig { Validate = true, ValidateBeforeDomainRules = true },
        // Dates stay the strings written. Newtonsoft reads a number with a fraction as a double, so the fares keep to the
        // 15 significant digits a double carries back to a decimal.
        new NewtonsoftJsonSchemaGeneratorSettings { SerializerSettings = new JsonSerializerSettings { DateParseHandling = DateParseHandling.None } });

    [Fact]
    public async Task ProducedThroughHost_ConfluentJsonDeserializerValidatesWithTheRegisteredSchemaAndReadsEqualValues()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using IHost host = HostEndToEndTests.BuildHost(fake.Url, new() { [$"Kafka:Embedded:TopicPartitions:{Topic}"] = "2" });
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITripLoggedProducer>();
        foreach (TripLogged trip in s_trips)
        {
            Assert.Equal(PersistenceStatus.Persisted, (await producer.ProduceAsync(trip)).Status);
        }

        string bootstrap = host.Services.GetRequiredService<KafkaProducerConnection>().BootstrapServers;
        List<ConsumeResult<byte[]?, byte[]>> records = HostEndToEndTests.ReadAll(bootstrap, Topic, 2);
        await host.StopAsync();

        Assert.Equal(s_trips.Length, records.Count);
        using var registry = new ConfluentRegistryClient(new SchemaRegistryConfig { Url = fake.Url });
        JsonDeserializer<JObject> deserializer = ConfluentDeserializer(registry);
        var seen = new HashSet<string>();
        foreach (ConsumeResult<byte[]?, byte[]> record in records)
        {
            JObject read = await deserializer.DeserializeAsync(record.Message.Value, isNull: false, new SerializationContext(MessageComponentType.Value, Topic));

            TripLogged sent = s_trips.Single(t => t.TripId == (string)read["tripId"]!);
            Assert.Equal(sent.TripId, Encoding.UTF8.GetString(record.Message.Key!));
            AssertEqual(sent, read);
            seen.Add(sent.TripId);
        }

        Assert.Equal(s_trips.Length, seen.Count);
        // Confluent's client fetched the writer schema by the id in the records from the registry the host registered with.
        int id = BinaryPrimitives.ReadInt32BigEndian(records[0].Message.Value.AsSpan(1));
        Assert.Equal(1, fake.CountRequests($"GET /schemas/ids/{id}"));
        Assert.Equal(1, fake.CountRequests("POST /subjects/registry.trips-registry.tests.TripLogged/versions"));
    }

    [Theory]
    [InlineData("riders", "\"1\"")] // a string where the schema says integer
    [InlineData("kind", "\"Tandem\"")] // not one of the enum's names
    [InlineData("day", "20240305")] // a number where the schema says a date string (NJsonSchema 11 does not check format "date")
    [InlineData("from", "{\"name\":\"x\"}")] // a nested object without its required properties
    [InlineData("durationMs", null)] // a required property left out
    public async Task DocumentViolatingTheRegisteredSchema_IsRefusedByConfluentsDeserializer(string property, string? replacement)
    {
        // The validation above passes only because the documents match the schema: tampered ones must fail.
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        int id = fake.Register("registry.trips-value", TripLoggedKafkaContract.JsonSchema, "JSON");
        byte[] value = TripLoggedKafkaContract.Instance.SerializeValue(s_trips[0], id);
        JObject document = JObject.Parse(Encoding.UTF8.GetString(value, 5, value.Length - 5));
        if (replacement is null)
        {
            document.Remove(property);
        }
        else
        {
            document[property] = JToken.Parse(replacement);
        }

        byte[] tampered = [.. value.AsSpan(0, 5), .. Encoding.UTF8.GetBytes(document.ToString(Formatting.None))];
        using var registry = new ConfluentRegistryClient(new SchemaRegistryConfig { Url = fake.Url });
        JsonDeserializer<JObject> deserializer = ConfluentDeserializer(registry);

        Assert.NotNull(await deserializer.DeserializeAsync(value, false, new SerializationContext(MessageComponentType.Value, Topic)));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => deserializer.DeserializeAsync(tampered, false, new SerializationContext(MessageComponentType.Value, Topic)));
        Assert.Contains("Schema validation failed", ex.Message);
    }

    private static void AssertEqual(TripLogged sent, JObject read)
    {
        Assert.Equal(sent.DurationMs, (long)read["durationMs"]!);
        Assert.Equal(sent.Riders, (int)read["riders"]!);
        Assert.Equal(sent.DistanceKm, (double)read["distanceKm"]!);
        Assert.Equal(sent.Fare, (decimal)read["fare"]!);
        Assert.Equal(sent.StartedAt, DateTimeOffset.Parse((string)read["startedAt"]!, CultureInfo.InvariantCulture));
        Assert.Equal(sent.StartedAt.Offset, DateTimeOffset.Parse((string)read["startedAt"]!, CultureInfo.InvariantCulture).Offset);
        Assert.Equal(sent.Day, DateOnly.ParseExact((string)read["day"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(sent.Bike, Guid.Parse((string)read["bike"]!));
        Assert.Equal(sent.Kind.ToString(), (string)read["kind"]!);
        Assert.Equal(sent.Note, (string?)read["note"]);
        AssertEqual(sent.From, read["from"]!);
        if (sent.To is null)
        {
            Assert.Equal(JTokenType.Null, read["to"]!.Type);
        }
        else
        {
            AssertEqual(sent.To, read["to"]!);
        }

        Assert.Equal(sent.Tags, read["tags"]!.Select(t => (string)t!));
        Assert.Equal(sent.Counters, ((JObject)read["counters"]!).Properties().ToDictionary(p => p.Name, p => (long)p.Value));
    }

    private static void AssertEqual(TripStation sent, JToken read)
    {
        Assert.Equal(sent.Name, (string)read["name"]!);
        Assert.Equal(sent.Latitude, (double)read["latitude"]!);
        Assert.Equal(sent.Longitude, (double)read["longitude"]!);
        Assert.Equal(sent.Docks, (int?)read["docks"]);
    }
}
