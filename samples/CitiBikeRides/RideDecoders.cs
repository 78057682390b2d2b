using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using TypedProducer;
using TypedProducer.SchemaRegistry;
using TypedProducer.Serialization;

namespace CitiBikeRides;

/// <summary>A record value read back: the full name of its writer's schema and the format's contract it was read into.</summary>
internal sealed record DecodedValue(string RecordName, object Payload);

/// <summary>
/// Reads the record values of one format back by the schema id in their Confluent header: the writer's schema is
/// fetched from the registry the producers registered with, once per id; the contract it names (RideStarted or RideEnded
/// of the format) reads the value with its generated deserializer (<see cref="MessageContract{TMessage}.CreateValueReader"/>:
/// Avro through schema resolution, JSON through the System.Text.Json context, Protobuf through the generated wire-format
/// reader, which checks the message indexes).
/// </summary>
internal sealed class RideDecoder(ISchemaRegistryClient registry, RideFormat format)
{
    private readonly Dictionary<int, (string Name, Func<byte[], object> Read)> _readers = new();

    public DecodedValue Decode(byte[] value)
    {
        if (value.Length < 5 || value[0] != 0)
        {
            throw new InvalidDataException("Not the Confluent wire format (magic byte 0, 4-byte schema id).");
        }

        int schemaId = BinaryPrimitives.ReadInt32BigEndian(value.AsSpan(1));
        if (!_readers.TryGetValue(schemaId, out (string Name, Func<byte[], object> Read) reader))
        {
            var registered = registry.GetSchemaAsync(schemaId).GetAwaiter().GetResult();
            var writer = new WriterSchema(schemaId, registered.SchemaType, registered.Schema);
            _readers[schemaId] = reader = format switch
            {
                RideFormat.Avro => ReaderOf(AvroSchemaNode.Parse(writer.Schema).FullName!, writer, RideStartedKafkaContract.Instance, RideEndedKafkaContract.Instance),
                RideFormat.Json => ReaderOf(JsonTitle(writer.Schema), writer, RideStartedJsonKafkaContract.Instance, RideEndedJsonKafkaContract.Instance),
                _ => ReaderOf(FirstMessage(writer.Schema), writer, RideStartedProtoKafkaContract.Instance, RideEndedProtoKafkaContract.Instance),
            };
        }

        return new DecodedValue(reader.Name, reader.Read(value));
    }

    /// <summary>The generated deserializer of whichever of the two contracts the writer's schema names.</summary>
    private static (string, Func<byte[], object>) ReaderOf<TStarted, TEnded>(string writerName, WriterSchema writer, MessageContract<TStarted> started, MessageContract<TEnded> ended)
        where TStarted : notnull
        where TEnded : notnull
    {
        if (writerName == started.ValueSchema.FullName)
        {
            MessageValueReader<TStarted> reader = started.CreateValueReader(writer);
            return (writerName, value => reader.Read(value));
        }

        if (writerName == ended.ValueSchema.FullName)
        {
            MessageValueReader<TEnded> reader = ended.CreateValueReader(writer);
            return (writerName, value => reader.Read(value));
        }

        throw new InvalidDataException($"Unexpected record '{writerName}' (schema {writer.Id}).");
    }

    private static string JsonTitle(string schema)
    {
        using JsonDocument document = JsonDocument.Parse(schema);
        return document.RootElement.GetProperty("title").GetString()!;
    }

    /// <summary>
    /// The full name of a .proto's first top-level message. Enough for the generator's own .proto text (one "package"
    /// line, "message X {" at the line start); a general reader would use a .proto parser.
    /// </summary>
    private static string FirstMessage(string proto)
    {
        string package = "";
        foreach (string line in proto.Split('\n'))
        {
            if (line.StartsWith("package ", StringComparison.Ordinal))
            {
                package = line["package ".Length..].TrimEnd(';', ' ', '\r');
            }
            else if (line.StartsWith("message ", StringComparison.Ordinal))
            {
                string name = line["message ".Length..].Split(' ', '{')[0];
                return package.Length == 0 ? name : package + "." + name;
            }
        }

        throw new InvalidDataException("The registered .proto declares no message.");
    }
}
