using System;
using Confluent.Kafka;

namespace TypedProducer.Native;

/// <summary>
/// The outcome of one message produced with <see cref="NativeKafkaProducer"/>: what librdkafka's delivery-report callback
/// (<c>dr_msg_cb</c>, rdkafka.h) says about it.
/// </summary>
/// <param name="Error">
/// <see cref="ErrorCode.NoError"/> when the broker acknowledged the message (per <c>acks</c>); otherwise the reason:
/// a broker error, <see cref="ErrorCode.Local_MsgTimedOut"/> (<c>message.timeout.ms</c>), or
/// <see cref="ErrorCode.Local_PurgeQueue"/> / <see cref="ErrorCode.Local_PurgeInflight"/> for messages purged at dispose or
/// by <see cref="NativeKafkaProducer.Purge"/>.
/// </param>
/// <param name="Reason">librdkafka's text for a failure (<c>rd_kafka_message_errstr</c>); null on success.</param>
/// <param name="Partition">The partition the message was (or would have been) written to; -1 when none was chosen yet.</param>
/// <param name="Offset">The offset the broker assigned; -1001 (<c>RD_KAFKA_OFFSET_INVALID</c>) on failure, or when an idempotent producer's retry was already written.</param>
/// <param name="TimestampMs">The message timestamp, milliseconds since the Unix epoch (UTC); -1 when not available.</param>
/// <param name="TimestampType">
/// Its kind (<c>rd_kafka_message_timestamp</c>): the producer's <see cref="TimestampType.CreateTime"/>, or the broker's
/// <see cref="TimestampType.LogAppendTime"/> when the produce response carries one (librdkafka's mock cluster always
/// answers 1234 there).
/// </param>
/// <param name="Status">Whether the message may be in the log (<c>rd_kafka_message_status</c>): decides whether a retry can duplicate it.</param>
internal readonly record struct NativeDeliveryReport(ErrorCode Error, string? Reason, int Partition, long Offset, long TimestampMs, TimestampType TimestampType, PersistenceStatus Status)
{
    private static readonly Confluent.Kafka.Error s_noError = new(ErrorCode.NoError);

    /// <summary><see cref="TimestampMs"/> as an instant (UTC), or null when librdkafka has none.</summary>
    public DateTimeOffset? Timestamp => TimestampMs >= 0 ? DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs) : null;

    /// <summary>The outcome as a Confluent.Kafka <see cref="Confluent.Kafka.Error"/>: one shared instance on success (nothing allocated per report), a new one with <see cref="Reason"/> on failure.</summary>
    public Confluent.Kafka.Error ToError() => Error == ErrorCode.NoError ? s_noError : new Confluent.Kafka.Error(Error, Reason);
}
