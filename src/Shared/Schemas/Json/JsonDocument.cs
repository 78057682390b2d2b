using System.Collections.Generic;
using System.Globalization;
using System.Text;

// Shared source: compiled into the analyzers (netstandard2.0) and the runtime. TextSpan is Roslyn's in the analyzers
// and TypedProducer.Schemas.TextSpan in the runtime (see each project's file list).
namespace TypedProducer.Schemas.Json;

/// <summary>A JSON value with its span in the file.</summary>
internal abstract class JsonValue
{
    protected JsonValue(TextSpan span) => Span = span;

    public TextSpan Span { get; }
}

/// <summary>A JSON object; property order is kept.</summary>
internal sealed class JsonObject : JsonValue
{
    public JsonObject(TextSpan span, List<JsonProperty> properties)
        : base(span) => Properties = properties;

    public List<JsonProperty> Properties { get; }

    /// <summary>The last property named <paramref name="name"/>, compared as IConfiguration does (case-insensitive).</summary>
    public JsonProperty? Find(string name)
    {
        JsonProperty? found = null;
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, name, System.StringComparison.OrdinalIgnoreCase))
            {
                found = property;
            }
        }

        return found;
    }
}

/// <summary>A scalar: string, number, true, false or null, with the text IConfiguration stores.</summary>
internal sealed class JsonScalar : JsonValue
{
    public JsonScalar(TextSpan span, string? text, bool isString)
        : base(span)
    {
        Text = text;
        IsString = isString;
    }

    /// <summary>The configuration text; null for JSON null.</summary>
    public string? Text { get; }

    public bool IsString { get; }
}

/// <summary>A JSON array.</summary>
internal sealed class JsonArray : JsonValue
{
    public JsonArray(TextSpan span, List<JsonValue> elements)
        : base(span) => Elements = elements;

    /// <summary>The elements in order (Avro unions, enum symbols and aliases are arrays).</summary>
    public List<JsonValue> Elements { get; }
}

/// <summary>A property name and value.</summary>
internal sealed class JsonProperty
{
    public JsonProperty(string name, TextSpan nameSpan, JsonValue value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }

    public TextSpan NameSpan { get; }

    public JsonValue Value { get; }
}

/// <summary>
/// A small, allocation-light JSON reader with spans, accepting what Microsoft.Extensions.Configuration.Json
/// accepts (comments, trailing commas). Analyzers cannot depend on System.Text.Json on every host, hence
/// this reader. Malformed input gives null, never an exception.
/// </summary>
internal sealed class JsonReader
{
    private const int DefaultMaxDepth = 64;
    private readonly string _text;
    private readonly int _maxDepth;
    private int _position;

    private JsonReader(string text, int maxDepth)
    {
        _text = text;
        _maxDepth = maxDepth;
    }

    /// <summary>Parses <paramref name="text"/>; null when it is not valid JSON or nests deeper than <paramref name="maxDepth"/>.</summary>
    public static JsonValue? Parse(string text, int maxDepth = DefaultMaxDepth)
    {
        var reader = new JsonReader(text, maxDepth);
        try
        {
            reader.SkipTrivia();
            var value = reader.ReadValue(0);
            reader.SkipTrivia();
            return value is not null && reader._position == text.Length ? value : null;
        }
        catch (System.FormatException)
        {
            return null;
        }
    }

    private JsonValue? ReadValue(int depth)
    {
        if (_position >= _text.Length || depth > _maxDepth)
        {
            return null;
        }

        char c = _text[_position];
        switch (c)
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                int start = _position;
                string? s = ReadString();
                return s is null ? null : new JsonScalar(TextSpan.FromBounds(start, _position), s, true);
            default:
                return ReadLiteral();
        }
    }

    private JsonValue? ReadObject(int depth)
    {
        int start = _position++;
        var properties = new List<JsonProperty>();
        while (true)
        {
            SkipTrivia();
            if (_position >= _text.Length)
            {
                return null;
            }

            if (_text[_position] == '}')
            {
                _position++;
                return new JsonObject(TextSpan.FromBounds(start, _position), properties);
            }

            if (_text[_position] != '"')
            {
                return null;
            }

            int nameStart = _position;
            string? name = ReadString();
            if (name is null)
            {
                return null;
            }

            var nameSpan = TextSpan.FromBounds(nameStart, _position);
            SkipTrivia();
            if (_position >= _text.Length || _text[_position] != ':')
            {
                return null;
            }

            _position++;
            SkipTrivia();
            var value = ReadValue(depth + 1);
            if (value is null)
            {
                return null;
            }

            properties.Add(new JsonProperty(name, nameSpan, value));
            SkipTrivia();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
            }
            else if (_position >= _text.Length || _text[_position] != '}')
            {
                return null;
            }
        }
    }

    private JsonValue? ReadArray(int depth)
    {
        int start = _position++;
        var elements = new List<JsonValue>();
        while (true)
        {
            SkipTrivia();
            if (_position >= _text.Length)
            {
                return null;
            }

            if (_text[_position] == ']')
            {
                _position++;
                return new JsonArray(TextSpan.FromBounds(start, _position), elements);
            }

            var element = ReadValue(depth + 1);
            if (element is null)
            {
                return null;
            }

            elements.Add(element);

            SkipTrivia();
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
            }
            else if (_position >= _text.Length || _text[_position] != ']')
            {
                return null;
            }
        }
    }

    private JsonValue? ReadLiteral()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '-' or '+' or '.'))
        {
            _position++;
        }

        string word = _text.Substring(start, _position - start);
        var span = TextSpan.FromBounds(start, _position);
        switch (word)
        {
            case "true":
                return new JsonScalar(span, "True", false); // JsonElement.ToString(), as the JSON configuration provider stores it
            case "false":
                return new JsonScalar(span, "False", false);
            case "null":
                return new JsonScalar(span, null, false);
            default:
                return double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? new JsonScalar(span, word, false) : null;
        }
    }

    private string? ReadString()
    {
        _position++; // opening quote
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            char c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                return null;
            }

            char escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length || !int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                    {
                        return null;
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                int end = _text.IndexOf("*/", _position + 2, System.StringComparison.Ordinal);
                _position = end < 0 ? _text.Length : end + 2;
            }
            else
            {
                return;
            }
        }
    }
}
