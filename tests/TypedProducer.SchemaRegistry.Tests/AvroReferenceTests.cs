using System.Text.Json.Nodes;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry.Serdes;
using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry.Tests.Contracts.SharedTypes;
using TypedProducer.SchemaRegistry.Tests.Infrastructure;
using ConfluentRegistry = Confluent.SchemaRegistry;

namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>
/// Kafka:SchemaRegistry:AvroNamedTypeReferences: Avro named types that contracts registered together define identically
/// are registered under their full names and used through schema references (Confluent Schema Registry, "Schema
/// references"); readers that resolve references (Confluent's AvroDeserializer on Apache.Avro, TypedDeserializer) read
/// the generated serializer's bytes with them.
/// </summary>
public sealed class AvroReferenceTests
{
    private const string Space = "TypedProducer.SchemaRegistry.Tests.Contracts.SharedTypes";
    private const string Address = Space + ".PostalAddress";
    private const string Country = Space + ".Country";

    private static KafkaProducerConnection Connect(ISchemaRegistryClient registry, Action<SchemaRegistryOptions> configure)
    {
        // Resolving ids needs no broker: librdkafka connects lazily, and nothing is produced.
        var options = new TypedProducerOptions { BootstrapServers = "127.0.0.1:1", FlushTimeout = TimeSpan.Zero };
        configure(options.SchemaRegistry);
        return new KafkaProducerConnection(Options.Create(options), registry);
    }

    private static HttpSchemaRegistryClient Http(FakeSchemaRegistry fake) =>
        new(new SchemaRegistryOptions { Url = fake.Url, MaxRetries = 1, RetryBackoff = TimeSpan.FromMilliseconds(10) });

    private static readonly CustomerMoved Moved = new("c-1", new PostalAddress("Damrak 1", "Amsterdam", Contracts.SharedTypes.Country.NL, "1012 LG"), new PostalAddress("Unter den Linden 5", "Berlin", Contracts.SharedTypes.Country.DE, null));

    private static readonly OrderShipped Shipped = new("o-9", new PostalAddress("Rue de Rivoli 3", "Paris", Contracts.SharedTypes.Country.FR, "75001"), Contracts.SharedTypes.Country.NL, 1_250);

