using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System;
using Google.Protobuf.Reflection;
using Google.Protobuf;
using TypedProducer.SchemaRegistry;
using TypedProducer.Serialization;
using TypedProducer;
using Pb = Citibike.Events.Proto;

namespace CitiBikeRides;

/// <summary>
/// A record value decoded by the schema id in its Confluent header: the record's full name and its fields by the
/// contract's member names (RideId, BikeType as the enum's name, StartedAt as an instant, ...), whatever the format.
/// </summary>
internal sealed record DecodedValue(string RecordName, IReadOnlyDictionary<string, object?> Fields);

/// <summary>Decodes one format's record values, fetching each schema id's schema from the registry once.</summary>
internal interface IRideDecoder
{
    DecodedValue Decode(byte[] value);
}

/// <summary>Avro: the registered schema drives TypedProducer's generic Avro reader.</summary>
internal sealed class AvroRideDecoder(ISchemaRegistryClient registry) : IRideDecoder
{
    private readonly Dictionary<int, AvroSchemaNode> _schemas = new();

    public DecodedValue Decode(byte[] value)
    {
        ReadOnlySpan<byte> body = AvroGenericReader.ReadConfluentHeader(value, out int schemaId);
        if (!_schemas.TryGetValue(schemaId, out AvroSchemaNode? schema))
        {
            _schemas[schemaId] = schema = AvroSchemaNode.Parse(registry.GetSchemaAsync(schemaId).GetAwaiter().GetResult().Schema);
        }

        return new DecodedValue(schema.FullName!, (IReadOnlyDictionary<string, object?>)AvroGenericReader.Read(schema, body)!);
    }
}

/// <summary>
/// Protobuf: the message-index array picks the message in the registered .proto (its package and top-level messages,
/// read from the schema text), and the protoc-generated parser of that message (built from Protos/*.proto) reads it.
/// </summary>
internal sealed class ProtobufRideDecoder(ISchemaRegistryClient registry) : IRideDecoder
{
    private static readonly Dictionary<string, MessageDescriptor> s_parsers =
        new[] { Pb.RideStartedReflection.Descriptor, Pb.RideEndedReflection.Descriptor }.SelectMany(f => f.MessageTypes).ToDictionary(m => m.FullName);

    private readonly Dictionary<int, string[]> _messagesBySchemaId = new();

    public DecodedValue Decode(byte[] value)
    {
        ReadOnlySpan<byte> body = ProtobufWireFormat.ReadConfluentHeader(value, out int schemaId, out int[] indexes);
        if (!_messagesBySchemaId.TryGetValue(schemaId, out string[]? messages))
        {
            _messagesBySchemaId[schemaId] = messages = TopLevelMessages(registry.GetSchemaAsync(schemaId).GetAwaiter().GetResult().Schema);
        }

        if (indexes.Length != 1 || indexes[0] >= messages.Length)
        {
            throw new InvalidDataException($"Schema {schemaId} has no top-level message at index path [{string.Join(", ", indexes)}].");
        }

        string fullName = messages[indexes[0]];
        IMessage message = s_parsers[fullName].Parser.ParseFrom(body.ToArray());
        return message switch
        {
            Pb.RideStarted s => new DecodedValue(fullName, new Dictionary<string, object?>
            {
                ["RideId"] = s.RideId,
                ["BikeType"] = s.BikeType.ToString(),
                ["RiderType"] = s.RiderType.ToString(),
                ["StartedAt"] = s.StartedAt.ToDateTimeOffset(),
                ["StationName"] = s.StationName,
                ["Neighborhood"] = s.Neighborhood,
                ["Borough"] = s.Borough,
                ["Latitude"] = s.Latitude,
                ["Longitude"] = s.Longitude,
            }),
            Pb.RideEnded e => new DecodedValue(fullName, new Dictionary<string, object?>
            {
                ["RideId"] = e.RideId,
                ["EndedAt"] = e.EndedAt.ToDateTimeOffset(),
                ["StationName"] = e.StationName,
                ["Neighborhood"] = e.Neighborhood,
                ["Borough"] = e.Borough,
                ["Latitude"] = e.Latitude,
                ["Longitude"] = e.Longitude,
                ["DurationMs"] = e.DurationMs,
                ["DistanceKm"] = e.DistanceKm,
            }),
            _ => throw new InvalidDataException($"Unexpected message {fullName}."),
        };
    }

    /// <summary>
    /// The full names of a .proto's top-level messages in declaration order, which is what the first message index
    /// counts. Enough for the generator's own .proto text (one "package" line, "message X {" at the line start); a
    /// general reader would use a .proto parser.
    /// </summary>
    private static string[] TopLevelMessages(string proto)
    {
        string package = "";
        var messages = new List<string>();
        foreach (string line in proto.Split('\n'))
        {
            if (line.StartsWith("package ", StringComparison.Ordinal))
            {
                package = line["package ".Length..].TrimEnd(';', ' ', '\r');
            }
            else if (line.StartsWith("message ", StringComparison.Ordinal))
            {
                string name = line["message ".Length..].Split(' ', '{')[0];
                messages.Add(package.Length == 0 ? name : package + "." + name);
            }
        }

        return messages.ToArray();
    }
}

/// <summary>JSON: the registered schema's "title" names the record; System.Text.Json's generated metadata reads it.</summary>
internal sealed class JsonRideDecoder(ISchemaRegistryClient registry) : IRideDecoder
{
    private readonly Dictionary<int, string> _titles = new();

    public DecodedValue Decode(byte[] value)
    {
        if (value.Length < 5 || value[0] != 0)
        {
            throw new InvalidDataException("Not the Confluent JSON Schema wire format (magic byte 0, 4-byte schema id).");
        }

        int schemaId = BinaryPrimitives.ReadInt32BigEndian(value.AsSpan(1));
        if (!_titles.TryGetValue(schemaId, out string? title))
        {
            using JsonDocument schema = JsonDocument.Parse(registry.GetSchemaAsync(schemaId).GetAwaiter().GetResult().Schema);
            _titles[schemaId] = title = schema.RootElement.GetProperty("title").GetString()!;
        }

        ReadOnlySpan<byte> json = value.AsSpan(5);
        return title switch
        {
            "citibike.events.json.RideStarted" when JsonSerializer.Deserialize(json, RideJsonContext.Default.RideStartedJson) is { } s => new DecodedValue(title, new Dictionary<string, object?>
            {
                ["RideId"] = s.RideId,
                ["BikeType"] = s.BikeType.ToString(),
                ["RiderType"] = s.RiderType.ToString(),
                ["StartedAt"] = s.StartedAt,
                ["StationName"] = s.StationName,
                ["Neighborhood"] = s.Neighborhood,
                ["Borough"] = s.Borough,
                ["Latitude"] = s.Latitude,
                ["Longitude"] = s.Longitude,
            }),
            "citibike.events.json.RideEnded" when JsonSerializer.Deserialize(json, RideJsonContext.Default.RideEndedJson) is { } e => new DecodedValue(title, new Dictionary<string, object?>
            {
                ["RideId"] = e.RideId,
                ["EndedAt"] = e.EndedAt,
                ["StationName"] = e.StationName,
                ["Neighborhood"] = e.Neighborhood,
                ["Borough"] = e.Borough,
                ["Latitude"] = e.Latitude,
                ["Longitude"] = e.Longitude,
                ["DurationMs"] = e.DurationMs,
                ["DistanceKm"] = e.DistanceKm,
            }),
            _ => throw new InvalidDataException($"Unexpected record '{title}' (schema {schemaId})."),
        };
    }
}
