using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Threading;
using Microsoft.CodeAnalysis;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Parsing;

/// <summary>
/// Maps C# types to the Avro model of one contract: records, enums and fixed types become named types (each
/// defined once, recursion allowed), members become fields, polymorphic members unions of records. Problems
/// become diagnostics naming the member and its type.
/// </summary>
internal sealed class AvroModelBuilder
{
    private static readonly SymbolDisplayFormat s_fullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions & ~SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat s_declared = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat s_namespaceName = SymbolDisplayFormat.CSharpErrorMessageFormat
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private readonly string _contractName;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly CancellationToken _cancellationToken;
    private readonly IAssemblySymbol? _assembly;
    private readonly List<NamedTypeSpec?> _namedTypes = new();
    private readonly Dictionary<string, string> _clrTypeByFullName = new();
    private readonly Dictionary<ITypeSymbol, string> _fullNameByType = new(SymbolEqualityComparer.Default);

    public AvroModelBuilder(string contractName, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken, IAssemblySymbol? assembly = null)
    {
        _assembly = assembly;
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

    /// <summary>
    /// Adds a record for <paramref name="type"/> (once) and returns its Avro full name. Name, namespace and doc come
    /// from the arguments (the contract's [KafkaMessage]), then the type's [AvroRecord], then the type itself.
    /// </summary>
    public string AddRecord(INamedTypeSymbol type, string? nameOverride, string? namespaceOverride, string? doc, LocationInfo? location)
    {
        if (_fullNameByType.TryGetValue(type, out string? existing))
        {
            return existing;
        }

        ImmutableArray<string> aliases = ImmutableArray<string>.Empty;
        if (GetAttribute(type, KnownNames.AvroRecordAttribute) is { } recordAttribute)
        {
            nameOverride ??= NamedString(recordAttribute, "Name");
            namespaceOverride ??= NamedString(recordAttribute, "Namespace");
            doc ??= NamedString(recordAttribute, "Doc");
            aliases = NamedStrings(recordAttribute, "Aliases");
        }

        string name = nameOverride ?? type.Name;
        string ns = namespaceOverride ?? NamespaceName(type);
        ValidateName(name, "record", location);
        ValidateNamespace(ns, location);
        ValidateAliases(aliases, location);
        string fullName = ns.Length == 0 ? name : ns + "." + name;
        string clrType = type.ToDisplayString(s_fullyQualified);
        if (!Reserve(fullName, clrType, type, location))
        {
            return fullName;
        }

        int index = _namedTypes.Count;
        _namedTypes.Add(null);

        var fields = new List<FieldSpec>();
        var fieldMembers = new List<ISymbol>();
        var headerMembers = new List<ISymbol>();
        var fieldNames = new HashSet<string>();
        foreach (ISymbol member in InstanceMembers(type))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (HasAttribute(member, KnownNames.MessageIgnoreAttribute))
            {
                continue;
            }

            if (HeaderParser.IsHeader(member))
            {
                // A record header, not a field (HeaderParser reads the contract's own; index 0 is the contract's record).
                if (index == 0)
                {
                    headerMembers.Add(member);
                }
                else
                {
                    HeaderParser.ReportNested(member, type, LocationInfo.From(member.Locations.FirstOrDefault()) ?? location, _diagnostics);
                }

                continue;
            }

            LocationInfo? memberLocation = LocationInfo.From(member.Locations.FirstOrDefault()) ?? location;
            string? fieldName = null, fieldDoc = null, defaultJson = null;
            ImmutableArray<string> fieldAliases = ImmutableArray<string>.Empty;
            if (GetAttribute(member, KnownNames.AvroFieldAttribute) is { } fieldAttribute)
            {
                fieldName = NamedString(fieldAttribute, "Name");
                fieldDoc = NamedString(fieldAttribute, "Doc");
                defaultJson = NamedString(fieldAttribute, "Default");
                fieldAliases = NamedStrings(fieldAttribute, "Aliases");
            }

            fieldName ??= member.Name;
            ValidateName(fieldName, "field", memberLocation);
            foreach (string alias in fieldAliases)
            {
                ValidateName(alias, "field alias", memberLocation);
            }

            if (!fieldNames.Add(fieldName))
            {
                _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.DuplicateFieldName, memberLocation, name, fieldName));
            }

