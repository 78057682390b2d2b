using System;
using System.Collections.Generic;
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
        : this(schemaType, fullName, schema, canonicalForm, null)
    {
    }

    /// <summary>Creates a schema description with the schemas it references.</summary>
    /// <param name="schemaType">The schema language.</param>
    /// <param name="fullName">The fully qualified record or message name.</param>
    /// <param name="schema">The full schema text.</param>
    /// <param name="canonicalForm">The schema's canonical form (see the other constructor).</param>
    /// <param name="references">The schemas registered under their own subjects that this one uses (Protobuf: the imported files the registry does not know); null or empty for none.</param>
    public MessageSchema(SchemaType schemaType, string fullName, string schema, string canonicalForm, IReadOnlyList<MessageSchemaReference>? references)
    {
        SchemaType = schemaType;
        FullName = fullName ?? throw new ArgumentNullException(nameof(fullName));
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        CanonicalForm = canonicalForm ?? throw new ArgumentNullException(nameof(canonicalForm));
        References = references ?? Array.Empty<MessageSchemaReference>();
    }

    /// <summary>The schema language.</summary>
    public SchemaType SchemaType { get; }

    /// <summary>The fully qualified record name, used by the RecordName and TopicRecordName subject name strategies.</summary>
    public string FullName { get; }

    /// <summary>The full schema text, as registered with the schema registry.</summary>
    public string Schema { get; }

    /// <summary>The Parsing Canonical Form of the schema (identical for schemas that read data identically).</summary>
    public string CanonicalForm { get; }

    /// <summary>
    /// The schemas this one uses that are registered under their own subjects first (Confluent Schema Registry, "Schema
    /// references"); empty when there are none (Avro and JSON contracts, whose schemas inline every named type).
    /// </summary>
    public IReadOnlyList<MessageSchemaReference> References { get; }
}
