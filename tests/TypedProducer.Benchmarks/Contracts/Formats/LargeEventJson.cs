using System.Collections.Generic;
using System;
using TypedProducer.Benchmarks.Formats;

namespace TypedProducer.Benchmarks.Contracts.Formats;

/// <summary><see cref="LargeEvent"/> as a generated JSON contract.</summary>
[KafkaMessage("bench.large.json", Format = MessageFormat.Json, JsonContext = typeof(BenchmarkJsonContext), Name = "LargeEvent", Namespace = "bench.generated.synthetic")]
public sealed partial class LargeEventJson
{
    [MessageKey]
    public Guid EventId { get; init; }

    public required string Source { get; init; }

    public required string Type { get; init; }

    public required string Subject { get; init; }

    public required string CorrelationId { get; init; }

    public long SequenceNumber { get; init; }

    public int Version { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public double Amount { get; init; }

    public double Tax { get; init; }

    public float Ratio { get; init; }

    public bool IsTest { get; init; }

    public bool IsReplay { get; init; }

    public Priority Priority { get; init; }

    public string? Note { get; init; }

    public int? RetryCount { get; init; }

    public required PostalAddress Billing { get; init; }

    public PostalAddress? Shipping { get; init; }

    public required List<LineItem> Lines { get; init; }

    public required double[] Samples { get; init; }

    public required List<string> Labels { get; init; }

    public required Dictionary<string, long> Counters { get; init; }

    public required byte[] Payload { get; init; }

    public static LargeEventJson From(LargeEvent e) => new()
    {
        EventId = e.EventId,
        Source = e.Source,
        Type = e.Type,
        Subject = e.Subject,
        CorrelationId = e.CorrelationId,
        SequenceNumber = e.SequenceNumber,
        Version = e.Version,
        OccurredAt = e.OccurredAt,
        RecordedAt = e.RecordedAt,
        Amount = e.Amount,
        Tax = e.Tax,
        Ratio = e.Ratio,
        IsTest = e.IsTest,
        IsReplay = e.IsReplay,
        Priority = e.Priority,
        Note = e.Note,
        RetryCount = e.RetryCount,
        Billing = e.Billing,
        Shipping = e.Shipping,
        Lines = e.Lines,
        Samples = e.Samples,
        Labels = e.Labels,
        Counters = e.Counters,
        Payload = e.Payload,
    };
}
