using System.Collections.Generic;
using System.Globalization;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Parsing;

/// <summary>
/// Checks an [AvroField(Default = ...)] JSON literal against the field's type, per the Apache Avro 1.11
/// specification's table of default values (null, boolean, int/long, float/double, bytes/string as JSON
/// strings, fixed as a string of exactly its size, records and maps as objects, arrays as arrays, enums as a
/// symbol; a union's default matches its first branch). A minimal JSON reader is written here: the generator cannot ship System.Text.Json, and the
/// analyzers' reader (src/Analyzers/Configuration/JsonDocument.cs) reads configuration JSON, which allows comments and
/// trailing commas that Avro schema parsers reject; a default must be strict RFC 8259 JSON.
/// </summary>
internal static class AvroDefaultValidator
{
    private enum JsonKind
    {
        Null,
        True,
        False,
        Number,
        String,
        Array,
        Object,
    }

    /// <summary>Returns the problem, or null when <paramref name="json"/> is a valid default for <paramref name="type"/>.</summary>
    public static string? Validate(string json, TypeSpec type, IReadOnlyDictionary<string, IReadOnlyList<string>> enumSymbols)
    {
        int position = 0;
        JsonKind kind;
        string? text;
        try
        {
            (kind, text) = ReadValue(json, ref position);
            SkipWhitespace(json, ref position);
            if (position != json.Length)
            {
                return $"'{json}' has text after the JSON value";
            }
        }
        catch (System.FormatException ex)
        {
            return $"'{json}' is not JSON ({ex.Message})";
        }

        if (type.IsNullable && type.NullFirst)
        {
            return kind == JsonKind.Null ? null : "a nullable field's union starts with null, so its default must be null";
        }

        if (kind == JsonKind.Null)
        {
            return type.IsNullable ? null : "null is not a value of this non-nullable field";
        }

        return type.Kind switch
        {
            AvroKind.Boolean => kind is JsonKind.True or JsonKind.False ? null : "a boolean field needs true or false",
            AvroKind.Int or AvroKind.Date or AvroKind.TimeMillis => IsInteger(kind, text, int.MinValue, int.MaxValue) ? null : "an int field needs a JSON integer within 32 bits",
            AvroKind.Long or AvroKind.TimeMicros or AvroKind.TimestampMillis or AvroKind.TimestampMicros or AvroKind.LocalTimestampMillis or AvroKind.LocalTimestampMicros
                => IsInteger(kind, text, long.MinValue, long.MaxValue) ? null : "a long field needs a JSON integer within 64 bits",
            AvroKind.Fixed or AvroKind.FixedDecimal or AvroKind.Duration => kind == JsonKind.String && IsFixedString(text!, type.FixedSize)
                ? null
                : $"a fixed field needs a JSON string of exactly {type.FixedSize} characters from U+0000 to U+00FF (one per byte)",
            AvroKind.Union => kind == JsonKind.Object ? null : "a union's default matches its first branch, a record: it needs a JSON object",
            AvroKind.Float or AvroKind.Double => kind == JsonKind.Number ? null : "a floating-point field needs a JSON number",
            AvroKind.String or AvroKind.Uuid or AvroKind.Bytes or AvroKind.Decimal => kind == JsonKind.String ? null : "a string or bytes field needs a JSON string",
            AvroKind.Enum => kind == JsonKind.String && enumSymbols.TryGetValue(type.NamedType!, out IReadOnlyList<string>? symbols) && Contains(symbols, text!)
                ? null
                : "an enum field needs one of its symbols as a JSON string",
            AvroKind.Record or AvroKind.Map => kind == JsonKind.Object ? null : "a record or map field needs a JSON object",
            AvroKind.Array => kind == JsonKind.Array ? null : "an array field needs a JSON array",
            _ => null,
        };
    }

