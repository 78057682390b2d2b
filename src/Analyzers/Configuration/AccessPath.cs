using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>
/// Where a configuration lives: a local, parameter, field or property, or a member chain from one
/// (<c>options.Configuration</c>, <c>_settings.Kafka.Producer</c>), compared symbol by symbol.
/// </summary>
internal sealed class AccessPath : IEquatable<AccessPath>
{
    private const int MaxDepth = 4;
    private readonly ISymbol[] _symbols;

    private AccessPath(ISymbol[] symbols) => _symbols = symbols;

    /// <summary>True for a local variable: what is not created in the block cannot have been set elsewhere before it.</summary>
    public bool IsLocal => _symbols.Length == 1 && _symbols[0] is ILocalSymbol;

    /// <summary>The path an operation refers to, or null (a call result, an indexer, an array element, ...).</summary>
    public static AccessPath? Of(IOperation operation)
    {
        switch (Unwrap(operation))
        {
            case ILocalReferenceOperation local:
                return new AccessPath(new ISymbol[] { local.Local });
            case IParameterReferenceOperation parameter:
                return new AccessPath(new ISymbol[] { parameter.Parameter });
            case IFieldReferenceOperation field:
                return Member(field.Field, field.Instance);
            case IPropertyReferenceOperation property when !property.Property.IsIndexer:
                return Member(property.Property, property.Instance);
            default:
                return null;
        }
    }

    /// <summary>The path of a declared symbol (a variable declarator's local, an initialized field or property).</summary>
    public static AccessPath Of(ISymbol symbol) => new(new[] { symbol });

    public bool Equals(AccessPath? other)
    {
        if (other is null || other._symbols.Length != _symbols.Length)
        {
            return false;
        }

        for (int i = 0; i < _symbols.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(_symbols[i], other._symbols[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is AccessPath other && Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        foreach (var symbol in _symbols)
        {
            hash = (hash * 31) + SymbolEqualityComparer.Default.GetHashCode(symbol);
        }

        return hash;
    }

    internal static IOperation Unwrap(IOperation operation)
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

    private static AccessPath? Member(ISymbol member, IOperation? instance)
    {
        if (instance is null or IInstanceReferenceOperation)
        {
            return new AccessPath(new[] { member });
        }

        var prefix = Of(instance);
        if (prefix is null || prefix._symbols.Length >= MaxDepth)
        {
            return null;
        }

        var symbols = new ISymbol[prefix._symbols.Length + 1];
        Array.Copy(prefix._symbols, symbols, prefix._symbols.Length);
        symbols[symbols.Length - 1] = member;
        return new AccessPath(symbols);
    }
}
