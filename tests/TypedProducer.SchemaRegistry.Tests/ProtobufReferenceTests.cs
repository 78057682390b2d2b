using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry.Tests.Infrastructure;
using TypedProducer.SchemaRegistry.Tests.Protos.Payments;
using TypedProducer.SchemaRegistry.Tests.Protos.Shared;
using ConfluentRegistry = Confluent.SchemaRegistry;

namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>
/// Protobuf imports beyond the files Schema Registry ships are registered as schema references (Confluent Schema
/// Registry, "Schema references"; the way Confluent's ProtobufSerializer registers them): payments.proto imports
/// money.proto (which imports currency.proto), currency.proto and google/protobuf/timestamp.proto. The fake registry
/// refuses a Protobuf schema with an import that is neither shipped nor a reference, as Schema Registry does (42201).
/// </summary>
public sealed class ProtobufReferenceTests
{
    private const string Subject = "registry.payments.captured-value";
    private const string MoneyProto = "acme/shared/money.proto";
    private const string CurrencyProto = "acme/shared/currency.proto";

    public static TheoryData<string> Clients => new() { "http", "confluent" };

    // Our HTTP client, or Confluent's CachedSchemaRegistryClient through the adapter; the second item disposes it.
    private static (ISchemaRegistryClient Client, IDisposable Lifetime) Client(string kind, FakeSchemaRegistry fake)
    {
        if (kind == "http")
        {
            var http = Http(fake);
            return (http, http);
        }

        var confluent = new ConfluentRegistry.CachedSchemaRegistryClient(new ConfluentRegistry.SchemaRegistryConfig { Url = fake.Url, MaxRetries = 1 });
        return (new ConfluentSchemaRegistryClient(confluent), confluent);
    }

    private static HttpSchemaRegistryClient Http(FakeSchemaRegistry fake) =>
        new(new SchemaRegistryOptions { Url = fake.Url, MaxRetries = 1, RetryBackoff = TimeSpan.FromMilliseconds(10) });

    private static KafkaProducerConnection Connect(ISchemaRegistryClient registry, bool autoRegister = true)
    {
        // Resolving ids needs no broker: librdkafka connects lazily, and nothing is produced.
        var options = new TypedProducerOptions { BootstrapServers = "127.0.0.1:1", FlushTimeout = TimeSpan.Zero };
        options.SchemaRegistry.AutoRegisterSchemas = autoRegister;
        return new KafkaProducerConnection(Options.Create(options), registry);
    }

    private static string Base64(FileDescriptor file) => file.SerializedData.ToBase64();

    [Fact]
    public void ValueSchema_ListsTheUserImportsWithTheirOwnImports()
    {
        MessageSchema schema = PaymentCapturedKafkaContract.Instance.ValueSchema;

        Assert.Equal(Base64(PaymentCaptured.Descriptor.File), schema.Schema);
        Assert.Equal([MoneyProto, CurrencyProto], schema.References.Select(r => r.Name));
        MessageSchemaReference money = schema.References[0];
        Assert.Equal(Base64(Money.Descriptor.File), money.Schema);
        Assert.Equal(SchemaType.Protobuf, money.SchemaType);
        MessageSchemaReference currency = Assert.Single(money.References);
        Assert.Equal(CurrencyProto, currency.Name);
        Assert.Equal(Base64(Currency.Descriptor.File), currency.Schema);
        Assert.Empty(currency.References);
        Assert.Equal(Base64(Currency.Descriptor.File), schema.References[1].Schema);
    }

    [Fact]
    public void KnownToRegistry_IsWhatSchemaRegistryShips()
    {
        Assert.True(MessageSchemaReference.IsKnownToRegistry("google/protobuf/timestamp.proto"));
        Assert.True(MessageSchemaReference.IsKnownToRegistry("google/type/decimal.proto"));
        Assert.True(MessageSchemaReference.IsKnownToRegistry("confluent/meta.proto"));
        Assert.False(MessageSchemaReference.IsKnownToRegistry(MoneyProto));
        Assert.False(MessageSchemaReference.IsKnownToRegistry("google/api/annotations.proto"));
    }

