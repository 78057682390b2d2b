using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>The symbols the configuration collector needs, resolved once per compilation.</summary>
internal sealed class KnownTypes
{
    private KnownTypes(Compilation compilation)
    {
        Config = compilation.GetTypeByMetadataName(KnownNames.ConfluentConfig);
        ProducerConfig = compilation.GetTypeByMetadataName(KnownNames.ProducerConfig);
        ClientConfig = compilation.GetTypeByMetadataName(KnownNames.ClientConfig);
        ProducerBuilder = compilation.GetTypeByMetadataName(KnownNames.ProducerBuilder);
        TypedProducerOptions = compilation.GetTypeByMetadataName(KnownNames.TypedProducerOptions);
        KeyValuePair = compilation.GetTypeByMetadataName(KnownNames.KeyValuePair);
        IEnumerableOfT = compilation.GetTypeByMetadataName(KnownNames.IEnumerableOfT);
        String = compilation.GetSpecialType(SpecialType.System_String);
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (assembly.Name == KnownNames.AwsOAuthBearerAssembly)
            {
                HasAwsOAuthBearer = true;
            }
        }
    }

    /// <summary>True when the project references Confluent.Kafka.OAuthBearer.Aws, which sasl.oauthbearer.metadata.authentication.type=aws_iam needs.</summary>
    public bool HasAwsOAuthBearer { get; }

    public INamedTypeSymbol? Config { get; }

    public INamedTypeSymbol? ProducerConfig { get; }

    public INamedTypeSymbol? ClientConfig { get; }

    public INamedTypeSymbol? ProducerBuilder { get; }

    public INamedTypeSymbol? TypedProducerOptions { get; }

    public INamedTypeSymbol? KeyValuePair { get; }

    public INamedTypeSymbol? IEnumerableOfT { get; }

    public INamedTypeSymbol String { get; }

    public INamedTypeSymbol? Enumerable { get; }

    /// <summary>True for methods that only read what they are given: LINQ's Enumerable and string.</summary>
    public bool IsReader(ITypeSymbol? containingType) =>
        containingType is not null && (containingType.SpecialType == SpecialType.System_String || SymbolEqualityComparer.Default.Equals(containingType, Enumerable));

    /// <summary>True when there is anything to analyze (Confluent.Kafka or TypedProducer is referenced).</summary>
    public bool HasAny => Config is not null || TypedProducerOptions is not null;

    public static KnownTypes Create(Compilation compilation) => new(compilation);

    public bool IsConfig(ITypeSymbol? type) => (Classify(type) & Shape.Config) != 0;

    public bool IsProducerConfig(ITypeSymbol? type) => (Classify(type) & Shape.ProducerConfig) != 0;

    public bool IsClientConfigExactly(ITypeSymbol? type) => (Classify(type) & Shape.ClientConfigExactly) != 0;

    public bool IsProducerBuilder(ITypeSymbol? type) =>
        ProducerBuilder is not null && type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ProducerBuilder);

    public bool IsOptions(ITypeSymbol? type) => (Classify(type) & Shape.Options) != 0;

    /// <summary>True for <c>KeyValuePair&lt;string, string&gt;</c>.</summary>
    public bool IsStringPair(ITypeSymbol? type) =>
        KeyValuePair is not null
        && type is INamedTypeSymbol named
        && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, KeyValuePair)
        && named.TypeArguments.Length == 2
        && named.TypeArguments[0].SpecialType == SpecialType.System_String
        && named.TypeArguments[1].SpecialType == SpecialType.System_String;

    /// <summary>True for types that enumerate <c>KeyValuePair&lt;string, string&gt;</c> (dictionaries, lists, arrays).</summary>
    public bool IsStringPairCollection(ITypeSymbol? type) => (Classify(type) & Shape.StringPairs) != 0;

    /// <summary>True for a Confluent.Kafka config, TypedProducer's options or a key/value collection: what may hold a configuration.</summary>
    public bool IsConfigLike(ITypeSymbol? type) => (Classify(type) & (Shape.Config | Shape.Options | Shape.StringPairs)) != 0;

    /// <summary>
    /// What a type is, computed once per type: the collector asks for every argument, receiver and assignment target
    /// in every method body, most of them unrelated to Kafka.
    /// </summary>
    private Shape Classify(ITypeSymbol? type)
    {
        if (type is null)
        {
            return Shape.None;
        }

        if (type.SpecialType != SpecialType.None && type.SpecialType != SpecialType.System_Object)
        {
            return Shape.None; // string, int, ...: never a configuration
        }

        return _shapes.GetOrAdd(type, Compute);
    }

    private Shape Compute(ITypeSymbol type)
    {
        var shape = Shape.None;
        if (Config is not null && InheritsFrom(type, Config))
        {
            shape |= Shape.Config;
            if (ProducerConfig is not null && InheritsFrom(type, ProducerConfig))
            {
                shape |= Shape.ProducerConfig;
            }

            if (ClientConfig is not null && SymbolEqualityComparer.Default.Equals(type, ClientConfig))
            {
                shape |= Shape.ClientConfigExactly;
            }
        }

        if (TypedProducerOptions is not null && SymbolEqualityComparer.Default.Equals(type, TypedProducerOptions))
        {
            shape |= Shape.Options;
        }

        if (ComputeIsStringPairCollection(type))
        {
            shape |= Shape.StringPairs;
        }

        return shape;
    }

    private bool ComputeIsStringPairCollection(ITypeSymbol? type)
    {
        if (type is null || IEnumerableOfT is null)
        {
            return false;
        }

        if (type is IArrayTypeSymbol array)
        {
            return IsStringPair(array.ElementType);
        }

        if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, IEnumerableOfT) && IsStringPair(named.TypeArguments[0]))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, IEnumerableOfT) && IsStringPair(candidate.TypeArguments[0]))
            {
                return true;
            }
        }

        return false;
    }

    private readonly ConcurrentDictionary<ITypeSymbol, Shape> _shapes = new(SymbolEqualityComparer.Default);

    [System.Flags]
    private enum Shape
    {
        None = 0,
        Config = 1,
        ProducerConfig = 2,
        ClientConfigExactly = 4,
        Options = 8,
        StringPairs = 16,
    }

    private static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
