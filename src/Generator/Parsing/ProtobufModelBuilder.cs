using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Parsing;

/// <summary>
/// Maps a plain C# contract with [ProtoField] members to a proto3 model: the contract and the classes, records and
/// structs it contains become messages of one package (the contract's first: message index [0]), C# enums become
/// enums, members become fields. The mapping (documented in docs/protobuf.md):
/// <list type="bullet">
/// <item>bool → bool; sbyte, short, int → int32; byte, ushort, uint → uint32; long → int64; ulong → uint64;
/// float → float; double → double; string → string; byte[] → bytes; Guid → string (36-character "D" form);</item>
/// <item>DateTime, DateTimeOffset → google.protobuf.Timestamp; TimeSpan → google.protobuf.Duration; DateOnly →
/// google.type.Date; TimeOnly → google.type.TimeOfDay; decimal → google.type.Decimal (exact decimal string);</item>
/// <item>nullable scalars → the google.protobuf wrappers (Int32Value, StringValue, ...); nullable enums →
/// <c>optional</c>; nullable messages and well-known messages → absent when null;</item>
/// <item>arrays, lists and collections → repeated (packed for numbers, bools and enums; no null elements);
/// dictionaries with string, bool or integer keys → map (no null values); a null collection is written as empty.</item>
/// </list>
/// Problems become diagnostics naming the member and its type.
/// </summary>
internal sealed class ProtobufModelBuilder
{
    private const int MaxFieldNumber = 536_870_911;

    private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions & ~SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly string _contractName;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly List<ProtoMessageSpec?> _messages = new();
    private readonly List<ProtoEnumSpec> _enums = new();
    private readonly Dictionary<ITypeSymbol, string> _nameByType = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<string, string> _clrTypeByName = new();
    private readonly IAssemblySymbol? _assembly;

    public ProtobufModelBuilder(string contractName, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken, IAssemblySymbol? assembly = null)
    {
        _assembly = assembly;
        _contractName = contractName;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    /// <summary>True when <paramref name="type"/> implements Google.Protobuf.IMessage&lt;T&gt; (a protoc-generated message).</summary>
    public static bool IsGeneratedMessage(ITypeSymbol type) =>
        type.AllInterfaces.Any(static i => i.OriginalDefinition.ToDisplayString() == KnownNames.GoogleProtobufMessageInterface);

    public ProtobufSpec Build(INamedTypeSymbol type, string? nameOverride, string? packageOverride, string? doc, LocationInfo? location)
    {
        string package = packageOverride ?? AvroModelBuilder.NamespaceName(type);
        if (package.Length > 0 && !package.Split('.').All(IsIdentifier))
        {
            InvalidName("package", package, "is not a valid package: identifiers ([A-Za-z_][A-Za-z0-9_]*) separated by dots", location);
        }

        string root = AddMessage(type, nameOverride, doc, location);
        return new ProtobufSpec(false, package, root, _messages.Where(m => m is not null).Select(m => m!).ToEquatableArray(), _enums.ToEquatableArray());
    }

    /// <summary>lower_snake_case, the .proto style for field names: RideId → ride_id, HTTPStatus → http_status, Value2 → value2.</summary>
    public static string ToSnakeCase(string name)
    {
        var b = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool previousLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool acronymEnd = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((previousLowerOrDigit || acronymEnd) && b.Length > 0 && b[b.Length - 1] != '_')
                {
                    b.Append('_');
                }

                b.Append(char.ToLowerInvariant(c));
            }
            else
            {
                b.Append(c);
            }
        }

