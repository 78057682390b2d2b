using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace TypedProducer.Analyzers.SchemaEvolution.Protobuf;

/// <summary>
/// Parses <c>.proto</c> text (proto2 and proto3, Protocol Buffers Language Specification) into the parts the
/// compatibility rules compare: package, messages (fields, oneofs, nested types), enums. Options, imports,
/// reserved ranges, extensions, services and groups are read past. Our own code: protoc and the Wire parser
/// that the Schema Registry uses cannot run inside an analyzer.
/// </summary>
internal static class ProtoParser
{
    /// <summary>Parses <paramref name="text"/>; null with <paramref name="problem"/> set when it is not a .proto file.</summary>
    public static ProtoFile? Parse(string text, out SchemaProblem? problem)
    {
        try
        {
            var parser = new Parser(Tokenize(text), text.Length);
            var file = parser.ParseFile();
            problem = null;
            return file;
        }
        catch (ProtoFormatException ex)
        {
            problem = new SchemaProblem(ex.Message, ex.Span);
            return null;
        }
    }

    private enum TokenKind
    {
        Identifier,
        Number,
        String,
        Symbol,
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new ProtoFormatException("a /* comment is not closed", new TextSpan(i, 2));
                }

                i = end + 2;
            }
            else if (char.IsLetter(c) || c == '_' || (c == '.' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '_')))
            {
                int start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text.Substring(start, i - start), TextSpan.FromBounds(start, i)));
            }
            else if (char.IsDigit(c))
            {
                int start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '.' || ((text[i] == '+' || text[i] == '-') && (text[i - 1] == 'e' || text[i - 1] == 'E'))))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Number, text.Substring(start, i - start), TextSpan.FromBounds(start, i)));
            }
            else if (c == '"' || c == '\'')
            {
                int start = i++;
                while (i < text.Length && text[i] != c && text[i] != '\n')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                if (i >= text.Length || text[i] != c)
                {
                    throw new ProtoFormatException("a string is not closed", TextSpan.FromBounds(start, Math.Min(i, text.Length)));
                }

                i++;
                tokens.Add(new Token(TokenKind.String, text.Substring(start, i - start), TextSpan.FromBounds(start, i)));
            }
            else
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), new TextSpan(i, 1)));
                i++;
            }
        }

        return tokens;
    }

    private readonly struct Token
    {
        public Token(TokenKind kind, string text, TextSpan span)
        {
            Kind = kind;
            Text = text;
            Span = span;
        }

        public TokenKind Kind { get; }

        public string Text { get; }

        public TextSpan Span { get; }
    }

    private sealed class Parser
    {
        private readonly List<Token> _tokens;
        private readonly int _length;
        private int _position;

        public Parser(List<Token> tokens, int length)
        {
            _tokens = tokens;
            _length = length;
        }

        private bool AtEnd => _position >= _tokens.Count;

        private Token Current => AtEnd ? new Token(TokenKind.Symbol, string.Empty, new TextSpan(_length, 0)) : _tokens[_position];

        public ProtoFile ParseFile()
        {
            var file = new ProtoFile();
            while (!AtEnd)
            {
                var token = Current;
                switch (token.Text)
                {
                    case "syntax":
                    case "edition":
                    case "import":
                    case "option":
                        SkipStatement();
                        break;
                    case "package":
                        _position++;
                        file.Package = Expect(TokenKind.Identifier, "a package name").Text.TrimStart('.');
                        ExpectSymbol(";");
                        break;
                    case "message":
                        _position++;
                        file.Types.Add(ParseMessage(file.Package, string.Empty));
                        break;
                    case "enum":
                        _position++;
                        file.Types.Add(ParseEnum(file.Package, string.Empty));
                        break;
                    case "service":
                    case "extend":
                        SkipBlock();
                        break;
                    case ";":
                        _position++;
                        break;
                    default:
                        throw new ProtoFormatException("'" + token.Text + "' is not a top-level .proto statement", token.Span);
                }
            }

            return file;
        }

        private ProtoMessage ParseMessage(string parentFullName, string parentLocalName)
        {
            var name = Expect(TokenKind.Identifier, "a message name");
            var message = new ProtoMessage(name.Text, Qualify(parentFullName, name.Text), name.Span) { LocalName = Qualify(parentLocalName, name.Text) };
            ExpectSymbol("{");
            while (Current.Text != "}")
            {
                if (AtEnd)
                {
                    throw new ProtoFormatException("message '" + message.Name + "' is not closed", name.Span);
                }

                switch (Current.Text)
                {
                    case "message" when Peek(1).Kind == TokenKind.Identifier && Peek(2).Text == "{":
                        _position++;
                        message.NestedTypes.Add(ParseMessage(message.FullName, message.LocalName));
                        break;
                    case "enum" when Peek(1).Kind == TokenKind.Identifier && Peek(2).Text == "{":
                        _position++;
                        message.NestedTypes.Add(ParseEnum(message.FullName, message.LocalName));
                        break;
                    case "oneof" when Peek(1).Kind == TokenKind.Identifier && Peek(2).Text == "{":
                        _position++;
                        message.OneOfs.Add(ParseOneOf());
                        break;
                    case "option":
                    case "reserved":
                    case "extensions":
                        SkipStatement();
                        break;
                    case "extend" when Peek(2).Text == "{":
                        SkipBlock();
                        break;
                    case ";":
                        _position++;
                        break;
                    default:
                        if (ParseField(allowLabel: true) is { } field)
                        {
                            message.Fields.Add(field);
                        }

                        break;
                }
            }

            _position++; // }
            return message;
        }

        private ProtoOneOf ParseOneOf()
        {
            var name = Expect(TokenKind.Identifier, "a oneof name");
            var oneOf = new ProtoOneOf(name.Text);
            ExpectSymbol("{");
            while (Current.Text != "}")
            {
                if (AtEnd)
                {
                    throw new ProtoFormatException("oneof '" + oneOf.Name + "' is not closed", name.Span);
                }

                if (Current.Text == "option")
                {
                    SkipStatement();
                }
                else if (Current.Text == ";")
                {
                    _position++;
                }
                else if (ParseField(allowLabel: false) is { } field)
                {
                    oneOf.Fields.Add(field);
                }
            }

            _position++;
            return oneOf;
        }

        /// <summary>A field, a map field, or null for a group (read past).</summary>
        private ProtoField? ParseField(bool allowLabel)
        {
            var label = ProtoLabel.None;
            if (allowLabel && Current.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.Identifier)
            {
                label = Current.Text switch
                {
                    "optional" => ProtoLabel.Optional,
                    "repeated" => ProtoLabel.Repeated,
                    "required" => ProtoLabel.Required,
                    _ => ProtoLabel.None,
                };
                if (label != ProtoLabel.None)
                {
                    _position++;
                }
            }

            if (Current.Text == "group" && Peek(1).Kind == TokenKind.Identifier && Peek(2).Text == "=")
            {
                SkipBlock(); // proto2 groups are deprecated; not compared
                return null;
            }

            string? mapKey = null;
            string type;
            if (Current.Text == "map" && Peek(1).Text == "<")
            {
                _position += 2;
                mapKey = Expect(TokenKind.Identifier, "a map key type").Text;
                ExpectSymbol(",");
                type = Expect(TokenKind.Identifier, "a map value type").Text;
                ExpectSymbol(">");
            }
            else
            {
                type = Expect(TokenKind.Identifier, "a field type").Text;
            }

            var name = Expect(TokenKind.Identifier, "a field name");
            ExpectSymbol("=");
            var number = Expect(TokenKind.Number, "a field number");
            if (!TryParseNumber(number.Text, out long tag) || tag < 1 || tag > 536870911)
            {
                throw new ProtoFormatException("field numbers run from 1 to 536870911", number.Span);
            }

            if (Current.Text == "[")
            {
                SkipBracketed("[", "]");
            }

            ExpectSymbol(";");
            return new ProtoField(name.Text, name.Span, (int)tag, label, type, mapKey);
        }

        private ProtoEnum ParseEnum(string parentFullName, string parentLocalName)
        {
            var name = Expect(TokenKind.Identifier, "an enum name");
            var declaration = new ProtoEnum(name.Text, Qualify(parentFullName, name.Text), name.Span) { LocalName = Qualify(parentLocalName, name.Text) };
            ExpectSymbol("{");
            while (Current.Text != "}")
            {
                if (AtEnd)
                {
                    throw new ProtoFormatException("enum '" + declaration.Name + "' is not closed", name.Span);
                }

                if ((Current.Text == "option" || Current.Text == "reserved") && Peek(1).Text != "=")
                {
                    SkipStatement();
                    continue;
                }

                if (Current.Text == ";")
                {
                    _position++;
                    continue;
                }

                var constant = Expect(TokenKind.Identifier, "an enum constant");
                ExpectSymbol("=");
                bool negative = Current.Text == "-";
                if (negative)
                {
                    _position++;
                }

                var number = Expect(TokenKind.Number, "an enum value");
                if (!TryParseNumber(number.Text, out long value))
                {
                    throw new ProtoFormatException("'" + number.Text + "' is not an integer", number.Span);
                }

                if (Current.Text == "[")
                {
                    SkipBracketed("[", "]");
                }

                ExpectSymbol(";");
                declaration.Constants.Add((constant.Text, negative ? -value : value));
            }

            _position++;
            return declaration;
        }

        private static bool TryParseNumber(string text, out long value)
        {
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return long.TryParse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
            }

            if (text.Length > 1 && text[0] == '0')
            {
                value = 0;
                foreach (char c in text.Substring(1))
                {
                    if (c < '0' || c > '7')
                    {
                        return false;
                    }

                    value = (value * 8) + (c - '0');
                }

                return true;
            }

            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        private static string Qualify(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

        private Token Peek(int offset) => _position + offset < _tokens.Count ? _tokens[_position + offset] : new Token(TokenKind.Symbol, string.Empty, new TextSpan(_length, 0));

        private Token Expect(TokenKind kind, string what)
        {
            var token = Current;
            if (AtEnd || token.Kind != kind)
            {
                throw new ProtoFormatException(what + " is expected" + (AtEnd ? " at the end of the file" : ", not '" + token.Text + "'"), token.Span);
            }

            _position++;
            return token;
        }

        private void ExpectSymbol(string symbol)
        {
            var token = Current;
            if (AtEnd || token.Text != symbol)
            {
                throw new ProtoFormatException("'" + symbol + "' is expected" + (AtEnd ? " at the end of the file" : ", not '" + token.Text + "'"), token.Span);
            }

            _position++;
        }

        /// <summary>Reads past a statement up to its ';' (an option's aggregate value may hold braces).</summary>
        private void SkipStatement()
        {
            var start = Current;
            int depth = 0;
            while (!AtEnd)
            {
                string text = Current.Text;
                _position++;
                if (text == "{" || text == "[")
                {
                    depth++;
                }
                else if (text == "}" || text == "]")
                {
                    depth--;
                }
                else if (text == ";" && depth <= 0)
                {
                    return;
                }
            }

            throw new ProtoFormatException("'" + start.Text + "' is not ended by ';'", start.Span);
        }

        /// <summary>Reads past a statement with a body: <c>service S { ... }</c>, <c>extend T { ... }</c>, a group.</summary>
        private void SkipBlock()
        {
            var start = Current;
            while (!AtEnd && Current.Text != "{")
            {
                _position++;
            }

            if (AtEnd)
            {
                throw new ProtoFormatException("'" + start.Text + "' has no body", start.Span);
            }

            SkipBracketed("{", "}");
        }

        private void SkipBracketed(string open, string close)
        {
            var start = Current;
            int depth = 0;
            while (!AtEnd)
            {
                string text = Current.Text;
                _position++;
                if (text == open)
                {
                    depth++;
                }
                else if (text == close && --depth == 0)
                {
                    return;
                }
            }

            throw new ProtoFormatException("'" + open + "' is not closed", start.Span);
        }
    }

    private sealed class ProtoFormatException : Exception
    {
        public ProtoFormatException(string message, TextSpan span)
            : base(message) => Span = span;

        public TextSpan Span { get; }
    }
}
