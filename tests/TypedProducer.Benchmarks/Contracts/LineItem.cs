using System.Collections.Generic;

namespace TypedProducer.Benchmarks.Contracts;

/// <summary>A line nested in <see cref="LargeEvent"/>.</summary>
public sealed class LineItem
{
    public required string Sku { get; init; }

    public int Quantity { get; init; }

    public double UnitPrice { get; init; }

    public double? Discount { get; init; }

    public required List<string> Tags { get; init; }
}
