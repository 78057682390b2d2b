using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Globalization;
using TypedProducer;

namespace CitiBikeRides;

/// <summary>
/// Reads the delivery latency of every send from TypedProducer's <c>messaging.client.operation.duration</c> histogram
/// (seconds, from the hand-over to librdkafka to the delivery report) with a <see cref="MeterListener"/>, and gives its
/// percentiles. An application would export the histogram instead (OpenTelemetry's <c>AddMeter("TypedProducer")</c>).
/// </summary>
internal sealed class DeliveryLatency : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<double> _seconds = new();

    public DeliveryLatency()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TypedProducerTelemetry.MeterName && instrument.Name == "messaging.client.operation.duration")
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "messaging.operation.name" && Equals(tag.Value, "send"))
                {
                    var latency = (DeliveryLatency)state!;
                    lock (latency._seconds)
                    {
                        latency._seconds.Add(value);
                    }
                }
            }
        });
        _listener.Start();
    }

    /// <summary>"n sends: p50=... ms p99=... ms max=... ms", or a note when nothing was measured.</summary>
    public string Describe()
    {
        double[] sorted;
        lock (_seconds)
        {
            sorted = _seconds.ToArray();
        }

        if (sorted.Length == 0)
        {
            return "no send measured";
        }

        Array.Sort(sorted);
        return string.Create(CultureInfo.InvariantCulture,
            $"{sorted.Length} sends: p50={Percentile(sorted, 0.50) * 1000:F1} ms p99={Percentile(sorted, 0.99) * 1000:F1} ms max={sorted[^1] * 1000:F1} ms");
    }

    public void Dispose() => _listener.Dispose();

    // Nearest rank.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
