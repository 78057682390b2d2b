using System.Collections.Generic;

// Shared source: compiled into the analyzers (netstandard2.0) and the runtime.
namespace TypedProducer.Schemas.Avro;

/// <summary>
/// The matching rules of Avro schema resolution (Apache Avro 1.11 specification, "Schema Resolution"), written once for
/// the analyzers' compatibility check (TPK3xxx), the in-memory registry's check and the runtime's resolution plans:
/// <list type="bullet">
/// <item>named types match by unqualified name, or when a reader alias names the writer's type;</item>
/// <item>a reader field matches the writer field of its name, else of one of its aliases;</item>
/// <item>int promotes to long, float and double; long to float and double; float to double; string to bytes and back;</item>
/// <item>two decimals match only when precision and scale are equal ("Logical Types", decimal).</item>
/// </list>
/// </summary>
internal static class AvroResolutionRules
{
    /// <summary>Whether a reader's named type (record, enum, fixed) matches the writer's by name.</summary>
    public static bool NamesMatch(AvroType reader, AvroType writer) =>
        reader.Name == writer.Name || reader.Aliases.Contains(writer.FullName!);

    /// <summary>Whether the writer's primitive type promotes to the reader's (a different kind).</summary>
    public static bool IsPromotion(AvroKind writer, AvroKind reader) => (writer, reader) switch
    {
        (AvroKind.Int, AvroKind.Long or AvroKind.Float or AvroKind.Double) => true,
        (AvroKind.Long, AvroKind.Float or AvroKind.Double) => true,
        (AvroKind.Float, AvroKind.Double) => true,
        (AvroKind.String, AvroKind.Bytes) => true,
        (AvroKind.Bytes, AvroKind.String) => true,
        _ => false,
    };

    /// <summary>The writer's field that a reader's field reads: by name, else by the reader field's aliases; null when none.</summary>
    public static AvroField? FindWriterField(AvroType writer, AvroField readerField)
    {
        foreach (var field in writer.Fields)
        {
            if (field.Name == readerField.Name)
            {
                return field;
            }
        }

        foreach (string alias in readerField.Aliases)
        {
            foreach (var field in writer.Fields)
            {
                if (field.Name == alias)
                {
                    return field;
                }
            }
        }

        return null;
    }

    /// <summary>False when both are decimals of a different precision or scale (the same bytes would be another number).</summary>
    public static bool DecimalsMatch(AvroType reader, AvroType writer) =>
        reader.LogicalType != "decimal" || writer.LogicalType != "decimal" || (reader.Precision == writer.Precision && reader.Scale == writer.Scale);

    /// <summary>
    /// Whether two schemas encode every value identically and mean the same: same kinds, full names, field names and
    /// order, symbols, sizes, union branches, logical types and decimal parameters (the Parsing Canonical Form plus logical
    /// types). Docs, defaults, aliases and other attributes may differ.
    /// </summary>
    public static bool SameEncoding(AvroType a, AvroType b) => SameEncoding(a, b, new HashSet<(AvroType, AvroType)>());

    private static bool SameEncoding(AvroType a, AvroType b, HashSet<(AvroType, AvroType)> seen)
    {
        if (a.Kind != b.Kind || a.FullName != b.FullName || a.LogicalType != b.LogicalType || a.Precision != b.Precision || a.Scale != b.Scale || a.Size != b.Size)
        {
            return false;
        }

        if (a.IsNamed && !seen.Add((a, b)))
        {
            return true;
        }

        switch (a.Kind)
        {
            case AvroKind.Record:
                if (a.Fields.Count != b.Fields.Count)
                {
                    return false;
                }

                for (int i = 0; i < a.Fields.Count; i++)
                {
                    if (a.Fields[i].Name != b.Fields[i].Name || !SameEncoding(a.Fields[i].Type, b.Fields[i].Type, seen))
                    {
                        return false;
                    }
                }

                return true;
            case AvroKind.Enum:
                if (a.Symbols.Count != b.Symbols.Count)
                {
                    return false;
                }

                for (int i = 0; i < a.Symbols.Count; i++)
                {
                    if (a.Symbols[i] != b.Symbols[i])
                    {
                        return false;
                    }
                }

                return true;
            case AvroKind.Array:
            case AvroKind.Map:
                return SameEncoding(a.Items!, b.Items!, seen);
            case AvroKind.Union:
                if (a.Branches.Count != b.Branches.Count)
                {
                    return false;
                }

                for (int i = 0; i < a.Branches.Count; i++)
                {
                    if (!SameEncoding(a.Branches[i], b.Branches[i], seen))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
