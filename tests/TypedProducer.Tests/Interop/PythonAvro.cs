using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TypedProducer.Tests.Interop;

/// <summary>Runs Interop/avro_decode.py with Debian's python3-avro (/usr/bin/python3; the python3 on PATH may lack it).</summary>
internal static class PythonAvro
{
    public const string Python = "/usr/bin/python3";

    public static JsonArray Decode(IReadOnlyDictionary<int, string> schemas, IEnumerable<byte[]> values)
    {
        var request = new JsonObject
        {
            ["schemas"] = new JsonObject(schemas.Select(s => KeyValuePair.Create(s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)JsonValue.Create(s.Value)))),
            ["values"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(Convert.ToBase64String(v))).ToArray()),
        };
        return Run("avro_decode.py", request);
    }

    /// <summary>Runs Interop/avro_fingerprint.py: python3-avro's canonical form and a CRC-64-AVRO of it per schema.</summary>
    public static JsonArray Fingerprints(IEnumerable<string> schemas) =>
        Run("avro_fingerprint.py", new JsonArray(schemas.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()));

    private static JsonArray Run(string script, JsonNode request)
    {
        var start = new ProcessStartInfo(Python, Path.Combine(AppContext.BaseDirectory, "Interop", script))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Python);
        process.StandardInput.Write(request.ToJsonString());
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3-avro failed ({process.ExitCode}): {error}");
        }

        return JsonNode.Parse(output)!.AsArray();
    }
}
