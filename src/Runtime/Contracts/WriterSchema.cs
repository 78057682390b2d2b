using System.Collections.Generic;
using System;
using TypedProducer.SchemaRegistry;

namespace TypedProducer;

/// <summary>
/// The schema a value was written with, as the schema id in its Confluent header names it (fetched from the registry:
/// <c>GET /schemas/ids/{id}</c>): what generated deserializers resolve the contract's own schema against.
/// </summary>
public sealed class WriterSchema
{
    /// <summary>Creates a writer schema.</summary>
    /// <param name="id">The schema id.</param>
    /// <param name="schemaType">The schema language.</param>
    /// <param name="schema">The schema text.</param>
    /// <param name="referencedSchemas">
    /// The texts of the schemas it references (Confluent schema references, for Avro the schemas defining the named types
    /// it uses), each after the ones it references itself; null or empty for none.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is null or empty.</exception>
    public WriterSchema(int id, SchemaType schemaType, string schema, IReadOnlyList<string>? referencedSchemas = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(schema);
        Id = id;
        SchemaType = schemaType;
        Schema = schema;
        ReferencedSchemas = referencedSchemas ?? Array.Empty<string>();
    }

    /// <summary>The schema id.</summary>
    public int Id { get; }

    /// <summary>The schema language.</summary>
    public SchemaType SchemaType { get; }

    /// <summary>The schema text as registered.</summary>
    public string Schema { get; }

    /// <summary>The referenced schemas' texts, dependencies first; empty when there are none.</summary>
    public IReadOnlyList<string> ReferencedSchemas { get; }

    /// <summary>A contract's own value schema under <paramref name="id"/>: what its generated serializer writes.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="id">The schema id the contract's schema is registered under.</param>
    /// <returns>The writer schema.</returns>
    public static WriterSchema Of(MessageContract contract, int id)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new WriterSchema(id, contract.ValueSchema.SchemaType, contract.ValueSchema.Schema);
    }
}
