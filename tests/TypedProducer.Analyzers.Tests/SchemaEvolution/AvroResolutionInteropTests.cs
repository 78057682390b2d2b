using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using TypedProducer.Analyzers.SchemaEvolution;
using TypedProducer.Analyzers.SchemaEvolution.Avro;
using Xunit;

namespace TypedProducer.Analyzers.Tests.SchemaEvolution;

/// <summary>
/// Every ordered pair of 28 evolutions of one record (field added, removed, promoted, renamed with and without
/// aliases, enum symbols, unions, nested and named types, fixed size, namespace) is judged by our checker and by
/// Avro's own python3-avro 1.11 <c>ReaderWriterCompatibilityChecker</c> (a port of Java's
/// <c>SchemaCompatibility</c>, which the Schema Registry runs); the verdicts must agree. Decimals are left out:
/// there TPK3001 follows the specification's precision/scale rule, which Avro's checkers do not apply.
/// </summary>
public sealed class AvroResolutionInteropTests
{
    private const string Python = "/usr/bin/python3";

    private static readonly string[] s_baseFields =
    {
        """{"name":"id","type":"string"}""",
        """{"name":"qty","type":"int"}""",
        """{"name":"note","type":["null","string"],"default":null}""",
        """{"name":"status","type":{"type":"enum","name":"Status","symbols":["PLACED","PAID"]}}""",
        """{"name":"tags","type":{"type":"array","items":"string"}}""",
        """{"name":"amount","type":"double"}""",
        """{"name":"ship","type":{"type":"record","name":"Address","fields":[{"name":"street","type":"string"}]}}""",
        """{"name":"hash","type":{"type":"fixed","name":"Hash","size":16}}""",
    };

    private static readonly (string Name, string Schema)[] s_variants =
    {
        ("base", Order()),
        ("qty long", Order(("qty", """{"name":"qty","type":"long"}"""))),
        ("qty string", Order(("qty", """{"name":"qty","type":"string"}"""))),
        ("qty removed", Order(("qty", null))),
        ("qty default 0", Order(("qty", """{"name":"qty","type":"int","default":0}"""))),
        ("extra no default", Order(("+", """{"name":"extra","type":"int"}"""))),
        ("extra default 1", Order(("+", """{"name":"extra","type":"int","default":1}"""))),
        ("note non-null", Order(("note", """{"name":"note","type":"string"}"""))),
        ("note or int", Order(("note", """{"name":"note","type":["null","string","int"],"default":null}"""))),
        ("status + SHIPPED", Order(("status", """{"name":"status","type":{"type":"enum","name":"Status","symbols":["PLACED","PAID","SHIPPED"]}}"""))),
        ("status - PAID", Order(("status", """{"name":"status","type":{"type":"enum","name":"Status","symbols":["PLACED"]}}"""))),
        ("status with default", Order(("status", """{"name":"status","type":{"type":"enum","name":"Status","symbols":["PLACED","PAID","UNKNOWN"],"default":"UNKNOWN"}}"""))),
        ("qty renamed with alias", Order(("qty", """{"name":"count","aliases":["qty"],"type":"int"}"""))),
        ("qty renamed", Order(("qty", """{"name":"count","type":"int"}"""))),
        ("record renamed with alias", Order(name: "Purchase", aliases: "\"shop.Order\"")),
        ("record renamed", Order(name: "Purchase")),
        ("tags bytes", Order(("tags", """{"name":"tags","type":{"type":"array","items":"bytes"}}"""))),
        ("tags int", Order(("tags", """{"name":"tags","type":{"type":"array","items":"int"}}"""))),
        ("amount float", Order(("amount", """{"name":"amount","type":"float"}"""))),
        ("zip no default", Order(("ship", """{"name":"ship","type":{"type":"record","name":"Address","fields":[{"name":"street","type":"string"},{"name":"zip","type":"string"}]}}"""))),
        ("zip default", Order(("ship", """{"name":"ship","type":{"type":"record","name":"Address","fields":[{"name":"street","type":"string"},{"name":"zip","type":"string","default":""}]}}"""))),
        ("address renamed", Order(("ship", """{"name":"ship","type":{"type":"record","name":"Location","fields":[{"name":"street","type":"string"}]}}"""))),
        ("hash 32", Order(("hash", """{"name":"hash","type":{"type":"fixed","name":"Hash","size":32}}"""))),
        ("namespace changed", Order(ns: "shop.v2")),
        ("amount nullable", Order(("amount", """{"name":"amount","type":["null","double"],"default":null}"""))),
        ("qty int or string", Order(("qty", """{"name":"qty","type":["int","string"]}"""))),
        ("enum renamed with alias", Order(("status", """{"name":"status","type":{"type":"enum","name":"State","aliases":["shop.Status"],"symbols":["PLACED","PAID"]}}"""))),
        ("ship map", Order(("ship", """{"name":"ship","type":{"type":"map","values":"string"}}"""))),
    };

