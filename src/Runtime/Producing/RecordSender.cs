using System;
using System.Buffers;
using Confluent.Kafka;
using TypedProducer.Native;
using TypedProducer.Partitioning;

namespace TypedProducer;

/// <summary>
/// Serializes a message into an <see cref="OutgoingRecord"/> and hands it to a <see cref="NativeKafkaProducer"/>: the
/// shared producer's and the transactional producers' one produce path. Headers go through a <see cref="NativeHeaderList"/> reused per thread (librdkafka copies
/// them before <c>rd_kafka_produceva</c> returns), the timestamp as milliseconds since the Unix epoch.
/// </summary>
internal static class RecordSender
{
    [ThreadStatic]
    private static NativeHeaderList? t_headers;

    /// <summary>
    /// Serializes <paramref name="message"/> into this thread's <see cref="OutgoingRecord"/>: key and value with the
    /// contract's generated writers, its <c>[MessageHeader]</c> members after the caller's headers, and the partition its
    /// <c>[PartitionKey]</c> chooses (hashed as the Java client does, over the topic's cached partition count) as
    /// <c>partition</c>; <see cref="Partition.Any"/> leaves it to librdkafka's partitioner (the message key's murmur2).
    /// </summary>
    /// <exception cref="MessageSerializationException">A member cannot be encoded; names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestamp"/> is not after the Unix epoch.</exception>
    /// <exception cref="KafkaException">The partition count of a <c>[PartitionKey]</c> contract's topic cannot be read.</exception>
    public static OutgoingRecord Serialize<TMessage>(MessageContract<TMessage> contract, TMessage message, int schemaId, Headers? headers, DateTimeOffset? timestamp, KafkaProducerConnection connection, out int partition)
    {
        OutgoingRecord record = OutgoingRecord.Start();
        record.TimestampMs = TimestampMs(timestamp, typeof(TMessage).Name, contract.Topic);
        record.HasKey = contract.WriteKey(message, record.Key);
        contract.WriteValue(message, schemaId, record.Value);
        partition = Partition.Any;
        if (contract.HasPartitionKey && contract.WritePartitionKey(message, record.PartitionKey))
        {
            partition = JavaCompatiblePartitioner.Partition(record.PartitionKey.WrittenSpan, connection.GetPartitionCount(contract.Topic));
        }

        record.Headers = contract.WriteHeaders(message, headers);
        return record;
    }

    /// <summary>
    /// A tombstone (null value) with <c>key</c>, in this thread's <see cref="OutgoingRecord"/>; <c>partition</c> is the one
    /// <c>partitionKey</c> chooses, or <see cref="Partition.Any"/> without one.
    /// </summary>
    public static OutgoingRecord Tombstone(string messageType, string topic, byte[] key, byte[]? partitionKey, Headers? headers, DateTimeOffset? timestamp, KafkaProducerConnection connection, out int partition)
    {
        OutgoingRecord record = OutgoingRecord.Start();
        record.TimestampMs = TimestampMs(timestamp, messageType, topic);
        record.Key.Write(key);
        record.HasKey = true;
        record.IsTombstone = true;
        record.Headers = headers;
        partition = partitionKey is null ? Partition.Any : JavaCompatiblePartitioner.Partition(partitionKey, connection.GetPartitionCount(topic));
        return record;
    }

    /// <summary>Produces <c>record</c>; its one report goes to <c>handler</c> when this returns <see cref="ErrorCode.NoError"/>.</summary>
    /// <returns><see cref="ErrorCode.NoError"/>, or librdkafka's refusal (no report follows; <see cref="Refusal"/> turns it into an exception).</returns>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public static ErrorCode Produce(NativeKafkaProducer producer, NativeKafkaTopic topic, OutgoingRecord record, int partition, INativeDeliveryHandler handler)
    {
        NativeHeaderList? headers = null;
        if (record.Headers is { Count: > 0 } given)
        {
            headers = t_headers ??= new NativeHeaderList();
            headers.Clear();
            foreach (IHeader header in given)
            {
                if (header.GetValueBytes() is { } bytes)
                {
                    headers.Add(header.Key, bytes);
                }
                else
                {
                    headers.AddNull(header.Key);
                }
            }
        }

        NativeMessageFlags flags = (record.HasKey ? NativeMessageFlags.None : NativeMessageFlags.NullKey)
            | (record.IsTombstone ? NativeMessageFlags.NullValue : NativeMessageFlags.None);
        ErrorCode code = producer.Produce(topic, record.Key.WrittenSpan, record.Value.WrittenSpan, partition, record.TimestampMs, headers, flags, handler);
        record.Trim();
        return code;
    }

    /// <summary>
    /// The exception for a refused record: <see cref="MessageTooLargeException"/> (<see cref="ErrorCode.MsgSizeTooLarge"/>,
    /// sizes and limit named), <see cref="ProducerQueueFullException"/> (<see cref="ErrorCode.Local_QueueFull"/>), or a
    /// <see cref="KafkaException"/> with librdkafka's error (for <see cref="ErrorCode.Local_Fatal"/>, the fatal error itself).
    /// </summary>
    public static Exception Refusal(NativeKafkaProducer producer, ErrorCode code, OutgoingRecord record, string messageType, string topic, TypedProducerOptions options)
    {
        var refused = new KafkaException(Error(producer, code));
        return code switch
        {
            // librdkafka checks message.max.bytes before queueing: name the sizes and the limit, not just the code.
            ErrorCode.MsgSizeTooLarge => MessageTooLargeException.Create(messageType, topic, record.HasKey ? record.Key.WrittenCount : 0, record.IsTombstone ? 0 : record.Value.WrittenCount, record.Headers, options, refused),
            ErrorCode.Local_QueueFull => ProducerQueueFullException.Create(messageType, topic, options, refused),
            _ => refused,
        };
    }

    /// <summary>librdkafka's error for a refusal code: after a fatal error, that error (<c>rd_kafka_fatal_error</c>).</summary>
    public static Error Error(NativeKafkaProducer producer, ErrorCode code) =>
        code == ErrorCode.Local_Fatal && producer.FatalError is { } fatal ? fatal : new Error(code, null, code == ErrorCode.Local_Fatal);

    // librdkafka's RD_KAFKA_V_TIMESTAMP: milliseconds since the Unix epoch, 0 for "now".
    private static long TimestampMs(DateTimeOffset? timestamp, string messageType, string topic)
    {
        if (timestamp is not { } t)
        {
            return 0;
        }

        long ms = t.ToUnixTimeMilliseconds();
        if (ms <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), t,
                $"The timestamp of a {messageType} to topic '{topic}' must be after the Unix epoch (1970-01-01T00:00:00Z): Kafka record timestamps are positive milliseconds since then.");
        }

        return ms;
    }
}
