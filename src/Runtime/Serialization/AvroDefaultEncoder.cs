using System;
using System.Globalization;
using TypedProducer.Schemas.Avro;
using SchemaField = TypedProducer.Schemas.Avro.AvroField;
using TypedProducer.Schemas.Json;

namespace TypedProducer.Serialization;

/// <summary>
/// Encodes a field's JSON default value in Avro binary with the field's schema, so a resolving reader reads a missing
/// field's default exactly as it reads data (Apache Avro 1.11 specification, "Complex Types: Records", the table of
/// default values: null as null, boolean as true/false, int and long as integers, float and double as numbers, bytes
/// and fixed as strings of code points 0-255, string as a string, record as an object, enum as a symbol, array as an
/// array, map as an object; a union's default belongs to its first branch). Java's resolving decoder does the same.
/// </summary>
internal static class AvroDefaultEncoder
{
    /// <summary>The default's Avro encoding.</summary>
    /// <exception cref="FormatException">The JSON value does not match the type.</exception>
    public static byte[] Encode(AvroType type, JsonValue value)
    {
        var writer = new AvroWriter(64);
        try
        {
            Write(ref writer, type, value, 0);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static void Write(ref AvroWriter writer, AvroType type, JsonValue value, int depth)
    {
        if (depth > AvroWriter.MaxRecursionDepth)
        {
            throw new FormatException("The default value nests too deeply.");
        }

        switch (type.Kind)
        {
            case AvroKind.Null:
                if (value is not JsonScalar { Text: null })
                {
                    throw Mismatch(type, value);
                }

                return;
            case AvroKind.Boolean:
                writer.WriteBoolean(value is JsonScalar { IsString: false, Text: "True" } ? true : value is JsonScalar { IsString: false, Text: "False" } ? false : throw Mismatch(type, value));
                return;
            case AvroKind.Int:
                writer.WriteInt(int.TryParse(Number(type, value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) ? i : throw Mismatch(type, value));
                return;
            case AvroKind.Long:
                writer.WriteLong(long.TryParse(Number(type, value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) ? l : throw Mismatch(type, value));
                return;
            case AvroKind.Float:
                writer.WriteFloat(float.TryParse(Number(type, value), NumberStyles.Float, CultureInfo.InvariantCulture, out float f) ? f : throw Mismatch(type, value));
                return;
            case AvroKind.Double:
                writer.WriteDouble(double.TryParse(Number(type, value), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw Mismatch(type, value));
                return;
            case AvroKind.String:
                writer.WriteString(value is JsonScalar { IsString: true, Text: { } s } ? s : throw Mismatch(type, value));
                return;
            case AvroKind.Bytes:
                writer.WriteBytes(CodePoints(type, value));
                return;
            case AvroKind.Fixed:
                byte[] bytes = CodePoints(type, value);
                if (bytes.Length != type.Size)
                {
                    throw new FormatException($"the default has {bytes.Length} bytes; fixed {type.FullName} has {type.Size}.");
                }

                writer.WriteFixed(bytes);
                return;
            case AvroKind.Enum:
                int symbol = value is JsonScalar { IsString: true, Text: { } name } ? type.Symbols.IndexOf(name) : -1;
                writer.WriteInt(symbol >= 0 ? symbol : throw Mismatch(type, value));
                return;
            case AvroKind.Union:
                // "Default values for union fields correspond to the first schema in the union."
                writer.WriteUnionIndex(0);
                Write(ref writer, type.Branches[0], value, depth + 1);
                return;
            case AvroKind.Array:
                if (value is not JsonArray array)
                {
                    throw Mismatch(type, value);
                }

                if (array.Elements.Count > 0)
                {
                    writer.WriteBlockCount(array.Elements.Count);
                    foreach (JsonValue element in array.Elements)
                    {
                        Write(ref writer, type.Items!, element, depth + 1);
                    }
                }

                writer.WriteBlockCount(0);
                return;
            case AvroKind.Map:
                if (value is not JsonObject map)
                {
                    throw Mismatch(type, value);
                }

                if (map.Properties.Count > 0)
                {
                    writer.WriteBlockCount(map.Properties.Count);
                    foreach (JsonProperty property in map.Properties)
                    {
                        writer.WriteString(property.Name);
                        Write(ref writer, type.Items!, property.Value, depth + 1);
                    }
                }

                writer.WriteBlockCount(0);
                return;
            case AvroKind.Record:
                if (value is not JsonObject record)
                {
                    throw Mismatch(type, value);
                }

                foreach (SchemaField field in type.Fields)
                {
                    JsonValue? fieldValue = FindExact(record, field.Name) ?? field.Default;
                    if (fieldValue is null)
                    {
                        throw new FormatException($"the default of record {type.FullName} has no value for its field '{field.Name}', which has no default either.");
                    }

                    Write(ref writer, field.Type, fieldValue, depth + 1);
                }

                return;
            default:
                throw Mismatch(type, value);
        }
    }

    private static JsonValue? FindExact(JsonObject obj, string name)
    {
        JsonValue? found = null;
        foreach (JsonProperty property in obj.Properties)
        {
            if (property.Name == name)
            {
                found = property.Value;
            }
        }

        return found;
    }

    private static string Number(AvroType type, JsonValue value) =>
        value is JsonScalar { IsString: false, Text: { } text } && text is not ("True" or "False") ? text : throw Mismatch(type, value);

    private static byte[] CodePoints(AvroType type, JsonValue value)
    {
        if (value is not JsonScalar { IsString: true, Text: { } text })
        {
            throw Mismatch(type, value);
        }

        var bytes = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            bytes[i] = text[i] <= 0xFF ? (byte)text[i] : throw new FormatException($"a bytes or fixed default holds code points 0 to 255; U+{(int)text[i]:X4} is not one.");
        }

        return bytes;
    }

    private static FormatException Mismatch(AvroType type, JsonValue value) =>
        new($"a default of the JSON kind {Describe(value)} does not match {type.Describe()}.");

    private static string Describe(JsonValue value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonScalar { Text: null } => "null",
        JsonScalar { IsString: true } => "string",
        _ => "number or boolean",
    };
}
