using System;
using System.Collections.Generic;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// A schema as stored by a registry (the answers of <c>GET /schemas/ids/{id}</c>,
/// <c>GET /subjects/{subject}/versions/{version}</c> and <c>POST /subjects/{subject}</c> in the Confluent Schema
/// Registry REST API).
/// </summary>
/// <param name="Id">The schema id, global to the registry (a positive integer).</param>
/// <param name="Schema">The schema text as the registry stores it.</param>
/// <param name="SchemaType">The schema language.</param>
public sealed record RegisteredSchema(int Id, string Schema, SchemaType SchemaType)
{
    /// <summary>The subject, when the schema was read through one (by subject and version, or by lookup); otherwise null.</summary>
    public string? Subject { get; init; }

    /// <summary>The version within <see cref="Subject"/> (1 or more), or 0 when the schema was read by id alone.</summary>
    public int Version { get; init; }

    /// <summary>The schema's references; empty when there are none.</summary>
    public IReadOnlyList<SchemaReference> References { get; init; } = Array.Empty<SchemaReference>();
}
