using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TypedProducer.SchemaRegistry.Tests.Infrastructure;

/// <summary>
/// A Confluent Schema Registry on 127.0.0.1 (Kestrel), written from Confluent's REST API reference: the endpoints the
/// client uses, with the documented status codes and error bodies (<c>{"error_code": 40401, "message": "..."}</c>),
/// ids global and shared by equal schemas, versions per subject. Its Avro compatibility rule is deliberately simple
/// and independent of the library's: under BACKWARD a field the new record adds needs a default, and a field both
/// records have must keep its type; <see cref="CompatibilityAnswer"/> overrides it. Failure injection: error answers
/// for the next requests, a response delay, required basic auth, stop and restart on the same port, TLS with an
/// optional client certificate. State survives restarts.
/// </summary>
public sealed class FakeSchemaRegistry : IAsyncDisposable
{
    private const string MediaType = "application/vnd.schemaregistry.v1+json";
    private readonly object _gate = new();
    private readonly List<Stored> _schemas = new();
    private readonly Dictionary<string, List<int>> _subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _subjectLevels = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Queue<(int Status, int ErrorCode, string? RetryAfter)> _injected = new();
    private readonly X509Certificate2? _serverCertificate;
    private readonly X509Certificate2? _requiredClientCertificate;
    private WebApplication? _app;

    private FakeSchemaRegistry(X509Certificate2? serverCertificate, X509Certificate2? requiredClientCertificate)
    {
        _serverCertificate = serverCertificate;
        _requiredClientCertificate = requiredClientCertificate;
    }

    public int Port { get; private set; }

    public string Url => $"{(_serverCertificate is null ? "http" : "https")}://127.0.0.1:{Port}";

    /// <summary>Every request received, as "METHOD /path?query" (raw, escaped path), including failed and unauthorized ones.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>Waits this long before answering each request (honouring the client's abort).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>When set, requests without these basic-auth credentials get 401.</summary>
    public (string User, string Password)? RequiredCredentials { get; set; }

    /// <summary>When set, every compatibility decision is this answer.</summary>
    public bool? CompatibilityAnswer { get; set; }

    public string GlobalCompatibility { get; set; } = "BACKWARD";

    public static async Task<FakeSchemaRegistry> StartAsync(X509Certificate2? serverCertificate = null, X509Certificate2? requiredClientCertificate = null)
    {
        var registry = new FakeSchemaRegistry(serverCertificate, requiredClientCertificate);
        await registry.StartOnPortAsync(0);
        return registry;
    }