    // Bytes and fixed defaults are JSON strings whose code points 0-255 are the byte values (specification,
    // "Complex Types: Records", default values).
    private static bool IsFixedString(string text, int size)
    {
        if (text.Length != size)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c > '\u00ff')
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<string> symbols, string symbol)
    {
        foreach (string s in symbols)
        {
            if (s == symbol)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInteger(JsonKind kind, string? text, long min, long max) =>
        kind == JsonKind.Number && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) && value >= min && value <= max;

    private static (JsonKind Kind, string? Text) ReadValue(string json, ref int i)
    {
        SkipWhitespace(json, ref i);
        if (i >= json.Length)
        {
            throw new System.FormatException("it is empty");
        }

        char c = json[i];
        switch (c)
        {
            case '{':
                i++;
                SkipWhitespace(json, ref i);
                if (Peek(json, i) == '}')
                {
                    i++;
                    return (JsonKind.Object, null);
                }

                while (true)
                {
                    SkipWhitespace(json, ref i);
                    if (Peek(json, i) != '"')
                    {
                        throw new System.FormatException("an object key must be a string");
                    }

                    ReadString(json, ref i);
                    SkipWhitespace(json, ref i);
                    Expect(json, ref i, ':');
                    ReadValue(json, ref i);
                    SkipWhitespace(json, ref i);
                    if (Peek(json, i) == ',')
                    {
                        i++;
                        continue;
                    }

                    Expect(json, ref i, '}');
                    return (JsonKind.Object, null);
                }

            case '[':
                i++;
                SkipWhitespace(json, ref i);
                if (Peek(json, i) == ']')
                {
                    i++;
                    return (JsonKind.Array, null);
                }

                while (true)
                {
                    ReadValue(json, ref i);
                    SkipWhitespace(json, ref i);
                    if (Peek(json, i) == ',')
                    {
                        i++;
                        continue;
                    }

                    Expect(json, ref i, ']');
                    return (JsonKind.Array, null);
                }

            case '"':
                return (JsonKind.String, ReadString(json, ref i));
            case 't':
                ExpectWord(json, ref i, "true");
                return (JsonKind.True, null);
            case 'f':
                ExpectWord(json, ref i, "false");
                return (JsonKind.False, null);
            case 'n':
                ExpectWord(json, ref i, "null");
                return (JsonKind.Null, null);
            default:
                return (JsonKind.Number, ReadNumber(json, ref i));
        }
    }

    private static string ReadString(string json, ref int i)
    {
        var builder = new System.Text.StringBuilder();
        i++; // opening quote
        while (i < json.Length)
        {
            char c = json[i++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c == '\\')
            {
                if (i >= json.Length)
                {
                    break;
                }

                char escape = json[i++];
                switch (escape)
                {
                    case '"': case '\\': case '/': builder.Append(escape); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (i + 4 > json.Length || !int.TryParse(json.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                        {
                            throw new System.FormatException("a \\u escape needs four hex digits");
                        }

                        builder.Append((char)code);
                        i += 4;
                        break;
                    default:
                        throw new System.FormatException($"'\\{escape}' is not a JSON escape");
                }
            }
            else if (c < ' ')
            {
                throw new System.FormatException("a string holds a raw control character");
            }
            else
            {
                builder.Append(c);
            }
        }

        throw new System.FormatException("a string is not closed");
    }

    private static string ReadNumber(string json, ref int i)
    {
        int start = i;
        if (Peek(json, i) == '-')
        {
            i++;
        }

        int digits = i;
        while (i < json.Length && char.IsDigit(json[i]))
        {
            i++;
        }

        if (i == digits || (json[digits] == '0' && i - digits > 1))
        {
            throw new System.FormatException("a number is malformed");
        }

        if (Peek(json, i) == '.')
        {
            i++;
            int fraction = i;
            while (i < json.Length && char.IsDigit(json[i]))
            {
                i++;
            }

            if (i == fraction)
            {
                throw new System.FormatException("a number has no digits after '.'");
            }
        }

        if (Peek(json, i) is 'e' or 'E')
        {
            i++;
            if (Peek(json, i) is '+' or '-')
            {
                i++;
            }

            int exponent = i;
            while (i < json.Length && char.IsDigit(json[i]))
            {
                i++;
            }

            if (i == exponent)
            {
                throw new System.FormatException("a number has an empty exponent");
            }
        }

        return json.Substring(start, i - start);
    }

    private static void ExpectWord(string json, ref int i, string word)
    {
        if (string.CompareOrdinal(json, i, word, 0, word.Length) != 0)
        {
            throw new System.FormatException($"unexpected text at position {i}");
        }

        i += word.Length;
    }

    private static void Expect(string json, ref int i, char expected)
    {
        if (Peek(json, i) != expected)
        {
            throw new System.FormatException($"'{expected}' expected at position {i}");
        }

        i++;
    }

    private static char Peek(string json, int i) => i < json.Length ? json[i] : '\0';

    private static void SkipWhitespace(string json, ref int i)
    {
        while (i < json.Length && json[i] is ' ' or '\t' or '\n' or '\r')
        {
            i++;
        }
    }
}