        return b.ToString();
    }

    // Protobuf identifiers follow the same [A-Za-z_][A-Za-z0-9_]* rule as Avro names.
    public static bool IsIdentifier(string name) => AvroModelBuilder.IsValidName(name);

    private string AddMessage(INamedTypeSymbol type, string? nameOverride, string? doc, LocationInfo? location)
    {
        if (_nameByType.TryGetValue(type, out string? existing))
        {
            return existing;
        }

        string name = nameOverride ?? type.Name;
        string clrType = type.ToDisplayString(s_fullyQualified);
        if (!Reserve(name, "message", clrType, type, location))
        {
            return name;
        }

        int index = _messages.Count;
        _messages.Add(null);
        var fields = new List<ProtoFieldSpec>();
        var fieldMembers = new List<ISymbol>();
        var headerMembers = new List<ISymbol>();
        var numbers = new Dictionary<int, string>();
        var fieldNames = new HashSet<string>();
        foreach (ISymbol member in AvroModelBuilder.InstanceMembers(type))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (AvroModelBuilder.HasAttribute(member, KnownNames.MessageIgnoreAttribute))
            {
                continue;
            }

            LocationInfo? memberLocation = LocationInfo.From(member.Locations.FirstOrDefault()) ?? location;
            if (HeaderParser.IsHeader(member))
            {
                // A record header, not a field (HeaderParser reads the contract's own; index 0 is the contract's message).
                if (index == 0)
                {
                    headerMembers.Add(member);
                }
                else
                {
                    HeaderParser.ReportNested(member, type, memberLocation, _diagnostics);
                }

                continue;
            }

            string memberPath = type.Name + "." + member.Name;
            if (AvroModelBuilder.GetAttribute(member, KnownNames.ProtoFieldAttribute) is not { ConstructorArguments: { Length: 1 } arguments } fieldAttribute
                || arguments[0].Value is not int number)
            {
                _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.ProtoFieldNumberMissing, memberLocation, memberPath, name));
                continue;
            }

            if (number < 1 || number > MaxFieldNumber || (number >= 19_000 && number <= 19_999))
            {
                _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.ProtoFieldNumberInvalid, memberLocation, memberPath, number.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            if (numbers.TryGetValue(number, out string? other))
            {
                _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.ProtoFieldNumberDuplicate, memberLocation, other, member.Name, name, number.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            numbers[number] = member.Name;
            string fieldName = fieldAttribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? ToSnakeCase(member.Name);
            if (!IsIdentifier(fieldName))
            {
                InvalidName("field", fieldName, "is not an identifier ([A-Za-z_][A-Za-z0-9_]*)", memberLocation);
                continue;
            }

            if (!fieldNames.Add(fieldName))
            {
                InvalidName("field", fieldName, $"is used by two fields of message '{name}'", memberLocation);
                continue;
            }

            ProtoFieldSpec? field = AnalyzeField(AvroModelBuilder.MemberType(member), member.Name, fieldName, number, memberPath, memberLocation);
            if (field is not null)
            {
                fields.Add(field);
                fieldMembers.Add(member);
            }
        }

        ConstructionPlan plan = ConstructionPlanner.Plan(type, fieldMembers, headerMembers, _assembly);
        for (int f = 0; f < fields.Count && plan.NotConstructible is null; f++)
        {
            fields[f] = fields[f] with { Assignment = plan.Assignments[f], ParameterName = plan.ParameterNames[f] };
        }

        _messages[index] = new ProtoMessageSpec(name, clrType, type.Name, type.IsValueType, doc, fields.ToEquatableArray())
        {
            NotConstructible = plan.NotConstructible,
            HeaderParameters = plan.HeaderParameters.ToEquatableArray(),
        };
        return name;
    }

    private ProtoFieldSpec? AnalyzeField(ITypeSymbol type, string memberName, string fieldName, int number, string memberPath, LocationInfo? location)
    {
        bool collectionNullable = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;
        if (type is IArrayTypeSymbol array && array.ElementType.SpecialType != SpecialType.System_Byte)
        {
            if (array.Rank != 1)
            {
                return UnsupportedField(memberPath, type, location, "multi-dimensional arrays have no Protobuf mapping; use lists");
            }

            return Repeated(array.ElementType, CollectionShape.Array);
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named)
        {
            switch (named.OriginalDefinition.ToDisplayString())
            {
                case "System.Collections.Generic.List<T>":
                case "System.Collections.Generic.IList<T>":
                case "System.Collections.Generic.IReadOnlyList<T>":
                    return Repeated(named.TypeArguments[0], CollectionShape.Indexable);
                case "System.Collections.Generic.ICollection<T>":
                case "System.Collections.Generic.IReadOnlyCollection<T>":
                    return Repeated(named.TypeArguments[0], CollectionShape.Countable);
                case "System.Collections.Generic.Dictionary<TKey, TValue>":
                case "System.Collections.Generic.IDictionary<TKey, TValue>":
                case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                {
                    ProtoValueSpec? key = MapKey(named.TypeArguments[0]);
                    if (key is null)
                    {
                        return UnsupportedField(memberPath, type, location, "map keys are strings, bools or integers (Protocol Buffers Language Guide, \"Maps\")");
                    }

                    ProtoValueSpec? value = Element(named.TypeArguments[1], "map values");
                    return value is null ? null : new ProtoFieldSpec(memberName, fieldName, number, ProtoLabel.Map, value, key, CollectionShape.Dictionary, collectionNullable);
                }
            }
        }

        ProtoValueSpec? single = Analyze(type, memberPath, location, allowNullable: true);
        return single is null ? null : new ProtoFieldSpec(memberName, fieldName, number, ProtoLabel.Single, single, null, CollectionShape.None, false);

        ProtoFieldSpec? Repeated(ITypeSymbol elementType, CollectionShape shape)
        {
            ProtoValueSpec? element = Element(elementType, "repeated fields");
            return element is null ? null : new ProtoFieldSpec(memberName, fieldName, number, ProtoLabel.Repeated, element, null, shape, collectionNullable);
        }

        ProtoValueSpec? Element(ITypeSymbol elementType, string what)
        {
            if (IsCollection(elementType))
            {
                Unsupported(memberPath, type, location, $"{what} cannot hold lists or maps; wrap the inner collection in a class");
                return null;
            }

            ProtoValueSpec? element = Analyze(elementType, memberPath, location, allowNullable: false);
            if (element is { IsNullable: true })
            {
                Unsupported(memberPath, type, location, $"{what} cannot hold null (Protobuf has no null element); use a non-nullable element type");
                return null;
            }

            return element;
        }
    }

    private static bool IsCollection(ITypeSymbol type) =>
        (type is IArrayTypeSymbol array && array.ElementType.SpecialType != SpecialType.System_Byte)
        || (type is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.ToDisplayString() is
            "System.Collections.Generic.List<T>" or "System.Collections.Generic.IList<T>" or "System.Collections.Generic.IReadOnlyList<T>"
            or "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.IReadOnlyCollection<T>" or "System.Collections.Generic.IEnumerable<T>"
            or "System.Collections.Generic.Dictionary<TKey, TValue>" or "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>");

    private static ProtoValueSpec? MapKey(ITypeSymbol type)
    {
        string clrType = type.ToDisplayString(s_fullyQualified);
        ProtoKind? kind = type.SpecialType switch
        {
            SpecialType.System_String => ProtoKind.String,
            SpecialType.System_Boolean => ProtoKind.Bool,
            SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_Int32 => ProtoKind.Int32,
            SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 => ProtoKind.UInt32,
            SpecialType.System_Int64 => ProtoKind.Int64,
            SpecialType.System_UInt64 => ProtoKind.UInt64,
            _ => null,
        };
        return kind is { } k ? new ProtoValueSpec(k, clrType, false, null, false, type.IsValueType) : null;
    }

    private ProtoValueSpec? Analyze(ITypeSymbol type, string memberPath, LocationInfo? location, bool allowNullable)
    {
        bool nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableValue)
        {
            type = nullableValue.TypeArguments[0];
            nullable = true;
        }
        else if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            nullable = true;
        }

        string clrType = type.ToDisplayString(s_fullyQualified);
        ProtoValueSpec Simple(ProtoKind kind) => new(kind, clrType, nullable, null, false, type.IsValueType);

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return Simple(ProtoKind.Bool);
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
                return Simple(ProtoKind.Int32);
            case SpecialType.System_Byte:
            case SpecialType.System_UInt16:
            case SpecialType.System_UInt32:
                return Simple(ProtoKind.UInt32);
            case SpecialType.System_Int64:
                return Simple(ProtoKind.Int64);
            case SpecialType.System_UInt64:
                return Simple(ProtoKind.UInt64);
            case SpecialType.System_Single:
                return Simple(ProtoKind.Float);
            case SpecialType.System_Double:
                return Simple(ProtoKind.Double);
            case SpecialType.System_String:
                return Simple(ProtoKind.String);
            case SpecialType.System_Decimal:
                return Simple(ProtoKind.Decimal);
            case SpecialType.System_DateTime:
                return Simple(ProtoKind.Timestamp);
            case SpecialType.System_Char:
                return Unsupported(memberPath, type, location, "Protobuf has no character type; use string");
            case SpecialType.System_Object:
                return Unsupported(memberPath, type, location, "the runtime type is unknown at compile time");
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return Simple(ProtoKind.Bytes);
        }

        if (AvroModelBuilder.IsSystemType(type, "Guid"))
        {
            return Simple(ProtoKind.Guid);
        }

        if (AvroModelBuilder.IsSystemType(type, "DateTimeOffset"))
        {
            return Simple(ProtoKind.Timestamp);
        }

        if (AvroModelBuilder.IsSystemType(type, "TimeSpan"))
        {
            return Simple(ProtoKind.Duration);
        }

        if (AvroModelBuilder.IsSystemType(type, "DateOnly"))
        {
            return Simple(ProtoKind.Date);
        }

        if (AvroModelBuilder.IsSystemType(type, "TimeOnly"))
        {
            return Simple(ProtoKind.TimeOfDay);
        }

        if (type is ITypeParameterSymbol)
        {
            return Unsupported(memberPath, type, location, "type parameters have no schema at compile time");
        }

        if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.Error)
        {
            return Unsupported(memberPath, type, location, "the type could not be resolved");
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            string? enumName = AddEnum(named, memberPath, location);
            bool wide = named.EnumUnderlyingType?.SpecialType is SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;
            return enumName is null ? null : new ProtoValueSpec(ProtoKind.Enum, clrType, nullable, enumName, wide, true);
        }

        if (IsGeneratedMessage(named))
        {
            return Unsupported(memberPath, type, location, "a protoc-generated message inside a plain contract would need its .proto imported; make the contract itself a protoc-generated message, or use a plain class");
        }

        if (IsCollection(named))
        {
            return Unsupported(memberPath, type, location, "collections cannot nest in Protobuf (no repeated of repeated, no map values that are lists or maps)");
        }

        if (named.IsGenericType)
        {
            return Unsupported(memberPath, type, location, "generic types other than lists and dictionaries are not supported");
        }

        if (named.TypeKind is TypeKind.Interface or TypeKind.Delegate || named.IsAbstract)
        {
            return Unsupported(memberPath, type, location, "interfaces, delegates and abstract types have no single schema");
        }

        string? containingNamespace = named.ContainingNamespace?.ToDisplayString();
        if (containingNamespace is not null && (containingNamespace == "System" || containingNamespace.StartsWith("System.", System.StringComparison.Ordinal) || containingNamespace.StartsWith("Microsoft.", System.StringComparison.Ordinal)))
        {
            return Unsupported(memberPath, type, location, "framework types other than the supported primitives have no Protobuf mapping");
        }

        if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return Unsupported(memberPath, type, location, "only classes, records and structs map to Protobuf messages");
        }

        string messageName = AddMessage(named, null, null, location);
        return new ProtoValueSpec(ProtoKind.Message, clrType, nullable, messageName, false, named.IsValueType);
    }

    private string? AddEnum(INamedTypeSymbol type, string memberPath, LocationInfo? location)
    {
        if (_nameByType.TryGetValue(type, out string? existing))
        {
            return existing;
        }

        string clrType = type.ToDisplayString(s_fullyQualified);
        if (!Reserve(type.Name, "enum", clrType, type, location))
        {
            return type.Name;
        }

        // Enum values are siblings of the enum in the package's scope (C++ scoping), so they carry the enum's
        // name as a prefix: BikeType.Classic → BIKE_TYPE_CLASSIC (protoc's C# generator strips it again).
        string prefix = ToSnakeCase(type.Name).ToUpperInvariant() + "_";
        var values = new List<ProtoEnumValueSpec>();
        var names = new HashSet<string>();
        var numbers = new HashSet<long>();
        bool allowAlias = false;
        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (!field.HasConstantValue)
            {
                continue;
            }

            long number = System.Convert.ToInt64(field.ConstantValue is ulong u && u > long.MaxValue ? long.MaxValue : field.ConstantValue, CultureInfo.InvariantCulture);
            if (number < int.MinValue || number > int.MaxValue)
            {
                Unsupported(memberPath, type, location, $"enum member {type.Name}.{field.Name} = {field.ConstantValue} is outside the int32 range of Protobuf enum values");
                return null;
            }

            string valueName = prefix + ToSnakeCase(field.Name).ToUpperInvariant();
            if (!IsIdentifier(valueName))
            {
                InvalidName("enum value", valueName, "is not an identifier ([A-Za-z_][A-Za-z0-9_]*)", location);
                return null;
            }

            if (!names.Add(valueName))
            {
                InvalidName("enum value", valueName, $"is used by two members of enum '{type.Name}'", location);
                return null;
            }

            allowAlias |= !numbers.Add(number);
            values.Add(new ProtoEnumValueSpec(valueName, number));
        }

        // proto3: the first value must be 0 (the default). A C# enum without a 0 member gets an UNSPECIFIED value.
        int zero = values.FindIndex(v => v.Number == 0);
        if (zero < 0)
        {
            string unspecified = prefix + "UNSPECIFIED";
            if (!names.Add(unspecified))
            {
                InvalidName("enum value", unspecified, $"is needed for the zero value of enum '{type.Name}' (which has no member equal to 0) but is taken", location);
                return null;
            }

            values.Insert(0, new ProtoEnumValueSpec(unspecified, 0));
        }
        else if (zero > 0)
        {
            ProtoEnumValueSpec first = values[zero];
            values.RemoveAt(zero);
            values.Insert(0, first);
        }

        _enums.Add(new ProtoEnumSpec(type.Name, clrType, allowAlias, values.ToEquatableArray()));
        return type.Name;
    }

    private bool Reserve(string name, string kind, string clrType, ITypeSymbol type, LocationInfo? location)
    {
        if (!IsIdentifier(name))
        {
            InvalidName(kind, name, "is not an identifier ([A-Za-z_][A-Za-z0-9_]*)", location);
            return false;
        }

        if (_clrTypeByName.TryGetValue(name, out string? other) && other != clrType)
        {
            InvalidName(kind, name, $"is used by both '{other}' and '{clrType}' (messages and enums share the package's scope); rename one", location);
            return false;
        }

        _clrTypeByName[name] = clrType;
        _nameByType[type] = name;
        return true;
    }

    private void InvalidName(string kind, string name, string problem, LocationInfo? location) =>
        _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.ProtoInvalidName, location, kind, name, _contractName, problem));

    private ProtoValueSpec? Unsupported(string memberPath, ITypeSymbol type, LocationInfo? location, string reason)
    {
        _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.ProtoUnsupportedMemberType, location, memberPath, type.ToDisplayString(), reason));
        return null;
    }

    private ProtoFieldSpec? UnsupportedField(string memberPath, ITypeSymbol type, LocationInfo? location, string reason)
    {
        Unsupported(memberPath, type, location, reason);
        return null;
    }
}
