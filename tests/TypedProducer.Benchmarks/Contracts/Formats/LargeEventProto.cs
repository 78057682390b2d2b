using System;
using System.Collections.Generic;

namespace TypedProducer.Benchmarks.Contracts.Formats;

/// <summary><see cref="LargeEvent"/> as a generated Protobuf contract.</summary>
[KafkaMessage("bench.large.proto", Format = MessageFormat.Protobuf, Name = "LargeEvent", Namespace = "bench.generated.synthetic")]
public sealed partial class LargeEventProto
{
    [MessageKey]
    [ProtoField(1)]
    public Guid EventId { get; init; }

    [ProtoField(2)]
    public required string Source { get; init; }

    [ProtoField(3)]
    public required string Type { get; init; }

    [ProtoField(4)]
    public required string Subject { get; init; }

    [ProtoField(5)]
    public required string CorrelationId { get; init; }

    [ProtoField(6)]
    public long SequenceNumber { get; init; }

    [ProtoField(7)]
    public int Version { get; init; }

    [ProtoField(8)]
    public DateTimeOffset OccurredAt { get; init; }

    [ProtoField(9)]
    public DateTimeOffset RecordedAt { get; init; }

    [ProtoField(10)]
    public double Amount { get; init; }

    [ProtoField(11)]
    public double Tax { get; init; }

    [ProtoField(12)]
    public float Ratio { get; init; }

    [ProtoField(13)]
    public bool IsTest { get; init; }

    [ProtoField(14)]
    public bool IsReplay { get; init; }

    [ProtoField(15)]
    public Priority Priority { get; init; }

    [ProtoField(16)]
    public string? Note { get; init; }

    [ProtoField(17)]
    public int? RetryCount { get; init; }

    [ProtoField(18)]
    public required PostalAddress Billing { get; init; }

    [ProtoField(19)]
    public PostalAddress? Shipping { get; init; }

    [ProtoField(20)]
    public required List<LineItem> Lines { get; init; }

    [ProtoField(21)]
    public required double[] Samples { get; init; }

    [ProtoField(22)]
    public required List<string> Labels { get; init; }

    [ProtoField(23)]
    public required Dictionary<string, long> Counters { get; init; }

    [ProtoField(24)]
    public required byte[] Payload { get; init; }

    public static LargeEventProto From(LargeEvent e) => new()
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
