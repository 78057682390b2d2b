using System.Collections.Generic;

namespace TypedProducer.Analyzers.SchemaEvolution;

/// <summary>A parsed schema of any format: its full name (for subject names), aliases and the format's own tree.</summary>
internal sealed class SchemaDocument
{
    public SchemaDocument(string fullName, IReadOnlyList<string> aliases, object root)
    {
        FullName = fullName;
        Aliases = aliases;
        Root = root;
    }

    /// <summary>The full name of the root type (the Avro record's <c>namespace.name</c>), as the RecordName subject strategy uses it.</summary>
    public string FullName { get; }

    /// <summary>Earlier full names of the root type (Avro aliases): kept versions filed under them belong to it too.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>The format's parsed tree (for Avro an <see cref="TypedProducer.Schemas.Avro.AvroType"/>).</summary>
    public object Root { get; }
}
