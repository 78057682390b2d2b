using System;
using System.Buffers;
using System.Buffers.Binary;
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
    /// <exception cref="MessageSerializationException">System.Text.Json cannot write the value (for example a NaN
    /// without <c>AllowNamedFloatingPointLiterals</c>, a cycle, or a type without metadata); the inner exception is its error.</exception>
    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo, int schemaId)
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

        byte[] result = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxCachedBufferSize)
        {
            // The writer still refers to the large buffer; it is reset to the next thread buffer before its next use.
            t_buffer = null;
        }

        return result;
    }

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
