using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TypedProducer;

/// <summary>
/// The names under which TypedProducer publishes traces and metrics, for
/// <c>services.AddOpenTelemetry().WithTracing(t =&gt; t.AddSource(TypedProducerTelemetry.ActivitySourceName))
/// .WithMetrics(m =&gt; m.AddMeter(TypedProducerTelemetry.MeterName))</c> (or any <see cref="ActivityListener"/> and
/// <see cref="MeterListener"/>). The runtime uses only <c>System.Diagnostics</c>: no OpenTelemetry package is referenced.
/// Spans and the delivery metrics follow the OpenTelemetry messaging semantic conventions for Kafka
/// (<c>docs/messaging/kafka.md</c>, <c>messaging-spans.md</c>, <c>messaging-metrics.md</c> of
/// open-telemetry/semantic-conventions); README "Observability" lists every span, attribute and instrument.
/// Nothing is allocated, timed or written into record headers while no listener is attached.
/// </summary>
public static class TypedProducerTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>"TypedProducer"</c>.</summary>
    public const string ActivitySourceName = "TypedProducer";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>"TypedProducer"</c>.</summary>
    public const string MeterName = "TypedProducer";

    private static readonly string? s_version = typeof(TypedProducerTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>The source of the <c>send</c>, <c>commit</c> and <c>abort</c> spans.</summary>
    internal static ActivitySource Source { get; } = new(ActivitySourceName, s_version);

    /// <summary>The meter of every instrument.</summary>
    internal static Meter Meter { get; } = new(MeterName, s_version);

    /// <summary>
    /// <c>messaging.client.sent.messages</c>: messages handed to librdkafka whose outcome is known (a delivery report,
    /// or failed at shutdown), by topic, partition and, on failure, <c>error.type</c>. Messages librdkafka refused
    /// synchronously (queue full, too large) were never sent and are not counted (messaging-metrics.md: "MUST NOT count
    /// messages that were created but haven't yet been sent").
    /// </summary>
    internal static Counter<long> SentMessages { get; } = Meter.CreateCounter<long>(
        "messaging.client.sent.messages",
        "{message}",
        "Number of messages producer attempted to send to the broker.");

    /// <summary>
    /// <c>messaging.client.operation.duration</c> in seconds: for <c>send</c>, from the hand-over to librdkafka to the
    /// delivery report (the span's duration); for <c>commit</c> and <c>abort</c>, the transaction call. Bucket boundaries
    /// as messaging-metrics.md advises.
    /// </summary>
    internal static Histogram<double> OperationDuration { get; } = Meter.CreateHistogram(
        "messaging.client.operation.duration",
        "s",
        "Duration of messaging operation initiated by a producer or consumer client.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });
}
