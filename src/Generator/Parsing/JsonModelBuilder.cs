using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedProducer.Generator.Emitting;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Parsing;

/// <summary>
/// Derives the JSON Schema model of a JSON contract from the rules System.Text.Json's source generator applies
/// when it writes the value: the members it serializes (public properties; public fields with IncludeFields or
/// [JsonInclude]; not [JsonIgnore]), their names ([JsonPropertyName], else the context's PropertyNamingPolicy), when
/// they can be left out (ignore conditions), number handling, and enums as numbers or strings. Shapes whose JSON is
/// not known at compile time (custom converters, polymorphism) are diagnostics (TPK0028).
/// </summary>
internal sealed class JsonModelBuilder
{
    // System.Text.Json enum values (stable public API).
    private const int NamingCamelCase = 1, NamingSnakeLower = 2, NamingSnakeUpper = 3, NamingKebabLower = 4, NamingKebabUpper = 5;
    private const int IgnoreNever = 0, IgnoreAlways = 1, IgnoreWhenWritingDefault = 2, IgnoreWhenWritingNull = 3, IgnoreWhenWriting = 4;
    private const int NumberWriteAsString = 2, NumberNamedFloatingPointLiterals = 4;
    private const int JsonSerializerDefaultsWeb = 1;

    private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions & ~SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat s_plainName = SymbolDisplayFormat.CSharpErrorMessageFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None);

    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly List<JsonObjectSpec?> _objects = new();
    private readonly Dictionary<ITypeSymbol, string> _keyByType = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> _keys = new();
    private readonly HashSet<ITypeSymbol> _convertedTypes = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ITypeSymbol> _stringEnums = new(SymbolEqualityComparer.Default);

    private int _namingPolicy;
    private int _defaultIgnoreCondition;
    private int _numberHandling;
    private bool _ignoreReadOnlyProperties;
    private bool _ignoreReadOnlyFields;
    private bool _includeFields;
    private bool _allEnumsAsStrings;
    private string? _unknownConverterFactory;

    public JsonModelBuilder(List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    public JsonSpec? Build(INamedTypeSymbol type, bool contextGiven, ITypeSymbol? context, string? nameOverride, string? namespaceOverride, string? doc, LocationInfo? location)
    {
        if (!contextGiven || context is null)
        {
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.JsonContextMissing, location, type.Name, "set JsonContext = typeof(YourContext) on [KafkaMessage], naming a partial JsonSerializerContext with [JsonSerializable(typeof(" + type.Name + "))]"));
            return null;
        }

        if (context is not INamedTypeSymbol contextType || !DerivesFrom(contextType, KnownNames.JsonSerializerContext))
        {
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.JsonContextMissing, location, type.Name, $"'{context.ToDisplayString()}' does not derive from System.Text.Json.Serialization.JsonSerializerContext"));
            return null;
        }

        bool includesContract = contextType.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == KnownNames.JsonSerializableAttribute
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value is ITypeSymbol serializable
            && SymbolEqualityComparer.Default.Equals(serializable, type));
        if (!includesContract)
        {
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.JsonContextMissingType, location, contextType.ToDisplayString(), type.ToDisplayString()));
            return null;
        }

        ReadOptions(contextType);
        if (_unknownConverterFactory is not null)
        {
            _diagnostics.Add(ContractParser.Diagnostic(
                DiagnosticDescriptors.JsonUnsupportedMember,
                location,
                type.Name,
                type.ToDisplayString(),
                $"the context registers the converter factory '{_unknownConverterFactory}', so which types it writes, and how, is unknown at compile time"));
            return null;
        }

        AddObject(type, location, root: true);
        string ns = namespaceOverride ?? AvroModelBuilder.NamespaceName(type);
        string name = nameOverride ?? type.Name;
        return new JsonSpec(
            contextType.ToDisplayString(s_fullyQualified),
            ns.Length == 0 ? name : ns + "." + name,
            doc,
            _objects.Where(o => o is not null).Select(o => o!).ToEquatableArray());
    }

    /// <summary>A C# member name under one of System.Text.Json's JsonKnownNamingPolicy values (ported from JsonCamelCaseNamingPolicy and JsonSeparatorNamingPolicy).</summary>
    public static string ConvertName(int policy, string name) => policy switch
    {
        NamingCamelCase => CamelCase(name),
        NamingSnakeLower => Separated(name, '_', lowercase: true),
        NamingSnakeUpper => Separated(name, '_', lowercase: false),
        NamingKebabLower => Separated(name, '-', lowercase: true),
        NamingKebabUpper => Separated(name, '-', lowercase: false),
        _ => name,
    };

    private static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        char[] chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            bool hasNext = i + 1 < chars.Length;

            // Stop when the next character is already lower case; a following space lowers the current one first.
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    private static string Separated(string name, char separator, bool lowercase)
    {
        const int NotStarted = 0, Upper = 1, LowerOrDigit = 2, Space = 3;
        var b = new System.Text.StringBuilder(name.Length + 4);
        int state = NotStarted;
        for (int i = 0; i < name.Length; i++)
        {
            char current = name[i];
            UnicodeCategory category = char.GetUnicodeCategory(current);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                    if (state is LowerOrDigit or Space)
                    {
                        b.Append(separator);
                    }
                    else if (state == Upper && i + 1 < name.Length && char.IsLower(name[i + 1]))
                    {
                        // The last of several capitals starts a new word when lower case follows: XMLReader → xml_reader.
                        b.Append(separator);
                    }

                    b.Append(lowercase ? char.ToLowerInvariant(current) : current);
                    state = Upper;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == Space)
                    {
                        b.Append(separator);
                    }

                    b.Append(!lowercase && category == UnicodeCategory.LowercaseLetter ? char.ToUpperInvariant(current) : current);
                    state = LowerOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != NotStarted)
                    {
                        state = Space;
                    }

                    break;
                default:
                    b.Append(current);
                    state = NotStarted;
                    break;
            }
        }

        return b.ToString();
    }

    private static bool DerivesFrom(INamedTypeSymbol type, string metadataName)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == metadataName)
            {
                return true;
            }
        }

        return false;
    }

    private void ReadOptions(INamedTypeSymbol context)
    {
        foreach (AttributeData attribute in context.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != KnownNames.JsonSourceGenerationOptionsAttribute)
            {
                continue;
            }

            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int defaults && defaults == JsonSerializerDefaultsWeb)
            {
                // JsonSerializerDefaults.Web: camelCase names (and reading numbers from strings, which writing does not use).
                _namingPolicy = NamingCamelCase;
            }

            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                switch (argument.Key)
                {
                    case "PropertyNamingPolicy" when argument.Value.Value is int policy:
                        _namingPolicy = policy;
                        break;
                    case "DefaultIgnoreCondition" when argument.Value.Value is int condition:
                        _defaultIgnoreCondition = condition;
                        break;
                    case "NumberHandling" when argument.Value.Value is int handling:
                        _numberHandling = handling;
                        break;
                    case "IgnoreReadOnlyProperties" when argument.Value.Value is bool value:
                        _ignoreReadOnlyProperties = value;
                        break;
                    case "IgnoreReadOnlyFields" when argument.Value.Value is bool value:
                        _ignoreReadOnlyFields = value;
                        break;
                    case "IncludeFields" when argument.Value.Value is bool value:
                        _includeFields = value;
                        break;
                    case "UseStringEnumConverter" when argument.Value.Value is bool value:
                        _allEnumsAsStrings = value;
                        break;
                    case "Converters" when argument.Value.Kind == TypedConstantKind.Array:
                        foreach (TypedConstant converter in argument.Value.Values)
                        {
                            if (converter.Value is INamedTypeSymbol converterType)
                            {
                                RegisterConverter(converterType);
                            }
                        }

                        break;
                }
            }
        }
    }

    private void RegisterConverter(INamedTypeSymbol converter)
    {
        string definition = converter.OriginalDefinition.ToDisplayString();
        if (definition == KnownNames.JsonStringEnumConverter)
        {
            _allEnumsAsStrings = true;
            return;
        }

        if (definition == KnownNames.JsonStringEnumConverterOfT)
        {
            _stringEnums.Add(converter.TypeArguments[0]);
            return;
        }

        for (INamedTypeSymbol? current = converter; current is not null; current = current.BaseType)
        {
            if (current.OriginalDefinition.ToDisplayString() == "System.Text.Json.Serialization.JsonConverter<T>")
            {
                _convertedTypes.Add(current.TypeArguments[0]);
                return;
            }
        }

        _unknownConverterFactory = converter.ToDisplayString();
    }

    private string AddObject(INamedTypeSymbol type, LocationInfo? location, bool root = false)
    {
        if (_keyByType.TryGetValue(type, out string? existing))
        {
            return existing;
        }

        string key = root ? string.Empty : _keys.Contains(type.Name) ? type.ToDisplayString(s_plainName) : type.Name;
        _keys.Add(key);
        _keyByType[type] = key;
        int index = _objects.Count;
        _objects.Add(null);

        int typeNumberHandling = NumberHandlingOf(type) ?? _numberHandling;
        var properties = new List<JsonPropertySpec>();
        var names = new Dictionary<string, string>();
        bool additionalProperties = false;
        foreach (ISymbol member in AvroModelBuilder.InstanceMembers(type))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            LocationInfo? memberLocation = LocationInfo.From(member.Locations.FirstOrDefault()) ?? location;
            ITypeSymbol memberType = AvroModelBuilder.MemberType(member);
            string memberPath = type.Name + "." + member.Name;
            bool included = AvroModelBuilder.HasAttribute(member, KnownNames.JsonIncludeAttribute);
            if (member is IFieldSymbol field && (!(_includeFields || included) || (_ignoreReadOnlyFields && field.IsReadOnly && !included)))
            {
                continue;
            }

            if (member is IPropertySymbol property && _ignoreReadOnlyProperties && !included
                && property.SetMethod is not { DeclaredAccessibility: Accessibility.Public })
            {
                continue;
            }

            int? ignore = null;
            if (AvroModelBuilder.GetAttribute(member, KnownNames.JsonIgnoreAttribute) is { } ignoreAttribute)
            {
                ignore = ignoreAttribute.NamedArguments.FirstOrDefault(a => a.Key == "Condition").Value.Value as int? ?? IgnoreAlways;
                if (ignore is IgnoreAlways or IgnoreWhenWriting)
                {
                    continue;
                }
            }

            if (AvroModelBuilder.HasAttribute(member, KnownNames.MessageIgnoreAttribute))
            {
                Unsupported(memberPath, memberType, memberLocation, "[MessageIgnore] does not apply to JSON contracts (System.Text.Json writes what it sees); use [JsonIgnore]");
                continue;
            }

            if (HeaderParser.IsHeader(member))
            {
                Unsupported(memberPath, memberType, memberLocation, "a [MessageHeader] member of a JSON contract also needs [JsonIgnore], or System.Text.Json writes it into the value too");
                continue;
            }

            if (AvroModelBuilder.HasAttribute(member, KnownNames.JsonExtensionDataAttribute))
            {
                additionalProperties = true;
                continue;
            }

            string jsonName = AvroModelBuilder.GetAttribute(member, KnownNames.JsonPropertyNameAttribute) is { ConstructorArguments: { Length: 1 } nameArguments } && nameArguments[0].Value is string explicitName
                ? explicitName
                : ConvertName(_namingPolicy, member.Name);
            if (names.TryGetValue(jsonName, out string? other))
            {
                Unsupported(memberPath, memberType, memberLocation, $"its JSON name '{jsonName}' is also the name of '{other}' (System.Text.Json throws InvalidOperationException for the collision)");
                continue;
            }

            names[jsonName] = member.Name;
            int numberHandling = NumberHandlingOf(member) ?? typeNumberHandling;
            bool? memberStringEnum = null;
            if (AvroModelBuilder.GetAttribute(member, KnownNames.JsonConverterAttribute) is { } converterAttribute)
            {
                if (converterAttribute.ConstructorArguments.Length == 1 && converterAttribute.ConstructorArguments[0].Value is INamedTypeSymbol converterType
                    && converterType.OriginalDefinition.ToDisplayString() is KnownNames.JsonStringEnumConverter or KnownNames.JsonStringEnumConverterOfT
                    && IsEnumOrNullableEnum(memberType))
                {
                    memberStringEnum = true;
                }
                else
                {
                    Unsupported(memberPath, memberType, memberLocation, "a custom [JsonConverter] writes JSON whose shape is unknown at compile time");
                    continue;
                }
            }

            JsonTypeSpec? schema = Analyze(memberType, memberPath, memberLocation, numberHandling, memberStringEnum);
            if (schema is null)
            {
                continue;
            }

            int condition = ignore ?? _defaultIgnoreCondition;
            bool required = condition == IgnoreNever
                || (condition == IgnoreWhenWritingNull && memberType.IsValueType && memberType.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T);
            properties.Add(new JsonPropertySpec(jsonName, required, schema));
        }

        _objects[index] = new JsonObjectSpec(key, type.Name, properties.ToEquatableArray(), additionalProperties);
        return key;
    }

    private static bool IsEnumOrNullableEnum(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Enum
        || (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n && n.TypeArguments[0].TypeKind == TypeKind.Enum);

    private static int? NumberHandlingOf(ISymbol symbol) =>
        AvroModelBuilder.GetAttribute(symbol, KnownNames.JsonNumberHandlingAttribute) is { ConstructorArguments: { Length: 1 } arguments } && arguments[0].Value is int handling
            ? handling
            : null;

    private JsonTypeSpec? Analyze(ITypeSymbol type, string memberPath, LocationInfo? location, int numberHandling, bool? stringEnum)
    {
        bool nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableValue)
        {
            type = nullableValue.TypeArguments[0];
            nullable = true;
        }
        else if (type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated)
        {
            // Annotated, or written in a #nullable disable context (oblivious): System.Text.Json writes null for null.
            nullable = true;
        }

        if (_convertedTypes.Contains(type) || HasCustomConverter(type))
        {
            return Unsupported(memberPath, type, location, "a custom JsonConverter writes JSON whose shape is unknown at compile time");
        }

        bool asString = (numberHandling & NumberWriteAsString) != 0;
        bool namedLiterals = (numberHandling & NumberNamedFloatingPointLiterals) != 0;
        JsonTypeSpec Simple(JsonKind kind) => new(kind, nullable, null, null, null, null, false, false, EquatableArray<string>.Empty, false, null);
        JsonTypeSpec Integer(string minimum, string maximum) => Simple(JsonKind.Integer) with { Minimum = minimum, Maximum = maximum, AsString = asString };
        JsonTypeSpec Number(bool floating) => Simple(JsonKind.Number) with { AsString = asString, NamedLiterals = floating && namedLiterals };

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: return Simple(JsonKind.Boolean);
            case SpecialType.System_SByte: return Integer("-128", "127");
            case SpecialType.System_Byte: return Integer("0", "255");
            case SpecialType.System_Int16: return Integer("-32768", "32767");
            case SpecialType.System_UInt16: return Integer("0", "65535");
            case SpecialType.System_Int32: return Integer("-2147483648", "2147483647");
            case SpecialType.System_UInt32: return Integer("0", "4294967295");
            case SpecialType.System_Int64: return Integer("-9223372036854775808", "9223372036854775807");
            case SpecialType.System_UInt64: return Integer("0", "18446744073709551615");
            case SpecialType.System_Single:
            case SpecialType.System_Double:
                return Number(floating: true);
            case SpecialType.System_Decimal: return Number(floating: false);
            case SpecialType.System_String: return Simple(JsonKind.String);
            case SpecialType.System_Char: return Simple(JsonKind.Char);
            case SpecialType.System_DateTime: return Simple(JsonKind.DateTime);
            case SpecialType.System_Object: return Simple(JsonKind.Any);
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Byte && array.Rank == 1)
            {
                return Simple(JsonKind.Base64);
            }

            if (array.Rank != 1)
            {
                return Unsupported(memberPath, type, location, "System.Text.Json does not serialize multi-dimensional arrays");
            }

            return Collection(JsonKind.Array, array.ElementType, null);
        }

        if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.Error)
        {
            return Unsupported(memberPath, type, location, type is ITypeParameterSymbol ? "type parameters have no schema at compile time" : "the type could not be resolved");
        }

        string? ns = named.ContainingNamespace?.ToDisplayString();
        switch (ns, named.Name)
        {
            case ("System", "Guid"): return Simple(JsonKind.Uuid);
            case ("System", "DateTimeOffset"): return Simple(JsonKind.DateTimeOffset);
            case ("System", "DateOnly"): return Simple(JsonKind.Date);
            case ("System", "TimeOnly"): return Simple(JsonKind.Time);
            case ("System", "TimeSpan"): return Simple(JsonKind.Duration);
            case ("System", "Half"): return Number(floating: true);
            case ("System", "Int128"): return Integer("-170141183460469231731687303715884105728", "170141183460469231731687303715884105727");
            case ("System", "UInt128"): return Integer("0", "340282366920938463463374607431768211455");
            case ("System", "Uri"):
            case ("System", "Version"):
                return Simple(JsonKind.String);
            case ("System.Text.Json", "JsonElement"):
            case ("System.Text.Json", "JsonDocument"):
            case ("System.Text.Json.Nodes", "JsonNode"):
            case ("System.Text.Json.Nodes", "JsonValue"):
                return Simple(JsonKind.Any);
            case ("System.Text.Json.Nodes", "JsonObject"): return Simple(JsonKind.AnyObject);
            case ("System.Text.Json.Nodes", "JsonArray"): return Simple(JsonKind.AnyArray);
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            if (stringEnum is null && named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.JsonConverterAttribute) && !HasStringEnumConverter(named))
            {
                return Unsupported(memberPath, type, location, "a custom [JsonConverter] on the enum writes JSON whose shape is unknown at compile time");
            }

            bool asStrings = stringEnum ?? (_allEnumsAsStrings || _stringEnums.Contains(named) || HasStringEnumConverter(named));
            var enumNames = new List<string>();
            bool flags = named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute");
            if (asStrings && !flags)
            {
                foreach (IFieldSymbol field in named.GetMembers().OfType<IFieldSymbol>())
                {
                    if (field.HasConstantValue)
                    {
                        enumNames.Add(AvroModelBuilder.GetAttribute(field, KnownNames.JsonStringEnumMemberNameAttribute) is { ConstructorArguments: { Length: 1 } a } && a[0].Value is string custom ? custom : field.Name);
                    }
                }
            }

            return Simple(JsonKind.Enum) with { EnumAsString = asStrings, EnumNames = enumNames.ToEquatableArray() };
        }

        if (named.IsGenericType)
        {
            string definition = named.OriginalDefinition.ToDisplayString();
            switch (definition)
            {
                case "System.Collections.Generic.List<T>":
                case "System.Collections.Generic.IList<T>":
                case "System.Collections.Generic.IReadOnlyList<T>":
                case "System.Collections.Generic.ICollection<T>":
                case "System.Collections.Generic.IReadOnlyCollection<T>":
                case "System.Collections.Generic.IEnumerable<T>":
                case "System.Collections.Generic.HashSet<T>":
                case "System.Collections.Generic.ISet<T>":
                case "System.Collections.Generic.IReadOnlySet<T>":
                case "System.Collections.Generic.SortedSet<T>":
                case "System.Collections.Generic.LinkedList<T>":
                case "System.Collections.Generic.Queue<T>":
                case "System.Collections.Immutable.ImmutableArray<T>":
                case "System.Collections.Immutable.ImmutableList<T>":
                case "System.Collections.Immutable.IImmutableList<T>":
                    return Collection(JsonKind.Array, named.TypeArguments[0], null);
                case "System.Collections.Generic.Dictionary<TKey, TValue>":
                case "System.Collections.Generic.IDictionary<TKey, TValue>":
                case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                case "System.Collections.Generic.SortedDictionary<TKey, TValue>":
                case "System.Collections.Immutable.ImmutableDictionary<TKey, TValue>":
                case "System.Collections.Immutable.IImmutableDictionary<TKey, TValue>":
                {
                    ITypeSymbol keyType = named.TypeArguments[0];
                    string? pattern;
                    if (keyType.SpecialType == SpecialType.System_String || keyType.TypeKind == TypeKind.Enum)
                    {
                        pattern = null;
                    }
                    else if (keyType.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64)
                    {
                        pattern = "^-?(0|[1-9][0-9]*)$";
                    }
                    else if (AvroModelBuilder.IsSystemType(keyType, "Guid"))
                    {
                        pattern = JsonPatterns.Uuid;
                    }
                    else
                    {
                        return Unsupported(memberPath, type, location, "dictionary keys must be strings, integers, Guids or enums to have a JSON Schema");
                    }

                    return Collection(JsonKind.Map, named.TypeArguments[1], pattern);
                }
            }

            return Unsupported(memberPath, type, location, "generic types other than collections and dictionaries have no JSON Schema mapping");
        }

        if (named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is KnownNames.JsonPolymorphicAttribute or KnownNames.JsonDerivedTypeAttribute))
        {
            return Unsupported(memberPath, type, location, "polymorphic types ([JsonPolymorphic], [JsonDerivedType]) write a shape chosen at run time");
        }

        if (named.TypeKind is TypeKind.Interface or TypeKind.Delegate)
        {
            return Unsupported(memberPath, type, location, "interfaces and delegates have no single JSON shape");
        }

        if (ns is not null && (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal) || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal)))
        {
            return Unsupported(memberPath, type, location, "framework types other than the supported primitives have no JSON Schema mapping");
        }

        if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return Unsupported(memberPath, type, location, "only classes, records and structs map to JSON objects");
        }

        string key = AddObject(named, location);
        return Simple(JsonKind.Object) with { Ref = key };

        JsonTypeSpec? Collection(JsonKind kind, ITypeSymbol elementType, string? keyPattern)
        {
            JsonTypeSpec? element = Analyze(elementType, memberPath, location, numberHandling, stringEnum);
            return element is null ? null : Simple(kind) with { Element = element, MapKeyPattern = keyPattern };
        }
    }

    private static bool HasCustomConverter(ITypeSymbol type) =>
        type.TypeKind != TypeKind.Enum
        && type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.JsonConverterAttribute);

    private static bool HasStringEnumConverter(INamedTypeSymbol enumType) =>
        enumType.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == KnownNames.JsonConverterAttribute
            && a.ConstructorArguments.Length == 1
            && a.ConstructorArguments[0].Value is INamedTypeSymbol converter
            && converter.OriginalDefinition.ToDisplayString() is KnownNames.JsonStringEnumConverter or KnownNames.JsonStringEnumConverterOfT);

    private JsonTypeSpec? Unsupported(string memberPath, ITypeSymbol type, LocationInfo? location, string reason)
    {
        _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.JsonUnsupportedMember, location, memberPath, type.ToDisplayString(), reason));
        return null;
    }
}
