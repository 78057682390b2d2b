using System;
using System.Collections.Generic;
using System.Globalization;
using TypedProducer.Schemas.Json;

// Shared source: compiled into the analyzers (netstandard2.0) and the runtime.
namespace TypedProducer.Schemas.Avro;

/// <summary>
/// Parses Avro schema JSON (<c>.avsc</c>) into <see cref="AvroType"/> graphs, following the Apache Avro 1.11
/// specification ("Schema Declaration", "Names", "Aliases", "Logical Types"). Our own code: no Avro library is
/// available to analyzers (netstandard2.0, no dependencies beside Roslyn), and the JSON comes from the
/// analyzers' own span-keeping reader so problems point into the file.
/// </summary>
internal static class AvroSchemaParser
{
    /// <summary>Deep enough for any real schema (about three JSON levels per nested record).</summary>
    private const int MaxJsonDepth = 512;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The schema JSON.</param>
    /// <param name="problem">Why the text is not an Avro schema, with the span at fault; null on success.</param>
    /// <returns>The root schema, or null when <paramref name="problem"/> is set.</returns>
    public static AvroType? Parse(string text, out SchemaProblem? problem) => Parse(text, null, out problem);

    /// <summary>Parses <paramref name="text"/>, which may use the named types of <paramref name="named"/> (schema references).</summary>
    /// <param name="text">The schema JSON.</param>
    /// <param name="named">Named types defined before this schema (by full name), or null; the schema's own named types are added to it.</param>
    /// <param name="problem">Why the text is not an Avro schema, with the span at fault; null on success.</param>
    /// <returns>The root schema, or null when <paramref name="problem"/> is set.</returns>
    public static AvroType? Parse(string text, Dictionary<string, AvroType>? named, out SchemaProblem? problem)
    {
        var json = JsonReader.Parse(text, MaxJsonDepth);
        if (json is null)
        {
            problem = new SchemaProblem("the file is not valid JSON", new TextSpan(0, Math.Min(text.Length, 1)));
            return null;
        }

        var context = new Context(named ?? new Dictionary<string, AvroType>(StringComparer.Ordinal));
        try
        {
            var root = context.ParseSchema(json, null);
            problem = null;
            return root;
        }
        catch (SchemaFormatException ex)
        {
            problem = new SchemaProblem(ex.Message, ex.Span);
            return null;
        }
    }

    private static AvroKind? Primitive(string name) => name switch
    {
        "null" => AvroKind.Null,
        "boolean" => AvroKind.Boolean,
        "int" => AvroKind.Int,
        "long" => AvroKind.Long,
        "float" => AvroKind.Float,
        "double" => AvroKind.Double,
        "bytes" => AvroKind.Bytes,
        "string" => AvroKind.String,
        _ => null,
    };

    private sealed class Context
    {
        private readonly Dictionary<string, AvroType> _named;

        public Context(Dictionary<string, AvroType> named) => _named = named;

        public AvroType ParseSchema(JsonValue json, string? space)
        {
            switch (json)
            {
                case JsonScalar { IsString: true, Text: { } name }:
                    return Primitive(name) is { } kind ? new AvroType(kind, json.Span) : Resolve(name, space, json.Span);
                case JsonArray array:
                    return ParseUnion(array, space);
                case JsonObject obj:
                    return ParseObject(obj, space);
                default:
                    throw new SchemaFormatException("a schema must be a type name, an object or a union (array)", json.Span);
            }
        }

        private AvroType ParseUnion(JsonArray array, string? space)
        {
            var union = new AvroType(AvroKind.Union, array.Span);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var element in array.Elements)
            {
                var branch = ParseSchema(element, space);
                if (branch.Kind == AvroKind.Union)
                {
                    throw new SchemaFormatException("a union may not immediately contain another union", element.Span);
                }

                // "Unions may not contain more than one schema with the same type, except for the named types."
                string key = branch.IsNamed ? branch.FullName! : AvroType.KindName(branch.Kind);
                if (!seen.Add(key))
                {
                    throw new SchemaFormatException("the union contains " + key + " twice", element.Span);
                }

                union.Branches.Add(branch);
            }

            return union;
        }

