namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>
/// The in-memory registry identifies an Avro schema as Confluent's registry does, by its canonical string (Avro Java's
/// <c>Schema.toString()</c>): reordered attributes, whitespace and full-versus-relative names give the same id and
/// version; a changed doc, default or field order gives a new id. Apache.Avro (an independent parser) is the oracle
/// for which variants are the same schema: its <c>Schema.ToString()</c> agrees with ours on every pair.
/// </summary>
public sealed class InMemoryAvroIdentityTests
{
    private const string Original = """{"type":"record","name":"Payment","namespace":"t","doc":"A payment","fields":[{"name":"id","type":"string"},{"name":"status","type":{"type":"enum","name":"Status","symbols":["OK","FAILED"]}},{"name":"previous","type":["null","Status"],"default":null},{"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},{"name":"tags","type":{"type":"array","items":"string"},"default":[]}]}""";

    public static TheoryData<string, string> EquivalentVariants => new()
    {
        {
            "attributes reordered, whitespace",
            """
            { "fields": [
                { "type": "string", "name": "id" },
                { "type": { "symbols": ["OK", "FAILED"], "name": "Status", "type": "enum" }, "name": "status" },
                { "default": null, "type": ["null", "Status"], "name": "previous" },
                { "type": { "type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2 }, "name": "amount" },
                { "name": "tags", "default": [], "type": { "items": "string", "type": "array" } }
              ],
              "doc": "A payment", "namespace": "t", "name": "Payment", "type": "record" }
            """
        },
        {
            "full names instead of namespace attributes",
            """{"type":"record","name":"t.Payment","doc":"A payment","fields":[{"name":"id","type":{"type":"string"}},{"name":"status","type":{"type":"enum","name":"Status","namespace":"t","symbols":["OK","FAILED"]}},{"name":"previous","type":["null","t.Status"],"default":null},{"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},{"name":"tags","type":{"type":"array","items":"string"},"default":[],"order":"ascending"}]}"""
        },
    };

    public static TheoryData<string, string> DifferentSchemas => new()
    {
        { "another doc", Original.Replace("A payment", "One payment", StringComparison.Ordinal) },
        { "another default", Original.Replace("\"default\":[]", "\"default\":[\"x\"]", StringComparison.Ordinal) },
        { "fields in another order", Original.Replace("""{"name":"id","type":"string"},""", string.Empty, StringComparison.Ordinal).Replace("]}]}", """]},{"name":"id","type":"string"}]}""", StringComparison.Ordinal) },
        { "another precision", Original.Replace("\"precision\":10", "\"precision\":12", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(EquivalentVariants))]
    public async Task EquivalentVariant_GetsTheSameIdAndVersion(string variant, string schema)
    {
        Assert.Equal(Avro.Schema.Parse(Original).ToString(), Avro.Schema.Parse(schema).ToString());
        var registry = new InMemorySchemaRegistryClient();

        int first = await registry.RegisterSchemaAsync("payments-value", new SchemaDefinition(Original));
        int second = await registry.RegisterSchemaAsync("payments-value", new SchemaDefinition(schema));
        RegisteredSchema looked = await registry.LookupSchemaAsync("payments-value", new SchemaDefinition(schema));

        Assert.True(first == second, variant);
        Assert.Equal([1], await registry.GetSubjectVersionsAsync("payments-value"));
        Assert.Equal((first, 1), (looked.Id, looked.Version));
        Assert.Equal(first, await registry.RegisterSchemaAsync("other-value", new SchemaDefinition(schema)));
    }

    [Theory]
    [MemberData(nameof(DifferentSchemas))]
    public async Task DifferentSchema_GetsANewIdAndVersion(string difference, string schema)
    {
        Assert.NotEqual(Avro.Schema.Parse(Original).ToString(), Avro.Schema.Parse(schema).ToString());
        var registry = new InMemorySchemaRegistryClient();
        registry.SetCompatibility(CompatibilityLevel.None);

        int first = await registry.RegisterSchemaAsync("payments-value", new SchemaDefinition(Original));
        int second = await registry.RegisterSchemaAsync("payments-value", new SchemaDefinition(schema));

        Assert.True(first != second, difference);
        Assert.Equal([1, 2], await registry.GetSubjectVersionsAsync("payments-value"));
    }

    [Fact]
    public async Task Normalize_StoresTheCanonicalString()
    {
        var registry = new InMemorySchemaRegistryClient();
        string reordered = (string)EquivalentVariants.First()[1];

        int id = await registry.RegisterSchemaAsync("payments-value", new SchemaDefinition(reordered), normalize: true);

        Assert.Equal(Original, (await registry.GetSchemaAsync(id)).Schema);
    }
}
