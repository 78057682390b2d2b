using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Parsing;

/// <summary>
/// Maps C# types to the Avro model of one contract: records and enums become named types (each defined once,
/// recursion allowed), members become fields. Problems become diagnostics naming the member and its type.
/// </summary>
internal sealed class AvroModelBuilder
{
    private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions & ~SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat s_namespaceName = SymbolDisplayFormat.CSharpErrorMessageFormat
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private readonly string _contractName;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly List<NamedTypeSpec?> _namedTypes = new();
    private readonly Dictionary<string, string> _clrTypeByFullName = new();
    private readonly Dictionary<ITypeSymbol, string> _fullNameByType = new(SymbolEqualityComparer.Default);

    public AvroModelBuilder(string contractName, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        _contractName = contractName;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The named types in definition order, the contract's record first.</summary>
    public IEnumerable<NamedTypeSpec> NamedTypes => _namedTypes.Where(t => t is not null)!;

    private Dictionary<string, IReadOnlyList<string>> EnumSymbols()
    {
        var symbols = new Dictionary<string, IReadOnlyList<string>>();
        foreach (NamedTypeSpec? named in _namedTypes)
        {
            if (named is { IsEnum: true })
            {
                symbols[named.FullName] = named.Symbols;
            }
        }

        return symbols;
    }

    public static IEnumerable<ISymbol> InstanceMembers(INamedTypeSymbol type)
    {
        var chain = new Stack<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            chain.Push(current);
        }

        // A member redeclared with 'new' in a derived type hides the base member: the generated 'value.Name'
        // binds to the derived one, so that is the member (and type) to serialize. Overrides keep the base
        // member's position.
        var hidden = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var redeclared = new HashSet<string>();
        foreach (INamedTypeSymbol level in chain.Reverse())
        {
            foreach (ISymbol member in level.GetMembers())
            {
                if (!IsDataMember(member))
                {
                    continue;
                }

                if (redeclared.Contains(member.Name))
                {
                    hidden.Add(member);
                }

                if (!member.IsOverride)
                {
                    redeclared.Add(member.Name);
                }
            }
        }

        var seen = new HashSet<string>();
        foreach (INamedTypeSymbol level in chain)
        {
            foreach (ISymbol member in level.GetMembers())
            {
                if (IsDataMember(member) && !hidden.Contains(member) && seen.Add(member.Name))
                {
                    yield return member;
                }
            }
        }
    }

    private static bool IsDataMember(ISymbol member)
    {
        if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public)
        {
            return false;
        }

