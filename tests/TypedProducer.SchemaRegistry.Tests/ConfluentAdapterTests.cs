using Microsoft.Extensions.DependencyInjection;
using TypedProducer.SchemaRegistry.Tests.Infrastructure;
using ConfluentRegistry = global::Confluent.SchemaRegistry;

namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>
/// <see cref="ConfluentSchemaRegistryClient"/> over Confluent's CachedSchemaRegistryClient against the fake registry
/// answers what <see cref="HttpSchemaRegistryClient"/> answers for the same operations, and its DI registration
/// replaces the built-in clients.
/// </summary>
public sealed class ConfluentAdapterTests
{
    private const string Address = """{"type":"record","name":"Address","namespace":"t","fields":[{"name":"city","type":"string"}]}""";
    private const string Person = """{"type":"record","name":"Person","namespace":"t","fields":[{"name":"name","type":"string"},{"name":"home","type":"t.Address"}]}""";
    private const string Proto = "syntax = \"proto3\";\npackage t;\nmessage Payment { string id = 1; }\n";

    [Fact]
    public async Task SameOperationsThroughHttpClientAndAdapter_GiveTheSameIdsVersionsAndSchemas()
    {
        await using RegistryUnderTest http = await RegistryUnderTest.CreateAsync("http");
        await using RegistryUnderTest confluent = await RegistryUnderTest.CreateAsync("confluent");

        List<string> throughHttp = await RunScriptAsync(http.Client);
        List<string> throughAdapter = await RunScriptAsync(confluent.Client);

        Assert.Equal(throughHttp, throughAdapter);
        // The script saw three distinct ids and a second version: the comparison is not between two empty answers.
        Assert.Contains("register payments-value v2 -> 2", throughHttp);
        Assert.Contains("register people-value -> 4", throughHttp);
    }

