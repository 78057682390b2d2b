using System.Collections.Generic;

namespace TypedProducer.Benchmarks.Contracts;

/// <summary>A line nested in <see cref="LargeEvent"/> (and its Protobuf and JSON twins).</summary>
public sealed class LineItem
{
    [ProtoField(1)]
    public required string Sku { get; init; }

    [ProtoField(2)]
    public int Quantity { get; init; }

    [ProtoField(3)]
    public double UnitPrice { get; init; }

    [ProtoField(4)]
    public double? Discount { get; init; }

    [ProtoField(5)]
    public required List<string> Tags { get; init; }
}
