using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Numerics;
using System.Text;

namespace TypedProducer.Serialization;

/// <summary>
/// Decodes Avro binary data (Apache Avro 1.11 specification, "Binary Encoding") with the writer's schema into
/// generic values: null, bool, int, long, float, double, byte[] (bytes and fixed), string,
/// <see cref="AvroGenericRecord"/> (record: field name → value, and the record's full name),
/// <see cref="Dictionary{TKey, TValue}"/> (map), <see cref="List{T}"/> (array), string (enum symbol). Logical types
/// become DateTimeOffset (timestamp-millis/micros, UTC), DateTime of <see cref="DateTimeKind.Unspecified"/>
/// (local-timestamp-millis/micros), DateOnly (date), TimeOnly (time-millis/micros), decimal (decimal on bytes or
/// fixed), Guid (uuid) and <see cref="AvroDuration"/> (duration). Unknown logical types decode as their underlying
/// type, as the specification requires. For readers, tests and samples; the produce path never decodes.
/// </summary>
public static class AvroGenericReader
{
    /// <summary>Reads the Confluent wire-format header: magic byte 0, 4-byte big-endian schema id.</summary>
    /// <param name="data">The serialized value.</param>
    /// <param name="schemaId">The schema id.</param>
    /// <returns>The Avro body after the header.</returns>
    /// <exception cref="FormatException">The data is shorter than 5 bytes or the magic byte is not 0.</exception>
    public static ReadOnlySpan<byte> ReadConfluentHeader(ReadOnlySpan<byte> data, out int schemaId)
    {
        if (data.Length < 5 || data[0] != 0)
        {
            throw new FormatException($"Not the Confluent wire format: {(data.Length < 5 ? $"{data.Length} bytes" : $"magic byte {data[0]}")}.");
        }

        schemaId = BinaryPrimitives.ReadInt32BigEndian(data.Slice(1));
        return data.Slice(5);
    }

    /// <summary>Decodes one datum that must fill <paramref name="data"/> exactly.</summary>
    /// <param name="schema">The writer's schema.</param>
    /// <param name="data">The Avro binary body.</param>
    /// <returns>The value.</returns>
    /// <exception cref="FormatException">The data is truncated, has trailing bytes, or does not match the schema.</exception>
    public static object? Read(AvroSchemaNode schema, ReadOnlySpan<byte> data)
    {
        int position = 0;
        object? value = Read(schema, data, ref position);
        if (position != data.Length)
        {
            throw new FormatException($"{data.Length - position} trailing bytes after the Avro datum.");
        }

        return value;
    }

    private static object? Read(AvroSchemaNode schema, ReadOnlySpan<byte> data, ref int position)
    {
        switch (schema.Type)
        {
            case AvroSchemaType.Null:
                return null;
            case AvroSchemaType.Boolean:
                return Take(data, ref position, 1)[0] != 0;
            case AvroSchemaType.Int:
            {
                int value = checked((int)ReadLong(data, ref position));
                return schema.LogicalType switch
                {
                    "date" => DateOnly.FromDayNumber(719162 + value),
                    "time-millis" => new TimeOnly(value * TimeSpan.TicksPerMillisecond),
                    _ => value,
                };
            }

            case AvroSchemaType.Long:
            {
                long value = ReadLong(data, ref position);
                return schema.LogicalType switch
                {
                    "timestamp-millis" => DateTimeOffset.FromUnixTimeMilliseconds(value),
                    "timestamp-micros" => DateTimeOffset.UnixEpoch.AddTicks(value * 10),
                    "local-timestamp-millis" => new DateTime(DateTime.UnixEpoch.Ticks + (value * TimeSpan.TicksPerMillisecond), DateTimeKind.Unspecified),
                    "local-timestamp-micros" => new DateTime(DateTime.UnixEpoch.Ticks + (value * 10), DateTimeKind.Unspecified),
                    "time-micros" => new TimeOnly(value * 10),
                    _ => value,
                };
            }

            case AvroSchemaType.Float:
                return BinaryPrimitives.ReadSingleLittleEndian(Take(data, ref position, 4));
            case AvroSchemaType.Double:
                return BinaryPrimitives.ReadDoubleLittleEndian(Take(data, ref position, 8));
            case AvroSchemaType.Bytes:
            case AvroSchemaType.Fixed:
            {
                int length = schema.Type == AvroSchemaType.Fixed ? schema.Size : checked((int)ReadLong(data, ref position));
                ReadOnlySpan<byte> bytes = Take(data, ref position, length);
                return schema.LogicalType switch
                {
                    "decimal" => ToDecimal(bytes, schema.Scale),
                    "duration" when schema.Type == AvroSchemaType.Fixed && length == 12 => new AvroDuration(
                        BinaryPrimitives.ReadUInt32LittleEndian(bytes),
                        BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(4)),
                        BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(8))),
                    _ => bytes.ToArray(),
                };
            }

