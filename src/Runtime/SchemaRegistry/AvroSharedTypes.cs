using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using TypedProducer.Schemas.Avro;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// Splits the Avro value schemas of contracts registered together so that each named type (record, enum, fixed) they
/// share becomes a schema of its own, registered under its full name and used by the others as a schema reference
/// (Confluent Schema Registry, "Schema references": for Avro the reference's name is the type's full name, and the
/// referring schema uses the type by that name). What <see cref="SchemaRegistryOptions.AvroNamedTypeReferences"/>
/// turns on. A type is shared when two or more contracts define it and every definition is the same (the registry's
/// canonical text, <see cref="AvroCanonicalSchema"/>); a contract's own top-level record is never split off. The
/// result encodes exactly as the inlined schema: only where each named type is defined changes.
/// </summary>
internal static class AvroSharedTypes
{
    private static readonly HashSet<string> s_namedKinds = new(StringComparer.Ordinal) { "record", "error", "enum", "fixed" };

    private static readonly HashSet<string> s_primitives = new(StringComparer.Ordinal)
    {
        "null", "boolean", "int", "long", "float", "double", "bytes", "string",
    };

    /// <summary>
    /// For each contract whose Avro schema uses a shared type: the schema to register (shared types written as their full
    /// names) and its references (each shared type it defines at its own level, with that type's own references).
    /// Contracts that use none are absent.
    /// </summary>
    /// <param name="contracts">The contracts registered together.</param>
    /// <returns>The registration form by contract.</returns>
    public static Dictionary<MessageContract, (string Schema, IReadOnlyList<MessageSchemaReference> References)> Split(IEnumerable<MessageContract> contracts)
    {
        MessageContract[] avro = contracts.Where(c => c.ValueSchema.SchemaType == SchemaType.Avro).Distinct().ToArray();
        var result = new Dictionary<MessageContract, (string, IReadOnlyList<MessageSchemaReference>)>();
        if (avro.Length < 2)
        {
            return result;
        }

        // Pass 1: every named type each contract defines below its root, with its definition's canonical text.
        var definitions = new Dictionary<string, (string Canonical, int Contracts)>(StringComparer.Ordinal);
        var external = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var conflicting = new HashSet<string>(StringComparer.Ordinal);
        foreach (MessageContract contract in avro)
        {
            var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            JsonNode root = JsonNode.Parse(contract.ValueSchema.Schema)!;
            Rewrite(root, null, new HashSet<string>(StringComparer.Ordinal), found, isRoot: true);
            foreach ((string fullName, JsonObject definition) in found)
            {
                string canonical = AvroCanonicalSchema.Write(definition.ToJsonString()) ?? definition.ToJsonString();
                var defined = new HashSet<string>(StringComparer.Ordinal);
                var used = new HashSet<string>(StringComparer.Ordinal);
                CollectNames(definition, defined, used);
                used.ExceptWith(defined);
                external[fullName] = used;
                if (!definitions.TryGetValue(fullName, out var seen))
                {
                    definitions[fullName] = (canonical, 1);
                }
                else if (seen.Canonical == canonical)
                {
                    definitions[fullName] = (canonical, seen.Contracts + 1);
                }
                else
                {
                    conflicting.Add(fullName); // two contracts define the name differently: each keeps its own inline
                }
            }
        }

        var shared = new HashSet<string>(definitions.Where(d => d.Value.Contracts > 1 && !conflicting.Contains(d.Key)).Select(d => d.Key), StringComparer.Ordinal);

        // A type split off must stand on its own: every name it uses but does not define is itself split off.
        while (shared.RemoveWhere(name => !external[name].IsSubsetOf(shared)) > 0)
        {
        }
        if (shared.Count == 0)
        {
            return result;
        }

        // Pass 2: rewrite with the shared types split off; one reference object per shared type, built once.
        var references = new Dictionary<string, MessageSchemaReference>(StringComparer.Ordinal);
        foreach (MessageContract contract in avro)
        {
            JsonNode root = JsonNode.Parse(contract.ValueSchema.Schema)!;
            var direct = new List<string>();
            JsonNode rewritten = Rewrite(root, null, shared, null, isRoot: true, direct, references);
            if (direct.Count > 0)
            {
                result[contract] = (rewritten.ToJsonString(), direct.Select(name => references[name]).ToArray());
            }
        }

        return result;
    }

    // Returns the schema with every name written in full (so it means the same wherever it ends up) and each shared
    // named type's definition replaced by its full name, recorded in `direct` and built into `references`. Pass 1
    // (shared empty) collects into `found` the definitions below the root instead.
    private static JsonNode Rewrite(
        JsonNode schema,
        string? space,
        HashSet<string> shared,
        Dictionary<string, JsonObject>? found,
        bool isRoot,
        List<string>? direct = null,
        Dictionary<string, MessageSchemaReference>? references = null)
    {
        switch (schema)
        {
            case JsonValue value when value.TryGetValue(out string? name):
                if (s_primitives.Contains(name))
                {
                    return schema.DeepClone();
                }

                string full = FullName(name, null, space);
                if (references is not null && references.ContainsKey(full))
                {
                    Use(full, direct); // a later use of a type split off, or a use of one defined outside the type being split
                }

                return JsonValue.Create(full);
            case JsonArray union:
                var branches = new JsonArray();
                foreach (JsonNode? branch in union)
                {
                    branches.Add(Rewrite(branch!, space, shared, found, false, direct, references));
                }

                return branches;
            case JsonObject obj:
                return RewriteObject(obj, space, shared, found, isRoot, direct, references);
            default:
                return schema.DeepClone();
        }
    }

