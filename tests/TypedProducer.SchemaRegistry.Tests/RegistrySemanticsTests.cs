using TypedProducer.SchemaRegistry.Tests.Infrastructure;

namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>
/// The registry semantics both clients keep (Confluent Schema Registry REST API): ids global and shared by equal
/// schemas, versions per subject, the documented error codes. Each test runs against the in-memory client, the HTTP
/// client talking to the fake registry on loopback, and the adapter over Confluent's CachedSchemaRegistryClient talking
/// to the same fake.
/// </summary>
public sealed class RegistrySemanticsTests
{
    internal const string PaymentV1 = """{"type":"record","name":"Payment","namespace":"t","fields":[{"name":"id","type":"string"}]}""";
    internal const string PaymentV2WithDefault = """{"type":"record","name":"Payment","namespace":"t","fields":[{"name":"id","type":"string"},{"name":"amount","type":"long","default":0}]}""";
    internal const string PaymentV2WithoutDefault = """{"type":"record","name":"Payment","namespace":"t","fields":[{"name":"id","type":"string"},{"name":"currency","type":"string"}]}""";

    private static readonly SchemaDefinition s_v1 = new(PaymentV1);

    [Theory]
    [MemberData(nameof(RegistryUnderTest.Kinds), MemberType = typeof(RegistryUnderTest))]
    public async Task SameSchemaUnderTwoSubjects_GetsOneIdAndVersionOneInEach(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);

        int first = await registry.Client.RegisterSchemaAsync("a-value", s_v1);
        int second = await registry.Client.RegisterSchemaAsync("b-value", s_v1);
        int again = await registry.Client.RegisterSchemaAsync("a-value", PaymentV1, SchemaType.Avro);

