namespace TypedProducer.Benchmarks.Contracts;

/// <summary>Electric or classic bike (Citi Bike <c>bike_type</c>).</summary>
public enum BikeType
{
    Classic,
    Electric,
}
