using System;
using System.Text.Json.Serialization;
using TypedProducer;

namespace CitiBikeRides;

// The JSON variants of the ride events (--format json): System.Text.Json's source-generated RideJsonContext writes
// them; the generator derives their JSON Schema (draft-07) from the same rules.

/// <summary>A ride began (JSON). Schema title <c>citibike.events.json.RideStarted</c> on its own topic.</summary>
[KafkaMessage("citibike.rides.json", Format = MessageFormat.Json, JsonContext = typeof(RideJsonContext), Name = "RideStarted", Namespace = "citibike.events.json", Doc = "A Citi Bike ride began.")]
public sealed partial record RideStartedJson(
    [property: MessageKey] string RideId,
    BikeType BikeType,
    RiderType RiderType,
    DateTimeOffset StartedAt,
    string StationName,
    string? Neighborhood,
    string? Borough,
    double? Latitude,
    double? Longitude);

/// <summary>A ride ended (JSON). Schema title <c>citibike.events.json.RideEnded</c>, same topic as <see cref="RideStartedJson"/>.</summary>
[KafkaMessage("citibike.rides.json", Format = MessageFormat.Json, JsonContext = typeof(RideJsonContext), Name = "RideEnded", Namespace = "citibike.events.json", Doc = "A Citi Bike ride ended.")]
public sealed partial record RideEndedJson(
    [property: MessageKey] string RideId,
    DateTimeOffset EndedAt,
    string StationName,
    string? Neighborhood,
    string? Borough,
    double? Latitude,
    double? Longitude,
    long DurationMs,
    double? DistanceKm);

/// <summary>The System.Text.Json metadata of the JSON ride events: camelCase names, enums as their names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RideStartedJson))]
[JsonSerializable(typeof(RideEndedJson))]
internal sealed partial class RideJsonContext : JsonSerializerContext;
