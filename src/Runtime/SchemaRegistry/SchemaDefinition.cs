using System;
using System.Collections.Generic;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// A schema to register, look up or check: its text, language and references (the request body of
/// <c>POST /subjects/{subject}/versions</c> in the Confluent Schema Registry REST API: <c>schema</c>,
/// <c>schemaType</c>, <c>references</c>). Confluent.SchemaRegistry calls this type <c>Schema</c>.
/// </summary>
public sealed class SchemaDefinition
{
    /// <summary>Creates a schema definition.</summary>
    /// <param name="schema">The schema text: Avro JSON, <c>.proto</c> source or JSON Schema.</param>
    /// <param name="schemaType">The schema language.</param>
    /// <param name="references">Schemas under other subjects that this one uses; null or empty for none.</param>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is null or empty.</exception>
    public SchemaDefinition(string schema, SchemaType schemaType = SchemaType.Avro, IReadOnlyList<SchemaReference>? references = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(schema);
        Schema = schema;
        SchemaType = schemaType;
        References = references ?? Array.Empty<SchemaReference>();
    }

    /// <summary>The schema text.</summary>
    public string Schema { get; }

    /// <summary>The schema language.</summary>
    public SchemaType SchemaType { get; }

    /// <summary>The references, in the order the registry receives them; empty when there are none.</summary>
    public IReadOnlyList<SchemaReference> References { get; }
}
