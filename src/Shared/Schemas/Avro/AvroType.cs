using System.Collections.Generic;
using TypedProducer.Schemas.Json;

// Shared source: the one Avro schema model, compiled into the analyzers (netstandard2.0) and the runtime.
namespace TypedProducer.Schemas.Avro;

/// <summary>The kinds of Avro schemas (Apache Avro 1.11 specification, "Schema Declaration").</summary>
internal enum AvroKind
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
}

/// <summary>
/// One node of a parsed Avro schema, with its span in the schema's JSON text (used to place diagnostics in
/// a kept <c>.avsc</c> file). Named types (record, enum, fixed) are shared by every reference to them, so a
/// recursive record is a cyclic graph.
/// </summary>
internal sealed class AvroType
{
    public AvroType(AvroKind kind, TextSpan span)
    {
        Kind = kind;
        Span = span;
    }

    public AvroKind Kind { get; }

    /// <summary>Where the schema is declared (for a reference, where it is referenced).</summary>
    public TextSpan Span { get; }

    /// <summary>Full name (<c>namespace.name</c>) of a record, enum or fixed; null otherwise.</summary>
    public string? FullName { get; set; }

    /// <summary>The unqualified name of a record, enum or fixed: the specification matches named types by it.</summary>
    public string? Name { get; set; }

    /// <summary>Full names of the named type's aliases.</summary>
    public List<string> Aliases { get; } = new();

    /// <summary>The named type's aliases as written (relative to its namespace, or full names).</summary>
    public List<string> DeclaredAliases { get; } = new();

    /// <summary>A record's fields, in order.</summary>
    public List<AvroField> Fields { get; } = new();

    /// <summary>An enum's symbols, in order.</summary>
    public List<string> Symbols { get; } = new();

    /// <summary>An enum's default symbol (Avro 1.9+), used when a writer's symbol is unknown to the reader.</summary>
    public string? EnumDefault { get; set; }

    /// <summary>A fixed type's size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>An array's items or a map's values.</summary>
    public AvroType? Items { get; set; }

    /// <summary>A union's branches, in order.</summary>
    public List<AvroType> Branches { get; } = new();

    /// <summary>A valid logical type on a primitive or fixed (an invalid one is ignored, as the specification requires).</summary>
    public string? LogicalType { get; set; }

    /// <summary>A decimal's precision.</summary>
    public int Precision { get; set; }

    /// <summary>A decimal's scale (0 when absent).</summary>
    public int Scale { get; set; }

    public bool IsNamed => Kind is AvroKind.Record or AvroKind.Enum or AvroKind.Fixed;

    public bool IsPrimitive => Kind <= AvroKind.String;

    /// <summary>A short description for messages: <c>int</c>, <c>record shop.Address</c>, <c>array of string</c>, <c>union [null, int]</c>.</summary>
    public string Describe() => Describe(0);

    private string Describe(int depth)
    {
        if (depth > 4)
        {
            return "...";
        }

        string text = Kind switch
        {
            AvroKind.Record => "record " + FullName,
            AvroKind.Enum => "enum " + FullName,
            AvroKind.Fixed => "fixed " + FullName + "(" + Size.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
            AvroKind.Array => "array of " + Items!.Describe(depth + 1),
            AvroKind.Map => "map of " + Items!.Describe(depth + 1),
            AvroKind.Union => "union [" + string.Join(", ", Branches.ConvertAll(b => b.Describe(depth + 1))) + "]",
            _ => KindName(Kind),
        };
        return LogicalType is null ? text : text + " (" + DescribeLogicalType() + ")";
    }

    /// <summary>The logical type as written in messages: <c>timestamp-millis</c>, <c>decimal(10,2)</c>, or <c>no logical type</c>.</summary>
    public string DescribeLogicalType() => LogicalType switch
    {
        null => "no logical type",
        "decimal" => "decimal(" + Precision.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + Scale.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
        _ => LogicalType,
    };

    /// <summary>The specification's name of a primitive kind.</summary>
    public static string KindName(AvroKind kind) => kind switch
    {
        AvroKind.Null => "null",
        AvroKind.Boolean => "boolean",
        AvroKind.Int => "int",
        AvroKind.Long => "long",
        AvroKind.Float => "float",
        AvroKind.Double => "double",
        AvroKind.Bytes => "bytes",
        AvroKind.String => "string",
        AvroKind.Record => "record",
        AvroKind.Enum => "enum",
        AvroKind.Array => "array",
        AvroKind.Map => "map",
        AvroKind.Union => "union",
        _ => "fixed",
    };
}

/// <summary>A record field.</summary>
internal sealed class AvroField
{
    public AvroField(string name, TextSpan nameSpan, AvroType type, JsonValue? defaultValue)
    {
        Name = name;
        NameSpan = nameSpan;
        Type = type;
        Default = defaultValue;
    }

    public string Name { get; }

    /// <summary>The span of the field's <c>"name"</c> value in the schema text.</summary>
    public TextSpan NameSpan { get; }

    public AvroType Type { get; }

    /// <summary>Whether the field declares a <c>"default"</c> (a default of <c>null</c> counts).</summary>
    public bool HasDefault => Default is not null;

    /// <summary>The field's <c>"default"</c> JSON value as written, or null when it has none.</summary>
    public JsonValue? Default { get; }

    /// <summary>The field's aliases (plain names): the reader's aliases match fields of the writer's schema.</summary>
    public List<string> Aliases { get; } = new();
}
