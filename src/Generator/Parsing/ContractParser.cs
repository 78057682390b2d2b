using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Parsing;

/// <summary>Turns an attributed contract symbol into a <see cref="ContractSpec"/> plus diagnostics. Never throws for bad input.</summary>
internal static class ContractParser
{
    public static ContractResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax declaration)
        {
            return new ContractResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        // [KafkaMessage] on an interface is already error CS0592 (AttributeUsage is Class | Struct); a generated
        // "partial class" part would only add CS0261 on top of it.
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return new ContractResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        // [KafkaMessage] on two partial declarations (CS0579) matches each of them; generate from the first
        // only, or both would add the same hint name and the generator would throw.
        if (!IsFirstAttributedDeclaration(type, declaration))
        {
            return new ContractResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        LocationInfo? typeLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        string typeName = type.Name;

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.ContractNotPartial, typeLocation, typeName));
            return new ContractResult(null, diagnostics.ToEquatableArray());
        }

        if (type.ContainingType is not null || type.IsGenericType)
        {
            string what = type.ContainingType is not null ? $"nested in '{type.ContainingType.Name}'" : "generic";
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.ContractNestedOrGeneric, typeLocation, typeName, what));
            return new ContractResult(null, diagnostics.ToEquatableArray());
        }

        if (type.IsStatic || type.IsRefLikeType || type.IsFileLocal)
        {
            string what = type.IsStatic ? "a static class" : type.IsRefLikeType ? "a ref struct" : "a file-local type";
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.ContractCannotImplementInterface, typeLocation, typeName, what));
            return new ContractResult(null, diagnostics.ToEquatableArray());
        }

        AttributeData attribute = context.Attributes[0];
        string topic = attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string t ? t : string.Empty;
        int format = 0;
        string? recordName = null, recordNamespace = null, recordDoc = null;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Format" when argument.Value.Value is int f:
                    format = f;
                    break;
                case "Name":
                    recordName = argument.Value.Value as string;
                    break;
                case "Namespace":
                    recordNamespace = argument.Value.Value as string;
                    break;
                case "Doc":
                    recordDoc = argument.Value.Value as string;
                    break;
            }
        }

        if (format is not (0 or 1 or 2))
        {
            diagnostics.Add(Diagnostic(DiagnosticDescriptors.FormatNotGenerated, typeLocation, typeName, format.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return new ContractResult(null, diagnostics.ToEquatableArray());
        }

        // Protobuf and JSON contracts: Parsing/FormatContractParser.cs.
        if (format != 0 || ProtobufModelBuilder.IsGeneratedMessage(type))
        {
            return FormatContractParser.Parse(type, declaration, attribute, format, topic, recordName, recordNamespace, recordDoc, typeLocation, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var builder = new AvroModelBuilder(typeName, diagnostics, cancellationToken, type.ContainingAssembly);
        builder.AddRecord(type, recordName, recordNamespace, recordDoc, typeLocation);

        // [MessageKey]/[PartitionKey] members, or the members [KafkaMessage(KeyMember/PartitionKeyMember)] names.
        (KeySpec? key, KeySpec? partitionKey) = FormatContractParser.FindKeys(type, attribute, typeLocation, diagnostics);
        EquatableArray<HeaderSpec> headers = HeaderParser.Parse(type, diagnostics);

        if (diagnostics.Count > 0)
        {
            return new ContractResult(null, diagnostics.ToEquatableArray());
        }

        string ns = AvroModelBuilder.NamespaceName(type);
        var spec = new ContractSpec(
            ns,
            typeName,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
            DeclarationKeyword(type, declaration),
            topic,
            (ns.Length == 0 ? typeName : ns + "." + typeName) + ".TypedProducer.g.cs",
            key,
            partitionKey,
            builder.NamedTypes.ToEquatableArray())
        {
            Headers = headers,
            HeadersByWith = type.IsRecord || type.IsValueType,
        };
        return new ContractResult(spec, EquatableArray<DiagnosticInfo>.Empty);
    }

    internal static DiagnosticInfo Diagnostic(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    private static bool IsFirstAttributedDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        if (type.DeclaringSyntaxReferences.Length < 2)
        {
            return true;
        }

        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == KnownNames.KafkaMessageAttribute && attribute.ApplicationSyntaxReference is { } reference)
            {
                return reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span);
            }
        }

        return true;
    }

    internal static string DeclarationKeyword(INamedTypeSymbol type, TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        _ => type.IsValueType ? "struct" : "class",
    };

    internal static KeySpec? FindKey(INamedTypeSymbol type, string attributeName, string roleName, List<DiagnosticInfo> diagnostics)
    {
        ISymbol? found = null;
        KeySpec? spec = null;
        foreach (ISymbol member in AvroModelBuilder.InstanceMembers(type))
        {
            if (!AvroModelBuilder.HasAttribute(member, attributeName))
            {
                continue;
            }

            LocationInfo? location = LocationInfo.From(member.Locations.FirstOrDefault());
            if (found is not null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.MultipleKeys, location, type.Name, roleName, found.Name, member.Name));
                continue;
            }

            found = member;
            ITypeSymbol memberType = AvroModelBuilder.MemberType(member);
            spec = ToKeySpec(member.Name, memberType);
            if (spec is null)
            {
                diagnostics.Add(Diagnostic(DiagnosticDescriptors.UnsupportedKeyType, location, type.Name + "." + member.Name, memberType.ToDisplayString()));
            }
        }

        return spec;
    }

    internal static KeySpec? ToKeySpec(string memberName, ITypeSymbol type)
    {
        bool nullable = type.NullableAnnotation == NullableAnnotation.Annotated;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType)
        {
            type = nullableType.TypeArguments[0];
            nullable = true;
        }

        KeyEncoding? encoding = type.SpecialType switch
        {
            SpecialType.System_String => KeyEncoding.Utf8String,
            SpecialType.System_Int32 => KeyEncoding.Int32,
            SpecialType.System_Int64 => KeyEncoding.Int64,
            _ when AvroModelBuilder.IsSystemType(type, "Guid") => KeyEncoding.Uuid,
            _ when type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte } => KeyEncoding.Bytes,
            _ => null,
        };
        return encoding is { } e ? new KeySpec(memberName, e, nullable || type.IsReferenceType) : null;
    }
}
