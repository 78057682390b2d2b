namespace TypedProducer.Benchmarks.Contracts;

/// <summary>Citi Bike member or casual rider (<c>rider_type</c>).</summary>
public enum RiderType
{
    Member,
    Casual,
}