        // A getter the generated code cannot call (private or protected) leaves nothing to serialize.
        return member switch
        {
            IPropertySymbol property => !property.IsIndexer && property.GetMethod is { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal } && property.Name != "EqualityContract",
            IFieldSymbol field => !field.IsConst,
            _ => false,
        };
    }

    public static ITypeSymbol MemberType(ISymbol member) => member switch
    {
        IPropertySymbol property => property.Type,
        IFieldSymbol field => field.Type,
        _ => throw new System.ArgumentException("Not a property or field.", nameof(member)),
    };

    public static bool HasAttribute(ISymbol symbol, string metadataName) => GetAttribute(symbol, metadataName) is not null;

    public static AttributeData? GetAttribute(ISymbol symbol, string metadataName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == metadataName)
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>
    /// The containing namespace as metadata spells it ("Shop.event" for <c>Shop.@event</c>: the default display
    /// format escapes keywords, and '@' is no Avro name character); empty for the global namespace.
    /// </summary>
    public static string NamespaceName(ITypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString(s_namespaceName) : string.Empty;

    public static bool IsSystemType(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || !(IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a record for <paramref name="type"/> (once) and returns its Avro full name.</summary>
    public string AddRecord(INamedTypeSymbol type, string? nameOverride, string? namespaceOverride, string? doc, LocationInfo? location)
    {
        if (_fullNameByType.TryGetValue(type, out string? existing))
        {
            return existing;
        }

        string name = nameOverride ?? type.Name;
        string ns = namespaceOverride ?? NamespaceName(type);
        ValidateName(name, "record", location);
        ValidateNamespace(ns, location);
        string fullName = ns.Length == 0 ? name : ns + "." + name;
        string clrType = type.ToDisplayString(s_fullyQualified);
        if (!Reserve(fullName, clrType, type, location))
        {
            return fullName;
        }

        int index = _namedTypes.Count;
        _namedTypes.Add(null);

        var fields = new List<FieldSpec>();
        var fieldNames = new HashSet<string>();
        foreach (ISymbol member in InstanceMembers(type))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (HasAttribute(member, KnownNames.MessageIgnoreAttribute))
            {
                continue;
            }

            LocationInfo? memberLocation = LocationInfo.From(member.Locations.FirstOrDefault()) ?? location;
            string? fieldName = null, fieldDoc = null, defaultJson = null;
            if (GetAttribute(member, KnownNames.AvroFieldAttribute) is { } fieldAttribute)
            {
                foreach (KeyValuePair<string, TypedConstant> argument in fieldAttribute.NamedArguments)
                {
                    switch (argument.Key)
                    {
                        case "Name":
                            fieldName = argument.Value.Value as string;
                            break;
                        case "Doc":
                            fieldDoc = argument.Value.Value as string;
                            break;
                        case "Default":
                            defaultJson = argument.Value.Value as string;
                            break;
                    }
                }
            }

            fieldName ??= member.Name;
            ValidateName(fieldName, "field", memberLocation);
            if (!fieldNames.Add(fieldName))
            {
                _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.DuplicateFieldName, memberLocation, name, fieldName));
            }

            bool hasNonNullDefault = defaultJson is not null && defaultJson.Trim() != "null";
            TypeSpec? fieldType = Analyze(MemberType(member), member, type.Name + "." + member.Name, memberLocation, !hasNonNullDefault);
            if (fieldType is null)
            {
                continue;
            }

            if (defaultJson is not null && AvroDefaultValidator.Validate(defaultJson.Trim(), fieldType, EnumSymbols()) is { } problem)
            {
                _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidFieldDefault, memberLocation, type.Name + "." + member.Name, problem));
                continue;
            }

            if (fieldType.IsNullable && defaultJson is null)
            {
                defaultJson = "null";
            }

            fields.Add(new FieldSpec(member.Name, fieldName, fieldDoc, defaultJson, fieldType));
        }

        _namedTypes[index] = new NamedTypeSpec(fullName, name, ns, doc, clrType, type.Name, false, type.IsValueType, fields.ToEquatableArray(), EquatableArray<string>.Empty, EquatableArray<string>.Empty);
        return fullName;
    }

    private string AddEnum(INamedTypeSymbol type, LocationInfo? location)
    {
        if (_fullNameByType.TryGetValue(type, out string? existing))
        {
            return existing;
        }

        string ns = NamespaceName(type);
        string fullName = ns.Length == 0 ? type.Name : ns + "." + type.Name;
        string clrType = type.ToDisplayString(s_fullyQualified);
        ValidateName(type.Name, "enum", location);
        if (!Reserve(fullName, clrType, type, location))
        {
            return fullName;
        }

        var symbols = new List<string>();
        var cases = new List<string>();
        var values = new HashSet<object>();
        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (!field.HasConstantValue)
            {
                continue;
            }

            ValidateName(field.Name, "enum symbol", location);
            symbols.Add(field.Name);
            if (field.ConstantValue is { } value && values.Add(value))
            {
                cases.Add(field.Name);
            }
        }

        _namedTypes.Add(new NamedTypeSpec(fullName, type.Name, ns, null, clrType, type.Name, true, true, EquatableArray<FieldSpec>.Empty, symbols.ToEquatableArray(), cases.ToEquatableArray()));
        return fullName;
    }

    private bool Reserve(string fullName, string clrType, ITypeSymbol type, LocationInfo? location)
    {
        if (_clrTypeByFullName.TryGetValue(fullName, out string? other) && other != clrType)
        {
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.NamedTypeCollision, location, other, clrType, fullName, _contractName));
            return false;
        }

        _clrTypeByFullName[fullName] = clrType;
        _fullNameByType[type] = fullName;
        return true;
    }

    private TypeSpec? Analyze(ITypeSymbol type, ISymbol member, string memberPath, LocationInfo? location, bool nullFirst)
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
        TypeSpec Simple(AvroKind kind) => new(kind, clrType, nullable, nullFirst, null, null, CollectionShape.None, 0, 0);

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return Simple(AvroKind.Boolean);
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
                return Simple(AvroKind.Int);
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
                return Simple(AvroKind.Long);
            case SpecialType.System_Single:
                return Simple(AvroKind.Float);
            case SpecialType.System_Double:
                return Simple(AvroKind.Double);
            case SpecialType.System_String:
                return Simple(AvroKind.String);
            case SpecialType.System_DateTime:
                return Simple(TimestampKind(member));
            case SpecialType.System_Decimal:
                return AnalyzeDecimal(member, memberPath, location, Simple(AvroKind.Decimal));
            case SpecialType.System_UInt64:
                return Unsupported(memberPath, type, location, "ulong exceeds Avro's signed 64-bit long; use long");
            case SpecialType.System_Char:
                return Unsupported(memberPath, type, location, "Avro has no character type; use string");
            case SpecialType.System_Object:
                return Unsupported(memberPath, type, location, "the runtime type is unknown at compile time");
        }

        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                return Unsupported(memberPath, type, location, "multi-dimensional arrays have no Avro mapping; use jagged arrays or lists");
            }

            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                return Simple(AvroKind.Bytes);
            }

            return Collection(AvroKind.Array, CollectionShape.Array, array.ElementType);
        }

        if (IsSystemType(type, "Guid"))
        {
            return Simple(AvroKind.Uuid);
        }

        if (IsSystemType(type, "DateTimeOffset"))
        {
            return Simple(TimestampKind(member));
        }

        if (IsSystemType(type, "DateOnly"))
        {
            return Simple(AvroKind.Date);
        }

        if (IsSystemType(type, "TimeOnly"))
        {
            return Simple(AvroKind.TimeMicros);
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
            string enumName = AddEnum(named, location);
            return new TypeSpec(AvroKind.Enum, clrType, nullable, nullFirst, enumName, null, CollectionShape.None, 0, 0);
        }

        if (named.IsGenericType)
        {
            string definition = named.OriginalDefinition.ToDisplayString();
            switch (definition)
            {
                case "System.Collections.Generic.List<T>":
                case "System.Collections.Generic.IList<T>":
                case "System.Collections.Generic.IReadOnlyList<T>":
                    return Collection(AvroKind.Array, CollectionShape.Indexable, named.TypeArguments[0]);
                case "System.Collections.Generic.ICollection<T>":
                case "System.Collections.Generic.IReadOnlyCollection<T>":
                    return Collection(AvroKind.Array, CollectionShape.Countable, named.TypeArguments[0]);
                case "System.Collections.Generic.Dictionary<TKey, TValue>":
                case "System.Collections.Generic.IDictionary<TKey, TValue>":
                case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
                    if (named.TypeArguments[0].SpecialType != SpecialType.System_String)
                    {
                        return Unsupported(memberPath, type, location, "Avro map keys are strings; use a string-keyed dictionary");
                    }

                    return Collection(AvroKind.Map, CollectionShape.Dictionary, named.TypeArguments[1]);
            }
        }

        if (named.TypeKind is TypeKind.Interface or TypeKind.Delegate || named.IsAbstract)
        {
            return Unsupported(memberPath, type, location, "interfaces, delegates and abstract types have no single schema");
        }

        if (named.IsGenericType)
        {
            return Unsupported(memberPath, type, location, "generic types other than lists and string-keyed dictionaries are not supported");
        }

        string? containingNamespace = named.ContainingNamespace?.ToDisplayString();
        if (containingNamespace is not null && (containingNamespace == "System" || containingNamespace.StartsWith("System.", System.StringComparison.Ordinal) || containingNamespace.StartsWith("Microsoft.", System.StringComparison.Ordinal)))
        {
            return Unsupported(memberPath, type, location, "framework types other than the supported primitives have no Avro mapping");
        }

        if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return Unsupported(memberPath, type, location, "only classes, records and structs map to Avro records");
        }

        string recordName = AddRecord(named, null, null, null, location);
        return new TypeSpec(AvroKind.Record, clrType, nullable, nullFirst, recordName, null, CollectionShape.None, 0, 0);

        TypeSpec? Collection(AvroKind kind, CollectionShape shape, ITypeSymbol elementType)
        {
            TypeSpec? element = Analyze(elementType, member, memberPath, location, nullFirst: true);
            return element is null ? null : new TypeSpec(kind, clrType, nullable, nullFirst, null, element, shape, 0, 0);
        }
    }

    private static AvroKind TimestampKind(ISymbol member) =>
        GetAttribute(member, KnownNames.AvroTimestampAttribute) is { ConstructorArguments: { Length: 1 } arguments } && arguments[0].Value is int precision && precision == 1
            ? AvroKind.TimestampMicros
            : AvroKind.TimestampMillis;

    private TypeSpec? AnalyzeDecimal(ISymbol member, string memberPath, LocationInfo? location, TypeSpec spec)
    {
        if (GetAttribute(member, KnownNames.AvroDecimalAttribute) is not { ConstructorArguments: { Length: 2 } arguments }
            || arguments[0].Value is not int precision || arguments[1].Value is not int scale)
        {
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.DecimalWithoutPrecision, location, memberPath));
            return null;
        }

        if (precision < 1 || precision > 38 || scale < 0 || scale > precision || scale > 28)
        {
            _diagnostics.Add(ContractParser.Diagnostic(
                DiagnosticDescriptors.InvalidDecimalPrecision,
                location,
                memberPath,
                precision.ToString(CultureInfo.InvariantCulture),
                scale.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return spec with { Precision = precision, Scale = scale };
    }

    private TypeSpec? Unsupported(string memberPath, ITypeSymbol type, LocationInfo? location, string reason)
    {
        _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.UnsupportedMemberType, location, memberPath, type.ToDisplayString(), reason));
        return null;
    }

    private void ValidateName(string name, string kind, LocationInfo? location)
    {
        if (!IsValidName(name))
        {
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidAvroName, location, name, kind));
        }
    }

    private void ValidateNamespace(string ns, LocationInfo? location)
    {
        if (ns.Length > 0 && !ns.Split('.').All(IsValidName))
        {
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidAvroName, location, ns, "namespace"));
        }
    }

    private static bool IsAsciiLetter(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