    [Fact]
    public async Task SharedRecordAndEnum_AreRegisteredOnceUnderTheirFullNames_AndReferenced()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, r => r.AvroNamedTypeReferences = true);

        await connection.RegisterSchemasAsync([CustomerMovedKafkaContract.Instance, OrderShippedKafkaContract.Instance]);

        Assert.Equal(
            [Country, Address, "registry.customers.moved-value", "registry.orders.shipped-value"],
            (await registry.GetAllSubjectsAsync()).Order(StringComparer.Ordinal));
        RegisteredSchema country = await registry.GetLatestSchemaAsync(Country);
        Assert.Empty(country.References);
        Assert.Equal("enum", (string?)JsonNode.Parse(country.Schema)!["type"]);
        RegisteredSchema address = await registry.GetLatestSchemaAsync(Address);
        Assert.Equal([new SchemaReference(Country, Country, 1)], address.References);
        Assert.Equal(Country, (string?)JsonNode.Parse(address.Schema)!["fields"]![2]!["type"]); // the enum by name, not its definition

        RegisteredSchema moved = await registry.GetLatestSchemaAsync("registry.customers.moved-value");
        Assert.Equal([new SchemaReference(Address, Address, 1)], moved.References);
        Assert.DoesNotContain("\"fields\":[{\"name\":\"Street\"", moved.Schema, StringComparison.Ordinal);
        RegisteredSchema shipped = await registry.GetLatestSchemaAsync("registry.orders.shipped-value");
        Assert.Equal([new SchemaReference(Address, Address, 1), new SchemaReference(Country, Country, 1)], shipped.References);
        Assert.Equal(connection.GetSchemaId(OrderShippedKafkaContract.Instance), shipped.Id);
    }

    [Fact]
    public async Task ConfluentAvroDeserializer_ReadsTheGeneratedBytesThroughTheReferences()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, r => r.AvroNamedTypeReferences = true);
        await connection.RegisterSchemasAsync([CustomerMovedKafkaContract.Instance, OrderShippedKafkaContract.Instance]);
        byte[] moved = CustomerMovedKafkaContract.Instance.SerializeValue(Moved, connection.GetSchemaId(CustomerMovedKafkaContract.Instance));
        byte[] shipped = OrderShippedKafkaContract.Instance.SerializeValue(Shipped, connection.GetSchemaId(OrderShippedKafkaContract.Instance));

        using var confluent = new ConfluentRegistry.CachedSchemaRegistryClient(new ConfluentRegistry.SchemaRegistryConfig { Url = fake.Url });
        var deserializer = new AvroDeserializer<GenericRecord>(confluent);
        GenericRecord m = await deserializer.DeserializeAsync(moved, isNull: false, new SerializationContext(MessageComponentType.Value, "registry.customers.moved"));
        Assert.Equal("registry.shared.CustomerMoved", m.Schema.Fullname);
        var to = (GenericRecord)m["To"];
        Assert.Equal(Address, to.Schema.Fullname);
        Assert.Equal("Berlin", (string)to["City"]);
        Assert.Equal("DE", ((GenericEnum)to["Country"]).Value);
        Assert.Null(to["PostalCode"]);
        Assert.Equal("1012 LG", (string)((GenericRecord)m["From"])["PostalCode"]);
        GenericRecord s = await deserializer.DeserializeAsync(shipped, isNull: false, new SerializationContext(MessageComponentType.Value, "registry.orders.shipped"));
        Assert.Equal("NL", ((GenericEnum)s["Origin"]).Value);
        Assert.Equal(1_250L, (long)s["WeightGrams"]);
        Assert.Equal("Paris", (string)((GenericRecord)s["Destination"])["City"]);

        // TypedProducer's own reader resolves the references too, back to the contracts.
        Assert.Equal(Moved, await new TypedDeserializer<CustomerMoved>(registry).DeserializeAsync(moved));
        Assert.Equal(Shipped, await new TypedDeserializer<OrderShipped>(registry).DeserializeAsync(shipped));
    }

    [Fact]
    public async Task UseLatestVersion_AcceptsARegisteredSchemaWithReferences_AndLookupFindsIt()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);
        MessageContract[] contracts = [CustomerMovedKafkaContract.Instance, OrderShippedKafkaContract.Instance];
        int registered;
        using (KafkaProducerConnection registering = Connect(registry, r => r.AvroNamedTypeReferences = true))
        {
            await registering.RegisterSchemasAsync(contracts);
            registered = registering.GetSchemaId(CustomerMovedKafkaContract.Instance);
        }

        // The registered version names the address by reference: comparing it with the contract's layout needs them.
        using (KafkaProducerConnection latest = Connect(registry, r => r.UseLatestVersion = true))
        {
            await latest.RegisterSchemasAsync(contracts);
            Assert.Equal(registered, latest.GetSchemaId(CustomerMovedKafkaContract.Instance));
        }

        using KafkaProducerConnection lookup = Connect(registry, r => { r.AvroNamedTypeReferences = true; r.AutoRegisterSchemas = false; });
        await lookup.RegisterSchemasAsync(contracts);
        Assert.Equal(registered, lookup.GetSchemaId(CustomerMovedKafkaContract.Instance));
    }

    [Fact]
    public async Task ATypeDefinedDifferentlyByAnotherContract_StaysInline_AndTheRestIsStillShared()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, r => r.AvroNamedTypeReferences = true);

        await connection.RegisterSchemasAsync([CustomerMovedKafkaContract.Instance, OrderShippedKafkaContract.Instance, ReturnLoggedKafkaContract.Instance]);

        IReadOnlyList<string> subjects = await registry.GetAllSubjectsAsync();
        Assert.DoesNotContain(Address, subjects);
        Assert.Contains(Country, subjects);
        RegisteredSchema moved = await registry.GetLatestSchemaAsync("registry.customers.moved-value");
        Assert.Equal([new SchemaReference(Country, Country, 1)], moved.References);
        Assert.Contains("\"name\":\"PostalAddress\"", moved.Schema, StringComparison.Ordinal);
        byte[] value = CustomerMovedKafkaContract.Instance.SerializeValue(Moved, moved.Id);
        Assert.Equal(Moved, await new TypedDeserializer<CustomerMoved>(registry).DeserializeAsync(value));
    }

    [Fact]
    public async Task Default_RegistersEachSchemaWhole()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, _ => { });

        await connection.RegisterSchemasAsync([CustomerMovedKafkaContract.Instance, OrderShippedKafkaContract.Instance]);

        Assert.Equal(["registry.customers.moved-value", "registry.orders.shipped-value"], (await registry.GetAllSubjectsAsync()).Order(StringComparer.Ordinal));
        RegisteredSchema moved = await registry.GetLatestSchemaAsync("registry.customers.moved-value");
        Assert.Empty(moved.References);
        Assert.Equal(CustomerMovedKafkaContract.AvroSchema, moved.Schema);
    }
}
