namespace CitiBikeRides;

/// <summary>The wire format the sample produces in (<c>--format</c>).</summary>
internal enum RideFormat
{
    /// <summary>RideStarted/RideEnded on citibike.rides, Avro.</summary>
    Avro,

    /// <summary>RideStartedProto/RideEndedProto on citibike.rides.proto, Protobuf.</summary>
    Protobuf,

    /// <summary>RideStartedJson/RideEndedJson on citibike.rides.json, JSON Schema.</summary>
    Json,
}
