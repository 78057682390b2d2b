using System;
using System.Collections.Generic;
using TypedProducer.Schemas;
using TypedProducer.Schemas.Avro;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// Avro schema compatibility for <see cref="InMemorySchemaRegistryClient"/>, on the shared schema model: the shared parser
/// (src/Shared/Schemas) and the one compatibility check (<see cref="AvroCompatibilityChecker"/>, Apache Avro 1.11
/// specification, "Schema Resolution"), which the analyzers (TPK3001) and the deserializers' resolution plans use too.
/// This class only names the problems as Avro's Java <c>SchemaCompatibility</c> does (READER_FIELD_MISSING_DEFAULT_VALUE,
/// TYPE_MISMATCH, ...), which the Confluent registry returns with <c>?verbose=true</c>, and leaves out what Java's check
/// does not look at: logical types (a decimal's precision and scale, timestamp units).
/// </summary>
internal static class AvroSchemaCompatibility
{
    /// <summary>Parses an Avro schema, with the named types of its references already defined (and its own added).</summary>
    /// <exception cref="FormatException">Not a valid Avro schema; the message says why.</exception>
    public static AvroType Parse(string json, Dictionary<string, AvroType> named) =>
        AvroSchemaParser.Parse(json, named, out SchemaProblem? problem)
        ?? throw new FormatException($"The Avro schema is not valid: {problem!.Message} (at character {problem.Span.Start}).");

    /// <summary>Adds to <paramref name="messages"/> why a reader with <paramref name="reader"/> cannot read data written with <paramref name="writer"/>; returns true when it can.</summary>
    public static bool CanRead(AvroType reader, AvroType writer, List<string> messages)
    {
        var issues = new List<SchemaIncompatibility>();
        AvroCompatibilityChecker.Check(reader, writer, new CheckDirection(readerIsNew: true, "the writer's schema", "the reader's schema"), issues);
        bool compatible = true;
        foreach (SchemaIncompatibility issue in issues)
        {
            string kind = issue.Key.Substring(0, issue.Key.IndexOf(':'));
            string? javaName = kind switch
            {
                "missing" => "READER_FIELD_MISSING_DEFAULT_VALUE",
                "type" or "nullable" => "TYPE_MISMATCH",
                "name" => "NAME_MISMATCH",
                "symbols" => "MISSING_ENUM_SYMBOLS",
                "size" => "FIXED_SIZE_MISMATCH",
                "branch" => "MISSING_UNION_BRANCH",
                _ => null, // decimal and other logical-type changes: not part of Java's check, so not of the registry's
            };
            if (javaName is null || !issue.BreaksResolution)
            {
                continue;
            }

            compatible = false;
            messages.Add($"{javaName} at '/{string.Join("/", issue.NewPath ?? Array.Empty<string>())}': {issue.Description}.");
        }

        return compatible;
    }
}
