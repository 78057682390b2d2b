using System;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// A reference from one schema to a schema registered under another subject (Confluent Schema Registry REST API,
/// "Schema references": the <c>references</c> array of <c>POST /subjects/{subject}/versions</c>). For Avro, the
/// referenced schema defines a named type (record, enum, fixed) that the referring schema uses by its full name;
/// for Protobuf, <see cref="Name"/> is the import path; for JSON Schema, the <c>$ref</c> URL.
/// </summary>
public sealed record SchemaReference
{
    /// <summary>Creates a reference.</summary>
    /// <param name="name">Avro: the full name of the referenced type; Protobuf: the import path; JSON Schema: the <c>$ref</c> URL.</param>
    /// <param name="subject">The subject the referenced schema is registered under.</param>
    /// <param name="version">The version of that subject (1 or more).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="subject"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is below 1.</exception>
    public SchemaReference(string name, string subject, int version)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Name = name;
        Subject = subject;
        Version = version;
    }

    /// <summary>Avro: the full name of the referenced type; Protobuf: the import path; JSON Schema: the <c>$ref</c> URL.</summary>
    public string Name { get; }

    /// <summary>The subject the referenced schema is registered under.</summary>
    public string Subject { get; }

    /// <summary>The version of <see cref="Subject"/> (1 or more).</summary>
    public int Version { get; }
}
