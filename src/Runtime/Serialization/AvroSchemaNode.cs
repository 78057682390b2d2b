using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TypedProducer.Serialization;

/// <summary>The Avro types (Apache Avro 1.11 specification, "Primitive Types" and "Complex Types").</summary>
public enum AvroSchemaType
{
    /// <summary>null</summary>
    Null,
    /// <summary>boolean</summary>
    Boolean,
    /// <summary>int (32-bit)</summary>
    Int,
    /// <summary>long (64-bit)</summary>
    Long,
    /// <summary>float (32-bit IEEE 754)</summary>
    Float,
    /// <summary>double (64-bit IEEE 754)</summary>
    Double,
    /// <summary>bytes</summary>
    Bytes,
    /// <summary>string (UTF-8)</summary>
    String,
    /// <summary>record</summary>
    Record,
    /// <summary>enum</summary>
    Enum,
    /// <summary>array</summary>
    Array,
    /// <summary>map (string keys)</summary>
    Map,
    /// <summary>union</summary>
    Union,
    /// <summary>fixed</summary>
    Fixed,
}

/// <summary>A field of an Avro record schema.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Schema">The field's schema.</param>
public sealed record AvroField(string Name, AvroSchemaNode Schema)
{
    /// <summary>The field's "aliases" (former names), empty when it has none.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();
}

/// <summary>
/// A parsed Avro schema: the type, and for named and complex types their parts. Parsed from the schema JSON with
/// System.Text.Json; named types are resolved by full name (namespaces inherited as the specification says).
/// Written for this library because no Avro library is available from its package source.
/// </summary>
public sealed class AvroSchemaNode
{
    private AvroSchemaNode(AvroSchemaType type) => Type = type;

    /// <summary>The Avro type.</summary>
    public AvroSchemaType Type { get; }

    /// <summary>The logical type ("timestamp-millis", "decimal", "uuid", ...) or null.</summary>
    public string? LogicalType { get; private set; }

    /// <summary>For named types: the full name.</summary>
    public string? FullName { get; private set; }

    /// <summary>For records: the fields in order.</summary>
    public IReadOnlyList<AvroField> Fields { get; private set; } = Array.Empty<AvroField>();

    /// <summary>For enums: the symbols.</summary>
    public IReadOnlyList<string> Symbols { get; private set; } = Array.Empty<string>();

    /// <summary>For arrays: the items; for maps: the values.</summary>
    public AvroSchemaNode? ItemSchema { get; private set; }

    /// <summary>For unions: the branches.</summary>
    public IReadOnlyList<AvroSchemaNode> Branches { get; private set; } = Array.Empty<AvroSchemaNode>();

    /// <summary>For fixed: the size in bytes.</summary>
    public int Size { get; private set; }

    /// <summary>For the decimal logical type: precision and scale.</summary>
    public int Precision { get; private set; }

    /// <summary>For the decimal logical type: the scale.</summary>
    public int Scale { get; private set; }

    /// <summary>For enums: the "default" symbol a reader uses for a symbol it does not know, or null.</summary>
    public string? EnumDefault { get; private set; }

    /// <summary>For named types: the "aliases" as written (names relative to the type's namespace, or full names).</summary>
    public IReadOnlyList<string> Aliases { get; private set; } = Array.Empty<string>();

    /// <summary>Parses a schema.</summary>
    /// <param name="json">The schema JSON.</param>
    /// <returns>The root node.</returns>
    /// <exception cref="FormatException">The JSON is not a valid Avro schema; the message says what is wrong.</exception>
    public static AvroSchemaNode Parse(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return Parse(document.RootElement, string.Empty, new Dictionary<string, AvroSchemaNode>(StringComparer.Ordinal));
        }
        catch (JsonException ex)
        {
            throw new FormatException("The Avro schema is not valid JSON: " + ex.Message, ex);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
        {
            // A missing attribute ("name", "fields", "size", ...) or one of the wrong JSON kind.
            throw new FormatException("The Avro schema lacks a required attribute or has one of the wrong type: " + ex.Message, ex);
        }
    }

    private static AvroSchemaNode Parse(JsonElement element, string enclosingNamespace, Dictionary<string, AvroSchemaNode> named)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                string name = element.GetString()!;
                if (Primitive(name) is { } primitive)
                {
                    return new AvroSchemaNode(primitive);
                }

                string full = name.Contains('.') || enclosingNamespace.Length == 0 ? name : enclosingNamespace + "." + name;
                if (named.TryGetValue(full, out AvroSchemaNode? reference) || named.TryGetValue(name, out reference))
                {
                    return reference;
                }