            case AvroSchemaType.String:
            {
                int length = checked((int)ReadLong(data, ref position));
                string text = Encoding.UTF8.GetString(Take(data, ref position, length));
                return schema.LogicalType == "uuid" ? Guid.Parse(text) : text;
            }

            case AvroSchemaType.Record:
            {
                var record = new AvroGenericRecord(schema.FullName!, schema.Fields.Count);
                foreach (AvroField field in schema.Fields)
                {
                    record[field.Name] = Read(field.Schema, data, ref position);
                }

                return record;
            }

            case AvroSchemaType.Enum:
            {
                int index = checked((int)ReadLong(data, ref position));
                if ((uint)index >= (uint)schema.Symbols.Count)
                {
                    throw new FormatException($"Enum index {index} is outside the {schema.Symbols.Count} symbols of {schema.FullName}.");
                }

                return schema.Symbols[index];
            }

            case AvroSchemaType.Array:
            {
                var items = new List<object?>();
                for (long count = ReadBlockCount(data, ref position); count != 0; count = ReadBlockCount(data, ref position))
                {
                    for (long i = 0; i < count; i++)
                    {
                        items.Add(Read(schema.ItemSchema!, data, ref position));
                    }
                }

                return items;
            }

            case AvroSchemaType.Map:
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (long count = ReadBlockCount(data, ref position); count != 0; count = ReadBlockCount(data, ref position))
                {
                    for (long i = 0; i < count; i++)
                    {
                        int length = checked((int)ReadLong(data, ref position));
                        string key = Encoding.UTF8.GetString(Take(data, ref position, length));
                        map[key] = Read(schema.ItemSchema!, data, ref position);
                    }
                }

                return map;
            }

            case AvroSchemaType.Union:
            {
                int branch = checked((int)ReadLong(data, ref position));
                if ((uint)branch >= (uint)schema.Branches.Count)
                {
                    throw new FormatException($"Union branch {branch} is outside the union's {schema.Branches.Count} branches.");
                }

                return Read(schema.Branches[branch], data, ref position);
            }

            default:
                throw new FormatException($"Unsupported Avro type {schema.Type}.");
        }
    }

    // A negative block count is followed by the block's size in bytes (specification, "Complex Types: Arrays").
    private static long ReadBlockCount(ReadOnlySpan<byte> data, ref int position)
    {
        long count = ReadLong(data, ref position);
        if (count < 0)
        {
            ReadLong(data, ref position);
            count = -count;
        }

        return count;
    }

    private static long ReadLong(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            byte b = Take(data, ref position, 1)[0];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)(result >> 1) ^ -(long)(result & 1);
            }
        }

        throw new FormatException("A varint is longer than 10 bytes.");
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int position, int length)
    {
        if (length < 0 || position + length > data.Length)
        {
            throw new FormatException($"Avro data truncated: needed {length} bytes at offset {position} of {data.Length}.");
        }

        ReadOnlySpan<byte> slice = data.Slice(position, length);
        position += length;
        return slice;
    }

    private static decimal ToDecimal(ReadOnlySpan<byte> bigEndianTwosComplement, int scale)
    {
        var unscaled = new BigInteger(bigEndianTwosComplement, isUnsigned: false, isBigEndian: true);
        return (decimal)unscaled / (decimal)BigInteger.Pow(10, scale);
    }
}
