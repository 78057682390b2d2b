using System;
using TypedProducer.SchemaRegistry;

namespace TypedProducer;

/// <summary>The value schema of a message contract, generated at compile time.</summary>
public sealed class MessageSchema
{
    /// <summary>Creates a schema description.</summary>
    /// <param name="schemaType">The schema language.</param>
    /// <param name="fullName">The fully qualified record name (Avro: namespace + "." + name).</param>
    /// <param name="schema">The full schema text, with docs, defaults and logical types.</param>
    /// <param name="canonicalForm">
    /// The schema's Parsing Canonical Form (Apache Avro 1.11 specification, "Parsing Canonical Form for
    /// Schemas"); for other schema types the schema text itself.
    /// </param>
    public MessageSchema(SchemaType schemaType, string fullName, string schema, string canonicalForm)
    {
        SchemaType = schemaType;
        FullName = fullName ?? throw new ArgumentNullException(nameof(fullName));
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        CanonicalForm = canonicalForm ?? throw new ArgumentNullException(nameof(canonicalForm));
    }

    /// <summary>The schema language.</summary>
    public SchemaType SchemaType { get; }

    /// <summary>The fully qualified record name, used by the RecordName and TopicRecordName subject name strategies.</summary>
    public string FullName { get; }

    /// <summary>The full schema text, as registered with the schema registry.</summary>
    public string Schema { get; }

    /// <summary>The Parsing Canonical Form of the schema (identical for schemas that read data identically).</summary>
    public string CanonicalForm { get; }
}
