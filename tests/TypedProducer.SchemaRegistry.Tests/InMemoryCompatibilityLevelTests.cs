namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>The in-memory registry applies each compatibility level as the Confluent registry defines it.</summary>
public sealed class InMemoryCompatibilityLevelTests
{
    private const string V1 = """{"type":"record","name":"P","fields":[{"name":"id","type":"string"}]}""";
    private const string V2 = """{"type":"record","name":"P","fields":[{"name":"id","type":"string"},{"name":"x","type":"int","default":0}]}""";
    // Reads v2 (x present) but not v1 (x missing, no default).
    private const string V3 = """{"type":"record","name":"P","fields":[{"name":"x","type":"int"}]}""";
    private const string AddedWithoutDefault = """{"type":"record","name":"P","fields":[{"name":"id","type":"string"},{"name":"y","type":"int"}]}""";

    private static async Task<InMemorySchemaRegistryClient> WithVersionsAsync(CompatibilityLevel level, params string[] schemas)
    {
        var registry = new InMemorySchemaRegistryClient();
        registry.SetCompatibility(CompatibilityLevel.None);
        foreach (string schema in schemas)
        {
            await registry.RegisterSchemaAsync("s", schema, SchemaType.Avro);
        }

        registry.SetCompatibility(level);
        return registry;
    }

    [Fact]
    public async Task Backward_ChecksOnlyTheLatestVersion()
    {
        InMemorySchemaRegistryClient registry = await WithVersionsAsync(CompatibilityLevel.Backward, V1, V2);

        await registry.RegisterSchemaAsync("s", V3, SchemaType.Avro);

        Assert.Equal([1, 2, 3], await registry.GetSubjectVersionsAsync("s"));
    }

    [Fact]
    public async Task BackwardTransitive_ChecksEveryVersionAndNamesTheOneThatFails()
    {
        InMemorySchemaRegistryClient registry = await WithVersionsAsync(CompatibilityLevel.BackwardTransitive, V1, V2);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.RegisterSchemaAsync("s", V3, SchemaType.Avro));

        Assert.Equal((409, 1), (ex.ErrorCode, ex.Version));
        Assert.Contains("BACKWARD_TRANSITIVE", ex.Message);
        Assert.Contains("READER_FIELD_MISSING_DEFAULT_VALUE", ex.Message);
    }

    [Fact]
    public async Task Full_NeedsBothDirections()
    {
        InMemorySchemaRegistryClient registry = await WithVersionsAsync(CompatibilityLevel.Full, V1);

        await registry.RegisterSchemaAsync("s", V2, SchemaType.Avro);
        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.RegisterSchemaAsync("s", AddedWithoutDefault, SchemaType.Avro));

        Assert.Equal((409, 2), (ex.ErrorCode, ex.Version));
    }

    [Fact]
    public async Task Forward_LetsTheOldSchemaReadTheNew()
    {
        InMemorySchemaRegistryClient registry = await WithVersionsAsync(CompatibilityLevel.Forward, V2);

        // The old reader (id, x with default) reads data without x: fine; backward it would fail (id missing).
        await registry.RegisterSchemaAsync("s", """{"type":"record","name":"P","fields":[{"name":"id","type":"string"}]}""", SchemaType.Avro);
        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.RegisterSchemaAsync("s", V3, SchemaType.Avro));

        Assert.Equal(SchemaRegistryErrorCodes.IncompatibleSchema, ex.ErrorCode);
    }

    [Fact]
    public async Task None_AcceptsAnything()
    {
        InMemorySchemaRegistryClient registry = await WithVersionsAsync(CompatibilityLevel.None, V1);

        await registry.RegisterSchemaAsync("s", """{"type":"record","name":"Other","fields":[{"name":"n","type":"long"}]}""", SchemaType.Avro);

        Assert.Equal(CompatibilityLevel.None, await registry.GetCompatibilityAsync("s"));
        Assert.Equal([1, 2], await registry.GetSubjectVersionsAsync("s"));
    }

    [Fact]
    public async Task SubjectLevel_OverridesTheGlobalLevel()
    {
        InMemorySchemaRegistryClient registry = await WithVersionsAsync(CompatibilityLevel.Backward, V1);
        registry.SetCompatibility(CompatibilityLevel.None, "s");

        await registry.RegisterSchemaAsync("s", AddedWithoutDefault, SchemaType.Avro);

        Assert.Equal(CompatibilityLevel.None, await registry.GetCompatibilityAsync("s"));
        Assert.Equal(CompatibilityLevel.Backward, await registry.GetCompatibilityAsync());
    }

    [Fact]
    public async Task SchemaTypeChange_IsIncompatible()
    {
        InMemorySchemaRegistryClient registry = await WithVersionsAsync(CompatibilityLevel.Backward, V1);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.RegisterSchemaAsync("s", """{"type":"object"}""", SchemaType.Json));

        Assert.Contains("TYPE_MISMATCH", ex.Message);
    }
}
