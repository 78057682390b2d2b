using System;
using TypedProducer;

namespace CitiBikeRides;

// The Protobuf variants of the ride events (--format protobuf): plain C# records with field numbers; the generator
// writes their .proto (checked in as Protos/*.proto, for consumers in other languages), the encoder and the decoder.

/// <summary>A ride began (Protobuf). Message <c>citibike.events.proto.RideStarted</c> on its own topic.</summary>
[KafkaMessage("citibike.rides.proto", Format = MessageFormat.Protobuf, Name = "RideStarted", Namespace = "citibike.events.proto", Doc = "A Citi Bike ride began.")]
public sealed partial record RideStartedProto(
    [property: MessageKey, ProtoField(1)] string RideId,
    [property: ProtoField(2)] BikeType BikeType,
    [property: ProtoField(3)] RiderType RiderType,
    [property: ProtoField(4)] DateTimeOffset StartedAt,
    [property: ProtoField(5)] string StationName,
    [property: ProtoField(6)] string? Neighborhood,
    [property: ProtoField(7)] string? Borough,
    [property: ProtoField(8)] double? Latitude,
    [property: ProtoField(9)] double? Longitude);

/// <summary>A ride ended (Protobuf). Message <c>citibike.events.proto.RideEnded</c>, same topic as <see cref="RideStartedProto"/>.</summary>
[KafkaMessage("citibike.rides.proto", Format = MessageFormat.Protobuf, Name = "RideEnded", Namespace = "citibike.events.proto", Doc = "A Citi Bike ride ended.")]
public sealed partial record RideEndedProto(
    [property: MessageKey, ProtoField(1)] string RideId,
    [property: ProtoField(2)] DateTimeOffset EndedAt,
    [property: ProtoField(3)] string StationName,
    [property: ProtoField(4)] string? Neighborhood,
    [property: ProtoField(5)] string? Borough,
    [property: ProtoField(6)] double? Latitude,
    [property: ProtoField(7)] double? Longitude,
    [property: ProtoField(8)] long DurationMs,
    [property: ProtoField(9)] double? DistanceKm);
