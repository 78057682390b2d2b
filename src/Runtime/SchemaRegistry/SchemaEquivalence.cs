using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TypedProducer.Serialization;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// Whether a registered schema describes exactly the bytes a contract's generated serializer writes. Needed when the
/// schema id is not the one registration returned (use-latest-version, fixed ids): readers decode with the schema the
/// id names, so it must have the contract's layout. Compatibility is not enough: a compatible schema with an added
/// field would make readers expect bytes the serializer never writes.
/// <list type="bullet">
/// <item><description>Avro: the same types, full names, field names and order, enum symbols, fixed sizes and logical
/// types (the Parsing Canonical Form plus logical types); docs, defaults, aliases and other attributes may differ.</description></item>
/// <item><description>JSON Schema: the same JSON document, ignoring whitespace and property order.</description></item>
/// <item><description>Protobuf: the same text, ignoring whitespace.</description></item>
/// </list>
/// </summary>
internal static class SchemaEquivalence
{
    /// <summary>Null when the schemas encode identically; otherwise the first difference, for an error message.</summary>
    /// <param name="local">The contract's schema.</param>
    /// <param name="registered">The registered schema.</param>
    /// <param name="referencedSchemas">The texts of the schemas <paramref name="registered"/> references, dependencies first.</param>
    public static string? FindDifference(MessageSchema local, RegisteredSchema registered, IReadOnlyList<string> referencedSchemas)
    {
        if (local.SchemaType != registered.SchemaType)
        {
            return $"the registered schema is {registered.SchemaType}, the contract's is {local.SchemaType}";
        }

        switch (local.SchemaType)
        {
            case SchemaType.Avro:
                AvroSchemaNode mine, theirs;
                try
                {
                    mine = AvroSchemaNode.Parse(local.Schema);
                    theirs = AvroSchemaNode.Parse(registered.Schema, referencedSchemas);
                }
                catch (FormatException ex)
                {
                    return "the registered schema cannot be read: " + ex.Message;
                }

                return CompareAvro(mine, theirs, "/", new HashSet<(AvroSchemaNode, AvroSchemaNode)>());
            case SchemaType.Json:
                try
                {
                    return JsonNode.DeepEquals(JsonNode.Parse(local.Schema), JsonNode.Parse(registered.Schema)) ? null : "the JSON Schemas differ";
                }
                catch (JsonException ex)
                {
                    return "the registered schema is not valid JSON: " + ex.Message;
                }

            default:
                return CollapseWhitespace(local.Schema) == CollapseWhitespace(registered.Schema) ? null : "the .proto texts differ";
        }
    }

    private static string? CompareAvro(AvroSchemaNode mine, AvroSchemaNode theirs, string path, HashSet<(AvroSchemaNode, AvroSchemaNode)> seen)
    {
        if (mine.Type != theirs.Type)
        {
            return $"at '{path}' the contract has {Describe(mine)}, the registered schema {Describe(theirs)}";
        }

        if (mine.FullName != theirs.FullName || mine.LogicalType != theirs.LogicalType || mine.Precision != theirs.Precision || mine.Scale != theirs.Scale || mine.Size != theirs.Size)
        {
            return $"at '{path}' the contract has {Describe(mine)}, the registered schema {Describe(theirs)}";
        }

        if (mine.Type == AvroSchemaType.Record && !seen.Add((mine, theirs)))
        {
            return null;
        }

        switch (mine.Type)
        {
            case AvroSchemaType.Record:
                for (int i = 0; i < Math.Max(mine.Fields.Count, theirs.Fields.Count); i++)
                {
                    if (i >= mine.Fields.Count || i >= theirs.Fields.Count || mine.Fields[i].Name != theirs.Fields[i].Name)
                    {
                        string ours = i < mine.Fields.Count ? $"'{mine.Fields[i].Name}'" : "no field";
                        string registeredField = i < theirs.Fields.Count ? $"'{theirs.Fields[i].Name}'" : "no field";
                        return $"field {i} of record {mine.FullName} is {ours} in the contract and {registeredField} in the registered schema";
                    }

                    if (CompareAvro(mine.Fields[i].Schema, theirs.Fields[i].Schema, path + mine.Fields[i].Name + "/", seen) is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case AvroSchemaType.Enum:
                return SequenceEqual(mine.Symbols, theirs.Symbols) ? null : $"the symbols of enum {mine.FullName} differ: [{string.Join(", ", mine.Symbols)}] in the contract, [{string.Join(", ", theirs.Symbols)}] registered";
            case AvroSchemaType.Array:
            case AvroSchemaType.Map:
                return CompareAvro(mine.ItemSchema!, theirs.ItemSchema!, path + (mine.Type == AvroSchemaType.Array ? "items/" : "values/"), seen);
            case AvroSchemaType.Union:
                if (mine.Branches.Count != theirs.Branches.Count)
                {
                    return $"at '{path}' the contract's union has {mine.Branches.Count} branches, the registered one {theirs.Branches.Count}";
                }

                for (int i = 0; i < mine.Branches.Count; i++)
                {
                    if (CompareAvro(mine.Branches[i], theirs.Branches[i], path + i + "/", seen) is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Describe(AvroSchemaNode node)
    {
        string text = node.Type.ToString().ToLowerInvariant();
        if (node.FullName is not null)
        {
            text += " " + node.FullName;
        }

        if (node.LogicalType is not null)
        {
            text += " (" + node.LogicalType + ")";
        }

        return node.Type == AvroSchemaType.Fixed ? text + $" of {node.Size} bytes" : text;
    }

    private static bool SequenceEqual(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