        Assert.Equal(first, second);
        Assert.Equal(first, again);
        Assert.Equal([1], await registry.Client.GetSubjectVersionsAsync("a-value"));
        Assert.Equal(["a-value", "b-value"], await registry.Client.GetAllSubjectsAsync());
        RegisteredSchema version = await registry.Client.GetRegisteredSchemaAsync("b-value", 1);
        Assert.Equal((first, "b-value", 1, SchemaType.Avro), (version.Id, version.Subject, version.Version, version.SchemaType));
    }

    [Theory]
    [MemberData(nameof(RegistryUnderTest.Kinds), MemberType = typeof(RegistryUnderTest))]
    public async Task CompatibleEvolution_AddsVersionTwoWithANewId(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);
        int v1 = await registry.Client.RegisterSchemaAsync("payments-value", s_v1);

        int v2 = await registry.Client.RegisterSchemaAsync("payments-value", new SchemaDefinition(PaymentV2WithDefault));

        Assert.NotEqual(v1, v2);
        RegisteredSchema latest = await registry.Client.GetLatestSchemaAsync("payments-value");
        Assert.Equal((v2, 2), (latest.Id, latest.Version));
        Assert.Equal(PaymentV2WithDefault, latest.Schema);
        RegisteredSchema looked = await registry.Client.LookupSchemaAsync("payments-value", s_v1);
        Assert.Equal((v1, 1, "payments-value"), (looked.Id, looked.Version, looked.Subject));
    }

    [Theory]
    [MemberData(nameof(RegistryUnderTest.Kinds), MemberType = typeof(RegistryUnderTest))]
    public async Task IncompatibleEvolution_Throws409NamingSubjectAndVersion(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);
        await registry.Client.RegisterSchemaAsync("payments-value", s_v1);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.Client.RegisterSchemaAsync("payments-value", new SchemaDefinition(PaymentV2WithoutDefault)));

        Assert.Equal(SchemaRegistryErrorCodes.IncompatibleSchema, ex.ErrorCode);
        Assert.Equal("payments-value", ex.Subject);
        Assert.Equal(1, ex.Version);
        Assert.Contains("payments-value", ex.Message);
        Assert.Contains("version 1", ex.Message);
        Assert.Equal([1], await registry.Client.GetSubjectVersionsAsync("payments-value"));
    }

    [Theory]
    [MemberData(nameof(RegistryUnderTest.Kinds), MemberType = typeof(RegistryUnderTest))]
    public async Task UnknownSubject_Throws40401(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);

        foreach (Func<Task> call in new Func<Task>[]
        {
            () => registry.Client.GetLatestSchemaAsync("nobody-value"),
            () => registry.Client.GetRegisteredSchemaAsync("nobody-value", 1),
            () => registry.Client.GetSubjectVersionsAsync("nobody-value"),
            () => registry.Client.LookupSchemaAsync("nobody-value", s_v1),
            () => registry.Client.TestCompatibilityAsync("nobody-value", s_v1, version: 1),
        })
        {
            var ex = await Assert.ThrowsAsync<SchemaRegistryException>(call);
            Assert.Equal(SchemaRegistryErrorCodes.SubjectNotFound, ex.ErrorCode);
            Assert.Equal("nobody-value", ex.Subject);
            Assert.Contains("nobody-value", ex.Message);
        }
    }

    [Theory]
    [MemberData(nameof(RegistryUnderTest.Kinds), MemberType = typeof(RegistryUnderTest))]
    public async Task UnknownVersion_Throws40402AndVersionZero_Throws42202(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);
        await registry.Client.RegisterSchemaAsync("payments-value", s_v1);

        var missing = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.Client.GetRegisteredSchemaAsync("payments-value", 7));
        var invalid = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.Client.GetRegisteredSchemaAsync("payments-value", 0));
        var missingCompat = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.Client.TestCompatibilityAsync("payments-value", s_v1, version: 7));

        Assert.Equal((SchemaRegistryErrorCodes.VersionNotFound, 7), (missing.ErrorCode, missing.Version));
        Assert.Contains("payments-value", missing.Message);
        Assert.Contains("7", missing.Message);
        Assert.Equal(SchemaRegistryErrorCodes.InvalidVersion, invalid.ErrorCode);
        Assert.Equal(SchemaRegistryErrorCodes.VersionNotFound, missingCompat.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(RegistryUnderTest.Kinds), MemberType = typeof(RegistryUnderTest))]
    public async Task UnknownIdOrUnregisteredSchema_Throws40403(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);
        await registry.Client.RegisterSchemaAsync("payments-value", s_v1);

        var byId = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.Client.GetSchemaAsync(999));
        var lookup = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.Client.LookupSchemaAsync("payments-value", new SchemaDefinition(PaymentV2WithDefault)));

        Assert.Equal(SchemaRegistryErrorCodes.SchemaNotFound, byId.ErrorCode);
        Assert.Contains("999", byId.Message);
        Assert.Equal(SchemaRegistryErrorCodes.SchemaNotFound, lookup.ErrorCode);
        Assert.Contains("payments-value", lookup.Message);
    }

    [Theory]
    [MemberData(nameof(RegistryUnderTest.Kinds), MemberType = typeof(RegistryUnderTest))]
    public async Task InvalidSchema_Throws42201(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);

        var notJson = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.Client.RegisterSchemaAsync("broken-value", new SchemaDefinition("{\"type\": ")));
        var noType = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.Client.RegisterSchemaAsync("broken-value", new SchemaDefinition("{\"name\": \"x\"}")));

        Assert.Equal(SchemaRegistryErrorCodes.InvalidSchema, notJson.ErrorCode);
        Assert.Equal(SchemaRegistryErrorCodes.InvalidSchema, noType.ErrorCode);
        Assert.Contains("broken-value", notJson.Message);
        await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.Client.GetLatestSchemaAsync("broken-value"));
    }

    [Theory]
    [MemberData(nameof(RegistryUnderTest.OwnKinds), MemberType = typeof(RegistryUnderTest))]
    public async Task TestCompatibility_AnswersPerVersionWithVerboseReasons(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);

        CompatibilityCheckResult noSubjectYet = await registry.Client.TestCompatibilityAsync("payments-value", s_v1);
        await registry.Client.RegisterSchemaAsync("payments-value", s_v1);
        CompatibilityCheckResult compatible = await registry.Client.TestCompatibilityAsync("payments-value", new SchemaDefinition(PaymentV2WithDefault));
        CompatibilityCheckResult terse = await registry.Client.TestCompatibilityAsync("payments-value", new SchemaDefinition(PaymentV2WithoutDefault), version: 1);
        CompatibilityCheckResult verbose = await registry.Client.TestCompatibilityAsync("payments-value", new SchemaDefinition(PaymentV2WithoutDefault), verbose: true);

        Assert.True(noSubjectYet.IsCompatible);
        Assert.True(compatible.IsCompatible);
        Assert.False(terse.IsCompatible);
        Assert.Empty(terse.Messages);
        Assert.False(verbose.IsCompatible);
        Assert.Contains(verbose.Messages, m => m.Contains("READER_FIELD_MISSING_DEFAULT_VALUE") && m.Contains("currency"));
        Assert.Equal(CompatibilityLevel.Backward, await registry.Client.GetCompatibilityAsync("payments-value"));
        Assert.Equal(CompatibilityLevel.Backward, await registry.Client.GetCompatibilityAsync());
    }

    [Theory]
    [MemberData(nameof(RegistryUnderTest.Kinds), MemberType = typeof(RegistryUnderTest))]
    public async Task SchemaWithReference_IsRegisteredAndReadBackWithItsReferences(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);
        const string address = """{"type":"record","name":"Address","namespace":"t","fields":[{"name":"city","type":"string"}]}""";
        const string person = """{"type":"record","name":"Person","namespace":"t","fields":[{"name":"name","type":"string"},{"name":"home","type":"t.Address"}]}""";
        await registry.Client.RegisterSchemaAsync("t.Address", new SchemaDefinition(address));

        int id = await registry.Client.RegisterSchemaAsync("people-value", new SchemaDefinition(person, SchemaType.Avro, [new SchemaReference("t.Address", "t.Address", 1)]));
        var dangling = await Assert.ThrowsAsync<SchemaRegistryException>(() =>
            registry.Client.RegisterSchemaAsync("others-value", new SchemaDefinition(person, SchemaType.Avro, [new SchemaReference("t.Address", "t.Address", 2)])));

        RegisteredSchema read = await registry.Client.GetSchemaAsync(id);
        SchemaReference reference = Assert.Single(read.References);
        Assert.Equal(("t.Address", "t.Address", 1), (reference.Name, reference.Subject, reference.Version));
        Assert.Equal(SchemaRegistryErrorCodes.InvalidSchema, dangling.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(RegistryUnderTest.Kinds), MemberType = typeof(RegistryUnderTest))]
    public async Task JsonAndProtobufSchemas_KeepTheirSchemaType(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);
        const string json = """{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"id":{"type":"string"}}}""";
        const string proto = "syntax = \"proto3\";\npackage t;\nmessage Payment { string id = 1; }\n";

        int jsonId = await registry.Client.RegisterSchemaAsync("json-value", new SchemaDefinition(json, SchemaType.Json));
        int protoId = await registry.Client.RegisterSchemaAsync("proto-value", new SchemaDefinition(proto, SchemaType.Protobuf));

        Assert.Equal(SchemaType.Json, (await registry.Client.GetSchemaAsync(jsonId)).SchemaType);
        Assert.Equal(SchemaType.Protobuf, (await registry.Client.GetSchemaAsync(protoId)).SchemaType);
        Assert.Equal(SchemaType.Protobuf, (await registry.Client.GetLatestSchemaAsync("proto-value")).SchemaType);
    }

    [Theory]
    [MemberData(nameof(RegistryUnderTest.OwnKinds), MemberType = typeof(RegistryUnderTest))]
    public async Task WhitespaceOnlyDifferences_ShareAnIdAndNormalizeStoresTheCompactForm(string kind)
    {
        await using RegistryUnderTest registry = await RegistryUnderTest.CreateAsync(kind);
        const string pretty = """
            {
              "type": "record",
              "name": "Payment",
              "namespace": "t",
              "fields": [ { "name": "id", "type": "string" } ]
            }
            """;

        int normalized = await registry.Client.RegisterSchemaAsync("payments-value", new SchemaDefinition(pretty), normalize: true);
        int compact = await registry.Client.RegisterSchemaAsync("payments-value", s_v1);

        Assert.Equal(normalized, compact);
        Assert.Equal(PaymentV1, (await registry.Client.GetSchemaAsync(normalized)).Schema);
        Assert.Equal([1], await registry.Client.GetSubjectVersionsAsync("payments-value"));
    }
}
