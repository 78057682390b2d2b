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

    /// <summary>True when there is anything to analyze (Confluent.Kafka or TypedProducer is referenced).</summary>
    public bool HasAny => Config is not null || TypedProducerOptions is not null;

    public static KnownTypes Create(Compilation compilation) => new(compilation);

    public bool IsConfig(ITypeSymbol? type) => Config is not null && InheritsFrom(type, Config);

    public bool IsProducerConfig(ITypeSymbol? type) => ProducerConfig is not null && InheritsFrom(type, ProducerConfig);

    public bool IsClientConfigExactly(ITypeSymbol? type) => ClientConfig is not null && SymbolEqualityComparer.Default.Equals(type, ClientConfig);

    public bool IsProducerBuilder(ITypeSymbol? type) =>
        ProducerBuilder is not null && type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, ProducerBuilder);

    public bool IsOptions(ITypeSymbol? type) => TypedProducerOptions is not null && SymbolEqualityComparer.Default.Equals(type, TypedProducerOptions);

    /// <summary>True for <c>KeyValuePair&lt;string, string&gt;</c>.</summary>
    public bool IsStringPair(ITypeSymbol? type) =>
        KeyValuePair is not null
        && type is INamedTypeSymbol named
        && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, KeyValuePair)
        && named.TypeArguments.Length == 2
        && named.TypeArguments[0].SpecialType == SpecialType.System_String
        && named.TypeArguments[1].SpecialType == SpecialType.System_String;

    /// <summary>True for types that enumerate <c>KeyValuePair&lt;string, string&gt;</c> (dictionaries, lists, arrays).</summary>
    public bool IsStringPairCollection(ITypeSymbol? type)
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
