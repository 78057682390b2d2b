using System;
using System.Collections.Generic;
using TypedProducer.Schemas;
using TypedProducer.Schemas.Avro;

namespace TypedProducer.Serialization;

/// <summary>The Avro types (Apache Avro 1.11 specification, "Primitive Types" and "Complex Types").</summary>
/// <remarks>The public face of the shared model's internal <c>AvroKind</c> (src/Shared/Schemas): same members, same order, converted by value.</remarks>
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
/// A parsed Avro schema: the type, and for named and complex types their parts. Parsed by the
/// schema model shared with the analyzers (src/Shared/Schemas); named types are resolved by full name (namespaces
/// inherited as the specification says), invalid logical types ignored ("Logical Types").
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
    public static AvroSchemaNode Parse(string json) => Parse(json, Array.Empty<string>());

    // With the schemas it references (Confluent schema references), parsed first, dependencies before dependents.
    internal static AvroSchemaNode Parse(string json, IReadOnlyList<string> referencedSchemas)
    {
        ArgumentNullException.ThrowIfNull(json);
        var named = new Dictionary<string, AvroType>(StringComparer.Ordinal);
        SchemaProblem? problem;
        foreach (string referenced in referencedSchemas)
        {
            _ = AvroSchemaParser.Parse(referenced, named, out problem)
                ?? throw new FormatException($"A referenced Avro schema is not valid: {problem!.Message} (at character {problem.Span.Start}).");
        }

        AvroType root = AvroSchemaParser.Parse(json, named, out problem)
            ?? throw new FormatException($"The Avro schema is not valid: {problem!.Message} (at character {problem.Span.Start}).");
        return From(root, new Dictionary<AvroType, AvroSchemaNode>(ReferenceEqualityComparer.Instance));
    }

    // The shared schema model (src/Shared/Schemas, also the analyzers') parses; this public view copies it, named types once.
    private static AvroSchemaNode From(AvroType type, Dictionary<AvroType, AvroSchemaNode> named)
    {
        if (named.TryGetValue(type, out AvroSchemaNode? known))
        {
            return known;
        }

        var node = new AvroSchemaNode((AvroSchemaType)(int)type.Kind)
        {
            LogicalType = type.LogicalType,
            FullName = type.FullName,
            Symbols = type.Symbols.ToArray(),
            EnumDefault = type.EnumDefault,
            Aliases = type.DeclaredAliases.ToArray(),
            Size = (int)type.Size,
            Precision = type.Precision,
            Scale = type.Scale,
        };
        if (type.IsNamed)
        {
            named[type] = node;
        }

        if (type.Items is not null)
        {
            node.ItemSchema = From(type.Items, named);
        }

        if (type.Kind == AvroKind.Union)
        {
            node.Branches = type.Branches.ConvertAll(b => From(b, named));
        }

        if (type.Kind == AvroKind.Record)
        {
            var fields = new List<AvroField>(type.Fields.Count);
            foreach (Schemas.Avro.AvroField field in type.Fields)
            {
                fields.Add(new AvroField(field.Name, From(field.Type, named)) { Aliases = field.Aliases.ToArray() });
            }

            node.Fields = fields;
        }

        return node;
    }
}
