using System.Collections.Generic;
using System.Text;
using System;
using Confluent.Kafka;
using TypedProducer.SchemaRegistry;

namespace TypedProducer.Testing;

/// <summary>One record read back by <see cref="TypedKafkaReader"/>, with its value decoded by schema id.</summary>
public class KafkaRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="offset">The offset in the partition.</param>
    /// <param name="timestamp">The record timestamp.</param>
    /// <param name="key">The key bytes, or null.</param>
    /// <param name="headers">The headers.</param>
    /// <param name="rawValue">The value bytes as written (Confluent wire format).</param>
    /// <param name="schemaId">The schema id from the value's header, or -1 when the value is not in the Confluent wire format.</param>
    /// <param name="schemaName">The schema's record full name (Avro), or null.</param>
    /// <param name="schemaType">The schema language, or null when the schema is unknown.</param>
    /// <param name="value">The decoded value (see <see cref="Value"/>), or null.</param>
    public KafkaRecord(string topic, int partition, long offset, DateTimeOffset timestamp, byte[]? key, Headers headers, byte[]? rawValue, int schemaId, string? schemaName, SchemaType? schemaType, object? value)
    {
        Topic = topic;
        Partition = partition;
        Offset = offset;
        Timestamp = timestamp;
        Key = key;
        Headers = headers;
        RawValue = rawValue;
        SchemaId = schemaId;
        SchemaName = schemaName;
        SchemaType = schemaType;
        Value = value;
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>The partition.</summary>
    public int Partition { get; }

    /// <summary>The offset in the partition.</summary>
    public long Offset { get; }

    /// <summary>The record's timestamp (CreateTime as the producer set it, unless the topic uses LogAppendTime).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The key bytes, or null.</summary>
    public byte[]? Key { get; }

    /// <summary>The key as UTF-8 text (how string, Guid and text keys are written), or null when there is none or it is not valid UTF-8.</summary>
    public string? KeyText => Key is null ? null : TryUtf8(Key);

    /// <summary>The record headers.</summary>
    public Headers Headers { get; }

    /// <summary>The value bytes as written, header included; null for a tombstone.</summary>
    public byte[]? RawValue { get; }

    /// <summary>The schema id from the Confluent wire-format header, or -1 when the value has none.</summary>
    public int SchemaId { get; }

    /// <summary>The record full name of the writer's Avro schema (for example <c>citibike.events.RideStarted</c>), or null.</summary>
    public string? SchemaName { get; }

    /// <summary>The writer schema's language, or null when the value has no known schema.</summary>
    public SchemaType? SchemaType { get; }

    /// <summary>
    /// The decoded value. Avro: as <see cref="Serialization.AvroGenericReader"/> decodes it (a record is an
    /// <see cref="IReadOnlyDictionary{TKey, TValue}"/> of field name to value; logical types become DateTimeOffset,
    /// DateOnly, TimeOnly, decimal, Guid; enums their symbol). JSON Schema: the JSON document as dictionaries, lists,
    /// strings, doubles, longs, booleans and nulls. Protobuf: null (not decoded; see <see cref="RawValue"/>).
    /// </summary>
    public object? Value { get; }

    /// <summary>The decoded value as a record (field name to value); empty when the value is not a record.</summary>
    public IReadOnlyDictionary<string, object?> Fields => Value as IReadOnlyDictionary<string, object?> ?? EmptyFields;

    private static IReadOnlyDictionary<string, object?> EmptyFields { get; } = new Dictionary<string, object?>();

    private static string? TryUtf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
