using System;
using System.Collections.Generic;

namespace TypedProducer.Benchmarks.Contracts;

/// <summary>
/// A large synthetic record (about 2.5 KB on the wire): 24 fields of every common kind, nested records, an
/// array of 16 records, 64 doubles, a map and a 256-byte payload. Protobuf twin: Protos/synthetic.proto.
/// </summary>
[KafkaMessage("bench.large", Namespace = "bench.synthetic")]
public sealed partial class LargeEvent
{
    [MessageKey]
    public Guid EventId { get; init; }

    public required string Source { get; init; }

    public required string Type { get; init; }

    public required string Subject { get; init; }

    public required string CorrelationId { get; init; }

    public long SequenceNumber { get; init; }

    public int Version { get; init; }

    [AvroTimestamp(AvroTimestampPrecision.Micros)]
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
}
