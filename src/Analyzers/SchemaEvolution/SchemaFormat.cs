using System.Collections.Generic;

namespace TypedProducer.Analyzers.SchemaEvolution;

/// <summary>
/// A message format whose schemas the evolution analyzer can compare: Avro (<see cref="Avro.AvroSchemaFormat"/>)
/// and Protobuf (<see cref="Protobuf.ProtobufSchemaFormat"/>). JSON Schema (<c>.json</c>, the generated
/// <c>JsonSchema</c> constant) plugs in by adding an implementation to <see cref="SchemaEvolutionAnalyzer"/>'s
/// format list.
/// </summary>
internal abstract class SchemaFormat
{
    /// <summary>The <c>KafkaMessageAttribute.Format</c> value of contracts in this format (TypedProducer.MessageFormat: Avro 0, Protobuf 1, Json 2).</summary>
    public abstract int MessageFormat { get; }

    /// <summary>The name used in messages: <c>Avro</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The extension of kept schema files, with the dot: <c>.avsc</c>.</summary>
    public abstract string FileExtension { get; }

    /// <summary>The constant of the generated <c>{Name}KafkaContract</c> class that holds the schema text: <c>AvroSchema</c>.</summary>
    public abstract string SchemaConstant { get; }

    /// <summary>Parses a schema; null with <paramref name="problem"/> set when the text is not a schema of this format.</summary>
    public abstract SchemaDocument? Parse(string text, out SchemaProblem? problem);

    /// <summary>
    /// Adds to <paramref name="issues"/> every reason why data written with <paramref name="writer"/> cannot be
    /// read with <paramref name="reader"/> (or changes meaning).
    /// </summary>
    public abstract void Check(SchemaDocument reader, SchemaDocument writer, CheckDirection direction, List<SchemaIncompatibility> issues);
}
