using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Emitting;

/// <summary>
/// Writes a contract's Avro schema (Apache Avro 1.11 specification) as JSON: the full form with namespaces,
/// docs, aliases, defaults (of fields and enums) and logical types, and the Parsing Canonical Form ([PRIMITIVES],
/// [FULLNAMES], [STRIP]: only type, name, fields, symbols, items, values and size are kept, [ORDER], [STRINGS],
/// [INTEGERS], [WHITESPACE]). Each named type (record, enum, fixed) is defined at its first use and referenced by
/// full name afterwards.
/// </summary>
internal static class AvroSchemaWriter
{
    public static string Write(ContractSpec contract, bool canonical)
    {
        Dictionary<string, NamedTypeSpec> named = contract.NamedTypes.ToDictionary(t => t.FullName);
        var defined = new HashSet<string>();
        var builder = new StringBuilder();
        WriteNamed(builder, contract.NamedTypes[0], named, defined, canonical, string.Empty);
        return builder.ToString();
    }

    private static void WriteNamed(StringBuilder b, NamedTypeSpec type, Dictionary<string, NamedTypeSpec> named, HashSet<string> defined, bool canonical, string enclosingNamespace)
    {
        if (!defined.Add(type.FullName))
        {
            String(b, type.FullName);
            return;
        }

        string kind = type.IsEnum ? "enum" : type.IsFixed ? "fixed" : "record";
        b.Append('{');
        if (canonical)
        {
            b.Append("\"name\":");
            String(b, type.FullName);
            b.Append(",\"type\":");
            String(b, kind);
        }
        else
        {
            b.Append("\"type\":");
            String(b, kind);
            b.Append(",\"name\":");
            String(b, type.Name);
            // A type in the null namespace inside a namespaced one must say so, or it would inherit the namespace.
            if (type.Namespace.Length > 0 || enclosingNamespace.Length > 0)
            {
                b.Append(",\"namespace\":");
                String(b, type.Namespace);
            }

            if (type.Doc is not null)
            {
                b.Append(",\"doc\":");
                String(b, type.Doc);
            }

            if (type.Aliases.Count > 0)
            {
                b.Append(",\"aliases\":");
                Strings(b, type.Aliases);
            }
        }

        if (type.IsFixed)
        {
            b.Append(",\"size\":").Append(type.FixedSize.ToString(CultureInfo.InvariantCulture));
            if (!canonical && type.LogicalType is not null)
            {
                b.Append(",\"logicalType\":");
                String(b, type.LogicalType);
                if (type.LogicalType == "decimal")
                {
                    b.Append(",\"precision\":").Append(type.Precision.ToString(CultureInfo.InvariantCulture))
                        .Append(",\"scale\":").Append(type.Scale.ToString(CultureInfo.InvariantCulture));
                }
            }

            b.Append('}');
            return;
        }

        if (type.IsEnum)
        {
            b.Append(",\"symbols\":");
            Strings(b, type.Symbols);
            if (!canonical && type.EnumDefault is not null)
            {
                b.Append(",\"default\":");
                String(b, type.EnumDefault);
            }

            b.Append('}');
            return;
        }

        b.Append(",\"fields\":[");
        for (int i = 0; i < type.Fields.Count; i++)
        {
            FieldSpec field = type.Fields[i];
            if (i > 0)
            {
                b.Append(',');
            }

            b.Append("{\"name\":");
            String(b, field.AvroName);
            b.Append(",\"type\":");
            WriteType(b, field.Type, named, defined, canonical, type.Namespace);
            if (!canonical)
            {
                if (field.Doc is not null)
                {
                    b.Append(",\"doc\":");
                    String(b, field.Doc);
                }

                if (field.DefaultJson is not null)
                {
                    b.Append(",\"default\":").Append(field.DefaultJson.Trim());
                }

                if (field.Aliases.Count > 0)
                {
                    b.Append(",\"aliases\":");
                    Strings(b, field.Aliases);
                }
            }

            b.Append('}');
        }

        b.Append("]}");
    }

