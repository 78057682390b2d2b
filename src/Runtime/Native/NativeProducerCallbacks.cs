using System;
using Confluent.Kafka;

namespace TypedProducer.Native;

/// <summary>
/// The instance-level callbacks of a <see cref="NativeKafkaProducer"/>. All run on the thread that serves librdkafka's
/// queue (<c>rd_kafka_poll</c>): the producer's poll thread, or a thread inside <c>Flush</c> or <c>Dispose</c>.
/// </summary>
internal sealed class NativeProducerCallbacks
{
    /// <summary>
    /// librdkafka's error callback (<c>error_cb</c>): errors of the client instance, most of them transient (brokers
    /// down, transport). A fatal error (<see cref="ErrorCode.Local_Fatal"/> from librdkafka) arrives with the underlying
    /// error read by <c>rd_kafka_fatal_error</c> and <see cref="Error.IsFatal"/> set.
    /// </summary>
    public Action<Error>? OnError { get; init; }

    /// <summary>
    /// librdkafka's log lines (<c>log_cb</c>): syslog level (0 emergency .. 7 debug), facility, message. Forwarded to the
    /// main queue (<c>log.queue=true</c>, <c>rd_kafka_set_log_queue</c>) so they arrive on the polling thread. When null,
    /// librdkafka's default logger writes to stderr.
    /// </summary>
    public Action<int, string, string>? OnLog { get; init; }

    /// <summary>librdkafka's statistics JSON (STATISTICS.md) every <c>statistics.interval.ms</c>; never called when that property is not set.</summary>
    public Action<string>? OnStatistics { get; init; }

    /// <summary>
    /// Receives the reports of messages produced without a handler. When null, such reports are only counted
    /// (<see cref="NativeKafkaProducer.Delivered"/>, <see cref="NativeKafkaProducer.Failed"/>).
    /// </summary>
    public INativeDeliveryHandler? DefaultHandler { get; init; }

    /// <summary>An exception thrown by a handler or by one of these callbacks (it cannot propagate into librdkafka). When null it is dropped and counted in <see cref="NativeKafkaProducer.HandlerExceptions"/>.</summary>
    public Action<Exception>? OnHandlerException { get; init; }
}