    public int CountRequests(string prefix) => _requests.Count(r => r.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The next <paramref name="count"/> requests get <paramref name="status"/> with error <paramref name="errorCode"/>.</summary>
    public void FailNextRequests(int count, int status, int errorCode, string? retryAfter = null)
    {
        lock (_gate)
        {
            for (int i = 0; i < count; i++)
            {
                _injected.Enqueue((status, errorCode, retryAfter));
            }
        }
    }

    /// <summary>Registers directly (no HTTP), for arranging state.</summary>
    public int Register(string subject, string schema, string schemaType = "AVRO") => Register(subject, schema, schemaType, new JsonArray(), normalize: false).Id;

    public Task StopAsync() => _app is null ? Task.CompletedTask : StopCoreAsync();

    /// <summary>Starts again on the same port, with the same state.</summary>
    public Task RestartAsync() => StartOnPortAsync(Port);

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StopCoreAsync()
    {
        WebApplication app = _app!;
        _app = null;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task StartOnPortAsync(int port)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (_serverCertificate is not null)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = _serverCertificate;
                    if (_requiredClientCertificate is not null)
                    {
                        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (certificate, _, _) => certificate.Thumbprint == _requiredClientCertificate.Thumbprint;
                    }
                });
            }
        }));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        WebApplication app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        _app = app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        string rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        _requests.Enqueue(context.Request.Method + " " + rawTarget);
        if (ResponseDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(ResponseDelay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        (int Status, int ErrorCode, string? RetryAfter)? injected = null;
        lock (_gate)
        {
            if (_injected.Count > 0)
            {
                injected = _injected.Dequeue();
            }
        }

        if (injected is { } failure)
        {
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            await Error(context, failure.Status, failure.ErrorCode, "Injected failure");
            return;
        }

        if (RequiredCredentials is { } credentials)
        {
            string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.User + ":" + credentials.Password));
            if (context.Request.Headers.Authorization.ToString() != expected)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"SchemaRegistry\"";
                await Error(context, 401, 401, "Unauthorized");
                return;
            }
        }

        string path = rawTarget.Split('?')[0];
        string[] segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        JsonObject? body = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            try
            {
                body = (JsonObject?)await JsonNode.ParseAsync(context.Request.Body);
            }
            catch (Exception ex) when (ex is JsonException or InvalidCastException)
            {
                await Error(context, 422, 42201, "Unrecognized request body: " + ex.Message);
                return;
            }
        }

        try
        {
            (int status, JsonNode? answer) = Route(context.Request.Method, segments, context.Request.Query, body);
            context.Response.StatusCode = status;
            context.Response.ContentType = MediaType;
            await context.Response.WriteAsync(answer!.ToJsonString());
        }
        catch (RegistryError error)
        {
            await Error(context, error.Status, error.Code, error.Message);
        }
    }

    private (int, JsonNode?) Route(string method, string[] s, IQueryCollection query, JsonObject? body)
    {
        bool normalize = query["normalize"] == "true";
        lock (_gate)
        {
            switch (method, s.Length)
            {
                case ("GET", 1) when s[0] == "subjects":
                    return (200, new JsonArray(_subjects.Keys.Order(StringComparer.Ordinal).Select(k => (JsonNode)JsonValue.Create(k)!).ToArray()));
                case ("GET", 1) when s[0] == "config":
                    return (200, new JsonObject { ["compatibilityLevel"] = GlobalCompatibility });
                case ("GET", 2) when s[0] == "config":
                    if (_subjectLevels.TryGetValue(s[1], out string? level))
                    {
                        return (200, new JsonObject { ["compatibilityLevel"] = level });
                    }

                    if (query["defaultToGlobal"] == "true")
                    {
                        return (200, new JsonObject { ["compatibilityLevel"] = GlobalCompatibility });
                    }

                    throw new RegistryError(404, 40408, $"Subject '{s[1]}' does not have subject-level compatibility configured");
                case ("POST", 3) when s[0] == "subjects" && s[2] == "versions":
                    return (200, new JsonObject { ["id"] = Register(s[1], Schema(body), SchemaType(body), References(body), normalize).Id });
                case ("POST", 2) when s[0] == "subjects":
                    return (200, Lookup(s[1], Schema(body), SchemaType(body), References(body), normalize));
                case ("GET", 3) when s[0] == "subjects" && s[2] == "versions":
                    return (200, new JsonArray(VersionsOf(s[1]).Select((_, i) => (JsonNode)JsonValue.Create(i + 1)!).ToArray()));
                case ("GET", 4) when s[0] == "subjects" && s[2] == "versions":
                {
                    List<int> versions = VersionsOf(s[1]);
                    int version = ParseVersion(s[3], versions.Count);
                    if (version > versions.Count)
                    {
                        throw new RegistryError(404, 40402, $"Version {version} not found.");
                    }

                    return (200, Describe(_schemas[versions[version - 1] - 1], s[1], version));
                }

                case ("GET", 3) when s[0] == "schemas" && s[1] == "ids":
                {
                    if (!int.TryParse(s[2], out int id) || id < 1 || id > _schemas.Count)
                    {
                        throw new RegistryError(404, 40403, $"Schema {s[2]} not found");
                    }

                    JsonObject answer = Describe(_schemas[id - 1], null, 0);
                    answer.Remove("subject");
                    answer.Remove("version");
                    answer.Remove("id");
                    return (200, answer);
                }

                case ("POST", 5) when s[0] == "compatibility" && s[1] == "subjects" && s[3] == "versions":
                {
                    string schema = Schema(body);
                    string type = SchemaType(body);
                    Validate(schema, type, References(body));
                    bool latest = s[4] is "latest" or "-1";
                    if (latest && (!_subjects.TryGetValue(s[2], out List<int>? existing) || existing.Count == 0))
                    {
                        return (200, new JsonObject { ["is_compatible"] = true });
                    }

                    List<int> versions = VersionsOf(s[2]);
                    int version = ParseVersion(s[4], versions.Count);
                    if (version > versions.Count)
                    {
                        throw new RegistryError(404, 40402, $"Version {version} not found.");
                    }

                    List<string> reasons = Incompatibilities(s[2], schema, type, _schemas[versions[version - 1] - 1]);
                    var result = new JsonObject { ["is_compatible"] = reasons.Count == 0 };
                    if (query["verbose"] == "true")
                    {
                        result["messages"] = new JsonArray(reasons.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
                    }

                    return (200, result);
                }

                default:
                    throw new RegistryError(404, 404, "HTTP 404 Not Found");
            }
        }
    }

    private Stored Register(string subject, string schema, string type, JsonArray references, bool normalize)
    {
        lock (_gate)
        {
            string canonical = Validate(schema, type, references);
            string key = type + "\u0001" + canonical + "\u0001" + references.ToJsonString();
            _subjects.TryGetValue(subject, out List<int>? versions);
            foreach (int existingId in versions ?? new List<int>())
            {
                if (_schemas[existingId - 1].Key == key)
                {
                    return _schemas[existingId - 1];
                }
            }

            if (versions is { Count: > 0 })
            {
                int latest = versions.Count;
                List<string> reasons = Incompatibilities(subject, schema, type, _schemas[versions[^1] - 1]);
                if (reasons.Count > 0)
                {
                    throw new RegistryError(409, 409, $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [{string.Join(", ", reasons)}, {{oldSchemaVersion: {latest}}}]");
                }
            }

            Stored? stored = _schemas.FirstOrDefault(x => x.Key == key);
            if (stored is null)
            {
                stored = new Stored(_schemas.Count + 1, normalize ? canonical : schema, type, (JsonArray)references.DeepClone(), key);
                _schemas.Add(stored);
            }

            if (versions is null)
            {
                _subjects[subject] = versions = new List<int>();
            }

            versions.Add(stored.Id);
            return stored;
        }
    }

    private JsonObject Lookup(string subject, string schema, string type, JsonArray references, bool normalize)
    {
        string canonical = Validate(schema, type, references);
        string key = type + "\u0001" + canonical + "\u0001" + references.ToJsonString();
        List<int> versions = VersionsOf(subject);
        for (int v = 1; v <= versions.Count; v++)
        {
            if (_schemas[versions[v - 1] - 1].Key == key)
            {
                return Describe(_schemas[versions[v - 1] - 1], subject, v);
            }
        }

        throw new RegistryError(404, 40403, "Schema not found");
    }

    // Invalid schema → 42201; returns the schema without insignificant whitespace (JSON types).
    private string Validate(string schema, string type, JsonArray references)
    {
        foreach (JsonNode? reference in references)
        {
            string refSubject = (string)reference!["subject"]!;
            int refVersion = (int)reference["version"]!;
            if (!_subjects.TryGetValue(refSubject, out List<int>? versions) || refVersion < 1 || refVersion > versions.Count)
            {
                throw new RegistryError(422, 42201, $"Invalid schema: reference '{reference["name"]}' to subject '{refSubject}' version {refVersion} cannot be resolved");
            }
        }

        if (type == "PROTOBUF")
        {
            // Schema Registry builds the file's descriptor from its references and the files it ships: an import that is
            // neither fails registration and lookup with 42201 "Either the input schema or one its references is invalid"
            // (confluentinc/schema-registry#1627).
            var referenced = references.Select(r => (string)r!["name"]!).ToHashSet(StringComparer.Ordinal);
            foreach (string import in ProtobufImports(schema))
            {
                if (!referenced.Contains(import) && !import.StartsWith("google/protobuf/", StringComparison.Ordinal)
                    && !import.StartsWith("google/type/", StringComparison.Ordinal) && !import.StartsWith("confluent/", StringComparison.Ordinal))
                {
                    throw new RegistryError(422, 42201, $"Either the input schema or one its references is invalid: import '{import}' is not a reference");
                }
            }

            return schema.Trim();
        }

        try
        {
            JsonNode? parsed = JsonNode.Parse(schema);
            if (type == "AVRO" && parsed is JsonObject obj && !obj.ContainsKey("type"))
            {
                throw new RegistryError(422, 42201, "Invalid schema: No type");
            }

            return parsed!.ToJsonString();
        }
        catch (JsonException ex)
        {
            throw new RegistryError(422, 42201, $"Invalid schema {{schema={schema}}}, details: {ex.Message}");
        }
    }

    private List<string> Incompatibilities(string subject, string schema, string type, Stored previous)
    {
        if (CompatibilityAnswer is { } forced)
        {
            return forced ? new List<string>() : new List<string> { "Forced incompatible by the test" };
        }

        string level = _subjectLevels.GetValueOrDefault(subject, GlobalCompatibility);
        var reasons = new List<string>();
        if (level == "NONE")
        {
            return reasons;
        }

        if (type != previous.Type)
        {
            reasons.Add("TYPE_MISMATCH: schema type changed");
            return reasons;
        }

        if (type != "AVRO" || JsonNode.Parse(schema) is not JsonObject next || JsonNode.Parse(previous.Schema) is not JsonObject old
            || (string?)next["type"] != "record" || (string?)old["type"] != "record")
        {
            return reasons;
        }

        var oldFields = ((JsonArray)old["fields"]!).ToDictionary(f => (string)f!["name"]!, f => f!);
        foreach (JsonNode? field in (JsonArray)next["fields"]!)
        {
            string name = (string)field!["name"]!;
            if (!oldFields.TryGetValue(name, out JsonNode? before))
            {
                if (!((JsonObject)field).ContainsKey("default"))
                {
                    reasons.Add($"{{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field '{name}' in the new schema has no default value and is missing in the old schema', additionalInfo:'{name}'}}");
                }
            }
            else if (field["type"]!.ToJsonString() != before["type"]!.ToJsonString())
            {
                reasons.Add($"{{errorType:'TYPE_MISMATCH', description:'The type of field '{name}' changed', additionalInfo:'{name}'}}");
            }
        }

        return reasons;
    }

    private List<int> VersionsOf(string subject) =>
        _subjects.TryGetValue(subject, out List<int>? versions) ? versions : throw new RegistryError(404, 40401, $"Subject '{subject}' not found.");

    private static int ParseVersion(string text, int latest)
    {
        if (text is "latest" or "-1")
        {
            return latest;
        }

        if (!int.TryParse(text, out int version) || version < 1)
        {
            throw new RegistryError(422, 42202, $"The specified version '{text}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
        }

        return version;
    }

    private static JsonObject Describe(Stored stored, string? subject, int version)
    {
        var answer = new JsonObject { ["subject"] = subject, ["version"] = version, ["id"] = stored.Id };
        if (stored.Type != "AVRO")
        {
            answer["schemaType"] = stored.Type;
        }

        answer["schema"] = stored.Schema;
        if (stored.References.Count > 0)
        {
            answer["references"] = stored.References.DeepClone();
        }

        return answer;
    }

    private static string Schema(JsonObject? body) =>
        (string?)body?["schema"] ?? throw new RegistryError(422, 42201, "Invalid schema: empty schema");

    private static string SchemaType(JsonObject? body) => (string?)body?["schemaType"] ?? "AVRO";

    // A Protobuf schema is .proto text or, as Confluent's .NET ProtobufSerializer sends it, a base64 FileDescriptorProto.
    private static IEnumerable<string> ProtobufImports(string schema)
    {
        string trimmed = schema.Trim();
        Span<byte> bytes = new byte[trimmed.Length];
        if (!trimmed.Contains(' ') && Convert.TryFromBase64String(trimmed, bytes, out int length))
        {
            return Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes[..length].ToArray()).Dependency;
        }

        return Regex.Matches(trimmed, @"^\s*import\s+(?:public\s+|weak\s+)?""([^""]+)""\s*;", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
    }

    private static JsonArray References(JsonObject? body) => body?["references"] as JsonArray ?? new JsonArray();

    private static Task Error(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaType;
        return context.Response.WriteAsync(new JsonObject { ["error_code"] = code, ["message"] = message }.ToJsonString());
    }

    private sealed record Stored(int Id, string Schema, string Type, JsonArray References, string Key);

    private sealed class RegistryError(int status, int code, string message) : Exception(message)
    {
        public int Status { get; } = status;

        public int Code { get; } = code;
    }
}
