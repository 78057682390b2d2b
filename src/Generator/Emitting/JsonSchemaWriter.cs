using System.Collections.Generic;
using System.Linq;
using System.Text;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Emitting;

/// <summary>
/// Writes a JSON contract's JSON Schema (draft-07, http://json-schema.org/draft-07/schema#) as compact JSON: the
/// contract's object at the top (title = full name, description = doc), the objects it contains under
/// "definitions" and referenced with "$ref" (a reference back to the contract is "#"). Every object lists the
/// properties System.Text.Json writes; "required" holds those no ignore condition can leave out;
/// "additionalProperties" is false unless a [JsonExtensionData] member writes more. Nullable values allow null.
/// </summary>
internal static class JsonSchemaWriter
{
    public static string Write(JsonSpec json)
    {
        var b = new StringBuilder();
        JsonObjectSpec root = json.Objects[0];
        b.Append("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"title\":");
        String(b, json.FullName);
        if (json.Doc is not null)
        {
            b.Append(",\"description\":");
            String(b, json.Doc);
        }

        b.Append(',');
        ObjectBody(b, root);
        if (json.Objects.Count > 1)
        {
            b.Append(",\"definitions\":{");
            bool first = true;
            foreach (JsonObjectSpec definition in json.Objects.Skip(1))
            {
                if (!first)
                {
                    b.Append(',');
                }

                first = false;
                String(b, definition.Key);
                b.Append(":{");
                ObjectBody(b, definition);
                b.Append('}');
            }

            b.Append('}');
        }

        b.Append('}');
        return b.ToString();
    }

    private static void ObjectBody(StringBuilder b, JsonObjectSpec spec)
    {
        b.Append("\"type\":\"object\",\"properties\":{");
        for (int i = 0; i < spec.Properties.Count; i++)
        {
            if (i > 0)
            {
                b.Append(',');
            }

            String(b, spec.Properties[i].JsonName);
            b.Append(':');
            Type(b, spec.Properties[i].Type);
        }

        b.Append('}');
        List<string> required = spec.Properties.Where(p => p.Required).Select(p => p.JsonName).ToList();
        if (required.Count > 0)
        {
            b.Append(",\"required\":[");
            for (int i = 0; i < required.Count; i++)
            {
                if (i > 0)
                {
                    b.Append(',');
                }

                String(b, required[i]);
            }

            b.Append(']');
        }

        b.Append(",\"additionalProperties\":").Append(spec.AdditionalProperties ? "true" : "false");
    }

