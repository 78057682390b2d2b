namespace TypedProducer.Benchmarks.Contracts;

/// <summary>An address nested in <see cref="LargeEvent"/> (and its Protobuf and JSON twins).</summary>
public sealed class PostalAddress
{
    [ProtoField(1)]
    public required string Street { get; init; }

    [ProtoField(2)]
    public required string City { get; init; }

    [ProtoField(3)]
    public required string PostalCode { get; init; }

    [ProtoField(4)]
    public required string Country { get; init; }

    [ProtoField(5)]
    public double? Latitude { get; init; }

    [ProtoField(6)]
    public double? Longitude { get; init; }
}
