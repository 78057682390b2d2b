using System;
using System.Collections.Generic;
using System.Text.Json;

namespace TypedProducer;

/// <summary>
/// Avro schema compatibility for <see cref="InMemorySchemaRegistryClient"/>: can a reader with one schema read data
/// written with another (Apache Avro 1.11 specification, "Schema Resolution")? Records match by unqualified name or
/// reader alias, fields by name or reader field alias, missing writer fields need a reader default; enums need every
/// writer symbol or a reader default symbol; fixed sizes must be equal; int, long and float promote to wider numbers,
/// string and bytes to each other; every branch of a writer union must be readable, and a reader union must have a
/// branch that reads the writer's type. Messages use the incompatibility names of Avro's Java
/// <c>SchemaCompatibility</c> (READER_FIELD_MISSING_DEFAULT_VALUE, TYPE_MISMATCH, ...), which the Confluent registry
/// returns with <c>?verbose=true</c>. Written for this library: no Avro library is available from its package source.
/// </summary>
internal static class AvroSchemaCompatibility
{
    /// <summary>Parses an Avro schema, with the named types of its references already defined.</summary>
    /// <exception cref="FormatException">Not a valid Avro schema; the message says why.</exception>
    public static Node Parse(string json, Dictionary<string, Node> named)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return Parse(document.RootElement, string.Empty, named);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The Avro schema is not valid JSON: " + ex.Message, ex);
        }
        catch (KeyNotFoundException ex)
        {
            throw new FormatException("The Avro schema lacks a required attribute: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException("An Avro schema attribute has the wrong JSON type: " + ex.Message, ex);
        }
    }

    /// <summary>Adds to <paramref name="messages"/> why a reader with <paramref name="reader"/> cannot read data written with <paramref name="writer"/>; returns true when it can.</summary>
    public static bool CanRead(Node reader, Node writer, List<string> messages)
    {
        return Check(reader, writer, "/", messages, new HashSet<(Node, Node)>());
    }

    private static bool Check(Node reader, Node writer, string path, List<string>? messages, HashSet<(Node, Node)> inProgress)
    {
        if (writer.Kind == "union")
        {
            bool all = true;
            for (int i = 0; i < writer.Branches.Count; i++)
            {
                if (!Check(reader, writer.Branches[i], path, null, inProgress))
                {
                    all = false;
                    messages?.Add($"MISSING_UNION_BRANCH at '{path}': the reader cannot read the writer's union branch {i} ({writer.Branches[i].Describe()}).");
                }
            }

            return all;
        }

        if (reader.Kind == "union")
        {
            foreach (Node branch in reader.Branches)
            {
                if (Check(branch, writer, path, null, inProgress))
                {
                    return true;
                }
            }

            messages?.Add($"MISSING_UNION_BRANCH at '{path}': the reader's union has no branch for the writer's type {writer.Describe()}.");
            return false;
        }

        if (reader.Kind != writer.Kind)
        {
            if (Promotes(writer.Kind, reader.Kind))
            {
                return true;
            }

            messages?.Add($"TYPE_MISMATCH at '{path}': the reader's type {reader.Describe()} cannot read the writer's type {writer.Describe()}.");
            return false;
        }

        switch (reader.Kind)
        {
            case "record":
                return CheckRecord(reader, writer, path, messages, inProgress);
            case "enum":
                if (!NamesMatch(reader, writer, path, messages))
                {
                    return false;
                }

                if (reader.EnumDefault is null)
                {
                    var missing = new List<string>();
                    foreach (string symbol in writer.Symbols)
                    {
                        if (!reader.Symbols.Contains(symbol))
                        {
                            missing.Add(symbol);
                        }
                    }

                    if (missing.Count > 0)
                    {
                        messages?.Add($"MISSING_ENUM_SYMBOLS at '{path}': the reader's enum {reader.FullName} lacks the writer's symbols [{string.Join(", ", missing)}] and has no default symbol.");
                        return false;
                    }
                }

                return true;
            case "fixed":
                if (!NamesMatch(reader, writer, path, messages))
                {
                    return false;
                }

                if (reader.Size != writer.Size)
                {
                    messages?.Add($"FIXED_SIZE_MISMATCH at '{path}': the reader's fixed {reader.FullName} has {reader.Size} bytes, the writer's {writer.Size}.");
                    return false;
                }

                return true;
            case "array":
            case "map":
                return Check(reader.Items!, writer.Items!, path + (reader.Kind == "array" ? "items/" : "values/"), messages, inProgress);
            default:
                return true;
        }
    }

    private static bool CheckRecord(Node reader, Node writer, string path, List<string>? messages, HashSet<(Node, Node)> inProgress)
    {
        if (!NamesMatch(reader, writer, path, messages))
        {
            return false;
        }

        // A recursive record: the pair is being checked further up; assume it resolves (the check there decides).
        if (!inProgress.Add((reader, writer)))
        {
            return true;
        }

        bool compatible = true;
        foreach (Field field in reader.Fields)
        {
            Field? match = FindField(writer, field.Name);
            if (match is null)
            {
                foreach (string alias in field.Aliases)
                {
                    match ??= FindField(writer, alias);
                }
            }

            if (match is null)
            {
                if (!field.HasDefault)
                {
                    messages?.Add($"READER_FIELD_MISSING_DEFAULT_VALUE at '{path}{field.Name}': the reader's field '{field.Name}' of {reader.FullName} has no default value and is missing from the writer's schema.");
                    compatible = false;
                }

                continue;
            }

            compatible &= Check(field.Type, match.Type, path + field.Name + "/", messages, inProgress);
        }

        inProgress.Remove((reader, writer));
        return compatible;
    }

    private static Field? FindField(Node record, string name)
    {
        foreach (Field field in record.Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    private static bool NamesMatch(Node reader, Node writer, string path, List<string>? messages)
    {
        if (reader.Name == writer.Name || reader.Aliases.Contains(writer.FullName!) || reader.Aliases.Contains(writer.Name!))
        {
            return true;
        }

        messages?.Add($"NAME_MISMATCH at '{path}': the reader's {reader.Kind} {reader.FullName} does not match the writer's {writer.FullName} (no alias).");
        return false;
    }

    private static bool Promotes(string writer, string reader) => (writer, reader) switch
    {
        ("int", "long" or "float" or "double") => true,
        ("long", "float" or "double") => true,
        ("float", "double") => true,
        ("string", "bytes") => true,
        ("bytes", "string") => true,
        _ => false,
    };

    private static Node Parse(JsonElement element, string enclosingNamespace, Dictionary<string, Node> named)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
            {
                string name = element.GetString()!;
                if (IsPrimitive(name))
                {
                    return new Node(name);
                }

                string full = name.Contains('.') || enclosingNamespace.Length == 0 ? name : enclosingNamespace + "." + name;
                if (named.TryGetValue(full, out Node? reference) || named.TryGetValue(name, out reference))
                {
                    return reference;
                }

                throw new FormatException($"Unknown Avro type '{name}' (not a primitive, not defined earlier in the schema or by a reference).");
            }

            case JsonValueKind.Array:
            {
                var union = new Node("union");
                foreach (JsonElement branch in element.EnumerateArray())
                {
                    Node parsed = Parse(branch, enclosingNamespace, named);
                    if (parsed.Kind == "union")
                    {
                        throw new FormatException("A union cannot contain a union directly.");
                    }

                    union.Branches.Add(parsed);
                }

                return union;
            }

            case JsonValueKind.Object:
                return ParseObject(element, enclosingNamespace, named);
            default:
                throw new FormatException($"An Avro schema must be a string, array or object, not {element.ValueKind}.");
        }
    }

    private static Node ParseObject(JsonElement element, string enclosingNamespace, Dictionary<string, Node> named)
    {
        if (!element.TryGetProperty("type", out JsonElement typeElement))
        {
            throw new FormatException("An Avro schema object needs a \"type\".");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            return Parse(typeElement, enclosingNamespace, named);
        }

        string type = typeElement.GetString()!;
        switch (type)
        {
            case "record":
            case "error":
            case "enum":
            case "fixed":
            {
                string name = element.GetProperty("name").GetString() ?? throw new FormatException("A named type needs a \"name\".");
                string ns = element.TryGetProperty("namespace", out JsonElement nsElement) && nsElement.ValueKind == JsonValueKind.String ? nsElement.GetString()! : enclosingNamespace;
                string fullName = name.Contains('.') ? name : ns.Length == 0 ? name : ns + "." + name;
                string innerNamespace = fullName.Contains('.') ? fullName.Substring(0, fullName.LastIndexOf('.')) : string.Empty;
                var node = new Node(type == "error" ? "record" : type) { FullName = fullName, Name = fullName.Substring(fullName.LastIndexOf('.') + 1) };
                if (element.TryGetProperty("aliases", out JsonElement aliases))
                {
                    foreach (JsonElement alias in aliases.EnumerateArray())
                    {
                        string value = alias.GetString()!;
                        node.Aliases.Add(value.Contains('.') || innerNamespace.Length == 0 ? value : innerNamespace + "." + value);
                        node.Aliases.Add(value);
                    }
                }

                if (!named.TryAdd(fullName, node))
                {
                    throw new FormatException($"The Avro type '{fullName}' is defined twice.");
                }

                if (node.Kind == "record")
                {
                    foreach (JsonElement fieldElement in element.GetProperty("fields").EnumerateArray())
                    {
                        var field = new Field(
                            fieldElement.GetProperty("name").GetString()!,
                            Parse(fieldElement.GetProperty("type"), innerNamespace, named),
                            fieldElement.TryGetProperty("default", out _));
                        if (fieldElement.TryGetProperty("aliases", out JsonElement fieldAliases))
                        {
                            foreach (JsonElement alias in fieldAliases.EnumerateArray())
                            {
                                field.Aliases.Add(alias.GetString()!);
                            }
                        }

                        node.Fields.Add(field);
                    }
                }
                else if (node.Kind == "enum")
                {
                    foreach (JsonElement symbol in element.GetProperty("symbols").EnumerateArray())
                    {
                        node.Symbols.Add(symbol.GetString()!);
                    }

                    node.EnumDefault = element.TryGetProperty("default", out JsonElement defaultSymbol) ? defaultSymbol.GetString() : null;
                }
                else
                {
                    node.Size = element.GetProperty("size").GetInt32();
                }

                return node;
            }

            case "array":
                return new Node("array") { Items = Parse(element.GetProperty("items"), enclosingNamespace, named) };
            case "map":
                return new Node("map") { Items = Parse(element.GetProperty("values"), enclosingNamespace, named) };
            default:
                // A primitive with attributes (logical types): resolution ignores the logical type.
                return Parse(typeElement, enclosingNamespace, named);
        }
    }

    private static bool IsPrimitive(string name) => name is "null" or "boolean" or "int" or "long" or "float" or "double" or "bytes" or "string";

    /// <summary>A parsed Avro type, with what schema resolution needs (defaults, aliases, enum default).</summary>
    internal sealed class Node
    {
        public Node(string kind) => Kind = kind;

        /// <summary>A primitive name, or record, enum, fixed, array, map, union.</summary>
        public string Kind { get; }

        public string? FullName { get; init; }

        public string? Name { get; init; }

        public HashSet<string> Aliases { get; } = new(StringComparer.Ordinal);

        public List<Field> Fields { get; } = new();

        public List<string> Symbols { get; } = new();

        public string? EnumDefault { get; set; }

        public int Size { get; set; }

        public Node? Items { get; init; }

        public List<Node> Branches { get; } = new();

        public string Describe() => FullName is null ? Kind : Kind + " " + FullName;
    }

    internal sealed class Field
    {
        public Field(string name, Node type, bool hasDefault)
        {
            Name = name;
            Type = type;
            HasDefault = hasDefault;
        }

        public string Name { get; }

        public Node Type { get; }

        public bool HasDefault { get; }

        public List<string> Aliases { get; } = new();
    }
}
