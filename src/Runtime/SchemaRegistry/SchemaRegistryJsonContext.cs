using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace TypedProducer;

// The request and answer bodies of the Confluent Schema Registry REST API (content type
// application/vnd.schemaregistry.v1+json), serialized by System.Text.Json's source generator so the runtime stays
// trimmable and AOT-compatible (no reflection-based serialization).

internal sealed class SchemaReferenceDto
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("subject")]
    public string? Subject { get; set; }

    [JsonPropertyName("version")]
    public int Version { get; set; }
}

/// <summary>Body of <c>POST /subjects/{subject}/versions</c>, <c>POST /subjects/{subject}</c> and <c>POST /compatibility/...</c>.</summary>
internal sealed class SchemaRequestDto
{
    [JsonPropertyName("schema")]
    public string? Schema { get; set; }

    /// <summary>"PROTOBUF" or "JSON"; omitted for Avro, the registry's default (older registries reject the field).</summary>
    [JsonPropertyName("schemaType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SchemaType { get; set; }

    [JsonPropertyName("references")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<SchemaReferenceDto>? References { get; set; }
}

internal sealed class RegisterResponseDto
{
    [JsonPropertyName("id")]
    public int Id { get; set; }
}

/// <summary>Answer of <c>GET /schemas/ids/{id}</c>, <c>GET /subjects/{subject}/versions/{version}</c> and <c>POST /subjects/{subject}</c>.</summary>
internal sealed class SchemaResponseDto
{
    [JsonPropertyName("subject")]
    public string? Subject { get; set; }

    [JsonPropertyName("id")]
    public int Id { get; set; }

    [JsonPropertyName("version")]
    public int Version { get; set; }

    [JsonPropertyName("schemaType")]
    public string? SchemaType { get; set; }

    [JsonPropertyName("schema")]
    public string? Schema { get; set; }

    [JsonPropertyName("references")]
    public List<SchemaReferenceDto>? References { get; set; }
}

internal sealed class CompatibilityResponseDto
{
    [JsonPropertyName("is_compatible")]
    public bool IsCompatible { get; set; }

    [JsonPropertyName("messages")]
    public List<string>? Messages { get; set; }
}

internal sealed class ConfigResponseDto
{
    [JsonPropertyName("compatibilityLevel")]
    public string? CompatibilityLevel { get; set; }

    /// <summary>Some registries (and Confluent's PUT answer) name it "compatibility".</summary>
    [JsonPropertyName("compatibility")]
    public string? Compatibility { get; set; }
}

internal sealed class ErrorResponseDto
{
    [JsonPropertyName("error_code")]
    public int ErrorCode { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, GenerationMode = JsonSourceGenerationMode.Default)]
[JsonSerializable(typeof(SchemaRequestDto))]
[JsonSerializable(typeof(RegisterResponseDto))]
[JsonSerializable(typeof(SchemaResponseDto))]
[JsonSerializable(typeof(CompatibilityResponseDto))]
[JsonSerializable(typeof(ConfigResponseDto))]
[JsonSerializable(typeof(ErrorResponseDto))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<int>))]
internal sealed partial class SchemaRegistryJsonContext : JsonSerializerContext
{
}
