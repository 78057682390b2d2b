using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TypedProducer.Tests.Interop;

/// <summary>
/// Runs Interop/jsonschema_validate.py with Debian's python3-jsonschema (/usr/bin/python3), an implementation of JSON
/// Schema independent of this library. It checks "date" formats; "date-time" needs rfc3339-validator, which Debian 12
/// does not package, so date-times are checked by the round trip instead.
/// </summary>
internal static class PythonJsonSchema
{
    public static IReadOnlyList<(bool Valid, string[] Errors)> Validate(string schema, IEnumerable<byte[]> documents)
    {
        var request = new JsonObject
        {
            ["schema"] = JsonNode.Parse(schema),
            ["documents"] = new JsonArray(documents.Select(d => (JsonNode?)JsonValue.Create(Convert.ToBase64String(d))).ToArray()),
        };
        var start = new ProcessStartInfo(PythonAvro.Python, Path.Combine(AppContext.BaseDirectory, "Interop", "jsonschema_validate.py"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + PythonAvro.Python);
        process.StandardInput.Write(request.ToJsonString());
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3-jsonschema failed ({process.ExitCode}): {error}");
        }

        return JsonNode.Parse(output)!.AsArray()
            .Select(r => ((bool)r!["valid"]!, r["errors"]!.AsArray().Select(e => (string)e!).ToArray()))
            .ToList();
    }
}
