using System;
using TypedProducer.Benchmarks.Formats;

namespace TypedProducer.Benchmarks.Contracts.Formats;

/// <summary><see cref="RideStarted"/> as a generated JSON contract, written through <see cref="BenchmarkJsonContext"/>.</summary>
[KafkaMessage("bench.citibike.rides.json", Format = MessageFormat.Json, JsonContext = typeof(BenchmarkJsonContext), Name = "RideStarted", Namespace = "bench.generated.citibike")]
public sealed partial record RideStartedJson(
    [property: MessageKey] string RideId,
    BikeType BikeType,
    RiderType RiderType,
    DateTimeOffset StartedAt,
    string StationName,
    string? Neighborhood,
    string? Borough,
    double? Latitude,
    double? Longitude)
{
    public static RideStartedJson From(RideStarted r) => new(r.RideId, r.BikeType, r.RiderType, r.StartedAt, r.StationName, r.Neighborhood, r.Borough, r.Latitude, r.Longitude);
}
