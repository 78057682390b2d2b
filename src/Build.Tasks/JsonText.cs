using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TypedProducer.Build;

/// <summary>
/// Re-indents and compares JSON text without re-encoding it. Our own code, on purpose: System.Text.Json is not
/// available to tasks on every MSBuild host (Visual Studio's runs on .NET Framework), and a parse-and-write round
/// trip would re-escape strings (non-ASCII doc text, '+' in names), so the committed file would not show the
/// exact text the registry receives. Every character outside insignificant whitespace is kept as written.
/// </summary>
internal static class JsonText
{
    /// <summary>
    /// Indents <paramref name="json"/> by two spaces per level, one member per line; an array of scalars only
    /// (a union of type names, enum symbols, aliases) stays on one line. Ends with a newline.
    /// </summary>
    /// <param name="json">Valid JSON.</param>
    /// <returns>The indented text.</returns>
    public static string Indent(string json)
    {
        var tokens = Tokenize(json);
        var builder = new StringBuilder(json.Length * 2);
        int depth = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            switch (token)
            {
                case "{":
                case "[":
                    if (token == "[" && ScalarArrayEnd(tokens, i) is int end)
                    {
                        for (int j = i; j <= end; j++)
                        {
                            builder.Append(tokens[j]);
                            if (tokens[j] == ",")
                            {
                                builder.Append(' ');
                            }
                        }

                        i = end;
                        break;
                    }

                    builder.Append(token);
                    if (i + 1 < tokens.Count && (tokens[i + 1] == "}" || tokens[i + 1] == "]"))
                    {
                        builder.Append(tokens[++i]); // empty object or array
                        break;
                    }

                    depth++;
                    NewLine(builder, depth);
                    break;
                case "}":
                case "]":
                    depth--;
                    NewLine(builder, depth);
                    builder.Append(token);
                    break;
                case ",":
                    builder.Append(',');
                    NewLine(builder, depth);
                    break;
                case ":":
                    builder.Append(": ");
                    break;
                default:
                    builder.Append(token);
                    break;
            }
        }

        return builder.Append('\n').ToString();
    }

    /// <summary>The text without insignificant whitespace, to compare two files' JSON regardless of layout.</summary>
    /// <param name="json">JSON text (not validated).</param>
    /// <returns>The minified text.</returns>
    public static string Minify(string json) => string.Concat(Tokenize(json));

    /// <summary>The value of a string member of the top-level object (<c>"name"</c>, <c>"namespace"</c>), or null.</summary>
    /// <param name="json">JSON text.</param>
    /// <param name="member">The member name.</param>
    /// <returns>The unescaped string value, or null when the member is absent or not a string.</returns>
    public static string? TopLevelString(string json, string member)
    {
        var tokens = Tokenize(json);
        int depth = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (token == "{" || token == "[")
            {
                depth++;
            }
            else if (token == "}" || token == "]")
            {
                depth--;
            }
            else if (depth == 1 && token.Length > 1 && token[0] == '"' && i + 2 < tokens.Count && tokens[i + 1] == ":" && Unescape(token) == member)
            {
                string value = tokens[i + 2];
                return value.Length > 1 && value[0] == '"' ? Unescape(value) : null;
            }
        }

        return null;
    }

    /// <summary>An Avro schema's full name: <c>namespace.name</c>, or the name when it is already qualified (Avro 1.11, "Names").</summary>
    /// <param name="schema">The schema JSON.</param>
    /// <returns>The full name, or null when the top-level object has no name (a primitive, array, map or union schema).</returns>
    public static string? AvroFullName(string schema)
    {
        string? name = TopLevelString(schema, "name");
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        string? ns = TopLevelString(schema, "namespace");
        return name!.IndexOf('.') >= 0 || string.IsNullOrEmpty(ns) ? name : ns + "." + name;
    }

    private static int? ScalarArrayEnd(List<string> tokens, int start)
    {
        for (int i = start + 1; i < tokens.Count; i++)
        {
            switch (tokens[i])
            {
                case "]":
                    return i == start + 1 ? null : i;
                case "{":
                case "[":
                    return null;
            }
        }

        return null;
    }

    private static void NewLine(StringBuilder builder, int depth) => builder.Append('\n').Append(' ', depth * 2);

    /// <summary>Splits JSON into punctuation, strings (with their quotes and escapes as written) and literals.</summary>
    private static List<string> Tokenize(string json)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < json.Length)
        {
            char c = json[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                int start = i++;
                while (i < json.Length && json[i] != '"')
                {
                    i += json[i] == '\\' ? 2 : 1;
                }

                i = i < json.Length ? i + 1 : json.Length;
                tokens.Add(json.Substring(start, i - start));
            }
            else
            {
                int start = i;
                while (i < json.Length && "{}[],:\" \t\r\n".IndexOf(json[i]) < 0)
                {
                    i++;
                }

                tokens.Add(json.Substring(start, i - start));
            }
        }

        return tokens;
    }

    private static string Unescape(string quoted)
    {
        var builder = new StringBuilder(quoted.Length);
        for (int i = 1; i < quoted.Length - 1; i++)
        {
            char c = quoted[i];
            if (c != '\\' || i + 1 >= quoted.Length - 1)
            {
                builder.Append(c);
                continue;
            }

            char escape = quoted[++i];
            switch (escape)
            {
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u' when i + 4 < quoted.Length && int.TryParse(quoted.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append(escape); break;
            }
        }

        return builder.ToString();
    }
}