    [Fact]
    public async Task WithoutReferences_TheRegistryRefusesTheFile()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            registry.RegisterSchemaAsync(Subject, new SchemaDefinition(Base64(PaymentCaptured.Descriptor.File), SchemaType.Protobuf)));

        Assert.Equal(42201, ex.ErrorCode);
        Assert.Contains(MoneyProto, ex.Message);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Registration_RegistersEachImportUnderItsPathFirst_AndTheValueSchemaReferencesThem(string client)
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        (ISchemaRegistryClient registry, IDisposable lifetime) = Client(client, fake);
        using (lifetime)
        using (KafkaProducerConnection connection = Connect(registry))
        {
            await connection.RegisterSchemasAsync([PaymentCapturedKafkaContract.Instance]);

            RegisteredSchema value = await registry.GetLatestSchemaAsync(Subject);
            Assert.Equal(connection.GetSchemaId(PaymentCapturedKafkaContract.Instance), value.Id);
            Assert.Equal(Base64(PaymentCaptured.Descriptor.File), value.Schema);
            Assert.Equal([new SchemaReference(MoneyProto, MoneyProto, 1), new SchemaReference(CurrencyProto, CurrencyProto, 1)], value.References);

            RegisteredSchema money = await registry.GetRegisteredSchemaAsync(MoneyProto, 1);
            Assert.Equal(Base64(Money.Descriptor.File), money.Schema);
            Assert.Equal([new SchemaReference(CurrencyProto, CurrencyProto, 1)], money.References);
            RegisteredSchema currency = await registry.GetRegisteredSchemaAsync(CurrencyProto, 1);
            Assert.Equal(Base64(Currency.Descriptor.File), currency.Schema);
            Assert.Empty(currency.References);

            // Only the user files get subjects; the well-known import is the registry's own.
            Assert.Equal([CurrencyProto, MoneyProto, Subject], (await registry.GetAllSubjectsAsync()).Order(StringComparer.Ordinal));
            string[] posts = fake.Requests.Where(r => r.StartsWith("POST /subjects/", StringComparison.Ordinal) && r.Contains("/versions", StringComparison.Ordinal)).ToArray();
            Assert.True(Array.FindIndex(posts, p => p.Contains("currency.proto", StringComparison.Ordinal)) < Array.FindIndex(posts, p => p.Contains("money.proto", StringComparison.Ordinal)));
            Assert.Contains(Subject, posts[^1]);
        }
    }

    [Fact]
    public async Task RegistryResolvingConsumer_RebuildsTheDescriptorsFromTheReferences_AndReadsTheValue()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry);
        await connection.RegisterSchemasAsync([PaymentCapturedKafkaContract.Instance]);
        int id = connection.GetSchemaId(PaymentCapturedKafkaContract.Instance);
        var message = new PaymentCaptured
        {
            PaymentId = "p-7",
            Amount = new Money { Currency = new Currency { Code = "EUR", MinorUnits = 2 }, AmountMinor = 12_345 },
            SettlementCurrency = new Currency { Code = "USD", MinorUnits = 2 },
            CapturedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 3, 19, 0, 0, TimeSpan.Zero)),
        };
        byte[] value = PaymentCapturedKafkaContract.Instance.SerializeValue(message, id);

        // What a consumer that knows nothing but the schema id does: fetch the writer's schema and, depth first, every
        // reference, then build the file descriptors from the registry's bytes alone (timestamp.proto is the registry's).
        RegisteredSchema writer = await registry.GetSchemaAsync(id);
        var files = new List<ByteString> { Timestamp.Descriptor.File.SerializedData };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        async Task AddAsync(IReadOnlyList<SchemaReference> references)
        {
            foreach (SchemaReference reference in references)
            {
                RegisteredSchema schema = await registry.GetRegisteredSchemaAsync(reference.Subject, reference.Version);
                await AddAsync(schema.References);
                if (seen.Add(reference.Name))
                {
                    files.Add(ByteString.FromBase64(schema.Schema));
                }
            }
        }

        await AddAsync(writer.References);
        files.Add(ByteString.FromBase64(writer.Schema));
        FileDescriptor rebuilt = FileDescriptor.BuildFromByteStrings(files)[^1];

        MessageDescriptor captured = rebuilt.MessageTypes[value[5]]; // message index [0]: one byte 0 after the schema id
        Assert.Equal("acme.payments.PaymentCaptured", captured.FullName);
        Assert.Equal("acme.shared.Money", captured.FindFieldByName("amount").MessageType.FullName);
        Assert.Equal("acme.shared.Currency", captured.FindFieldByName("amount").MessageType.FindFieldByName("currency").MessageType.FullName);
        Assert.Equal(MoneyProto, captured.FindFieldByName("amount").MessageType.File.Name);
        Assert.Equal(message, PaymentCaptured.Parser.ParseFrom(value.AsSpan(6)));

        // And TypedProducer's own consumer side, through the registry.
        var deserializer = new TypedDeserializer<PaymentCaptured>(registry);
        Assert.Equal(message, await deserializer.DeserializeAsync(value));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Lookup_FindsTheRegisteredReferences_OrNamesTheMissingImport(string client)
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        (ISchemaRegistryClient registry, IDisposable lifetime) = Client(client, fake);
        using (lifetime)
        {
            using (KafkaProducerConnection lookupFirst = Connect(registry, autoRegister: false))
            {
                var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => lookupFirst.RegisterSchemasAsync([PaymentCapturedKafkaContract.Instance]));
                Assert.Contains($"'{MoneyProto}'", ex.Message);
                Assert.Contains(nameof(PaymentCaptured), ex.Message);
            }

            int registered;
            using (KafkaProducerConnection registering = Connect(registry))
            {
                await registering.RegisterSchemasAsync([PaymentCapturedKafkaContract.Instance]);
                registered = registering.GetSchemaId(PaymentCapturedKafkaContract.Instance);
            }

            using KafkaProducerConnection lookup = Connect(registry, autoRegister: false);
            await lookup.RegisterSchemasAsync([PaymentCapturedKafkaContract.Instance]);
            Assert.Equal(registered, lookup.GetSchemaId(PaymentCapturedKafkaContract.Instance));
        }
    }
}