    private static void Type(StringBuilder b, JsonTypeSpec t)
    {
        switch (t.Kind)
        {
            case JsonKind.Any:
                b.Append("{}");
                return;
            case JsonKind.Object:
            {
                string reference = t.Ref!.Length == 0 ? "#" : "#/definitions/" + EscapePointer(t.Ref);
                if (t.IsNullable)
                {
                    b.Append("{\"anyOf\":[{\"$ref\":");
                    String(b, reference);
                    b.Append("},{\"type\":\"null\"}]}");
                }
                else
                {
                    b.Append("{\"$ref\":");
                    String(b, reference);
                    b.Append('}');
                }

                return;
            }

            case JsonKind.Number when t.NamedLiterals && !t.AsString:
                b.Append("{\"anyOf\":[{\"type\":\"number\"},{\"enum\":[\"NaN\",\"Infinity\",\"-Infinity\"]}");
                if (t.IsNullable)
                {
                    b.Append(",{\"type\":\"null\"}");
                }

                b.Append("]}");
                return;
        }

        b.Append('{');
        switch (t.Kind)
        {
            case JsonKind.String:
                TypeName(b, "string", t.IsNullable);
                break;
            case JsonKind.Char:
                TypeName(b, "string", t.IsNullable);
                b.Append(",\"minLength\":1,\"maxLength\":1");
                break;
            case JsonKind.Boolean:
                TypeName(b, "boolean", t.IsNullable);
                break;
            case JsonKind.Integer when t.AsString:
                TypeName(b, "string", t.IsNullable);
                Pattern(b, JsonPatterns.Integer);
                break;
            case JsonKind.Integer:
                TypeName(b, "integer", t.IsNullable);
                b.Append(",\"minimum\":").Append(t.Minimum).Append(",\"maximum\":").Append(t.Maximum);
                break;
            case JsonKind.Number when t.AsString:
                TypeName(b, "string", t.IsNullable);
                Pattern(b, t.NamedLiterals ? JsonPatterns.NumberOrNamedLiteral : JsonPatterns.Number);
                break;
            case JsonKind.Number:
                TypeName(b, "number", t.IsNullable);
                break;
            case JsonKind.DateTime:
                TypeName(b, "string", t.IsNullable);
                Pattern(b, JsonPatterns.DateTime);
                break;
            case JsonKind.DateTimeOffset:
                TypeName(b, "string", t.IsNullable);
                b.Append(",\"format\":\"date-time\"");
                break;
            case JsonKind.Date:
                TypeName(b, "string", t.IsNullable);
                b.Append(",\"format\":\"date\"");
                break;
            case JsonKind.Time:
                TypeName(b, "string", t.IsNullable);
                Pattern(b, JsonPatterns.Time);
                break;
            case JsonKind.Duration:
                TypeName(b, "string", t.IsNullable);
                Pattern(b, JsonPatterns.Duration);
                break;
            case JsonKind.Uuid:
                TypeName(b, "string", t.IsNullable);
                Pattern(b, JsonPatterns.Uuid);
                break;
            case JsonKind.Base64:
                TypeName(b, "string", t.IsNullable);
                b.Append(",\"contentEncoding\":\"base64\"");
                break;
            case JsonKind.Enum when t.EnumAsString:
                TypeName(b, "string", t.IsNullable);
                if (t.EnumNames.Count > 0)
                {
                    b.Append(",\"enum\":[");
                    for (int i = 0; i < t.EnumNames.Count; i++)
                    {
                        if (i > 0)
                        {
                            b.Append(',');
                        }

                        String(b, t.EnumNames[i]);
                    }

                    b.Append(t.IsNullable ? ",null]" : "]");
                }

                break;
            case JsonKind.Enum:
                TypeName(b, "integer", t.IsNullable);
                break;
            case JsonKind.Array:
                TypeName(b, "array", t.IsNullable);
                b.Append(",\"items\":");
                Type(b, t.Element!);
                break;
            case JsonKind.Map:
                TypeName(b, "object", t.IsNullable);
                if (t.MapKeyPattern is not null)
                {
                    b.Append(",\"propertyNames\":{");
                    Pattern(b, t.MapKeyPattern, leadingComma: false);
                    b.Append('}');
                }

                b.Append(",\"additionalProperties\":");
                Type(b, t.Element!);
                break;
            case JsonKind.AnyObject:
                TypeName(b, "object", t.IsNullable);
                break;
            case JsonKind.AnyArray:
                TypeName(b, "array", t.IsNullable);
                break;
        }

        b.Append('}');
    }

    private static void TypeName(StringBuilder b, string name, bool nullable)
    {
        b.Append("\"type\":");
        b.Append(nullable ? "[\"" + name + "\",\"null\"]" : "\"" + name + "\"");
    }

    private static void Pattern(StringBuilder b, string pattern, bool leadingComma = true)
    {
        b.Append(leadingComma ? ",\"pattern\":" : "\"pattern\":");
        String(b, pattern);
    }

    /// <summary>A definition key as a JSON Pointer token (RFC 6901): '~' → '~0', '/' → '~1'.</summary>
    private static string EscapePointer(string key) => key.Replace("~", "~0").Replace("/", "~1");

    /// <summary>A JSON string literal (RFC 8259: quote, backslash and control characters escaped).</summary>
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
                default:
                    if (c < ' ')
                    {
                        b.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
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