                throw new FormatException($"Unknown Avro type '{name}'.");
            case JsonValueKind.Array:
                var branches = new List<AvroSchemaNode>();
                foreach (JsonElement branch in element.EnumerateArray())
                {
                    branches.Add(Parse(branch, enclosingNamespace, named));
                }

                return new AvroSchemaNode(AvroSchemaType.Union) { Branches = branches };
            case JsonValueKind.Object:
                return ParseObject(element, enclosingNamespace, named);
            default:
                throw new FormatException($"An Avro schema must be a string, array or object, not {element.ValueKind}.");
        }
    }

    private static AvroSchemaNode ParseObject(JsonElement element, string enclosingNamespace, Dictionary<string, AvroSchemaNode> named)
    {
        if (!element.TryGetProperty("type", out JsonElement typeElement))
        {
            throw new FormatException("An Avro schema object needs a \"type\".");
        }

        string? logicalType = element.TryGetProperty("logicalType", out JsonElement logical) ? logical.GetString() : null;
        if (typeElement.ValueKind != JsonValueKind.String)
        {
            return Parse(typeElement, enclosingNamespace, named);
        }

        string type = typeElement.GetString()!;
        AvroSchemaNode node;
        switch (type)
        {
            case "record":
            case "error":
            case "enum":
            case "fixed":
            {
                string name = element.GetProperty("name").GetString()!;
                string ns = element.TryGetProperty("namespace", out JsonElement nsElement) ? nsElement.GetString() ?? string.Empty : enclosingNamespace;
                string fullName = name.Contains('.') ? name : ns.Length == 0 ? name : ns + "." + name;
                string innerNamespace = fullName.Contains('.') ? fullName.Substring(0, fullName.LastIndexOf('.')) : string.Empty;
                node = new AvroSchemaNode(type switch { "enum" => AvroSchemaType.Enum, "fixed" => AvroSchemaType.Fixed, _ => AvroSchemaType.Record })
                {
                    FullName = fullName,
                    Aliases = Strings(element, "aliases"),
                };
                named[fullName] = node;
                if (node.Type == AvroSchemaType.Record)
                {
                    var fields = new List<AvroField>();
                    foreach (JsonElement field in element.GetProperty("fields").EnumerateArray())
                    {
                        fields.Add(new AvroField(field.GetProperty("name").GetString()!, Parse(field.GetProperty("type"), innerNamespace, named)) { Aliases = Strings(field, "aliases") });
                    }

                    node.Fields = fields;
                }
                else if (node.Type == AvroSchemaType.Enum)
                {
                    var symbols = new List<string>();
                    foreach (JsonElement symbol in element.GetProperty("symbols").EnumerateArray())
                    {
                        symbols.Add(symbol.GetString()!);
                    }

                    node.Symbols = symbols;
                    if (element.TryGetProperty("default", out JsonElement enumDefault))
                    {
                        node.EnumDefault = enumDefault.GetString();
                        if (node.EnumDefault is null || !symbols.Contains(node.EnumDefault))
                        {
                            throw new FormatException($"The default of enum {fullName} is not one of its symbols.");
                        }
                    }
                }
                else
                {
                    node.Size = element.GetProperty("size").GetInt32();
                }

                break;
            }

            case "array":
                node = new AvroSchemaNode(AvroSchemaType.Array) { ItemSchema = Parse(element.GetProperty("items"), enclosingNamespace, named) };
                break;
            case "map":
                node = new AvroSchemaNode(AvroSchemaType.Map) { ItemSchema = Parse(element.GetProperty("values"), enclosingNamespace, named) };
                break;
            default:
                node = Parse(typeElement, enclosingNamespace, named);
                if (logicalType is null)
                {
                    return node;
                }

                node = new AvroSchemaNode(node.Type);
                break;
        }

        node.LogicalType = logicalType;
        if (logicalType == "decimal")
        {
            node.Precision = element.GetProperty("precision").GetInt32();
            node.Scale = element.TryGetProperty("scale", out JsonElement scale) ? scale.GetInt32() : 0;
        }

        return node;
    }

    private static IReadOnlyList<string> Strings(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out JsonElement array))
        {
            return Array.Empty<string>();
        }

        var strings = new List<string>();
        foreach (JsonElement item in array.EnumerateArray())
        {
            strings.Add(item.GetString() ?? throw new FormatException($"\"{property}\" holds a non-string."));
        }

        return strings;
    }

    private static AvroSchemaType? Primitive(string name) => name switch
    {
        "null" => AvroSchemaType.Null,
        "boolean" => AvroSchemaType.Boolean,
        "int" => AvroSchemaType.Int,
        "long" => AvroSchemaType.Long,
        "float" => AvroSchemaType.Float,
        "double" => AvroSchemaType.Double,
        "bytes" => AvroSchemaType.Bytes,
        "string" => AvroSchemaType.String,
        _ => null,
    };
}
