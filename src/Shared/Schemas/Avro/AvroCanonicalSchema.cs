using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TypedProducer.Schemas.Json;

// Shared source: compiled into the analyzers (netstandard2.0) and the runtime.
namespace TypedProducer.Schemas.Avro;

/// <summary>
/// The schema text the Confluent Schema Registry compares and stores for an Avro schema: <c>AvroSchema.canonicalString()</c>,
/// which is Apache Avro Java's <c>Schema.toString()</c> (Avro 1.11 <c>Schema.toJson</c>). Equivalent schemas that differ in
/// whitespace, in the order of the specification's attributes (type, name, namespace, doc, fields, symbols, size, items,
/// values, default, order, aliases) or in how a name is written (full name, or relative to the enclosing namespace) get
/// the same text. Unlike the Parsing Canonical Form it keeps doc, defaults, aliases and custom properties (two schemas
/// that differ in a doc get different registry ids), and custom properties keep their order, as in Java.
/// Known difference: numbers (defaults, custom properties) are kept as written, where Java's Jackson rewrites
/// <c>1e2</c> as <c>100.0</c>.
/// </summary>
internal static class AvroCanonicalSchema
{
    private static readonly HashSet<string> s_schemaReserved = new(StringComparer.Ordinal)
    {
        "type", "name", "namespace", "doc", "fields", "symbols", "size", "items", "values", "aliases", "default",
    };

    private static readonly HashSet<string> s_fieldReserved = new(StringComparer.Ordinal) { "name", "type", "doc", "default", "order", "aliases" };

    /// <summary>The registry's canonical text of <paramref name="text"/>, or null when it is not JSON.</summary>
    /// <param name="text">An Avro schema that <see cref="AvroSchemaParser"/> accepts (validate first: shapes it refuses are written as they come).</param>
    /// <param name="definedNames">Full names of the named types its references define, so a short name resolves as the parser resolves it; null for none.</param>
    public static string? Write(string text, IEnumerable<string>? definedNames = null)
    {
        var json = JsonReader.Parse(text, 512);
        if (json is null)
        {
            return null;
        }

        var known = new HashSet<string>(definedNames ?? Array.Empty<string>(), StringComparer.Ordinal);
        var output = new StringBuilder(text.Length);
        WriteSchema(json, null, known, output);
        return output.ToString();
    }

    private static void WriteSchema(JsonValue schema, string? space, HashSet<string> known, StringBuilder output)
    {
        switch (schema)
        {
            case JsonScalar { IsString: true, Text: { } name }:
                WriteNameReference(name, space, known, output);
                return;
            case JsonArray union:
                output.Append('[');
                for (int i = 0; i < union.Elements.Count; i++)
                {
                    output.Append(i == 0 ? string.Empty : ",");
                    WriteSchema(union.Elements[i], space, known, output);
                }

                output.Append(']');
                return;
            case JsonObject obj:
                WriteObject(obj, space, known, output);
                return;
            default:
                WriteJson(schema, output);
                return;
        }
    }

    private static void WriteObject(JsonObject obj, string? space, HashSet<string> known, StringBuilder output)
    {
        JsonValue? typeValue = Get(obj, "type");
        if (typeValue is not JsonScalar { IsString: true, Text: { } type })
        {
            // {"type": {...}} or {"type": [...]}: the nested schema is the schema.
            WriteSchema(typeValue ?? obj, space, known, output);
            return;
        }

        switch (type)
        {
            case "record":
            case "error":
            case "enum":
            case "fixed":
                WriteNamed(obj, type, space, known, output);
                return;
            case "array":
            case "map":
                output.Append("{\"type\":\"").Append(type).Append("\",\"").Append(type == "array" ? "items" : "values").Append("\":");
                WriteSchema(Get(obj, type == "array" ? "items" : "values") ?? new JsonScalar(obj.Span, "null", isString: true), space, known, output);
                WriteProperties(obj, s_schemaReserved, output);
                output.Append('}');
                return;
            case "null" or "boolean" or "int" or "long" or "float" or "double" or "bytes" or "string":
                int start = output.Length;
                output.Append("{\"type\":");
                WriteString(type, output);
                int before = output.Length;
                WriteProperties(obj, s_schemaReserved, output);
                if (output.Length == before)
                {
                    // No properties: Java writes the bare name.
                    output.Length = start;
                    WriteString(type, output);
                    return;
                }

                output.Append('}');
                return;
            default:
                // {"type": "some.Name"}: a reference to a named type (Java keeps no properties of it).
                WriteNameReference(type, space, known, output);
                return;
        }
    }