            bool hasNonNullDefault = defaultJson is not null && defaultJson.Trim() != "null";
            var context = new MemberContext(member, type.Name + "." + member.Name, memberLocation, fieldName, ns);
            TypeSpec? fieldType = Analyze(MemberType(member), context, !hasNonNullDefault);
            if (fieldType is null)
            {
                continue;
            }

            ReportUnusedAttributes(context);
            if (defaultJson is not null && AvroDefaultValidator.Validate(defaultJson.Trim(), fieldType, EnumSymbols()) is { } problem)
            {
                _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidFieldDefault, memberLocation, type.Name + "." + member.Name, problem));
                continue;
            }

            if (fieldType.IsNullable && defaultJson is null)
            {
                defaultJson = "null";
            }

            fields.Add(new FieldSpec(member.Name, fieldName, fieldDoc, defaultJson, fieldType) { Aliases = fieldAliases.ToEquatableArray() });
            fieldMembers.Add(member);
        }

        var headerParameters = new List<string>();
        string? notConstructible = PlanConstruction(type, fields, fieldMembers, headerMembers, headerParameters);
        _namedTypes[index] = new NamedTypeSpec(fullName, name, ns, doc, clrType, type.Name, false, type.IsValueType, fields.ToEquatableArray(), EquatableArray<string>.Empty, EquatableArray<string>.Empty)
        {
            Aliases = aliases.ToEquatableArray(),
            NotConstructible = notConstructible,
            HeaderParameters = headerParameters.ToEquatableArray(),
        };
        return fullName;
    }

    /// <summary>Sets each field's <see cref="FieldSpec.Assignment"/> from <see cref="ConstructionPlanner"/>; returns why the type cannot be built, or null.</summary>
    private string? PlanConstruction(INamedTypeSymbol type, List<FieldSpec> fields, List<ISymbol> members, List<ISymbol> headers, List<string> headerParameters)
    {
        ConstructionPlan plan = ConstructionPlanner.Plan(type, members, headers, _assembly);
        headerParameters.AddRange(plan.HeaderParameters);
        for (int f = 0; f < fields.Count && plan.NotConstructible is null; f++)
        {
            fields[f] = fields[f] with { Assignment = plan.Assignments[f], ParameterName = plan.ParameterNames[f] };
        }

        return plan.NotConstructible;
    }

    private string AddEnum(INamedTypeSymbol type, LocationInfo? location)
    {
        if (_fullNameByType.TryGetValue(type, out string? existing))
        {
            return existing;
        }

        string name = type.Name;
        string ns = NamespaceName(type);
        string? doc = null, enumDefault = null;
        ImmutableArray<string> aliases = ImmutableArray<string>.Empty;
        LocationInfo? enumLocation = LocationInfo.From(type.Locations.FirstOrDefault()) ?? location;
        if (GetAttribute(type, KnownNames.AvroEnumAttribute) is { } enumAttribute)
        {
            name = NamedString(enumAttribute, "Name") ?? name;
            ns = NamedString(enumAttribute, "Namespace") ?? ns;
            doc = NamedString(enumAttribute, "Doc");
            enumDefault = NamedString(enumAttribute, "Default");
            aliases = NamedStrings(enumAttribute, "Aliases");
            ValidateNamespace(ns, location);
            ValidateAliases(aliases, location);
        }

        string fullName = ns.Length == 0 ? name : ns + "." + name;
        string clrType = type.ToDisplayString(s_fullyQualified);
        ValidateName(name, "enum", location);
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

        if (enumDefault is not null && !symbols.Contains(enumDefault))
        {
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidEnumDefault, enumLocation, type.Name, enumDefault, string.Join(", ", symbols)));
        }

        _namedTypes.Add(new NamedTypeSpec(fullName, name, ns, doc, clrType, type.Name, true, true, EquatableArray<FieldSpec>.Empty, symbols.ToEquatableArray(), cases.ToEquatableArray())
        {
            Aliases = aliases.ToEquatableArray(),
            EnumDefault = enumDefault,
        });
        return fullName;
    }

    /// <summary>
    /// Adds a fixed type (once per full name) and returns its full name, or null when another named type already
    /// has that name. Two uses of one name must agree on size and logical type.
    /// </summary>
    private string? AddFixed(AttributeData? fixedAttribute, MemberContext context, int size, string? logicalType, int precision, int scale)
    {
        string name = (fixedAttribute is null ? null : NamedString(fixedAttribute, "Name")) ?? context.FieldName;
        string ns = (fixedAttribute is null ? null : NamedString(fixedAttribute, "Namespace")) ?? context.RecordNamespace;
        ImmutableArray<string> aliases = fixedAttribute is null ? ImmutableArray<string>.Empty : NamedStrings(fixedAttribute, "Aliases");
        ValidateName(name, "fixed", context.Location);
        ValidateNamespace(ns, context.Location);
        ValidateAliases(aliases, context.Location);
        string fullName = ns.Length == 0 ? name : ns + "." + name;
        string description = "fixed(" + size.ToString(CultureInfo.InvariantCulture) + ")" + logicalType switch
        {
            "decimal" => " decimal(" + precision.ToString(CultureInfo.InvariantCulture) + ", " + scale.ToString(CultureInfo.InvariantCulture) + ")",
            null => string.Empty,
            _ => " " + logicalType,
        };
        if (_clrTypeByFullName.TryGetValue(fullName, out string? other) && other == description)
        {
            return fullName;
        }

        if (!Reserve(fullName, description, null, context.Location))
        {
            return null;
        }

        _namedTypes.Add(new NamedTypeSpec(fullName, name, ns, null, description, name, false, false, EquatableArray<FieldSpec>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty)
        {
            Aliases = aliases.ToEquatableArray(),
            FixedSize = size,
            LogicalType = logicalType,
            Precision = precision,
            Scale = scale,
        });
        return fullName;
    }

    private bool Reserve(string fullName, string clrType, ITypeSymbol? type, LocationInfo? location)
    {
        if (_clrTypeByFullName.TryGetValue(fullName, out string? other) && other != clrType)
        {
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.NamedTypeCollision, location, other, clrType, fullName, _contractName));
            return false;
        }

        _clrTypeByFullName[fullName] = clrType;
        if (type is not null)
        {
            _fullNameByType[type] = fullName;
        }

        return true;
    }

    private TypeSpec? Analyze(ITypeSymbol type, MemberContext context, bool nullFirst) =>
        AnalyzeCore(type, context, nullFirst) is { } spec ? spec with { DeclaredType = type.ToDisplayString(s_declared) } : null;

    private TypeSpec? AnalyzeCore(ITypeSymbol type, MemberContext context, bool nullFirst)
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
        string memberPath = context.MemberPath;
        LocationInfo? location = context.Location;
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
                return Simple(TimestampKind(context, isDateTime: true));
            case SpecialType.System_Decimal:
                return AnalyzeDecimal(context, Simple(AvroKind.Decimal));
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
                if (context.Use(KnownNames.AvroFixedAttribute) is { } fixedAttribute)
                {
                    int size = FixedSize(fixedAttribute);
                    if (size < 1)
                    {
                        _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidFixedSize, location, memberPath, size.ToString(CultureInfo.InvariantCulture), "a fixed holds at least 1 byte"));
                        return null;
                    }

                    return AddFixed(fixedAttribute, context, size, null, 0, 0) is { } fixedName
                        ? Simple(AvroKind.Fixed) with { NamedType = fixedName, FixedSize = size }
                        : null;
                }

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
            return Simple(TimestampKind(context, isDateTime: false));
        }

        if (IsSystemType(type, "DateOnly"))
        {
            return Simple(AvroKind.Date);
        }

        if (IsSystemType(type, "TimeOnly"))
        {
            bool millis = context.Use(KnownNames.AvroTimeAttribute) is { ConstructorArguments: { Length: 1 } arguments } && arguments[0].Value is int precision && precision == 0;
            return Simple(millis ? AvroKind.TimeMillis : AvroKind.TimeMicros);
        }

        if (IsSystemType(type, "TimeSpan") || type.ToDisplayString() == KnownNames.AvroDuration)
        {
            // The duration logical type is always a fixed of 12 bytes; [AvroFixed(12)] only names it.
            AttributeData? fixedAttribute = context.Use(KnownNames.AvroFixedAttribute);
            if (fixedAttribute is not null && FixedSize(fixedAttribute) != 12)
            {
                _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidFixedSize, location, memberPath, FixedSize(fixedAttribute).ToString(CultureInfo.InvariantCulture), "the duration logical type is a fixed of exactly 12 bytes"));
                return null;
            }

            return AddFixed(fixedAttribute, context, 12, "duration", 0, 0) is { } durationName
                ? Simple(AvroKind.Duration) with { NamedType = durationName, FixedSize = 12 }
                : null;
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

        // A member's [AvroUnion] wins over the type's.
        if (context.Use(KnownNames.AvroUnionAttribute) is { } memberUnion)
        {
            return AnalyzeUnion(named, memberUnion, context, clrType, nullable, nullFirst);
        }

        if (GetAttribute(named, KnownNames.AvroUnionAttribute) is { } typeUnion)
        {
            return AnalyzeUnion(named, typeUnion, context, clrType, nullable, nullFirst);
        }

        if (named.TypeKind is TypeKind.Interface or TypeKind.Delegate || named.IsAbstract)
        {
            return Unsupported(memberPath, type, location, named.TypeKind == TypeKind.Delegate
                ? "interfaces, delegates and abstract types have no single schema"
                : "interfaces, delegates and abstract types have no single schema; list the concrete types with [AvroUnion(typeof(...), ...)] to write a union of records");
        }

        if (named.IsGenericType)
        {
            return Unsupported(memberPath, type, location, "generic types other than lists and string-keyed dictionaries are not supported");
        }

        if (IsFrameworkType(named))
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
            TypeSpec? element = Analyze(elementType, context, nullFirst: true);
            return element is null ? null : new TypeSpec(kind, clrType, nullable, nullFirst, null, element, shape, 0, 0);
        }
    }

    /// <summary>
    /// A union of records: each type listed in [AvroUnion] is a branch (in the order listed); the serializer tests
    /// the most derived types first, so that a subtype listed after its base still gets its own branch.
    /// </summary>
    private TypeSpec? AnalyzeUnion(INamedTypeSymbol baseType, AttributeData union, MemberContext context, string clrType, bool nullable, bool nullFirst)
    {
        string baseName = baseType.ToDisplayString();
        var branchTypes = new List<INamedTypeSymbol>();
        bool valid = true;
        ImmutableArray<TypedConstant> listed = union.ConstructorArguments.Length == 1 && union.ConstructorArguments[0].Kind == TypedConstantKind.Array
            ? union.ConstructorArguments[0].Values
            : ImmutableArray<TypedConstant>.Empty;
        if (listed.IsDefaultOrEmpty)
        {
            return InvalidBranch("it lists no types; list the concrete types of the union's branches");
        }

        if (baseType.IsValueType)
        {
            return InvalidBranch("a union's member type must be a class, record or interface, not a struct");
        }

        foreach (TypedConstant constant in listed)
        {
            if (constant.Value is not INamedTypeSymbol branch || branch.TypeKind == TypeKind.Error)
            {
                InvalidBranch("a listed type could not be resolved");
                valid = false;
                continue;
            }

            string branchName = branch.ToDisplayString();
            string? problem =
                branch.TypeKind is not (TypeKind.Class or TypeKind.Struct) || branch.IsAbstract || branch.IsStatic || branch.IsGenericType || branch.IsRefLikeType || IsFrameworkType(branch)
                    ? $"'{branchName}' is not a concrete, non-generic class, record or struct"
                    : !IsAssignableTo(branch, baseType)
                        ? $"'{branchName}' does not derive from or implement '{baseName}'"
                        : branchTypes.Any(t => SymbolEqualityComparer.Default.Equals(t, branch))
                            ? $"'{branchName}' is listed twice"
                            : null;
            if (problem is not null)
            {
                InvalidBranch(problem);
                valid = false;
                continue;
            }

            branchTypes.Add(branch);
        }

        if (!valid)
        {
            return null;
        }

        var branches = new List<string>();
        foreach (INamedTypeSymbol branch in branchTypes)
        {
            branches.Add(AddRecord(branch, null, null, null, context.Location));
        }

        // Deeper in the class hierarchy first: a derived type always has a longer base-type chain than its base.
        int[] testOrder = Enumerable.Range(0, branchTypes.Count).OrderByDescending(i => Depth(branchTypes[i])).ThenBy(i => i).ToArray();
        return new TypeSpec(AvroKind.Union, clrType, nullable, nullFirst, null, null, CollectionShape.None, 0, 0)
        {
            Branches = branches.ToEquatableArray(),
            BranchTestOrder = testOrder.ToEquatableArray(),
        };

        TypeSpec? InvalidBranch(string reason)
        {
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidUnionBranch, context.Location, context.MemberPath, baseName, reason));
            return null;
        }

        static int Depth(INamedTypeSymbol type)
        {
            int depth = 0;
            for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
            {
                depth++;
            }

            return depth;
        }
    }

    private static bool IsAssignableTo(INamedTypeSymbol type, INamedTypeSymbol target)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, target))
            {
                return true;
            }
        }

        return type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, target));
    }

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        string? containingNamespace = type.ContainingNamespace?.ToDisplayString();
        return containingNamespace is not null && (containingNamespace == "System" || containingNamespace.StartsWith("System.", System.StringComparison.Ordinal) || containingNamespace.StartsWith("Microsoft.", System.StringComparison.Ordinal));
    }

    private AvroKind TimestampKind(MemberContext context, bool isDateTime)
    {
        if (context.Use(KnownNames.AvroTimestampAttribute) is not { } attribute)
        {
            return AvroKind.TimestampMillis;
        }

        bool micros = attribute.ConstructorArguments is { Length: 1 } arguments && arguments[0].Value is int precision && precision == 1;
        bool local = attribute.NamedArguments.Any(a => a.Key == "Local" && a.Value.Value is true);
        if (local && !isDateTime)
        {
            _diagnostics.Add(ContractParser.Diagnostic(
                DiagnosticDescriptors.AttributeDoesNotApply,
                context.Location,
                "AvroTimestamp(Local = true)",
                context.MemberPath,
                "System.DateTimeOffset",
                "a local timestamp is a wall-clock reading without a time zone, and applies to DateTime only; a DateTimeOffset is an instant (timestamp-millis or timestamp-micros)"));
        }

        return (local && isDateTime, micros) switch
        {
            (true, true) => AvroKind.LocalTimestampMicros,
            (true, false) => AvroKind.LocalTimestampMillis,
            (false, true) => AvroKind.TimestampMicros,
            _ => AvroKind.TimestampMillis,
        };
    }

    private TypeSpec? AnalyzeDecimal(MemberContext context, TypeSpec spec)
    {
        string memberPath = context.MemberPath;
        LocationInfo? location = context.Location;
        if (GetAttribute(context.Member, KnownNames.AvroDecimalAttribute) is not { ConstructorArguments: { Length: 2 } arguments }
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

        if (context.Use(KnownNames.AvroFixedAttribute) is not { } fixedAttribute)
        {
            return spec with { Precision = precision, Scale = scale };
        }

        int size = FixedSize(fixedAttribute);
        int capacity = size < 1 ? 0 : MaxDecimalDigits(size);
        if (capacity < precision)
        {
            string reason = size < 1
                ? "a fixed holds at least 1 byte"
                : $"a decimal on a fixed of {size} bytes holds at most {capacity} digits, fewer than the precision {precision}";
            _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidFixedSize, location, memberPath, size.ToString(CultureInfo.InvariantCulture), reason));
            return null;
        }

        return AddFixed(fixedAttribute, context, size, "decimal", precision, scale) is { } fixedName
            ? spec with { Kind = AvroKind.FixedDecimal, Precision = precision, Scale = scale, NamedType = fixedName, FixedSize = size }
            : null;
    }

    /// <summary>floor(log10(2^(8 × size − 1) − 1)): the digits a decimal on a fixed of <paramref name="size"/> bytes holds (specification, "Decimal").</summary>
    private static int MaxDecimalDigits(int size) =>
        size >= 17 ? int.MaxValue : (BigInteger.Pow(2, (8 * size) - 1) - 1).ToString(CultureInfo.InvariantCulture).Length - 1;

    private static int FixedSize(AttributeData fixedAttribute) =>
        fixedAttribute.ConstructorArguments is { Length: 1 } arguments && arguments[0].Value is int size ? size : 0;

    /// <summary>TPK0014 for each type-choosing attribute on the member that no part of its type used.</summary>
    private void ReportUnusedAttributes(MemberContext context)
    {
        foreach ((string attribute, string shortName, string appliesTo) in s_typeAttributes)
        {
            if (!context.Used.Contains(attribute) && HasAttribute(context.Member, attribute))
            {
                _diagnostics.Add(ContractParser.Diagnostic(
                    DiagnosticDescriptors.AttributeDoesNotApply,
                    context.Location,
                    shortName,
                    context.MemberPath,
                    MemberType(context.Member).ToDisplayString(),
                    appliesTo + ", or arrays, lists and dictionary values of those"));
            }
        }
    }

    private static readonly (string Attribute, string ShortName, string AppliesTo)[] s_typeAttributes =
    {
        (KnownNames.AvroFixedAttribute, "AvroFixed", "it applies to byte[] (fixed), decimal with [AvroDecimal] (decimal on fixed), TimeSpan and TypedProducer.AvroDuration (duration)"),
        (KnownNames.AvroTimeAttribute, "AvroTime", "it applies to TimeOnly"),
        (KnownNames.AvroTimestampAttribute, "AvroTimestamp", "it applies to DateTime and DateTimeOffset"),
        (KnownNames.AvroUnionAttribute, "AvroUnion", "it applies to classes, records and interfaces whose values are one of the listed records"),
    };

    private TypeSpec? Unsupported(string memberPath, ITypeSymbol type, LocationInfo? location, string reason)
    {
        _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.UnsupportedMemberType, location, memberPath, type.ToDisplayString(), reason));
        return null;
    }

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value.Value as string;
            }
        }

        return null;
    }

    private static ImmutableArray<string> NamedStrings(AttributeData attribute, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
            {
                return argument.Value.Values.Select(v => v.Value as string).Where(v => v is not null).ToImmutableArray()!;
            }
        }

        return ImmutableArray<string>.Empty;
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

    /// <summary>Aliases of named types: a name, or a full name (dotted).</summary>
    private void ValidateAliases(ImmutableArray<string> aliases, LocationInfo? location)
    {
        foreach (string alias in aliases)
        {
            if (!alias.Split('.').All(IsValidName))
            {
                _diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidAvroName, location, alias, "alias"));
            }
        }
    }

    private static bool IsAsciiLetter(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

    /// <summary>The member whose type is being analysed, and which of its type-choosing attributes were used.</summary>
    private sealed class MemberContext
    {
        public MemberContext(ISymbol member, string memberPath, LocationInfo? location, string fieldName, string recordNamespace)
        {
            Member = member;
            MemberPath = memberPath;
            Location = location;
            FieldName = fieldName;
            RecordNamespace = recordNamespace;
        }

        public ISymbol Member { get; }

        public string MemberPath { get; }

        public LocationInfo? Location { get; }

        /// <summary>The field's Avro name: the default name of a fixed type.</summary>
        public string FieldName { get; }

        /// <summary>The enclosing record's namespace: the default namespace of a fixed type.</summary>
        public string RecordNamespace { get; }

        public HashSet<string> Used { get; } = new();

        /// <summary>The member's attribute <paramref name="metadataName"/>, marked as used, or null.</summary>
        public AttributeData? Use(string metadataName)
        {
            AttributeData? attribute = GetAttribute(Member, metadataName);
            if (attribute is not null)
            {
                Used.Add(metadataName);
            }

            return attribute;
        }
    }
}
