using System;
using Confluent.Kafka;
using TypedProducer.Native;

namespace TypedProducer;

/// <summary>
/// Hands one serialized record to a <see cref="NativeKafkaProducer"/>: the shared producer's and the transactional
/// producers' one produce call. Headers go through a <see cref="NativeHeaderList"/> reused per thread (librdkafka copies
/// them before <c>rd_kafka_produceva</c> returns), the timestamp as milliseconds since the Unix epoch.
/// </summary>
internal static class RecordSender
{
    [ThreadStatic]
    private static NativeHeaderList? t_headers;

    /// <summary>Produces <paramref name="record"/>; its one report goes to <paramref name="handler"/> when this returns <see cref="ErrorCode.NoError"/>.</summary>
    /// <returns><see cref="ErrorCode.NoError"/>, or librdkafka's refusal (no report follows; <see cref="Refusal"/> turns it into an exception).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The record's timestamp is not after the Unix epoch; names the message type and topic.</exception>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public static ErrorCode Produce(NativeKafkaProducer producer, NativeKafkaTopic topic, Message<byte[]?, byte[]> record, int partition, INativeDeliveryHandler handler, string messageType)
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

        NativeMessageFlags flags = (record.Key is null ? NativeMessageFlags.NullKey : NativeMessageFlags.None)
            | (record.Value is null ? NativeMessageFlags.NullValue : NativeMessageFlags.None);
        return producer.Produce(topic, record.Key, record.Value, partition, TimestampMs(record.Timestamp, messageType, topic.Name), headers, flags, handler);
    }

    /// <summary>
    /// The exception for a refused record: <see cref="MessageTooLargeException"/> (<see cref="ErrorCode.MsgSizeTooLarge"/>,
    /// sizes and limit named), <see cref="ProducerQueueFullException"/> (<see cref="ErrorCode.Local_QueueFull"/>), or a
    /// <see cref="KafkaException"/> with librdkafka's error (for <see cref="ErrorCode.Local_Fatal"/>, the fatal error itself).
    /// </summary>
    public static Exception Refusal(NativeKafkaProducer producer, ErrorCode code, Message<byte[]?, byte[]> record, string messageType, string topic, TypedProducerOptions options)
    {
        var refused = new KafkaException(Error(producer, code));
        return code switch
        {
            // librdkafka checks message.max.bytes before queueing: name the sizes and the limit, not just the code.
            ErrorCode.MsgSizeTooLarge => MessageTooLargeException.Create(messageType, topic, record, options, refused),
            ErrorCode.Local_QueueFull => ProducerQueueFullException.Create(messageType, topic, options, refused),
            _ => refused,
        };
    }

    /// <summary>librdkafka's error for a refusal code: after a fatal error, that error (<c>rd_kafka_fatal_error</c>).</summary>
    public static Error Error(NativeKafkaProducer producer, ErrorCode code) =>
        code == ErrorCode.Local_Fatal && producer.FatalError is { } fatal ? fatal : new Error(code, null, code == ErrorCode.Local_Fatal);

    // librdkafka's RD_KAFKA_V_TIMESTAMP: milliseconds since the Unix epoch, 0 for "now".
    private static long TimestampMs(Timestamp timestamp, string messageType, string topic)
    {
        if (timestamp.Type == TimestampType.NotAvailable)
        {
            return 0;
        }

        if (timestamp.UnixTimestampMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp.UtcDateTime,
                $"The timestamp of a {messageType} to topic '{topic}' must be after the Unix epoch (1970-01-01T00:00:00Z): Kafka record timestamps are positive milliseconds since then.");
        }

        return timestamp.UnixTimestampMs;
    }
}
