namespace TypedProducer.Benchmarks.Contracts;

/// <summary>An address nested in <see cref="LargeEvent"/>.</summary>
public sealed class PostalAddress
{
    public required string Street { get; init; }

    public required string City { get; init; }

    public required string PostalCode { get; init; }

    public required string Country { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }
}
