using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TypedProducer.Serialization;

/// <summary>
/// Writes a value in the Confluent JSON Schema wire format (Confluent Schema Registry documentation, "Wire
/// format"): magic byte <c>0</c>, the schema id as a 4-byte big-endian integer, then the UTF-8 JSON document that
/// System.Text.Json writes with the given source-generated <see cref="JsonTypeInfo{T}"/> (no reflection). The
/// buffer and <see cref="Utf8JsonWriter"/> are reused per thread, so a call allocates only the result.
/// Generated serializers of <see cref="MessageFormat.Json"/> contracts call it.
/// </summary>
public static class ConfluentJsonSerializer
{
    // Buffers that grew beyond this are dropped after use instead of being kept per thread.
    private const int MaxCachedBufferSize = 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static JsonSerializerOptions? t_writerOptions;

    /// <summary>Serializes <paramref name="value"/> with its Confluent header.</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    /// <param name="value">The value; not null.</param>
    /// <param name="typeInfo">The source-generated metadata of <typeparamref name="T"/> (from the contract's <c>JsonSerializerContext</c>);
    /// its options' <see cref="JsonSerializerOptions.Encoder"/>, <see cref="JsonSerializerOptions.WriteIndented"/> and
    /// <see cref="JsonSerializerOptions.MaxDepth"/> configure the writer.</param>
    /// <param name="schemaId">The schema registry id.</param>
    /// <returns>The header and the UTF-8 JSON, in one new array.</returns>
    /// <exception cref="MessageSerializationException">A string has an unpaired UTF-16 surrogate (System.Text.Json would write
    /// U+FFFD instead; the exception names the member by its JSON path, for example <c>OrderPlaced.lines[2].sku</c>), or
    /// System.Text.Json cannot write the value (for example a NaN without <c>AllowNamedFloatingPointLiterals</c>, a
    /// cycle, or a type without metadata); the inner exception is the original error.</exception>
    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo, int schemaId) => WriteToThreadBuffer(value, typeInfo, schemaId).ToArray();

    /// <summary>As <see cref="Serialize"/>, written to <paramref name="destination"/> (no array allocated).</summary>
    /// <typeparam name="T">The contract type.</typeparam>
    /// <param name="value">The value; not null.</param>
    /// <param name="typeInfo">The source-generated metadata of <typeparamref name="T"/>.</param>
    /// <param name="schemaId">The schema registry id.</param>
    /// <param name="destination">Receives the header and the UTF-8 JSON.</param>
    /// <exception cref="MessageSerializationException">As <see cref="Serialize"/>.</exception>
    public static void Write<T>(T value, JsonTypeInfo<T> typeInfo, int schemaId, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(WriteToThreadBuffer(value, typeInfo, schemaId));
    }

    // The header and JSON in this thread's buffer, valid until the thread's next call.
    private static ReadOnlySpan<byte> WriteToThreadBuffer<T>(T value, JsonTypeInfo<T> typeInfo, int schemaId)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        Span<byte> header = buffer.GetSpan(5);
        header[0] = 0;
        BinaryPrimitives.WriteInt32BigEndian(header.Slice(1), schemaId);
        buffer.Advance(5);

        JsonSerializerOptions options = typeInfo.Options;
        Utf8JsonWriter? writer = t_writer;
        if (writer is null || !ReferenceEquals(t_writerOptions, options))
        {
            writer?.Dispose();
            writer = new Utf8JsonWriter(buffer, WriterOptions(options));
            t_writer = writer;
            t_writerOptions = options;
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new MessageSerializationException(typeof(T).Name, ex.Message, ex);
        }

        if (ContainsReplacementCharacter(buffer.WrittenSpan.Slice(5)))
        {
            ThrowIfUnpairedSurrogate(value, typeInfo);
        }

        if (buffer.Capacity > MaxCachedBufferSize)
        {
            // The writer still refers to the large buffer; it is reset to the next thread buffer before its next use.
            t_buffer = null;
        }

        return buffer.WrittenSpan;
    }

    // System.Text.Json (since .NET 5) writes an unpaired UTF-16 surrogate as U+FFFD without a word. The output is
    // scanned for U+FFFD, raw (EF BF BD) or escaped; only then is the value written again with an encoder that refuses
    // unpaired surrogates, which tells a replaced surrogate from a U+FFFD that was in the data. The common path pays one
    // vectorised scan and allocates nothing.
    private static bool ContainsReplacementCharacter(ReadOnlySpan<byte> json) =>
        json.IndexOf("\uFFFD"u8) >= 0 || json.IndexOf("\\uFFFD"u8) >= 0 || json.IndexOf("\\ufffd"u8) >= 0;

    private static void ThrowIfUnpairedSurrogate<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        JsonWriterOptions writerOptions = WriterOptions(typeInfo.Options);
        writerOptions.Encoder = new StrictUtf16JavaScriptEncoder(typeInfo.Options.Encoder ?? JavaScriptEncoder.Default);
        using var writer = new Utf8JsonWriter(new ArrayBufferWriter<byte>(256), writerOptions);
        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }
        catch (StrictUtf16JavaScriptEncoder.InvalidUtf16Exception ex)
        {
            throw new MessageSerializationException(FindInvalidString(value, typeInfo) ?? typeof(T).Name + " (a string value)", ex.Message, ex);
        }
    }

    // Only after a failure: walks the value through its source-generated metadata (property getters; no reflection) to
    // name the member that holds the bad string, as Type.jsonName.jsonName[index]. Null when the metadata has no
    // properties (a context generated for the fast path only).
    private static string? FindInvalidString<T>(T value, JsonTypeInfo<T> typeInfo) =>
        FindInvalidString(value, typeInfo, typeof(T).Name, depth: 0);

    private static string? FindInvalidString(object? value, JsonTypeInfo typeInfo, string path, int depth)
    {
        if (value is null || depth > 64)
        {
            return null;
        }

        if (value is string text)
        {
            return StrictUtf16JavaScriptEncoder.FindUnpairedSurrogate(text) >= 0 ? path : null;
        }

        switch (typeInfo.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (JsonPropertyInfo property in typeInfo.Properties)
                {
                    if (StrictUtf16JavaScriptEncoder.FindUnpairedSurrogate(property.Name) >= 0)
                    {
                        return path + "." + property.Name;
                    }

                    if (property.Get is { } get && Resolve(typeInfo.Options, property.PropertyType) is { } propertyType
                        && FindInvalidString(get(value), propertyType, path + "." + property.Name, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            // Elements by their run-time type (JsonTypeInfo.ElementType is .NET 9+); GetType() needs no reflection metadata.
            case JsonTypeInfoKind.Enumerable when value is System.Collections.IEnumerable items:
            {
                int index = 0;
                foreach (object? item in items)
                {
                    if (item is not null && Resolve(typeInfo.Options, item.GetType()) is { } elementInfo
                        && FindInvalidString(item, elementInfo, $"{path}[{index}]", depth + 1) is { } found)
                    {
                        return found;
                    }

                    index++;
                }

                return null;
            }
            case JsonTypeInfoKind.Dictionary when value is System.Collections.IDictionary entries:
            {
                foreach (System.Collections.DictionaryEntry entry in entries)
                {
                    string key = entry.Key?.ToString() ?? string.Empty;
                    if (StrictUtf16JavaScriptEncoder.FindUnpairedSurrogate(key) >= 0)
                    {
                        return $"{path}[key]";
                    }

                    if (entry.Value is not null && Resolve(typeInfo.Options, entry.Value.GetType()) is { } valueInfo
                        && FindInvalidString(entry.Value, valueInfo, $"{path}[\"{key}\"]", depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            }
            default:
                return null;
        }
    }

    private static JsonTypeInfo? Resolve(JsonSerializerOptions options, Type type) =>
        options.TryGetTypeInfo(type, out JsonTypeInfo? info) ? info : null;

    private static JsonWriterOptions WriterOptions(JsonSerializerOptions options)
    {
        var writerOptions = new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = options.WriteIndented,
            MaxDepth = options.MaxDepth,
            // The serializer produces well-formed JSON itself; skipping validation is what JsonSerializer does too.
            SkipValidation = true,
        };
#if NET9_0_OR_GREATER
        writerOptions.IndentCharacter = options.IndentCharacter;
        writerOptions.IndentSize = options.IndentSize;
        writerOptions.NewLine = options.NewLine;
#endif
        return writerOptions;
    }
}
