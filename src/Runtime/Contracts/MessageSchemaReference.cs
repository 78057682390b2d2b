using System;
using System.Collections.Generic;
using TypedProducer.SchemaRegistry;

namespace TypedProducer;

/// <summary>
/// A schema that a contract's value schema uses and that is registered under its own subject before it: for Protobuf,
/// a file the contract's <c>.proto</c> file imports (Confluent Schema Registry, "Schema references"). When the host
/// starts, each reference is registered (or looked up, with <c>Kafka:SchemaRegistry:AutoRegisterSchemas=false</c>)
/// under the subject <see cref="Name"/> (Confluent's default <c>ReferenceSubjectNameStrategy.ReferenceName</c>), its
/// own references first, and the value schema is registered with one <see cref="SchemaReference"/> (name, subject,
/// version) per entry of <see cref="MessageSchema.References"/>. Unlike <see cref="SchemaReference"/>, which points at
/// a registered version, this carries the schema text to register.
/// </summary>
public sealed class MessageSchemaReference
{
    /// <summary>Creates a reference.</summary>
    /// <param name="name">Protobuf: the import path as written in the importing file (<c>acme/shared/money.proto</c>).</param>
    /// <param name="schemaType">The schema language.</param>
    /// <param name="schema">The referenced schema's text as registered (Protobuf: the base64 <c>FileDescriptorProto</c>, as Confluent's .NET ProtobufSerializer sends it).</param>
    /// <param name="references">The schemas the referenced one uses in turn; null or empty for none.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="schema"/> is null or empty.</exception>
    public MessageSchemaReference(string name, SchemaType schemaType, string schema, IReadOnlyList<MessageSchemaReference>? references = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        Name = name;
        SchemaType = schemaType;
        Schema = schema;
        References = references ?? Array.Empty<MessageSchemaReference>();
    }

    /// <summary>The reference's name (Protobuf: the import path); also the subject it is registered under.</summary>
    public string Name { get; }

    /// <summary>The schema language.</summary>
    public SchemaType SchemaType { get; }

    /// <summary>The referenced schema's text, as registered.</summary>
    public string Schema { get; }

    /// <summary>The schemas the referenced one uses, registered before it; empty when there are none.</summary>
    public IReadOnlyList<MessageSchemaReference> References { get; }

    /// <summary>
    /// Whether the schema registry resolves the Protobuf import <paramref name="importPath"/> itself, so it is not
    /// registered as a reference: <c>google/protobuf/*</c> (the well-known types), <c>google/type/*</c> and
    /// <c>confluent/*</c>, the files Schema Registry ships (the same prefixes Confluent's .NET ProtobufSerializer skips).
    /// </summary>
    /// <param name="importPath">The import path.</param>
    /// <returns>True for a file the registry knows.</returns>
    public static bool IsKnownToRegistry(string importPath)
    {
        ArgumentNullException.ThrowIfNull(importPath);
        return importPath.StartsWith("google/protobuf/", StringComparison.Ordinal)
            || importPath.StartsWith("google/type/", StringComparison.Ordinal)
            || importPath.StartsWith("confluent/", StringComparison.Ordinal);
    }

    /// <summary>
    /// The references of a protoc-generated file: one per import the registry does not know
    /// (<see cref="IsKnownToRegistry"/>), each with the references of its own imports, in import order. Generated code
    /// calls it with Google.Protobuf's <c>FileDescriptor.Dependencies</c>; the runtime does not depend on Google.Protobuf,
    /// so <paramref name="describe"/> reads a file's import path, base64 <c>FileDescriptorProto</c> and imports.
    /// </summary>
    /// <typeparam name="TFile">The file descriptor type.</typeparam>
    /// <param name="imports">The files the contract's file imports.</param>
    /// <param name="describe">A file's import path, base64-encoded <c>FileDescriptorProto</c> and imports.</param>
    /// <returns>The references; empty when every import is known to the registry.</returns>
    public static IReadOnlyList<MessageSchemaReference> FromProtobufImports<TFile>(
        IEnumerable<TFile> imports,
        Func<TFile, (string Path, string SerializedFile, IEnumerable<TFile> Imports)> describe)
    {
        ArgumentNullException.ThrowIfNull(imports);
        ArgumentNullException.ThrowIfNull(describe);
        List<MessageSchemaReference>? references = null;
        foreach (TFile import in imports)
        {
            (string path, string serializedFile, IEnumerable<TFile> itsImports) = describe(import);
            if (!IsKnownToRegistry(path))
            {
                // protoc refuses import cycles, so the recursion ends.
                (references ??= new List<MessageSchemaReference>()).Add(
                    new MessageSchemaReference(path, SchemaType.Protobuf, serializedFile, FromProtobufImports(itsImports, describe)));
            }
        }

        return references is null ? Array.Empty<MessageSchemaReference>() : references;
    }
}