    private static void WriteType(StringBuilder b, TypeSpec type, Dictionary<string, NamedTypeSpec> named, HashSet<string> defined, bool canonical, string enclosingNamespace)
    {
        // Avro unions cannot nest: a nullable union of records is one union with "null" first (or last).
        if (type.IsNullable || type.Kind == AvroKind.Union)
        {
            b.Append('[');
            if (type.IsNullable && type.NullFirst)
            {
                b.Append("\"null\",");
            }

            if (type.Kind == AvroKind.Union)
            {
                for (int i = 0; i < type.Branches.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(',');
                    }

                    WriteNamed(b, named[type.Branches[i]], named, defined, canonical, enclosingNamespace);
                }
            }
            else
            {
                WriteNonNull(b, type, named, defined, canonical, enclosingNamespace);
            }

            if (type.IsNullable && !type.NullFirst)
            {
                b.Append(",\"null\"");
            }

            b.Append(']');
            return;
        }

        WriteNonNull(b, type, named, defined, canonical, enclosingNamespace);
    }

    private static void WriteNonNull(StringBuilder b, TypeSpec type, Dictionary<string, NamedTypeSpec> named, HashSet<string> defined, bool canonical, string enclosingNamespace)
    {
        switch (type.Kind)
        {
            case AvroKind.Boolean: String(b, "boolean"); break;
            case AvroKind.Int: String(b, "int"); break;
            case AvroKind.Long: String(b, "long"); break;
            case AvroKind.Float: String(b, "float"); break;
            case AvroKind.Double: String(b, "double"); break;
            case AvroKind.Bytes: String(b, "bytes"); break;
            case AvroKind.String: String(b, "string"); break;
            case AvroKind.Uuid: Logical(b, "string", "uuid", canonical); break;
            case AvroKind.Date: Logical(b, "int", "date", canonical); break;
            case AvroKind.TimeMillis: Logical(b, "int", "time-millis", canonical); break;
            case AvroKind.TimeMicros: Logical(b, "long", "time-micros", canonical); break;
            case AvroKind.TimestampMillis: Logical(b, "long", "timestamp-millis", canonical); break;
            case AvroKind.TimestampMicros: Logical(b, "long", "timestamp-micros", canonical); break;
            case AvroKind.LocalTimestampMillis: Logical(b, "long", "local-timestamp-millis", canonical); break;
            case AvroKind.LocalTimestampMicros: Logical(b, "long", "local-timestamp-micros", canonical); break;
            case AvroKind.Decimal:
                if (canonical)
                {
                    String(b, "bytes");
                }
                else
                {
                    b.Append("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":")
                        .Append(type.Precision.ToString(CultureInfo.InvariantCulture))
                        .Append(",\"scale\":")
                        .Append(type.Scale.ToString(CultureInfo.InvariantCulture))
                        .Append('}');
                }

                break;
            case AvroKind.Enum:
            case AvroKind.Record:
            case AvroKind.Fixed:
            case AvroKind.FixedDecimal:
            case AvroKind.Duration:
                WriteNamed(b, named[type.NamedType!], named, defined, canonical, enclosingNamespace);
                break;
            case AvroKind.Array:
                b.Append("{\"type\":\"array\",\"items\":");
                WriteType(b, type.Element!, named, defined, canonical, enclosingNamespace);
                b.Append('}');
                break;
            case AvroKind.Map:
                b.Append("{\"type\":\"map\",\"values\":");
                WriteType(b, type.Element!, named, defined, canonical, enclosingNamespace);
                b.Append('}');
                break;
        }
    }

    private static void Strings(StringBuilder b, EquatableArray<string> values)
    {
        b.Append('[');
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                b.Append(',');
            }

            String(b, values[i]);
        }

        b.Append(']');
    }

    private static void Logical(StringBuilder b, string baseType, string logicalType, bool canonical)
    {
        if (canonical)
        {
            String(b, baseType);
            return;
        }

        b.Append("{\"type\":");
        String(b, baseType);
        b.Append(",\"logicalType\":");
        String(b, logicalType);
        b.Append('}');
    }

    /// <summary>A JSON string (RFC 8259): quotes, backslashes and control characters escaped.</summary>
    private static void String(StringBuilder b, string value)
    {
        b.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case '\b': b.Append("\\b"); break;
                case '\f': b.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        b.Append('"');
    }
}
