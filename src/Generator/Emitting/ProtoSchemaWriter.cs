using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Emitting;

/// <summary>
/// Writes a plain Protobuf contract's <c>.proto</c> text (proto3; Protocol Buffers Language Specification): the
/// package, the imports of the well-known and common types it uses, the contract's message first (so that its
/// Confluent message-index array is <c>[0]</c>), the other messages, then the enums. Deterministic: the same model
/// gives the same text, so the registry sees one schema.
/// </summary>
internal static class ProtoSchemaWriter
{
    public static string Write(ProtobufSpec proto)
    {
        var imports = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (ProtoMessageSpec message in proto.Messages)
        {
            foreach (ProtoFieldSpec field in message.Fields)
            {
                AddImport(imports, field.Value, field.Label == ProtoLabel.Single);
            }
        }

        var b = new StringBuilder();
        b.Append("syntax = \"proto3\";\n");
        if (proto.Package.Length > 0)
        {
            b.Append('\n').Append("package ").Append(proto.Package).Append(";\n");
        }

        if (imports.Count > 0)
        {
            b.Append('\n');
            foreach (string import in imports)
            {
                b.Append("import \"").Append(import).Append("\";\n");
            }
        }

        foreach (ProtoMessageSpec message in proto.Messages)
        {
            b.Append('\n');
            if (message.Doc is not null)
            {
                foreach (string line in message.Doc.Replace("\r\n", "\n").Split('\n'))
                {
                    b.Append("// ").Append(line).Append('\n');
                }
            }

            b.Append("message ").Append(message.Name).Append(" {\n");
            foreach (ProtoFieldSpec field in message.Fields)
            {
                b.Append("  ");
                switch (field.Label)
                {
                    case ProtoLabel.Repeated:
                        b.Append("repeated ").Append(TypeName(field.Value, singleField: false));
                        break;
                    case ProtoLabel.Map:
                        b.Append("map<").Append(TypeName(field.Key!, singleField: false)).Append(", ").Append(TypeName(field.Value, singleField: false)).Append('>');
                        break;
                    default:
                        if (field.Value is { IsNullable: true, Kind: ProtoKind.Enum })
                        {
                            b.Append("optional ");
                        }

                        b.Append(TypeName(field.Value, singleField: true));
                        break;
                }

                b.Append(' ').Append(field.FieldName).Append(" = ").Append(field.Number.ToString(CultureInfo.InvariantCulture)).Append(";\n");
            }

            b.Append("}\n");
        }

        foreach (ProtoEnumSpec enumSpec in proto.Enums)
        {
            b.Append('\n').Append("enum ").Append(enumSpec.Name).Append(" {\n");
            if (enumSpec.AllowAlias)
            {
                b.Append("  option allow_alias = true;\n");
            }

            foreach (ProtoEnumValueSpec value in enumSpec.Values)
            {
                b.Append("  ").Append(value.Name).Append(" = ").Append(value.Number.ToString(CultureInfo.InvariantCulture)).Append(";\n");
            }

            b.Append("}\n");
        }

        return b.ToString();
    }

    /// <summary>The .proto type of a value; nullable scalars in single fields become the google.protobuf wrappers.</summary>
    public static string TypeName(ProtoValueSpec value, bool singleField)
    {
        if (singleField && value.IsNullable && WrapperName(value.Kind) is { } wrapper)
        {
            return wrapper;
        }

        return value.Kind switch
        {
            ProtoKind.Bool => "bool",
            ProtoKind.Int32 => "int32",
            ProtoKind.Int64 => "int64",
            ProtoKind.UInt32 => "uint32",
            ProtoKind.UInt64 => "uint64",
            ProtoKind.Float => "float",
            ProtoKind.Double => "double",
            ProtoKind.String or ProtoKind.Guid => "string",
            ProtoKind.Bytes => "bytes",
            ProtoKind.Timestamp => "google.protobuf.Timestamp",
            ProtoKind.Duration => "google.protobuf.Duration",
            ProtoKind.Date => "google.type.Date",
            ProtoKind.TimeOfDay => "google.type.TimeOfDay",
            ProtoKind.Decimal => "google.type.Decimal",
            _ => value.NamedType!,
        };
    }

    /// <summary>The wrapper message (google/protobuf/wrappers.proto) that carries presence for a nullable scalar, or null for kinds that have presence anyway.</summary>
    public static string? WrapperName(ProtoKind kind) => kind switch
    {
        ProtoKind.Bool => "google.protobuf.BoolValue",
        ProtoKind.Int32 => "google.protobuf.Int32Value",
        ProtoKind.Int64 => "google.protobuf.Int64Value",
        ProtoKind.UInt32 => "google.protobuf.UInt32Value",
        ProtoKind.UInt64 => "google.protobuf.UInt64Value",
        ProtoKind.Float => "google.protobuf.FloatValue",
        ProtoKind.Double => "google.protobuf.DoubleValue",
        ProtoKind.String or ProtoKind.Guid => "google.protobuf.StringValue",
        ProtoKind.Bytes => "google.protobuf.BytesValue",
        _ => null,
    };

    private static void AddImport(SortedSet<string> imports, ProtoValueSpec value, bool singleField)
    {
        if (singleField && value.IsNullable && WrapperName(value.Kind) is not null)
        {
            imports.Add("google/protobuf/wrappers.proto");
            return;
        }

        string? import = value.Kind switch
        {
            ProtoKind.Timestamp => "google/protobuf/timestamp.proto",
            ProtoKind.Duration => "google/protobuf/duration.proto",
            ProtoKind.Date => "google/type/date.proto",
            ProtoKind.TimeOfDay => "google/type/timeofday.proto",
            ProtoKind.Decimal => "google/type/decimal.proto",
            _ => null,
        };
        if (import is not null)
        {
            imports.Add(import);
        }
    }
}
