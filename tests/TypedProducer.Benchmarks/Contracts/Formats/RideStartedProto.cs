using System;

namespace TypedProducer.Benchmarks.Contracts.Formats;

/// <summary><see cref="RideStarted"/> as a generated Protobuf contract (the sample's RideStartedProto).</summary>
[KafkaMessage("bench.citibike.rides.proto", Format = MessageFormat.Protobuf, Name = "RideStarted", Namespace = "bench.generated.citibike")]
public sealed partial record RideStartedProto(
    [property: MessageKey, ProtoField(1)] string RideId,
    [property: ProtoField(2)] BikeType BikeType,
    [property: ProtoField(3)] RiderType RiderType,
    [property: ProtoField(4)] DateTimeOffset StartedAt,
    [property: ProtoField(5)] string StationName,
    [property: ProtoField(6)] string? Neighborhood,
    [property: ProtoField(7)] string? Borough,
    [property: ProtoField(8)] double? Latitude,
    [property: ProtoField(9)] double? Longitude)
{
    public static RideStartedProto From(RideStarted r) => new(r.RideId, r.BikeType, r.RiderType, r.StartedAt, r.StationName, r.Neighborhood, r.Borough, r.Latitude, r.Longitude);
}
