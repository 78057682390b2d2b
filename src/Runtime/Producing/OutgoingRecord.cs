using System;
using System.Buffers;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// One record on its way to librdkafka, serialized into buffers reused per thread: key, value and partition key bytes
/// (<see cref="ArrayBufferWriter{T}"/>), the headers and the timestamp. Valid from <see cref="RecordSender"/>'s
/// <c>Serialize</c> to its <c>Produce</c> on the same thread (librdkafka copies every byte before
/// <c>rd_kafka_produceva</c> returns, <c>RD_KAFKA_MSG_F_COPY</c>), so a record allocates nothing in steady state.
/// </summary>
internal sealed class OutgoingRecord
{
    // Buffers that grew past this for one large message are not kept for the thread's later messages.
    private const int MaxKeptCapacity = 1024 * 1024;

    [ThreadStatic]
    private static OutgoingRecord? t_current;

    /// <summary>The key bytes; meaningful when <see cref="HasKey"/>.</summary>
    public ArrayBufferWriter<byte> Key { get; private set; } = new(64);

    /// <summary>The value bytes (Confluent wire format); meaningful unless <see cref="IsTombstone"/>.</summary>
    public ArrayBufferWriter<byte> Value { get; private set; } = new(256);

    /// <summary>The <c>[PartitionKey]</c> bytes hashed to choose the partition.</summary>
    public ArrayBufferWriter<byte> PartitionKey { get; } = new(64);

    /// <summary>False for a null key.</summary>
    public bool HasKey { get; set; }

    /// <summary>True for a null value (a tombstone).</summary>
    public bool IsTombstone { get; set; }

    /// <summary>The record headers (the caller's, the contract's header members, trace context), or null.</summary>
    public Headers? Headers;

    /// <summary>The CreateTime in milliseconds since the Unix epoch; 0 for librdkafka's "now".</summary>
    public long TimestampMs { get; set; }

    /// <summary>This thread's record, emptied.</summary>
    public static OutgoingRecord Start()
    {
        OutgoingRecord record = t_current ??= new OutgoingRecord();
        record.Key.ResetWrittenCount();
        record.Value.ResetWrittenCount();
        record.PartitionKey.ResetWrittenCount();
        record.HasKey = false;
        record.IsTombstone = false;
        record.Headers = null;
        record.TimestampMs = 0;
        return record;
    }

    /// <summary>Lets go of buffers one large message grew (called once the record was handed over).</summary>
    public void Trim()
    {
        if (Value.Capacity > MaxKeptCapacity)
        {
            Value = new ArrayBufferWriter<byte>(256);
        }

        if (Key.Capacity > MaxKeptCapacity)
        {
            Key = new ArrayBufferWriter<byte>(64);
        }

        Headers = null;
    }
}