    private static void WriteNamed(JsonObject obj, string type, string? space, HashSet<string> known, StringBuilder output)
    {
        string name = Get(obj, "name") is JsonScalar { IsString: true, Text: { } written } ? written : string.Empty;
        string? declaredSpace = Get(obj, "namespace") is JsonScalar { IsString: true, Text: var ns } ? ns : space;
        string fullName = name.IndexOf('.') >= 0 || string.IsNullOrEmpty(declaredSpace) ? name : declaredSpace + "." + name;
        string? ownSpace = NamespaceOf(fullName);
        known.Add(fullName);

        output.Append("{\"type\":");
        WriteString(type, output);
        output.Append(",\"name\":");
        WriteString(fullName.Substring(fullName.LastIndexOf('.') + 1), output);
        if (ownSpace is not null)
        {
            if (ownSpace != space)
            {
                output.Append(",\"namespace\":");
                WriteString(ownSpace, output);
            }
        }
        else if (space is not null)
        {
            output.Append(",\"namespace\":\"\"");
        }

        WriteAttribute(obj, "doc", output);
        switch (type)
        {
            case "enum":
                output.Append(",\"symbols\":");
                WriteJson(Get(obj, "symbols") ?? new JsonArray(obj.Span, new List<JsonValue>()), output);
                WriteAttribute(obj, "default", output);
                break;
            case "fixed":
                output.Append(",\"size\":");
                WriteJson(Get(obj, "size") ?? new JsonScalar(obj.Span, "0", isString: false), output);
                break;
            default:
                output.Append(",\"fields\":[");
                if (Get(obj, "fields") is JsonArray fields)
                {
                    for (int i = 0; i < fields.Elements.Count; i++)
                    {
                        output.Append(i == 0 ? string.Empty : ",");
                        WriteField(fields.Elements[i], ownSpace, known, output);
                    }
                }

                output.Append(']');
                break;
        }

        WriteProperties(obj, s_schemaReserved, output);
        if (Get(obj, "aliases") is JsonArray { Elements.Count: > 0 } aliases)
        {
            output.Append(",\"aliases\":[");
            for (int i = 0; i < aliases.Elements.Count; i++)
            {
                output.Append(i == 0 ? string.Empty : ",");
                string alias = aliases.Elements[i] is JsonScalar { Text: { } text } ? text : string.Empty;
                string aliasFullName = alias.IndexOf('.') >= 0 || ownSpace is null ? alias : ownSpace + "." + alias;
                WriteString(Qualified(aliasFullName, ownSpace), output);
            }

            output.Append(']');
        }

        output.Append('}');
    }

    private static void WriteField(JsonValue field, string? space, HashSet<string> known, StringBuilder output)
    {
        if (field is not JsonObject obj)
        {
            WriteJson(field, output);
            return;
        }

        output.Append("{\"name\":");
        WriteJson(Get(obj, "name") ?? new JsonScalar(obj.Span, string.Empty, isString: true), output);
        output.Append(",\"type\":");
        WriteSchema(Get(obj, "type") ?? new JsonScalar(obj.Span, "null", isString: true), space, known, output);
        WriteAttribute(obj, "doc", output);
        WriteAttribute(obj, "default", output);
        if (Get(obj, "order") is JsonScalar { Text: { } order } && order != "ascending")
        {
            output.Append(",\"order\":");
            WriteString(order, output);
        }

        if (Get(obj, "aliases") is JsonArray { Elements.Count: > 0 } aliases)
        {
            output.Append(",\"aliases\":");
            WriteJson(aliases, output);
        }

        WriteProperties(obj, s_fieldReserved, output);
        output.Append('}');
    }

    // A reference to a primitive or a named type: the name relative to the enclosing namespace (Java's getQualified).
    private static void WriteNameReference(string name, string? space, HashSet<string> known, StringBuilder output)
    {
        if (name is "null" or "boolean" or "int" or "long" or "float" or "double" or "bytes" or "string")
        {
            WriteString(name, output);
            return;
        }

        string fullName = name.IndexOf('.') < 0 && !string.IsNullOrEmpty(space) && known.Contains(space + "." + name) ? space + "." + name : name;
        WriteString(Qualified(fullName, space), output);
    }

    private static string Qualified(string fullName, string? space) =>
        space is not null && NamespaceOf(fullName) == space ? fullName.Substring(space.Length + 1) : fullName;

    private static string? NamespaceOf(string fullName)
    {
        int dot = fullName.LastIndexOf('.');
        return dot <= 0 ? null : fullName.Substring(0, dot);
    }

    // Custom properties (logicalType, precision, connect.name, ...) in the order written, as Java's LinkedHashMap keeps them.
    private static void WriteProperties(JsonObject obj, HashSet<string> reserved, StringBuilder output)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in obj.Properties)
        {
            if (reserved.Contains(property.Name) || !written.Add(property.Name))
            {
                continue;
            }

            output.Append(',');
            WriteString(property.Name, output);
            output.Append(':');
            WriteJson(Get(obj, property.Name)!, output);
        }
    }

    private static void WriteAttribute(JsonObject obj, string name, StringBuilder output)
    {
        if (Get(obj, name) is { } value)
        {
            output.Append(",\"").Append(name).Append("\":");
            WriteJson(value, output);
        }
    }

    // The last property of that exact name (Avro attributes are case-sensitive; JSON's last duplicate wins, as in Jackson).
    private static JsonValue? Get(JsonObject obj, string name)
    {
        JsonValue? found = null;
        foreach (JsonProperty property in obj.Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                found = property.Value;
            }
        }

        return found;
    }

    private static void WriteJson(JsonValue value, StringBuilder output)
    {
        switch (value)
        {
            case JsonScalar { IsString: true } text:
                WriteString(text.Text ?? string.Empty, output);
                return;
            case JsonScalar scalar:
                // The shared reader keeps true and false as IConfiguration does ("True", "False"); numbers as written.
                output.Append(scalar.Text switch { null => "null", "True" => "true", "False" => "false", var number => number });
                return;
            case JsonArray array:
                output.Append('[');
                for (int i = 0; i < array.Elements.Count; i++)
                {
                    output.Append(i == 0 ? string.Empty : ",");
                    WriteJson(array.Elements[i], output);
                }

                output.Append(']');
                return;
            case JsonObject obj:
                output.Append('{');
                var written = new HashSet<string>(StringComparer.Ordinal);
                bool first = true;
                foreach (JsonProperty property in obj.Properties)
                {
                    if (!written.Add(property.Name))
                    {
                        continue;
                    }

                    output.Append(first ? string.Empty : ",");
                    first = false;
                    WriteString(property.Name, output);
                    output.Append(':');
                    WriteJson(Get(obj, property.Name)!, output);
                }

                output.Append('}');
                return;
        }
    }

    // Jackson's escaping: quote, backslash and control characters; everything else as is.
    private static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        output.Append('"');
    }
}
