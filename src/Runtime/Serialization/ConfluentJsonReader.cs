using System.Buffers.Binary;
using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using System;
using TypedProducer.SchemaRegistry;

namespace TypedProducer.Serialization;

/// <summary>
/// Reads the Confluent JSON Schema wire format (magic byte <c>0</c>, 4-byte big-endian schema id, UTF-8 JSON) with a
/// contract's source-generated <see cref="JsonTypeInfo{T}"/> (no reflection): the counterpart of
/// <see cref="ConfluentJsonSerializer"/>. JSON has no schema resolution: the document is read by System.Text.Json's rules
/// (unknown properties skipped unless the context says otherwise, missing ones left at their defaults). The writer's
/// schema must be a JSON Schema whose <c>title</c>, when it has one, is the contract's. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConfluentJsonReader
{
    /// <summary>A reader of values written with <paramref name="writer"/>.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    /// <param name="writer">The writer's schema.</param>
    /// <param name="contractName">The contract's C# type name.</param>
    /// <param name="title">The contract schema's title (its record name).</param>
    /// <param name="schema">The contract's JSON Schema text.</param>
    /// <param name="typeInfo">The contract's source-generated metadata.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="SchemaResolutionException">The writer's schema is not JSON Schema, or its title names another record.</exception>
    public static MessageValueReader<T> Create<T>(WriterSchema writer, string contractName, string title, string schema, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer.SchemaType != SchemaType.Json)
        {
            throw new SchemaResolutionException(contractName, writer.Id, new[] { $"the value was written as {writer.SchemaType}, the contract is JSON" });
        }

        bool same = string.Equals(writer.Schema, schema, StringComparison.Ordinal);
        if (!same)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(writer.Schema);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("title", out JsonElement written)
                    && written.ValueKind == JsonValueKind.String && written.GetString() != title)
                {
                    throw new SchemaResolutionException(contractName, writer.Id, new[] { $"the writer's schema is titled '{written.GetString()}', the contract's '{title}'" });
                }
            }
            catch (JsonException ex)
            {
                throw new SchemaResolutionException(contractName, writer.Id, new[] { "the writer's schema is not valid JSON: " + ex.Message });
            }
        }

        return new Reader<T>(contractName, writer.Id, same, typeInfo);
    }

    private sealed class Reader<T>(string contractName, int schemaId, bool same, JsonTypeInfo<T> typeInfo) : MessageValueReader<T>(schemaId)
    {
        public override bool IsContractSchema => same;

        public override T Read(ReadOnlySpan<byte> value)
        {
            if (value.Length < 5 || value[0] != 0)
            {
                throw new FormatException($"Not the Confluent wire format: {(value.Length < 5 ? $"{value.Length} bytes" : $"magic byte {value[0]}")}.");
            }

            int id = BinaryPrimitives.ReadInt32BigEndian(value.Slice(1));
            if (id != SchemaId)
            {
                throw new FormatException($"The value was written with schema id {id}; this reader reads schema id {SchemaId}.");
            }

            try
            {
                return JsonSerializer.Deserialize(value.Slice(5), typeInfo)
                    ?? throw new MessageDeserializationException(contractName, SchemaId, "the JSON document is null");
            }
            catch (JsonException ex)
            {
                string member = ex.Path is { Length: > 1 } path ? contractName + path.Substring(1) : contractName;
                throw new MessageDeserializationException(member, SchemaId, ex.Message, ex);
            }
        }
    }
}
