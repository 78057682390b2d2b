using System;

namespace TypedProducer.FaultSuite;

/// <summary>Electric or classic bike.</summary>
public enum BikeType
{
    /// <summary>Classic.</summary>
    Classic,

    /// <summary>Electric.</summary>
    Electric,
}

/// <summary>A Citi Bike ride began. Keyed by ride id, so a ride's two events share a partition and stay in order.</summary>
[KafkaMessage("citibike.rides", Namespace = "citibike.events")]
public sealed partial record RideStarted([property: MessageKey] string RideId, long Sequence, BikeType BikeType, bool Member, DateTimeOffset StartedAt, string StationName, double? Latitude, double? Longitude);

/// <summary>A Citi Bike ride ended.</summary>
[KafkaMessage("citibike.rides", Namespace = "citibike.events")]
public sealed partial record RideEnded([property: MessageKey] string RideId, long Sequence, DateTimeOffset EndedAt, string StationName, long DurationMs, double? DistanceKm);