        private AvroType ParseObject(JsonObject obj, string? space)
        {
            if (obj.Find("type")?.Value is not JsonScalar { IsString: true, Text: { } type } typeValue)
            {
                throw new SchemaFormatException("a schema object needs a \"type\" string", obj.Span);
            }

            switch (type)
            {
                case "record":
                case "error":
                    return ParseRecord(obj, space);
                case "enum":
                    return ParseEnum(obj, space);
                case "fixed":
                    var fixedType = DeclareNamed(AvroKind.Fixed, obj, space);
                    fixedType.Size = RequiredInteger(obj, "size", "a fixed type needs a \"size\"");
                    if (fixedType.Size < 0)
                    {
                        throw new SchemaFormatException("a fixed size cannot be negative", obj.Find("size")!.Value.Span);
                    }

                    ApplyLogicalType(fixedType, obj);
                    return fixedType;
                case "array":
                    return new AvroType(AvroKind.Array, obj.Span) { Items = ParseSchema(Required(obj, "items", "an array needs \"items\""), space) };
                case "map":
                    return new AvroType(AvroKind.Map, obj.Span) { Items = ParseSchema(Required(obj, "values", "a map needs \"values\""), space) };
            }

            if (Primitive(type) is { } kind)
            {
                var primitive = new AvroType(kind, obj.Span);
                ApplyLogicalType(primitive, obj);
                return primitive;
            }

            return Resolve(type, space, typeValue.Span);
        }

        private AvroType ParseRecord(JsonObject obj, string? space)
        {
            var record = DeclareNamed(AvroKind.Record, obj, space);
            if (Required(obj, "fields", "a record needs \"fields\"") is not JsonArray fields)
            {
                throw new SchemaFormatException("a record's \"fields\" must be an array", obj.Find("fields")!.Value.Span);
            }

            string? recordSpace = Namespace(record.FullName!);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var element in fields.Elements)
            {
                if (element is not JsonObject fieldObject)
                {
                    throw new SchemaFormatException("a record field must be an object", element.Span);
                }

                if (fieldObject.Find("name")?.Value is not JsonScalar { IsString: true, Text: { } name } nameValue)
                {
                    throw new SchemaFormatException("a record field needs a \"name\" string", fieldObject.Span);
                }

                if (!names.Add(name))
                {
                    throw new SchemaFormatException("the record has two fields named '" + name + "'", nameValue.Span);
                }

                var fieldType = ParseSchema(Required(fieldObject, "type", "field '" + name + "' needs a \"type\""), recordSpace);
                var field = new AvroField(name, nameValue.Span, fieldType, fieldObject.Find("default")?.Value);
                foreach (var alias in Strings(fieldObject, "aliases"))
                {
                    field.Aliases.Add(alias);
                }

                record.Fields.Add(field);
            }

