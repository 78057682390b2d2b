using System;

namespace TypedProducer.Benchmarks.Contracts;

/// <summary>
/// A Citi Bike ride began: the shape of the sample's <c>RideStarted</c> (samples/CitiBikeRides/RideEvents.cs),
/// built from real rows of ../shared/data/citibike. Protobuf twin: Protos/citibike.proto.
/// </summary>
[KafkaMessage("bench.citibike.rides", Namespace = "citibike.events", Doc = "A Citi Bike ride began.")]
public sealed partial record RideStarted(
    [property: MessageKey] string RideId,
    BikeType BikeType,
    RiderType RiderType,
    DateTimeOffset StartedAt,
    string StationName,
    string? Neighborhood,
    string? Borough,
    double? Latitude,
    double? Longitude);