    private static JsonNode RewriteObject(
        JsonObject obj,
        string? space,
        HashSet<string> shared,
        Dictionary<string, JsonObject>? found,
        bool isRoot,
        List<string>? direct,
        Dictionary<string, MessageSchemaReference>? references)
    {
        var copy = (JsonObject)obj.DeepClone();
        string? type = obj["type"] is JsonValue t && t.TryGetValue(out string? s) ? s : null;
        if (type is null)
        {
            // {"type": {...}} or {"type": [...]}: the nested schema is the schema.
            return Rewrite(obj["type"]!, space, shared, found, isRoot, direct, references);
        }

        if (s_namedKinds.Contains(type))
        {
            string fullName = FullName((string)obj["name"]!, (string?)obj["namespace"], space);
            if (!isRoot && shared.Contains(fullName))
            {
                if (!references!.ContainsKey(fullName))
                {
                    // The type's own schema, a root of its own, with the shared types it uses split off in turn.
                    var nested = new List<string>();
                    JsonNode standalone = RewriteObject(obj, space, shared, null, isRoot: true, nested, references);
                    references[fullName] = new MessageSchemaReference(fullName, SchemaType.Avro, standalone.ToJsonString(), nested.ConvertAll(n => references[n]));
                }

                Use(fullName, direct);
                return JsonValue.Create(fullName);
            }

            int dot = fullName.LastIndexOf('.');
            string? ownSpace = dot < 0 ? null : fullName[..dot];
            copy["name"] = dot < 0 ? fullName : fullName[(dot + 1)..];
            copy["namespace"] = ownSpace ?? string.Empty;
            if (type is "record" or "error" && obj["fields"] is JsonArray fields)
            {
                var rewrittenFields = new JsonArray();
                foreach (JsonNode? field in fields)
                {
                    var fieldCopy = (JsonObject)field!.DeepClone();
                    fieldCopy["type"] = Rewrite(field["type"]!, ownSpace, shared, found, false, direct, references);
                    rewrittenFields.Add((JsonNode)fieldCopy);
                }

                copy["fields"] = rewrittenFields;
            }

            if (!isRoot)
            {
                found?.TryAdd(fullName, copy);
            }

            return copy;
        }

        if (type == "array" && obj["items"] is { } items)
        {
            copy["items"] = Rewrite(items, space, shared, found, false, direct, references);
        }
        else if (type == "map" && obj["values"] is { } values)
        {
            copy["values"] = Rewrite(values, space, shared, found, false, direct, references);
        }
        else if (!s_primitives.Contains(type))
        {
            // {"type": "Name"}: a use of a named type.
            return Rewrite(obj["type"]!, space, shared, found, isRoot, direct, references);
        }

        return copy;
    }

    private static void Use(string fullName, List<string>? direct)
    {
        if (direct is not null && !direct.Contains(fullName))
        {
            direct.Add(fullName);
        }
    }

    // The named types a definition (names written in full, as Rewrite leaves them) defines and uses by name.
    private static void CollectNames(JsonNode? schema, HashSet<string> defined, HashSet<string> used)
    {
        switch (schema)
        {
            case JsonValue value when value.TryGetValue(out string? name):
                if (!s_primitives.Contains(name))
                {
                    used.Add(name);
                }

                break;
            case JsonArray union:
                foreach (JsonNode? branch in union)
                {
                    CollectNames(branch, defined, used);
                }

                break;
            case JsonObject obj:
                string? type = obj["type"] is JsonValue t && t.TryGetValue(out string? s) ? s : null;
                if (type is not null && s_namedKinds.Contains(type))
                {
                    defined.Add(FullName((string)obj["name"]!, (string?)obj["namespace"], null));
                    foreach (JsonNode? field in obj["fields"] as JsonArray ?? new JsonArray())
                    {
                        CollectNames(field!["type"], defined, used);
                    }
                }
                else
                {
                    CollectNames(type is null ? obj["type"] : obj["items"] ?? obj["values"] ?? (s_primitives.Contains(type) ? null : obj["type"]), defined, used);
                }

                break;
        }
    }

    // Avro 1.11 specification, "Names": a name with a dot is a full name; otherwise the namespace attribute, or the
    // enclosing namespace, qualifies it.
    private static string FullName(string name, string? declaredNamespace, string? enclosing)
    {
        if (name.Contains('.', StringComparison.Ordinal))
        {
            return name;
        }

        string? space = declaredNamespace ?? enclosing;
        return string.IsNullOrEmpty(space) ? name : space + "." + name;
    }
}