            return record;
        }

        private AvroType ParseEnum(JsonObject obj, string? space)
        {
            var enumType = DeclareNamed(AvroKind.Enum, obj, space);
            if (Required(obj, "symbols", "an enum needs \"symbols\"") is not JsonArray)
            {
                throw new SchemaFormatException("an enum's \"symbols\" must be an array", obj.Find("symbols")!.Value.Span);
            }

            enumType.Symbols.AddRange(Strings(obj, "symbols"));
            if (obj.Find("default") is { } defaultProperty)
            {
                if (defaultProperty.Value is not JsonScalar { IsString: true, Text: { } symbol } || !enumType.Symbols.Contains(symbol))
                {
                    throw new SchemaFormatException("an enum default must be one of its symbols", defaultProperty.Value.Span);
                }

                enumType.EnumDefault = symbol;
            }

            return enumType;
        }

        private AvroType DeclareNamed(AvroKind kind, JsonObject obj, string? space)
        {
            if (obj.Find("name")?.Value is not JsonScalar { IsString: true, Text: { Length: > 0 } name })
            {
                throw new SchemaFormatException("a " + AvroType.KindName(kind) + " needs a \"name\"", obj.Span);
            }

            // "Names": a name containing a dot is a full name; otherwise the "namespace" attribute, else the
            // enclosing namespace, qualifies it.
            string? ownSpace = obj.Find("namespace")?.Value is JsonScalar { IsString: true, Text: var declared } ? declared : space;
            string fullName = name.IndexOf('.') >= 0 || string.IsNullOrEmpty(ownSpace) ? name : ownSpace + "." + name;
            if (_named.ContainsKey(fullName))
            {
                throw new SchemaFormatException("the name '" + fullName + "' is defined twice", obj.Find("name")!.Value.Span);
            }

            var type = new AvroType(kind, obj.Span) { FullName = fullName, Name = SimpleName(fullName) };
            string? typeSpace = Namespace(fullName);
            foreach (var alias in Strings(obj, "aliases"))
            {
                type.Aliases.Add(alias.IndexOf('.') >= 0 || string.IsNullOrEmpty(typeSpace) ? alias : typeSpace + "." + alias);
                type.DeclaredAliases.Add(alias);
            }

            _named[fullName] = type; // before the fields, so a record can refer to itself
            return type;
        }

        private AvroType Resolve(string name, string? space, TextSpan span)
        {
            if (name.IndexOf('.') < 0 && !string.IsNullOrEmpty(space) && _named.TryGetValue(space + "." + name, out var qualified))
            {
                return qualified;
            }

            if (_named.TryGetValue(name, out var named))
            {
                return named;
            }

            throw new SchemaFormatException("'" + name + "' is neither a primitive type nor a name defined before this point", span);
        }

        private static void ApplyLogicalType(AvroType type, JsonObject obj)
        {
            if (obj.Find("logicalType")?.Value is not JsonScalar { IsString: true, Text: { } logical })
            {
                return;
            }

            // "Logical Types": a logical type that is invalid for its underlying type is ignored.
            bool valid = logical switch
            {
                "decimal" => type.Kind is AvroKind.Bytes or AvroKind.Fixed,
                "uuid" => type.Kind == AvroKind.String || (type.Kind == AvroKind.Fixed && type.Size == 16),
                "date" or "time-millis" => type.Kind == AvroKind.Int,
                "time-micros" or "timestamp-millis" or "timestamp-micros" or "timestamp-nanos"
                    or "local-timestamp-millis" or "local-timestamp-micros" or "local-timestamp-nanos" => type.Kind == AvroKind.Long,
                "duration" => type.Kind == AvroKind.Fixed && type.Size == 12,
                _ => false,
            };
            if (!valid)
            {
                return;
            }

            if (logical == "decimal")
            {
                if (!TryInteger(obj, "precision", out long precision) || precision <= 0 || precision > int.MaxValue)
                {
                    return;
                }

                long scale = 0;
                if (obj.Find("scale") is not null && (!TryInteger(obj, "scale", out scale) || scale < 0 || scale > precision))
                {
                    return;
                }

                type.Precision = (int)precision;
                type.Scale = (int)scale;
            }

            type.LogicalType = logical;
        }

        private static JsonValue Required(JsonObject obj, string name, string problem) =>
            obj.Find(name)?.Value ?? throw new SchemaFormatException(problem, obj.Span);

        private static long RequiredInteger(JsonObject obj, string name, string problem) =>
            TryInteger(obj, name, out long value) ? value : throw new SchemaFormatException(problem, obj.Find(name)?.Value.Span ?? obj.Span);

        private static bool TryInteger(JsonObject obj, string name, out long value)
        {
            value = 0;
            return obj.Find(name)?.Value is JsonScalar { IsString: false, Text: { } text }
                && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        private static IEnumerable<string> Strings(JsonObject obj, string name)
        {
            if (obj.Find(name)?.Value is not { } value)
            {
                yield break;
            }

            if (value is not JsonArray array)
            {
                throw new SchemaFormatException("\"" + name + "\" must be an array of strings", value.Span);
            }

            foreach (var element in array.Elements)
            {
                if (element is not JsonScalar { IsString: true, Text: { } text })
                {
                    throw new SchemaFormatException("\"" + name + "\" must be an array of strings", element.Span);
                }

                yield return text;
            }
        }

        private static string? Namespace(string fullName)
        {
            int dot = fullName.LastIndexOf('.');
            return dot < 0 ? null : fullName.Substring(0, dot);
        }

        private static string SimpleName(string fullName) => fullName.Substring(fullName.LastIndexOf('.') + 1);
    }

    private sealed class SchemaFormatException : Exception
    {
        public SchemaFormatException(string message, TextSpan span)
            : base(message) => Span = span;

        public TextSpan Span { get; }
    }
}
