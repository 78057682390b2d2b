using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Parsing;

/// <summary>
/// The <c>[MessageHeader]</c> members of a contract (every format): their header names and encodings, or TPK0030 (a type
/// without a standard header encoding, a member the deserializer could not set) and TPK0031 (an empty, duplicate or
/// reserved name). The value models leave these members out (<see cref="IsHeader"/>).
/// </summary>
internal static class HeaderParser
{
    // DistributedContextPropagator's built-in propagators (W3C and legacy) write these: SendInstrumentation injects them.
    private static readonly string[] s_reserved = ["traceparent", "tracestate", "baggage", "Request-Id", "Correlation-Context"];

    /// <summary>Whether <paramref name="member"/> carries <c>[MessageHeader]</c>.</summary>
    public static bool IsHeader(ISymbol member) => AvroModelBuilder.HasAttribute(member, KnownNames.MessageHeaderAttribute);

    /// <summary>The header members of <paramref name="type"/>; problems are added to <paramref name="diagnostics"/>.</summary>
    public static EquatableArray<HeaderSpec> Parse(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        var headers = new List<HeaderSpec>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        bool byWith = type.IsRecord || type.IsValueType;
        foreach (ISymbol member in AvroModelBuilder.InstanceMembers(type))
        {
            if (AvroModelBuilder.GetAttribute(member, KnownNames.MessageHeaderAttribute) is not { } attribute)
            {
                continue;
            }

            LocationInfo? location = LocationInfo.From(member.Locations.FirstOrDefault());
            string path = type.Name + "." + member.Name;
            string name = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string n ? n : string.Empty;
            ITypeSymbol memberType = AvroModelBuilder.MemberType(member);
            string? nameProblem = string.IsNullOrWhiteSpace(name) ? "is empty"
                : names.TryGetValue(name, out string? other) ? $"is also the header of '{other}'"
                : s_reserved.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase)) is { } reserved
                    ? $"is the trace-context header '{reserved}' that the producer writes itself"
                    : null;
            if (nameProblem is not null)
            {
                diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.InvalidHeaderName, location, name, path, nameProblem));
                continue;
            }

            names[name] = path;
            if (!Settable(member, byWith))
            {
                diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.UnsupportedHeaderMember, location, path, memberType.ToDisplayString(),
                    "the deserializer sets it after reading the value, so it needs a setter (not init-only, unless the contract is a record or struct)"));
                continue;
            }

            if (ToSpec(member.Name, name, memberType) is { } spec)
            {
                headers.Add(spec);
            }
            else
            {
                diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.UnsupportedHeaderMember, location, path, memberType.ToDisplayString(),
                    "headers hold string, short, int, long, bool, Guid, enum, DateTimeOffset or byte[] values (or nullable forms of these)"));
            }
        }

        return headers.ToEquatableArray();
    }

    /// <summary>TPK0030 for a <c>[MessageHeader]</c> on a member of a type the contract contains (headers belong to the record).</summary>
    public static void ReportNested(ISymbol member, INamedTypeSymbol type, LocationInfo? location, List<DiagnosticInfo> diagnostics) =>
        diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.UnsupportedHeaderMember, location, type.Name + "." + member.Name, AvroModelBuilder.MemberType(member).ToDisplayString(),
            "headers belong to the record, so only the contract type's own members can be headers, not those of the types it contains"));

    private static bool Settable(ISymbol member, bool byWith) => member switch
    {
        IPropertySymbol property => property.SetMethod is { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal } setter && (byWith || !setter.IsInitOnly),
        IFieldSymbol field => !field.IsReadOnly && !field.IsConst,
        _ => false,
    };

    private static HeaderSpec? ToSpec(string memberName, string headerName, ITypeSymbol type)
    {
        bool nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType)
        {
            type = nullableType.TypeArguments[0];
            nullable = true;
        }

        string clrType = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol enumType)
        {
            IFieldSymbol[] members = enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToArray();
            var seen = new HashSet<object>();
            string[] cases = members.Where(f => seen.Add(f.ConstantValue!)).Select(f => f.Name).ToArray();
            return new HeaderSpec(memberName, headerName, HeaderEncoding.Enum, clrType, nullable)
            {
                EnumCases = cases.ToEquatableArray(),
                EnumNames = members.Select(f => f.Name).ToEquatableArray(),
            };
        }

        HeaderEncoding? encoding = type.SpecialType switch
        {
            SpecialType.System_String => HeaderEncoding.Utf8String,
            SpecialType.System_Int16 => HeaderEncoding.Int16,
            SpecialType.System_Int32 => HeaderEncoding.Int32,
            SpecialType.System_Int64 => HeaderEncoding.Int64,
            SpecialType.System_Boolean => HeaderEncoding.Boolean,
            _ when AvroModelBuilder.IsSystemType(type, "Guid") => HeaderEncoding.Uuid,
            _ when AvroModelBuilder.IsSystemType(type, "DateTimeOffset") => HeaderEncoding.TimestampMillis,
            _ when type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte } => HeaderEncoding.Bytes,
            _ => null,
        };
        return encoding is { } e ? new HeaderSpec(memberName, headerName, e, clrType, nullable) : null;
    }
}
