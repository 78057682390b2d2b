using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// The request and answer bodies of the Confluent Schema Registry REST API (content type
/// <c>application/vnd.schemaregistry.v1+json</c>), read with <see cref="JsonDocument"/> and written with
/// <see cref="Utf8JsonWriter"/>: no reflection (the runtime is trimmable and AOT-compatible), and no source generator
/// (the runtime's sources also compile without generators, as the analyzer tests do). Unknown properties are ignored,
/// as registries add fields over versions.
/// </summary>
internal static class SchemaRegistryJson
{
    /// <summary>Body of <c>POST /subjects/{subject}/versions</c>, <c>POST /subjects/{subject}</c> and <c>POST /compatibility/...</c>.</summary>
    public static byte[] WriteSchemaRequest(SchemaDefinition schema)
    {
        var buffer = new ArrayBufferWriter<byte>(schema.Schema.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", schema.Schema);
            // AVRO is the registry's default; older registries reject the field, so it is omitted for Avro.
            switch (schema.SchemaType)
            {
                case SchemaType.Avro:
                    break;
                case SchemaType.Protobuf:
                    writer.WriteString("schemaType", "PROTOBUF");
                    break;
                case SchemaType.Json:
                    writer.WriteString("schemaType", "JSON");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(schema), schema.SchemaType, "Unknown schema type.");
            }

            if (schema.References.Count > 0)
            {
                writer.WriteStartArray("references");
                foreach (SchemaReference reference in schema.References)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", reference.Name);
                    writer.WriteString("subject", reference.Subject);
                    writer.WriteNumber("version", reference.Version);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"id": 1}</c></summary>
    public static int ReadId(byte[] body) => Read(body, static root => RequiredInt(root, "id"));

    /// <summary><c>{"subject", "id", "version", "schemaType", "schema", "references"}</c>; all but <c>schema</c> optional.</summary>
    public static SchemaAnswer ReadSchema(byte[] body) => Read(body, static root =>
    {
        var references = new List<SchemaReference>();
        if (root.TryGetProperty("references", out JsonElement array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement reference in array.EnumerateArray())
            {
                references.Add(new SchemaReference(RequiredString(reference, "name"), RequiredString(reference, "subject"), RequiredInt(reference, "version")));
            }
        }

        return new SchemaAnswer(
            OptionalString(root, "subject"),
            OptionalInt(root, "id"),
            OptionalInt(root, "version"),
            OptionalString(root, "schemaType"),
            RequiredString(root, "schema"),
            references);
    });

    /// <summary><c>{"is_compatible": true, "messages": [...]}</c></summary>
    public static CompatibilityCheckResult ReadCompatibility(byte[] body) => Read(body, static root =>
    {
        if (!root.TryGetProperty("is_compatible", out JsonElement flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new JsonException("The answer has no boolean \"is_compatible\".");
        }

        var messages = new List<string>();
        if (root.TryGetProperty("messages", out JsonElement array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement message in array.EnumerateArray())
            {
                messages.Add(message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText());
            }
        }

        return flag.GetBoolean() && messages.Count == 0 ? CompatibilityCheckResult.Compatible : new CompatibilityCheckResult(flag.GetBoolean(), messages);
    });

    /// <summary><c>{"compatibilityLevel": "BACKWARD"}</c> (some registries name it <c>compatibility</c>).</summary>
    public static string? ReadCompatibilityLevel(byte[] body) => Read(body, static root => OptionalString(root, "compatibilityLevel") ?? OptionalString(root, "compatibility"));

    /// <summary><c>["a", "b"]</c></summary>
    public static List<string> ReadStrings(byte[] body) => Read(body, static root =>
    {
        var items = new List<string>();
        foreach (JsonElement item in Array(root).EnumerateArray())
        {
            items.Add(item.GetString() ?? throw new JsonException("A null in a list of strings."));
        }

        return items;
    });

    /// <summary><c>[1, 2]</c></summary>
    public static List<int> ReadInts(byte[] body) => Read(body, static root =>
    {
        var items = new List<int>();
        foreach (JsonElement item in Array(root).EnumerateArray())
        {
            items.Add(item.GetInt32());
        }

        return items;
    });

    /// <summary>An error body <c>{"error_code": 40401, "message": "..."}</c>, or null when the body is not one.</summary>
    public static (int Code, string? Message)? TryReadError(byte[] body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_code", out JsonElement code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out int value) && value > 0)
            {
                return (value, OptionalString(root, "message"));
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static T Read<T>(byte[] body, Func<JsonElement, T> read)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return read(document.RootElement);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    private static JsonElement Array(JsonElement root) =>
        root.ValueKind == JsonValueKind.Array ? root : throw new JsonException($"Expected a JSON array, not {root.ValueKind}.");

    private static string RequiredString(JsonElement element, string name) =>
        OptionalString(element, name) ?? throw new JsonException($"The answer has no string \"{name}\".");

    private static string? OptionalString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int RequiredInt(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : throw new JsonException($"The answer has no number \"{name}\".");

    private static int OptionalInt(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    /// <summary>A schema answer; <see cref="Id"/> and <see cref="Version"/> are 0 when absent.</summary>
    internal sealed record SchemaAnswer(string? Subject, int Id, int Version, string? SchemaType, string Schema, List<SchemaReference> References);
}
