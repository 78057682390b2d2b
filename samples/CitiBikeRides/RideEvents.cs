using System;
using TypedProducer;

namespace CitiBikeRides;

/// <summary>Electric or classic bike.</summary>
public enum BikeType
{
    Classic,
    Electric,
}

/// <summary>Citi Bike member or casual rider.</summary>
public enum RiderType
{
    Member,
    Casual,
}

/// <summary>A ride began at a station. Keyed by ride id, so a ride's events share a partition and stay in order.</summary>
[KafkaMessage("citibike.rides", Namespace = "citibike.events", Doc = "A Citi Bike ride began.")]
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

/// <summary>A ride ended at a station. Same topic as <see cref="RideStarted"/>, its own schema subject (TopicRecordName).</summary>
[KafkaMessage("citibike.rides", Namespace = "citibike.events", Doc = "A Citi Bike ride ended.")]
public sealed partial record RideEnded(
    [property: MessageKey] string RideId,
    DateTimeOffset EndedAt,
    string StationName,
    string? Neighborhood,
    string? Borough,
    double? Latitude,
    double? Longitude,
    long DurationMs,
    double? DistanceKm);