    // Registration, lookup, by id, by version, latest, subjects, versions, references, compatibility: one line per answer.
    private static async Task<List<string>> RunScriptAsync(ISchemaRegistryClient client)
    {
        var log = new List<string>();
        int v1 = await client.RegisterSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV1));
        log.Add($"register payments-value v1 -> {v1}");
        log.Add($"register other-value v1 -> {await client.RegisterSchemaAsync("other-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV1))}");
        log.Add($"register payments-value v2 -> {await client.RegisterSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV2WithDefault))}");
        log.Add($"register t.Address -> {await client.RegisterSchemaAsync("t.Address", new SchemaDefinition(Address))}");
        int person = await client.RegisterSchemaAsync("people-value", new SchemaDefinition(Person, SchemaType.Avro, [new SchemaReference("t.Address", "t.Address", 1)]));
        log.Add($"register people-value -> {person}");
        log.Add($"register proto-value -> {await client.RegisterSchemaAsync("proto-value", new SchemaDefinition(Proto, SchemaType.Protobuf))}");
        log.Add("lookup " + Describe(await client.LookupSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV1))));
        log.Add("by id " + Describe(await client.GetSchemaAsync(person)));
        log.Add("by id in subject " + Describe(await client.GetSchemaBySubjectAndIdAsync("people-value", person)));
        log.Add("by version " + Describe(await client.GetRegisteredSchemaAsync("payments-value", 1)));
        log.Add("latest " + Describe(await client.GetLatestSchemaAsync("payments-value")));
        log.Add("latest proto " + Describe(await client.GetLatestSchemaAsync("proto-value")));
        log.Add("subjects " + string.Join(",", await client.GetAllSubjectsAsync()));
        log.Add("versions " + string.Join(",", await client.GetSubjectVersionsAsync("payments-value")));
        log.Add("compatible v3 without default " + (await client.TestCompatibilityAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV2WithoutDefault))).IsCompatible);
        log.Add("compatible v2 " + (await client.TestCompatibilityAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV2WithDefault), version: 2)).IsCompatible);
        log.Add("level " + await client.GetCompatibilityAsync("payments-value") + " global " + await client.GetCompatibilityAsync());
        var incompatible = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV2WithoutDefault)));
        log.Add($"incompatible {incompatible.ErrorCode} {incompatible.HttpStatusCode} {incompatible.Subject} {incompatible.Version}");
        var missing = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetRegisteredSchemaAsync("payments-value", 9));
        log.Add($"missing {missing.ErrorCode} {missing.HttpStatusCode} {missing.Subject} {missing.Version}");
        return log;
    }

    private static string Describe(RegisteredSchema schema) =>
        $"{schema.Id} {schema.Subject} {schema.Version} {schema.SchemaType} {schema.Schema} [{string.Join(";", schema.References.Select(r => $"{r.Name} {r.Subject} {r.Version}"))}]";

    [Fact]
    public async Task TestCompatibilityAgainstAnOlderVersion_ThrowsNotSupportedNamingTheLatest()
    {
        await using RegistryUnderTest confluent = await RegistryUnderTest.CreateAsync("confluent");
        await confluent.Client.RegisterSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV1));
        await confluent.Client.RegisterSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV2WithDefault));

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => confluent.Client.TestCompatibilityAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV1), version: 1));

        Assert.Contains("version 2", ex.Message);
        Assert.Contains("payments-value", ex.Message);
    }

    [Fact]
    public async Task UnreachableRegistry_ThrowsNoResponse()
    {
        FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        string url = fake.Url;
        await fake.DisposeAsync();
        using var inner = new ConfluentRegistry.CachedSchemaRegistryClient(new ConfluentRegistry.SchemaRegistryConfig { Url = url, MaxRetries = 1 });
        var client = new ConfluentSchemaRegistryClient(inner);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV1)));

        Assert.Equal(SchemaRegistryErrorCodes.NoResponse, ex.ErrorCode);
        Assert.True(ex.IsTransient);
        Assert.Contains("payments-value", ex.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddTypedProducerConfluentSchemaRegistry_BeforeOrAfterAddTypedProducers_UsesTheRegisteredConfluentClient(bool before)
    {
        using var confluent = new ConfluentRegistry.CachedSchemaRegistryClient(new ConfluentRegistry.SchemaRegistryConfig { Url = "http://127.0.0.1:1" });
        var services = new ServiceCollection();
        services.AddSingleton<ConfluentRegistry.ISchemaRegistryClient>(confluent);
        if (before)
        {
            services.AddTypedProducerConfluentSchemaRegistry();
        }

        services.AddTypedProducerRuntime(o => o.Embedded.Enabled = true);
        if (!before)
        {
            services.AddTypedProducerConfluentSchemaRegistry();
        }

        using ServiceProvider provider = services.BuildServiceProvider();
        var adapter = Assert.IsType<ConfluentSchemaRegistryClient>(provider.GetRequiredService<ISchemaRegistryClient>());
        Assert.Same(confluent, adapter.Inner);
        Assert.Single(services, d => d.ServiceType == typeof(ISchemaRegistryClient));
    }

    [Fact]
    public void AddTypedProducerConfluentSchemaRegistry_WithoutAConfluentClient_BuildsOneFromKafkaSchemaRegistry()
    {
        var services = new ServiceCollection();
        services.AddTypedProducerRuntime(o => o.SchemaRegistry.Url = "http://registry-1:8081");
        services.AddTypedProducerConfluentSchemaRegistry();
        using ServiceProvider provider = services.BuildServiceProvider();

        var adapter = Assert.IsType<ConfluentSchemaRegistryClient>(provider.GetRequiredService<ISchemaRegistryClient>());
        Assert.IsType<ConfluentRegistry.CachedSchemaRegistryClient>(adapter.Inner);
        Assert.Same(provider.GetRequiredService<ConfluentRegistry.ISchemaRegistryClient>(), adapter.Inner);
    }

    [Fact]
    public void ToConfluentConfig_MapsUrlCredentialsTlsRetriesAndCache()
    {
        var options = new SchemaRegistryOptions
        {
            Url = "https://r1:8081,https://r2:8081",
            Username = "svc",
            Password = "secret",
            SslCaLocation = "/etc/ca.pem",
            SslKeystoreLocation = "/etc/client.p12",
            SslKeystorePassword = "pw",
            EnableSslCertificateVerification = false,
            RequestTimeout = TimeSpan.FromSeconds(7),
            MaxRetries = 5,
            RetryBackoff = TimeSpan.FromMilliseconds(250),
            MaxRetryBackoff = TimeSpan.FromSeconds(4),
            MaxCachedSchemas = 17,
        };

        ConfluentRegistry.SchemaRegistryConfig config = ConfluentSchemaRegistryServiceCollectionExtensions.ToConfluentConfig(options);

        Assert.Equal("https://r1:8081,https://r2:8081", config.Url);
        Assert.Equal(ConfluentRegistry.AuthCredentialsSource.UserInfo, config.BasicAuthCredentialsSource);
        Assert.Equal("svc:secret", config.BasicAuthUserInfo);
        Assert.Equal(("/etc/ca.pem", "/etc/client.p12", "pw", false), (config.SslCaLocation, config.SslKeystoreLocation, config.SslKeystorePassword, config.EnableSslCertificateVerification));
        Assert.Equal((7000, 6, 250, 4000, 17), (config.RequestTimeoutMs, config.MaxRetries, config.RetriesWaitMs, config.RetriesMaxWaitMs, config.MaxCachedSchemas));
    }

    [Fact]
    public void ToConfluentConfig_WithoutUrlOrWithPemCertificate_ThrowsNamingTheSetting()
    {
        var noUrl = Assert.Throws<InvalidOperationException>(() => ConfluentSchemaRegistryServiceCollectionExtensions.ToConfluentConfig(new SchemaRegistryOptions()));
        var pem = Assert.Throws<NotSupportedException>(() => ConfluentSchemaRegistryServiceCollectionExtensions.ToConfluentConfig(new SchemaRegistryOptions { Url = "http://r:8081", SslCertificateLocation = "/etc/client.pem" }));

        Assert.Contains("Kafka:SchemaRegistry:Url", noUrl.Message);
        Assert.Contains("SslCertificateLocation", pem.Message);
    }
}
