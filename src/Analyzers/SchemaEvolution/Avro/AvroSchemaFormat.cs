using System.Collections.Generic;

namespace TypedProducer.Analyzers.SchemaEvolution.Avro;

/// <summary>Avro: kept versions are <c>.avsc</c> files; the generated contract holds the schema in <c>AvroSchema</c>.</summary>
internal sealed class AvroSchemaFormat : SchemaFormat
{
    public static readonly AvroSchemaFormat Instance = new();

    private AvroSchemaFormat()
    {
    }

    public override int MessageFormat => 0;

    public override string Name => "Avro";

    public override string FileExtension => ".avsc";

    public override string SchemaConstant => "AvroSchema";

    public override SchemaDocument? Parse(string text, out SchemaProblem? problem)
    {
        var root = AvroSchemaParser.Parse(text, out problem);
        if (root is null)
        {
            return null;
        }

        // A subject's schema may be any Avro schema; only named roots have a full name (RecordName strategy).
        return new SchemaDocument(root.FullName ?? string.Empty, root.Aliases, root);
    }

    public override void Check(SchemaDocument reader, SchemaDocument writer, CheckDirection direction, List<SchemaIncompatibility> issues) =>
        AvroCompatibilityChecker.Check((AvroType)reader.Root, (AvroType)writer.Root, direction, issues);
}
