using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;

namespace TypedProducer.Benchmarks.EndToEnd;

/// <summary>
/// What an application with tracing and metrics on costs the producer: an <see cref="ActivityListener"/> that samples
/// and records every TypedProducer span (as an always-on OpenTelemetry sampler does), and a <see cref="MeterListener"/>
/// on every TypedProducer instrument that adds each measurement up. No exporter: the SDK's processing and export are the
/// application's cost, not the library's. Attached only while the traced candidate runs (listeners are process-wide).
/// </summary>
public sealed class SamplingListener : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private long _spans;
    private long _measurements;

    public SamplingListener()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = static source => source.Name == TypedProducerTelemetry.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref _spans),
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == TypedProducerTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref _measurements));
        _meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _measurements));
        _meters.Start();
    }

    /// <summary>Spans ended while attached.</summary>
    public long Spans => Interlocked.Read(ref _spans);

    /// <summary>Measurements recorded while attached.</summary>
    public long Measurements => Interlocked.Read(ref _measurements);

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }
}
