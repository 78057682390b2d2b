using System.Diagnostics;
using System.Text.Json;

namespace TypedProducer.SchemaRegistry.Tests.Interop;

/// <summary>
/// The in-memory registry's Avro compatibility verdicts (schema resolution, Avro 1.11 specification) against Apache
/// Avro's own checker (python3-avro's <c>ReaderWriterCompatibilityChecker</c>, run by /usr/bin/python3), and against
/// the verdict each case is meant to have.
/// </summary>
public sealed class AvroCompatibilityInteropTests
{
    private static string Record(string fields, string name = "Payment", string extra = "") =>
        $$"""{"type":"record","name":"{{name}}","namespace":"t"{{extra}},"fields":[{{fields}}]}""";

    private const string Id = """{"name":"id","type":"string"}""";

    // (case, reader = the new schema, writer = the registered one, expected: can the reader read the writer's data?)
    public static TheoryData<string, string, string, bool> Cases => new()
    {
        { "added field with default", Record(Id + """,{"name":"amount","type":"long","default":0}"""), Record(Id), true },
        { "added field without default", Record(Id + """,{"name":"amount","type":"long"}"""), Record(Id), false },
        { "removed field", Record(Id), Record(Id + """,{"name":"amount","type":"long"}"""), true },
        { "int promoted to long", Record("""{"name":"n","type":"long"}"""), Record("""{"name":"n","type":"int"}"""), true },
        { "int promoted to double", Record("""{"name":"n","type":"double"}"""), Record("""{"name":"n","type":"int"}"""), true },
        { "long narrowed to int", Record("""{"name":"n","type":"int"}"""), Record("""{"name":"n","type":"long"}"""), false },
        { "string read as bytes", Record("""{"name":"s","type":"bytes"}"""), Record("""{"name":"s","type":"string"}"""), true },
        { "renamed field with alias", Record("""{"name":"identifier","type":"string","aliases":["id"]}"""), Record(Id), true },
        { "renamed field without alias", Record("""{"name":"identifier","type":"string"}"""), Record(Id), false },
        { "enum symbol added", Record("""{"name":"c","type":{"type":"enum","name":"Color","symbols":["RED","GREEN","BLUE"]}}"""), Record("""{"name":"c","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"]}}"""), true },
        { "enum symbol removed", Record("""{"name":"c","type":{"type":"enum","name":"Color","symbols":["RED"]}}"""), Record("""{"name":"c","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"]}}"""), false },
        { "optional field made required", Record("""{"name":"note","type":"string"}"""), Record("""{"name":"note","type":["null","string"],"default":null}"""), false },
        { "required field made optional", Record("""{"name":"note","type":["null","string"],"default":null}"""), Record("""{"name":"note","type":"string"}"""), true },
        { "union branch added", Record("""{"name":"v","type":["null","string","long"]}"""), Record("""{"name":"v","type":["null","string"]}"""), true },
        { "fixed size changed", Record("""{"name":"f","type":{"type":"fixed","name":"Hash","size":16}}"""), Record("""{"name":"f","type":{"type":"fixed","name":"Hash","size":32}}"""), false },
        { "record renamed", Record(Id, name: "Paid"), Record(Id), false },
        // Fully qualified: python3-avro 1.11 compares alias strings with the writer's full name as written, while the
        // specification (and Java's SchemaCompatibility) resolve an unqualified alias against the namespace first.
        { "record renamed with alias", Record(Id, name: "Paid", extra: ""","aliases":["t.Payment"]"""), Record(Id), true },
        { "array items promoted", Record("""{"name":"a","type":{"type":"array","items":"long"}}"""), Record("""{"name":"a","type":{"type":"array","items":"int"}}"""), true },
        { "map values changed", Record("""{"name":"m","type":{"type":"map","values":"int"}}"""), Record("""{"name":"m","type":{"type":"map","values":"string"}}"""), false },
        { "nested record gains a required field", Record("""{"name":"home","type":{"type":"record","name":"Address","fields":[{"name":"city","type":"string"},{"name":"zip","type":"string"}]}}"""), Record("""{"name":"home","type":{"type":"record","name":"Address","fields":[{"name":"city","type":"string"}]}}"""), false },
        { "recursive record unchanged", Record("""{"name":"value","type":"int"},{"name":"next","type":["null","Payment"],"default":null}"""), Record("""{"name":"value","type":"int"},{"name":"next","type":["null","Payment"],"default":null}"""), true },
        { "logical type added on the same primitive", Record("""{"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}}"""), Record("""{"name":"at","type":"long"}"""), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BackwardVerdict_MatchesApacheAvroAndTheExpectation(string name, string reader, string writer, bool expected)
    {
        var registry = new InMemorySchemaRegistryClient();
        await registry.RegisterSchemaAsync("case-value", writer, SchemaType.Avro);

        CompatibilityCheckResult ours = await registry.TestCompatibilityAsync("case-value", new SchemaDefinition(reader), verbose: true);
        bool apache = RunApacheAvro(reader, writer);

        Assert.True(expected == apache, $"{name}: Apache Avro says {apache}, the case expects {expected}");
        Assert.True(expected == ours.IsCompatible, $"{name}: the in-memory registry says {ours.IsCompatible}: {string.Join(" ", ours.Messages)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ForwardVerdict_IsTheBackwardVerdictWithReaderAndWriterSwapped(string name, string reader, string writer, bool expected)
    {
        _ = expected;
        var registry = new InMemorySchemaRegistryClient();
        registry.SetCompatibility(CompatibilityLevel.Forward);
        // FORWARD: the registered (old) schema must read data written with the new one.
        await registry.RegisterSchemaAsync("case-value", reader, SchemaType.Avro);

        CompatibilityCheckResult ours = await registry.TestCompatibilityAsync("case-value", new SchemaDefinition(writer));

        Assert.True(RunApacheAvro(reader, writer) == ours.IsCompatible, name);
    }

    // Every pair of Cases in both directions, judged by one python3 process.
    private static readonly Lazy<Dictionary<(string Reader, string Writer), bool>> s_apache = new(() =>
    {
        var pairs = new List<string[]>();
        foreach (object[] row in Cases)
        {
            pairs.Add([(string)row[1], (string)row[2]]);
            pairs.Add([(string)row[2], (string)row[1]]);
        }

        var start = new ProcessStartInfo("/usr/bin/python3", Path.Combine(AppContext.BaseDirectory, "Interop", "avro_compatibility.py"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process python = Process.Start(start)!;
        python.StandardInput.Write(JsonSerializer.Serialize(pairs));
        python.StandardInput.Close();
        string output = python.StandardOutput.ReadToEnd();
        string errors = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, "python3-avro failed: " + errors);
        bool[] verdicts = JsonSerializer.Deserialize<bool[]>(output)!;
        var result = new Dictionary<(string, string), bool>();
        for (int i = 0; i < pairs.Count; i++)
        {
            result[(pairs[i][0], pairs[i][1])] = verdicts[i];
        }

        return result;
    });

    private static bool RunApacheAvro(string reader, string writer) => s_apache.Value[(reader, writer)];
}
