using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Parsing;

/// <summary>
/// The Protobuf and JSON branch of <see cref="ContractParser"/>: reads the format-specific attribute arguments
/// (JsonContext, KeyMember, PartitionKeyMember), builds the format's model and the keys. Never throws for bad input.
/// </summary>
internal static class FormatContractParser
{
    public static ContractResult Parse(
        INamedTypeSymbol type,
        TypeDeclarationSyntax declaration,
        AttributeData attribute,
        int format,
        string topic,
        string? name,
        string? nameSpace,
        string? doc,
        LocationInfo? typeLocation,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        ITypeSymbol? jsonContext = null;
        bool jsonContextGiven = false;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == "JsonContext")
            {
                jsonContextGiven = true;
                jsonContext = argument.Value.Value as ITypeSymbol;
            }
        }

        bool generatedMessage = ProtobufModelBuilder.IsGeneratedMessage(type);
        if (generatedMessage && format != 1)
        {
            diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.ProtoGeneratedMessageFormat, typeLocation, type.Name));
            return new ContractResult(null, diagnostics.ToEquatableArray());
        }

        if (generatedMessage && MissingGeneratedMember(type) is { } missing)
        {
            diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.ProtoMessageWithoutParser, typeLocation, type.Name, missing));
            return new ContractResult(null, diagnostics.ToEquatableArray());
        }

        cancellationToken.ThrowIfCancellationRequested();
        ProtobufSpec? protobuf = null;
        JsonSpec? json = null;
        if (format == 1)
        {
            protobuf = generatedMessage
                ? new ProtobufSpec(true, string.Empty, type.Name, EquatableArray<ProtoMessageSpec>.Empty, EquatableArray<ProtoEnumSpec>.Empty)
                : new ProtobufModelBuilder(type.Name, diagnostics, cancellationToken, type.ContainingAssembly).Build(type, name, nameSpace, doc, typeLocation);
        }
        else
        {
            json = new JsonModelBuilder(diagnostics, cancellationToken).Build(type, jsonContextGiven, jsonContext, name, nameSpace, doc, typeLocation);
        }

        (KeySpec? key, KeySpec? partitionKey) = FindKeys(type, attribute, typeLocation, diagnostics);
        EquatableArray<HeaderSpec> headers = HeaderParser.Parse(type, diagnostics);
        if (diagnostics.Count > 0)
        {
            return new ContractResult(null, diagnostics.ToEquatableArray());
        }

        string ns = AvroModelBuilder.NamespaceName(type);
        var spec = new ContractSpec(
            ns,
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
            ContractParser.DeclarationKeyword(type, declaration),
            topic,
            (ns.Length == 0 ? type.Name : ns + "." + type.Name) + ".TypedProducer.g.cs",
            key,
            partitionKey,
            EquatableArray<NamedTypeSpec>.Empty,
            protobuf,
            json)
        {
            Headers = headers,
            HeadersByWith = type.IsRecord || type.IsValueType,
        };
        return new ContractResult(spec, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// The static members protoc's C# code gives every message and the generated contract calls (<c>Parser</c> to read,
    /// <c>Descriptor</c> for the registered schema and the message indexes), that an IMessage&lt;T&gt; written by hand may
    /// lack: the first one missing, described, or null.
    /// </summary>
    private static string? MissingGeneratedMember(INamedTypeSymbol type)
    {
        string self = type.ToDisplayString();
        bool Has(string name, string typeName) => type.GetMembers(name).OfType<IPropertySymbol>().Any(p =>
            p.IsStatic && p.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal && p.GetMethod is not null && p.Type.ToDisplayString() == typeName);

        if (!Has("Parser", $"Google.Protobuf.MessageParser<{self}>"))
        {
            return $"public static property 'Parser' of type MessageParser<{type.Name}>";
        }

        return Has("Descriptor", "Google.Protobuf.Reflection.MessageDescriptor")
            ? null
            : "public static property 'Descriptor' of type MessageDescriptor";
    }

    /// <summary>
    /// The message key and partition key of any contract: from [MessageKey]/[PartitionKey] members or, for types whose
    /// members cannot carry those attributes (protoc-generated messages), from the members that
    /// [KafkaMessage(KeyMember = ..., PartitionKeyMember = ...)] names.
    /// </summary>
    public static (KeySpec? Key, KeySpec? PartitionKey) FindKeys(INamedTypeSymbol type, AttributeData attribute, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics)
    {
        string? keyMember = null, partitionKeyMember = null;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "KeyMember":
                    keyMember = argument.Value.Value as string;
                    break;
                case "PartitionKeyMember":
                    partitionKeyMember = argument.Value.Value as string;
                    break;
            }
        }

        return (
            FindKey(type, KnownNames.MessageKeyAttribute, "MessageKey", "KeyMember", keyMember, typeLocation, diagnostics),
            FindKey(type, KnownNames.PartitionKeyAttribute, "PartitionKey", "PartitionKeyMember", partitionKeyMember, typeLocation, diagnostics));
    }

    /// <summary>The key from a [MessageKey]/[PartitionKey] member or, for types whose members cannot carry it, the member the attribute names.</summary>
    private static KeySpec? FindKey(
        INamedTypeSymbol type,
        string attributeName,
        string roleName,
        string propertyName,
        string? memberName,
        LocationInfo? typeLocation,
        List<DiagnosticInfo> diagnostics)
    {
        KeySpec? fromAttribute = ContractParser.FindKey(type, attributeName, roleName, diagnostics);
        if (memberName is null)
        {
            return fromAttribute;
        }

        ISymbol? member = AvroModelBuilder.InstanceMembers(type).FirstOrDefault(m => m.Name == memberName);
        if (member is null)
        {
            diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.KeyMemberNotFound, typeLocation, propertyName, memberName, type.Name));
            return null;
        }

        if (fromAttribute is not null)
        {
            diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.MultipleKeys, typeLocation, type.Name, roleName, fromAttribute.MemberName, memberName));
            return null;
        }

        ITypeSymbol memberType = AvroModelBuilder.MemberType(member);
        KeySpec? spec = ContractParser.ToKeySpec(member.Name, memberType);
        if (spec is null)
        {
            diagnostics.Add(ContractParser.Diagnostic(DiagnosticDescriptors.UnsupportedKeyType, typeLocation, type.Name + "." + member.Name, memberType.ToDisplayString()));
        }

        return spec;
    }
}
