using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedProducer.Analyzers.Catalog;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>
/// Collects producer configurations written in one operation block (a method, lambda bodies included, or a
/// field initializer) with the operations API: <c>new ProducerConfig { ... }</c> initializers and later
/// assignments to the same local, field, property or parameter; <c>Set("k", "v")</c>; dictionaries and
/// key/value collections passed to <c>new ProducerBuilder&lt;K, V&gt;(...)</c> or <c>new ProducerConfig(dictionary)</c>;
/// and <c>TypedProducerOptions.Producer</c>.
/// </summary>
internal sealed class CSharpConfigCollector
{
    private readonly KnownTypes _types;
    private readonly object _gate = new();
    private readonly Dictionary<object, Target> _targets = new();
    private readonly List<(object Into, object From)> _links = new();
    private readonly HashSet<object> _flowsIntoProducer = new();

    public CSharpConfigCollector(KnownTypes types) => _types = types;

    private enum TargetKind
    {
        ProducerConfig,
        ClientConfig,
        StringPairs,
        Options,
    }

    /// <summary>Handles <see cref="OperationKind.ObjectCreation"/>.</summary>
    public void OnObjectCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        var type = creation.Type;
        lock (_gate)
        {
            if (_types.IsConfig(type))
            {
                TargetKind kind;
                if (_types.IsProducerConfig(type))
                {
                    kind = TargetKind.ProducerConfig;
                }
                else if (_types.IsClientConfigExactly(type))
                {
                    kind = TargetKind.ClientConfig;
                }
                else
                {
                    return; // ConsumerConfig, AdminClientConfig: not producers.
                }

                object key = (object?)TargetOf(creation) ?? creation;
                var target = GetTarget(key, kind);
                target.MarkCreated(creation.Syntax.SpanStart, CreationLocation(creation));
                foreach (var argument in creation.Arguments)
                {
                    if (SourceOf(argument.Value) is { } source)
                    {
                        _links.Add((key, source));
                    }
                }

                if (creation.Initializer is not null)
                {
                    foreach (var initializer in creation.Initializer.Initializers)
                    {
                        if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                        {
                            AddTyped(target, property, assignment);
                        }
                    }
                }

                return;
            }

            if (_types.IsProducerBuilder(type))
            {
                if (creation.Arguments.Length > 0 && SourceOf(creation.Arguments[0].Value) is { } source)
                {
                    _flowsIntoProducer.Add(source);
                }

                return;
            }

            if (_types.IsStringPairCollection(type) && creation.Initializer is not null)
            {
                object key = (object?)TargetOf(creation) ?? creation;
                var target = GetTarget(key, TargetKind.StringPairs);
                target.MarkCreated(creation.Syntax.SpanStart, CreationLocation(creation));
                foreach (var initializer in creation.Initializer.Initializers)
                {
                    AddCollectionElement(target, initializer);
                }
            }
        }
    }

    /// <summary>Handles <see cref="OperationKind.ArrayCreation"/> of <c>KeyValuePair&lt;string, string&gt;[]</c>.</summary>
    public void OnArrayCreation(OperationAnalysisContext context)
    {
        var creation = (IArrayCreationOperation)context.Operation;
        if (creation.Initializer is null || !_types.IsStringPairCollection(creation.Type))
        {
            return;
        }

        lock (_gate)
        {
            object key = (object?)TargetOf(creation) ?? creation;
            var target = GetTarget(key, TargetKind.StringPairs);
            target.MarkCreated(creation.Syntax.SpanStart, CreationLocation(creation));
            foreach (var element in creation.Initializer.ElementValues)
            {
                AddPair(target, Unwrap(element));
            }
        }
    }

    /// <summary>Handles <see cref="OperationKind.SimpleAssignment"/> outside object initializers.</summary>
    public void OnAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Parent is IObjectOrCollectionInitializerOperation || assignment.Target is not IPropertyReferenceOperation property)
        {
            return;
        }

        lock (_gate)
        {
            if (!property.Property.IsIndexer && _types.IsConfig(property.Property.ContainingType))
            {
                if (property.Instance is { } instance && SourceOf(instance) is { } key)
                {
                    AddTyped(GetTarget(key, _types.IsProducerConfig(instance.Type) ? TargetKind.ProducerConfig : TargetKind.ClientConfig), property, assignment);
                }

                return;
            }

            if (property.Property.IsIndexer && property.Arguments.Length == 1 && property.Instance is { } dictionary && IsStringDictionary(dictionary.Type))
            {
                var target = TargetForDictionary(dictionary);
                if (target is not null)
                {
                    AddString(target, property.Arguments[0].Value, assignment.Value, assignment.Syntax.SpanStart);
                }
            }
        }
    }

    /// <summary>Handles <see cref="OperationKind.Invocation"/>: <c>Set</c>, <c>Add</c>, <c>TryAdd</c>.</summary>
    public void OnInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (invocation.Instance is null || invocation.Parent is IObjectOrCollectionInitializerOperation)
        {
            return;
        }

        lock (_gate)
        {
            if (method.Name == "Set" && invocation.Arguments.Length == 2 && _types.IsConfig(method.ContainingType))
            {
                if (SourceOf(invocation.Instance) is { } key)
                {
                    var target = GetTarget(key, _types.IsProducerConfig(invocation.Instance.Type) ? TargetKind.ProducerConfig : TargetKind.ClientConfig);
                    AddString(target, Arg(invocation, 0), Arg(invocation, 1), invocation.Syntax.SpanStart);
                }

                return;
            }

            if ((method.Name == "Add" || method.Name == "TryAdd") && IsStringDictionary(invocation.Instance.Type))
            {
                var target = TargetForDictionary(invocation.Instance);
                if (target is null)
                {
                    return;
                }

                if (invocation.Arguments.Length == 2)
                {
                    AddString(target, Arg(invocation, 0), Arg(invocation, 1), invocation.Syntax.SpanStart);
                }
                else if (invocation.Arguments.Length == 1)
                {
                    AddPair(target, Unwrap(Arg(invocation, 0)));
                }
            }
        }
    }

    /// <summary>Builds the configurations that reach a producer.</summary>
    public List<ConfigModel> BuildModels()
    {
        var models = new List<ConfigModel>();
        lock (_gate)
        {
            foreach (var pair in _targets)
            {
                var target = pair.Value;
                ConfigFlavor flavor;
                if (target.Kind == TargetKind.Options)
                {
                    flavor = ConfigFlavor.TypedProducerRuntime;
                }
                else if (target.Kind == TargetKind.ProducerConfig || _flowsIntoProducer.Contains(pair.Key))
                {
                    flavor = ConfigFlavor.Librdkafka;
                }
                else
                {
                    // A dictionary or ClientConfig is only a producer configuration once it reaches one:
                    // directly (ProducerBuilder) or through a ProducerConfig that wraps it.
                    continue;
                }

                var entries = new List<ConfigEntry>();
                var visited = new HashSet<object>();
                Collect(pair.Key, entries, visited);

                // Options (lambda parameters, runtime defaults) are analysed as a whole; a Confluent config whose
                // creation is not in this block may have been given other keys elsewhere.
                bool partial = target.Kind != TargetKind.Options && !target.Created;
                var location = target.Kind == TargetKind.Options ? null : target.CreationLocation;
                if (entries.Count > 0 || (!partial && location is not null))
                {
                    models.Add(new ConfigModel(flavor, partial, location, entries));
                }
            }
        }

        return models;
    }

    private void Collect(object key, List<ConfigEntry> entries, HashSet<object> visited)
    {
        if (!visited.Add(key) || !_targets.TryGetValue(key, out var target))
        {
            return;
        }

        entries.AddRange(target.LiveEntries());
        foreach (var link in _links)
        {
            if (Equals(link.Into, key))
            {
                Collect(link.From, entries, visited);
            }
        }
    }

    private Target GetTarget(object key, TargetKind kind)
    {
        if (!_targets.TryGetValue(key, out var target))
        {
            target = new Target(kind);
            _targets.Add(key, target);
        }

        return target;
    }

    private Target? TargetForDictionary(IOperation dictionary)
    {
        // options.Producer["k"] = "v" (TypedProducerOptions.Producer).
        if (Unwrap(dictionary) is IPropertyReferenceOperation { Property.Name: "Producer", Instance: { } options } && _types.IsOptions(options.Type))
        {
            return SourceOf(options) is { } optionsKey ? GetTarget(optionsKey, TargetKind.Options) : null;
        }

        return SourceOf(dictionary) is { } key ? GetTarget(key, TargetKind.StringPairs) : null;
    }

    private void AddCollectionElement(Target target, IOperation initializer)
    {
        switch (initializer)
        {
            // ["k"] = "v"
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                AddString(target, indexer.Arguments[0].Value, assignment.Value, assignment.Syntax.SpanStart);
                break;

            // { "k", "v" } or { new KeyValuePair<string, string>("k", "v") }
            case IInvocationOperation { Arguments.Length: 2 } add:
                AddString(target, Arg(add, 0), Arg(add, 1), add.Syntax.SpanStart);
                break;
            case IInvocationOperation { Arguments.Length: 1 } add:
                AddPair(target, Unwrap(Arg(add, 0)));
                break;
        }
    }

    private void AddPair(Target target, IOperation pair)
    {
        switch (pair)
        {
            case IObjectCreationOperation creation when _types.IsStringPair(creation.Type) && creation.Arguments.Length == 2:
                AddString(target, Arg(creation, 0), Arg(creation, 1), creation.Syntax.SpanStart);
                break;
            case IInvocationOperation { TargetMethod.Name: "Create", Arguments.Length: 2 } create when _types.IsStringPair(create.Type):
                AddString(target, Arg(create, 0), Arg(create, 1), create.Syntax.SpanStart);
                break;
        }
    }

    private static void AddString(Target target, IOperation keyOperation, IOperation valueOperation, int order)
    {
        if (keyOperation.ConstantValue is not { HasValue: true, Value: string key })
        {
            return;
        }

        var value = Unwrap(valueOperation);
        bool known = value.ConstantValue.HasValue;
        string? text = known ? value.ConstantValue.Value as string : null;
        var entry = new ConfigEntry(key, text, known && text is not null, EntrySource.StringKey, order)
        {
            KeyLocation = keyOperation.Syntax.GetLocation(),
            ValueLocation = valueOperation.Syntax.GetLocation(),
            IsNull = known && value.ConstantValue.Value is null,
            IsLiteral = known,
            CultureSensitive = IsCultureSensitiveText(value),
        };
        target.Entries.Add(entry);
    }

    private static void AddTyped(Target target, IPropertyReferenceOperation property, ISimpleAssignmentOperation assignment)
    {
        string? key = PropertyCatalog.KeyForCSharpProperty(property.Property.Name);
        if (key is null)
        {
            return;
        }

        var value = Unwrap(assignment.Value);
        bool known = value.ConstantValue.HasValue;
        string? text = null;
        bool removes = false;
        if (known)
        {
            if (value.ConstantValue.Value is null)
            {
                removes = true;
            }
            else
            {
                text = TypedValueText(property.Property.Type, value);
                known = text is not null;
            }
        }

        var location = assignment.Syntax.GetLocation();
        bool isDouble = UnderlyingType(property.Property.Type)?.SpecialType == SpecialType.System_Double;
        var entry = new ConfigEntry(key, text, known, EntrySource.TypedProperty, assignment.Syntax.SpanStart)
        {
            KeyLocation = location,
            ValueLocation = location,
            CSharpProperty = property.Property.Name,
            RemovesKey = removes,
            IsLiteral = known,

            // Config.SetObject formats a double with the current culture (Config.cs: val.ToString()); an
            // integral value reads the same everywhere, a fraction does not.
            CultureSensitive = isDouble && !removes && (!known || (value.ConstantValue.Value is double d && Math.Floor(d) != d)),
        };
        target.Entries.Add(entry);
    }

    /// <summary>The text Confluent.Kafka writes for a typed property's constant value.</summary>
    private static string? TypedValueText(ITypeSymbol propertyType, IOperation value)
    {
        var type = UnderlyingType(propertyType);
        object? constant = value.ConstantValue.Value;
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            string? member = null;
            if (value is IFieldReferenceOperation field && SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, enumType))
            {
                member = field.Field.Name;
            }
            else
            {
                foreach (var candidate in enumType.GetMembers())
                {
                    if (candidate is IFieldSymbol { HasConstantValue: true } f && Equals(f.ConstantValue, constant))
                    {
                        member = f.Name;
                        break;
                    }
                }
            }

            if (member is null)
            {
                // e.g. (Acks)2: Config.SetObject writes the number.
                return Convert.ToString(constant, CultureInfo.InvariantCulture);
            }

            return EnumValueText.For(enumType.Name, member);
        }

        return constant switch
        {
            bool b => b ? "true" : "false",
            double d => ValueText.Format(d),
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static ITypeSymbol? UnderlyingType(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    /// <summary>
    /// True when the text comes from culture-sensitive formatting of a signed or fractional number:
    /// <c>x.ToString()</c>/<c>x.ToString("F1")</c> without a provider, or an interpolated string with such a hole.
    /// </summary>
    private static bool IsCultureSensitiveText(IOperation value)
    {
        switch (value)
        {
            case IInvocationOperation { TargetMethod.Name: "ToString" } toString when toString.Instance is not null:
                if (!IsCultureSensitiveNumber(toString.Instance.Type))
                {
                    return false;
                }

                foreach (var parameter in toString.TargetMethod.Parameters)
                {
                    if (parameter.Type.Name == "IFormatProvider")
                    {
                        return false;
                    }
                }

                return true;
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && IsCultureSensitiveNumber(Unwrap(hole.Expression).Type))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsCultureSensitiveNumber(ITypeSymbol? type)
    {
        switch (type?.SpecialType)
        {
            case SpecialType.System_Double:
            case SpecialType.System_Single:
            case SpecialType.System_Decimal:
            case SpecialType.System_Int16:
            case SpecialType.System_Int32:
            case SpecialType.System_Int64:
            case SpecialType.System_SByte:
                return true;
            default:
                return false;
        }
    }

    private bool IsStringDictionary(ITypeSymbol? type) => _types.IsStringPairCollection(type);

    private static IOperation Arg(IInvocationOperation invocation, int ordinal) => ArgOf(invocation.Arguments, ordinal, invocation);

    private static IOperation Arg(IObjectCreationOperation creation, int ordinal) => ArgOf(creation.Arguments, ordinal, creation);

    private static IOperation ArgOf(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, int ordinal, IOperation owner)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return ordinal < arguments.Length ? arguments[ordinal].Value : owner;
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The local, field, property or parameter a creation is stored into, or null.</summary>
    private static ISymbol? TargetOf(IOperation creation)
    {
        var current = creation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        switch (current.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return declarator.Symbol;
            case ISimpleAssignmentOperation assignment when assignment.Value == current:
                return SymbolOf(assignment.Target);
            case IFieldInitializerOperation field when field.InitializedFields.Length == 1:
                return field.InitializedFields[0];
            case IPropertyInitializerOperation property when property.InitializedProperties.Length == 1:
                return property.InitializedProperties[0];
            default:
                return null;
        }
    }

    /// <summary>The key a value refers to: a symbol for locals/fields/properties/parameters, the operation for inline creations.</summary>
    private static object? SourceOf(IOperation operation)
    {
        var unwrapped = Unwrap(operation);
        return unwrapped switch
        {
            IObjectCreationOperation or IArrayCreationOperation => unwrapped,
            _ => SymbolOf(unwrapped),
        };
    }

    private static ISymbol? SymbolOf(IOperation operation)
    {
        switch (Unwrap(operation))
        {
            case ILocalReferenceOperation local:
                return local.Local;
            case IParameterReferenceOperation parameter:
                return parameter.Parameter;
            case IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation:
                return field.Field;
            case IPropertyReferenceOperation property when !property.Property.IsIndexer && property.Instance is null or IInstanceReferenceOperation:
                return property.Property;
            default:
                return null;
        }
    }

    /// <summary>The <c>new ProducerConfig</c> part of a creation (not its initializer), where configuration-wide findings go.</summary>
    private static Location CreationLocation(IOperation creation)
    {
        switch (creation.Syntax)
        {
            case ObjectCreationExpressionSyntax explicitNew:
                return Location.Create(explicitNew.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(explicitNew.NewKeyword.SpanStart, explicitNew.Type.Span.End));
            case ImplicitObjectCreationExpressionSyntax implicitNew:
                return Location.Create(implicitNew.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(implicitNew.NewKeyword.SpanStart, implicitNew.ArgumentList.Span.End));
            default:
                return creation.Syntax.GetLocation();
        }
    }

    private sealed class Target
    {
        private int _createdAt = int.MinValue;

        public Target(TargetKind kind) => Kind = kind;

        public TargetKind Kind { get; }

        public bool Created { get; private set; }

        public Location? CreationLocation { get; private set; }

        public List<ConfigEntry> Entries { get; } = new();

        public void MarkCreated(int position, Location location)
        {
            // A re-created configuration (config = new ProducerConfig { ... }) starts afresh: keep the last creation.
            if (position >= _createdAt)
            {
                _createdAt = position;
                CreationLocation = location;
            }

            Created = true;
        }

        public IEnumerable<ConfigEntry> LiveEntries()
        {
            foreach (var entry in Entries)
            {
                if (entry.Order >= _createdAt)
                {
                    yield return entry;
                }
            }
        }
    }
}
