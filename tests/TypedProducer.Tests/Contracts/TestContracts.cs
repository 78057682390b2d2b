using System;
using System.Collections.Generic;

namespace TypedProducer.Tests.Contracts;

public enum Color
{
    Red,
    Green,
    Blue,
}

/// <summary>A nested record used by <see cref="EveryType"/>.</summary>
public sealed record Address(string Street, int? Number);

/// <summary>One member of every supported shape; the interop and spec tests write it.</summary>
[KafkaMessage("every.type", Doc = "Every supported member type")]
public sealed partial class EveryType
{
    [MessageKey]
    public string Id { get; set; } = "";

    public bool Flag { get; set; }

    public int Int { get; set; }

    public long Long { get; set; }

    public float Float { get; set; }

    public double Double { get; set; }

    public byte[] Bytes { get; set; } = [];

    public string Text { get; set; } = "";

    public Guid Uuid { get; set; }

    public DateTimeOffset TimestampMillis { get; set; }

    [AvroTimestamp(AvroTimestampPrecision.Micros)]
    public DateTime TimestampMicros { get; set; } = DateTime.UnixEpoch;

    public DateOnly Date { get; set; }

    public TimeOnly Time { get; set; }

    [AvroDecimal(10, 2)]
    public decimal Amount { get; set; }

    public Color Color { get; set; }

    public double? MaybeDouble { get; set; }

    public string? MaybeText { get; set; }

    public Address Home { get; set; } = new("", null);

    public Address? Work { get; set; }

    public int[] Numbers { get; set; } = [];

    public List<string> Tags { get; set; } = new();

    public IReadOnlyList<Address> History { get; set; } = Array.Empty<Address>();

    public Dictionary<string, long> Counters { get; set; } = new();

    public List<int?> Sparse { get; set; } = new();

    [AvroField(Name = "renamed", Doc = "Renamed field", Default = "\"n/a\"")]
    public string Original { get; set; } = "";

    [MessageIgnore]
    public string NotSent { get; set; } = "";
}

[KafkaMessage("orders", Namespace = "shop.events")]
public sealed partial record OrderPlaced(
    [property: MessageKey] Guid OrderId,
    [property: PartitionKey] string CustomerId,
    [property: AvroDecimal(12, 2)] decimal Total,
    DateTimeOffset PlacedAt);

[KafkaMessage("counters")]
public partial record struct CounterIncremented([property: MessageKey] long CounterId, int By);

[KafkaMessage("unkeyed")]
public sealed partial record Heartbeat(string Source, DateTimeOffset At);

/// <summary>Recursion through a named type is legal Avro.</summary>
[KafkaMessage("trees")]
public sealed partial class TreeNode
{
    [MessageKey]
    public int Id { get; set; }

    public string Label { get; set; } = "";

    public List<TreeNode> Children { get; set; } = new();
}