    [Fact]
    public void EveryPairOfEvolutions_AgreesWithAvrosOwnChecker()
    {
        var pairs = new List<(int Reader, int Writer)>();
        for (int reader = 0; reader < s_variants.Length; reader++)
        {
            for (int writer = 0; writer < s_variants.Length; writer++)
            {
                pairs.Add((reader, writer));
            }
        }

        var expected = PythonVerdicts(pairs.Select(p => (s_variants[p.Reader].Schema, s_variants[p.Writer].Schema)).ToList());
        var disagreements = new List<string>();
        int incompatible = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            var (reader, writer) = pairs[i];
            var issues = new List<SchemaIncompatibility>();
            AvroCompatibilityChecker.Check(Parse(s_variants[reader].Schema), Parse(s_variants[writer].Schema), new CheckDirection(readerIsNew: true, "'kept'"), issues);
            bool ours = issues.All(static issue => !issue.BreaksResolution);
            incompatible += expected[i] ? 0 : 1;
            if (ours != expected[i])
            {
                disagreements.Add("reader '" + s_variants[reader].Name + "', writer '" + s_variants[writer].Name + "': python3-avro says "
                    + (expected[i] ? "compatible" : "incompatible") + ", ours " + (ours ? "compatible" : string.Join("; ", issues.Select(static x => x.Description))));
            }
        }

        Assert.True(disagreements.Count == 0, disagreements.Count + " of " + pairs.Count + " pairs disagree:" + Environment.NewLine + string.Join(Environment.NewLine, disagreements));
        Assert.InRange(incompatible, pairs.Count / 4, pairs.Count - s_variants.Length); // the corpus exercises both verdicts
    }

    private static string Order(params (string Field, string? Json)[] changes) => Order("Order", "shop", null, changes);

    private static string Order(string name = "Order", string ns = "shop", string? aliases = null, params (string Field, string? Json)[] changes)
    {
        var fields = s_baseFields.ToList();
        foreach (var (field, json) in changes)
        {
            int index = fields.FindIndex(f => f.StartsWith("{\"name\":\"" + field + "\"", StringComparison.Ordinal));
            if (field == "+")
            {
                fields.Add(json!);
            }
            else if (json is null)
            {
                fields.RemoveAt(index);
            }
            else
            {
                fields[index] = json;
            }
        }

        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"" + (aliases is null ? string.Empty : ",\"aliases\":[" + aliases + "]")
            + ",\"fields\":[" + string.Join(",", fields) + "]}";
    }

    private static AvroType Parse(string json)
    {
        var root = AvroSchemaParser.Parse(json, out var problem);
        Assert.True(problem is null, problem?.Message + ": " + json);
        return root!;
    }

    private static List<bool> PythonVerdicts(List<(string Reader, string Writer)> pairs)
    {
        var input = new StringBuilder("[");
        for (int i = 0; i < pairs.Count; i++)
        {
            input.Append(i == 0 ? string.Empty : ",").Append('[').Append(Quote(pairs[i].Reader)).Append(',').Append(Quote(pairs[i].Writer)).Append(']');
        }

        var start = new ProcessStartInfo(Python, Path.Combine(AppContext.BaseDirectory, "Interop", "avro_compatibility.py"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input.Append(']').ToString());
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "python3-avro failed: " + error.Result);
        var verdicts = output.Trim().TrimStart('[').TrimEnd(']').Split(',').Select(static v => v.Trim() == "true").ToList();
        Assert.Equal(pairs.Count, verdicts.Count);
        return verdicts;
    }

    private static string Quote(string json) => "\"" + json.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
