using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry.Tests.Contracts;
using TypedProducer.SchemaRegistry.Tests.Infrastructure;

namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>
/// How <see cref="KafkaProducerConnection.RegisterSchemasAsync"/> chooses each contract's schema id (the Confluent
/// serializers' modes): auto-register, lookup, use-latest-version, fixed id; and how it fails.
/// </summary>
public sealed class SchemaIdResolutionTests
{
    private const string Subject = "registry.payments-value";

    private static KafkaProducerConnection Connect(ISchemaRegistryClient registry, Action<SchemaRegistryOptions>? configure = null)
    {
        // Resolving ids needs no broker: librdkafka connects lazily, and nothing is produced.
        var options = new TypedProducerOptions { BootstrapServers = "127.0.0.1:1", FlushTimeout = TimeSpan.Zero };
        configure?.Invoke(options.SchemaRegistry);
        return new KafkaProducerConnection(Options.Create(options), registry);
    }

    private static HttpSchemaRegistryClient Http(FakeSchemaRegistry fake) =>
        new(new SchemaRegistryOptions { Url = fake.Url, MaxRetries = 1, RetryBackoff = TimeSpan.FromMilliseconds(10) });

    [Fact]
    public async Task Default_RegistersUnderTheTopicNameSubject()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry);

        await connection.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]);

        int id = connection.GetSchemaId(PaymentReceivedKafkaContract.Instance);
        RegisteredSchema registered = await registry.GetLatestSchemaAsync(Subject);
        Assert.Equal(id, registered.Id);
        Assert.Equal(PaymentReceivedKafkaContract.AvroSchema, registered.Schema);
        Assert.Contains("POST /subjects/registry.payments-value/versions", fake.Requests);
    }

    [Fact]
    public async Task NormalizeSchemas_RegistersWithNormalizeTrue()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, o => o.NormalizeSchemas = true);

        await connection.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]);

        Assert.Contains("POST /subjects/registry.payments-value/versions?normalize=true", fake.Requests);
    }

    [Fact]
    public async Task AutoRegisterOff_LooksUpTheRegisteredSchemaAndNeverRegisters()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.CompatibilityAnswer = true;
        fake.Register(Subject, RegistrySemanticsTests.PaymentV1);
        int expected = fake.Register(Subject, PaymentReceivedKafkaContract.AvroSchema);
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, o => o.AutoRegisterSchemas = false);

        await connection.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]);

        Assert.Equal(expected, connection.GetSchemaId(PaymentReceivedKafkaContract.Instance));
        Assert.Equal(0, fake.CountRequests("POST /subjects/registry.payments-value/versions"));
        Assert.Equal(1, fake.Requests.Count(r => r == "POST /subjects/registry.payments-value"));
    }

    [Fact]
    public async Task AutoRegisterOffAndSchemaNotRegistered_FailsWith40403NamingSubject()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.Register(Subject, RegistrySemanticsTests.PaymentV1);
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, o => o.AutoRegisterSchemas = false);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => connection.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]));

        Assert.Equal(SchemaRegistryErrorCodes.SchemaNotFound, ex.ErrorCode);
        Assert.Contains("PaymentReceived", ex.Message);
        Assert.Contains($"subject '{Subject}'", ex.Message);
        Assert.Contains("AutoRegisterSchemas is false", ex.Message);
        Assert.Contains(fake.Url, ex.Message);
    }

    [Fact]
    public async Task UseLatestVersion_TakesTheLatestIdWhenItEncodesAsTheContract()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.CompatibilityAnswer = true;
        fake.Register(Subject, RegistrySemanticsTests.PaymentV1);
        // The same layout with a doc and other whitespace: a different schema text, the same bytes.
        string documented = PaymentReceivedKafkaContract.AvroSchema.Replace("\"name\":\"PaymentReceived\"", "\"name\":\"PaymentReceived\",  \"doc\":\"registered by the payments team\"");
        Assert.NotEqual(PaymentReceivedKafkaContract.AvroSchema, documented);
        int latest = fake.Register(Subject, documented);
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, o => o.UseLatestVersion = true);

        await connection.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]);

        Assert.Equal(latest, connection.GetSchemaId(PaymentReceivedKafkaContract.Instance));
        Assert.Equal(0, fake.CountRequests("POST "));
    }

    [Fact]
    public async Task UseLatestVersion_RefusesALatestVersionWithAnotherLayout()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.CompatibilityAnswer = true;
        fake.Register(Subject, PaymentReceivedKafkaContract.AvroSchema);
        string evolved = PaymentReceivedKafkaContract.AvroSchema.Replace("]}", ",{\"name\":\"Channel\",\"type\":\"string\",\"default\":\"web\"}]}");
        fake.Register(Subject, evolved);
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, o => o.UseLatestVersion = true);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => connection.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]));

        Assert.Equal(SchemaRegistryErrorCodes.IncompatibleSchema, ex.ErrorCode);
        Assert.Equal((Subject, 2), (ex.Subject, ex.Version));
        Assert.Contains("version 2", ex.Message);
        Assert.Contains("'Channel'", ex.Message);
        Assert.Contains(fake.Url, ex.Message);
    }

    [Fact]
    public async Task UseLatestVersionWithoutSubject_Fails40401()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, o => o.UseLatestVersion = true);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => connection.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]));

        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, ex.ErrorCode);
        Assert.Contains("latest version (Kafka:SchemaRegistry:UseLatestVersion)", ex.Message);
    }

    [Theory]
    [InlineData("registry.tests.PaymentReceived")]
    [InlineData("registry.payments")]
    public async Task FixedSchemaId_ByFullNameOrTopic_IsUsedAfterCheckingItsLayout(string key)
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.Register("elsewhere", RegistrySemanticsTests.PaymentV1);
        int id = fake.Register("payments-by-hand", PaymentReceivedKafkaContract.AvroSchema);
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, o => o.SchemaIds[key] = id);

        await connection.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]);

        Assert.Equal(id, connection.GetSchemaId(PaymentReceivedKafkaContract.Instance));
        Assert.Equal(0, fake.CountRequests("POST "));
        Assert.Equal(1, fake.CountRequests($"GET /schemas/ids/{id}"));
    }

    [Fact]
    public async Task FixedSchemaIdOfAnotherSchema_IsRefused()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        int other = fake.Register("elsewhere", RegistrySemanticsTests.PaymentV1);
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, o => o.SchemaIds["registry.tests.PaymentReceived"] = other);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => connection.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]));

        Assert.Equal(SchemaRegistryErrorCodes.IncompatibleSchema, ex.ErrorCode);
        Assert.Contains($"schema id {other}", ex.Message);
        Assert.Contains("Kafka:SchemaRegistry:SchemaIds:registry.tests.PaymentReceived", ex.Message);
        Assert.Contains("t.Payment", ex.Message);
    }

    [Fact]
    public async Task FixedSchemaIdUnknown_Fails40403()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using HttpSchemaRegistryClient registry = Http(fake);
        using KafkaProducerConnection connection = Connect(registry, o => o.SchemaIds["registry.payments"] = 77);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => connection.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]));

        Assert.Equal(SchemaRegistryErrorCodes.SchemaNotFound, ex.ErrorCode);
        Assert.Contains("fixed schema id 77", ex.Message);
    }

    [Fact]
    public async Task ModesWorkTheSameWithTheInMemoryRegistry()
    {
        var registry = new InMemorySchemaRegistryClient();
        int id = await registry.RegisterSchemaAsync(Subject, PaymentReceivedKafkaContract.AvroSchema, SchemaType.Avro);
        using KafkaProducerConnection latest = Connect(registry, o => o.UseLatestVersion = true);
        using KafkaProducerConnection lookup = Connect(registry, o => o.AutoRegisterSchemas = false);
        using KafkaProducerConnection fixedId = Connect(registry, o => o.SchemaIds["registry.payments"] = id);

        await latest.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]);
        await lookup.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]);
        await fixedId.RegisterSchemasAsync([PaymentReceivedKafkaContract.Instance]);
        var missing = await Assert.ThrowsAsync<SchemaRegistryException>(() => lookup.RegisterSchemasAsync([RefundIssuedKafkaContract.Instance]));

        Assert.Equal([id, id, id], new[] { latest, lookup, fixedId }.Select(c => c.GetSchemaId(PaymentReceivedKafkaContract.Instance)));
        Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, missing.ErrorCode);
        Assert.Contains("in-memory schema registry", missing.Message);
    }
}
