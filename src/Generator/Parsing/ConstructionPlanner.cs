using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Parsing;

/// <summary>How a deserializer builds a type: why it cannot (or null), and how each member is given its value.</summary>
/// <param name="NotConstructible">Why the type cannot be built, or null.</param>
/// <param name="Assignments">Per member (in the order given): constructor parameter, initializer or discarded.</param>
/// <param name="ParameterNames">Per member: the constructor parameter's name, for <see cref="FieldAssignment.Constructor"/>.</param>
/// <param name="HeaderParameters">Constructor parameters of <c>[MessageHeader]</c> members, passed <c>default!</c>.</param>
internal sealed record ConstructionPlan(string? NotConstructible, FieldAssignment[] Assignments, string?[] ParameterNames, List<string> HeaderParameters);

/// <summary>The construction rules shared by the Avro and Protobuf deserializers (one C# type, one way to build it).</summary>
internal static class ConstructionPlanner
{
    /// <summary>
    /// How a deserializer builds <paramref name="type"/>: the accessible constructor whose parameters match the most
    /// fields (by name, ignoring case, and type; optional parameters may match nothing), then the object initializer
    /// for the other settable members (required members always there). Members with neither are computed (dropped
    /// on read), unless they have a backing field (a get-only auto-property or readonly field no constructor sets:
    /// then the type cannot be deserialized, and the reason is returned).
    /// </summary>
    /// <remarks>
    /// A constructor parameter of a <c>[MessageHeader]</c> member (<paramref name="headers"/>) is passed <c>default!</c>
    /// and listed in <see cref="ConstructionPlan.HeaderParameters"/>: the contract's <c>ReadHeaders</c> sets the member
    /// afterwards. Members are "accessible" when code in <paramref name="assembly"/> can call them.
    /// </remarks>
    public static ConstructionPlan Plan(INamedTypeSymbol type, IReadOnlyList<ISymbol> members, IReadOnlyList<ISymbol> headers, IAssemblySymbol? assembly)
    {
        if (type.IsAbstract)
        {
            return Fail("'" + type.ToDisplayString() + "' is abstract");
        }

        for (INamedTypeSymbol? level = type; level is not null; level = level.BaseType)
        {
            foreach (ISymbol member in level.GetMembers())
            {
                if (IsRequired(member) && !members.Any(m => m.Name == member.Name))
                {
                    return Fail("its required member '" + member.Name + "' is not part of the message");
                }
            }
        }

        IMethodSymbol? best = null;
        int[]? bestMap = null;
        int bestCount = -1;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (!IsAccessible(constructor, assembly) || (constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type)))
            {
                continue; // inaccessible, or a record's copy constructor
            }

            var map = new int[constructor.Parameters.Length];
            int count = 0;
            bool usable = true;
            for (int p = 0; p < constructor.Parameters.Length && usable; p++)
            {
                IParameterSymbol parameter = constructor.Parameters[p];
                map[p] = -1;
                for (int f = 0; f < members.Count; f++)
                {
                    if (string.Equals(members[f].Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase)
                        && SymbolEqualityComparer.Default.Equals(AvroModelBuilder.MemberType(members[f]), parameter.Type)
                        && !IsRequired(members[f])
                        && parameter.RefKind == RefKind.None)
                    {
                        map[p] = f;
                        count++;
                        break;
                    }
                }

                if (map[p] < 0 && headers.Any(h => string.Equals(h.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(AvroModelBuilder.MemberType(h), parameter.Type)))
                {
                    map[p] = HeaderParameter;
                }

                usable = map[p] != -1 || parameter.IsOptional || parameter.IsParams;
            }

            if (usable && count > bestCount)
            {
                best = constructor;
                bestMap = map;
                bestCount = count;
            }
        }

        if (best is null)
        {
            return Fail("'" + type.ToDisplayString() + "' has no accessible constructor whose parameters are all members");
        }

        var assignments = new FieldAssignment[members.Count];
        var parameterNames = new string?[members.Count];
        var headerParameters = new List<string>();
        var inConstructor = new Dictionary<int, string>();
        for (int p = 0; p < bestMap!.Length; p++)
        {
            if (bestMap[p] >= 0)
            {
                inConstructor[bestMap[p]] = best.Parameters[p].Name;
            }
            else if (bestMap[p] == HeaderParameter)
            {
                headerParameters.Add(best.Parameters[p].Name);
            }
        }

        for (int f = 0; f < members.Count; f++)
        {
            ISymbol member = members[f];
            if (inConstructor.TryGetValue(f, out string? parameterName))
            {
                assignments[f] = FieldAssignment.Constructor;
                parameterNames[f] = parameterName;
                continue;
            }

            bool settable = member switch
            {
                IPropertySymbol property => property.SetMethod is { } setter && IsAccessible(setter, assembly),
                IFieldSymbol field => !field.IsReadOnly && IsAccessible(field, assembly),
                _ => false,
            };
            if (settable)
            {
                assignments[f] = FieldAssignment.Initializer;
                continue;
            }

            bool stored = member is IFieldSymbol || type.GetMembers().OfType<IFieldSymbol>().Any(f2 => SymbolEqualityComparer.Default.Equals(f2.AssociatedSymbol, member));
            if (stored && SymbolEqualityComparer.Default.Equals(member.ContainingType, type))
            {
                return Fail("'" + type.Name + "." + member.Name + "' is read-only and no constructor parameter sets it");
            }

            assignments[f] = FieldAssignment.Discard;
        }

        return new ConstructionPlan(null, assignments, parameterNames, headerParameters);
    }

    private static ConstructionPlan Fail(string reason) => new(reason, [], [], []);

    // A constructor parameter that a [MessageHeader] member matches (in PlanConstruction's parameter map).
    private const int HeaderParameter = -2;

    private static bool IsRequired(ISymbol member) => member switch
    {
        IPropertySymbol property => property.IsRequired,
        IFieldSymbol field => field.IsRequired,
        _ => false,
    };

    /// <summary>Whether generated code in the contract's assembly can call <paramref name="symbol"/> (and its containing types).</summary>
    private static bool IsAccessible(ISymbol symbol, IAssemblySymbol? assembly)
    {
        for (ISymbol? current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            bool ok = current.DeclaredAccessibility switch
            {
                Accessibility.Public => true,
                Accessibility.Internal or Accessibility.ProtectedOrInternal => assembly is null || SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, assembly),
                Accessibility.NotApplicable => true,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
