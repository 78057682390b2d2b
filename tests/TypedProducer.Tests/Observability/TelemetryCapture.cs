using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TypedProducer.Tests.Observability;

/// <summary>The real OpenTelemetry SDK with in-memory exporters, listening to TypedProducer's source and meter.</summary>
public sealed class TelemetryCapture : IDisposable
{
    public const string ParentSourceName = "TypedProducer.Tests.Parent";

    private readonly TracerProvider? _tracer;
    private readonly MeterProvider? _meter;

    public TelemetryCapture(bool traces = true, bool metrics = true, Sampler? sampler = null)
    {
        if (traces)
        {
            _tracer = Sdk.CreateTracerProviderBuilder()
                .AddSource(TypedProducerTelemetry.ActivitySourceName, ParentSourceName)
                .SetSampler(sampler ?? new AlwaysOnSampler())
                .AddInMemoryExporter(Spans)
                .Build();
        }

        if (metrics)
        {
            _meter = Sdk.CreateMeterProviderBuilder()
                .AddMeter(TypedProducerTelemetry.MeterName)
                .AddInMemoryExporter(Metrics)
                .Build();
        }
    }

    public static ActivitySource Parent { get; } = new(ParentSourceName);

    /// <summary>Ended spans, in the order they ended.</summary>
    public List<Activity> Spans { get; } = new();

    /// <summary>Every collection's metrics (cumulative): the last snapshot of a name is the current value.</summary>
    public List<MetricSnapshot> Metrics { get; } = new();

    /// <summary>Collects the metrics now and returns the last snapshot of <paramref name="name"/>, or null.</summary>
    public MetricSnapshot? Collect(string name)
    {
        Metrics.Clear();
        _meter!.ForceFlush();
        return Metrics.LastOrDefault(m => m.Name == name);
    }

    public static Dictionary<string, object?> TagsOf(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        return tags;
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
    }
}
