using System.Text.Json.Serialization;

namespace TypedProducer.SchemaRegistry.Tests.Contracts;

public enum TripKind
{
    Member,
    Casual,
}

/// <summary>A nested object of <see cref="TripLogged"/>.</summary>
public sealed record TripStation(string Name, double Latitude, double Longitude, int? Docks);

/// <summary>
/// A JSON contract produced through the HTTP registry client and read back with Confluent's <c>JsonDeserializer</c>:
/// strings, integers to 64 bits, doubles, a decimal, an instant, a date, a Guid, an enum as a string, an optional
/// value, a nested object, a list and a map.
/// </summary>
[KafkaMessage("registry.trips", Format = MessageFormat.Json, JsonContext = typeof(TripJsonContext), Namespace = "registry.tests")]
public sealed partial record TripLogged(
    [property: MessageKey] string TripId,
    long DurationMs,
    int Riders,
    double DistanceKm,
    decimal Fare,
    DateTimeOffset StartedAt,
    DateOnly Day,
    Guid Bike,
    TripKind Kind,
    string? Note,
    TripStation From,
    TripStation? To,
    List<string> Tags,
    Dictionary<string, long> Counters);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TripLogged))]
internal sealed partial class TripJsonContext : JsonSerializerContext
{
}
