using System.Collections.Generic;
using System.Linq;

namespace TypedProducer.Analyzers.SchemaEvolution.Protobuf;

/// <summary>
/// Protobuf: kept versions are <c>.proto</c> files; the generated contract of a plain C# Protobuf contract holds
/// its <c>.proto</c> text in <c>ProtobufSchema</c>. The full name (RecordName subject) is the first message's
/// <c>package.Message</c>, as the registry names a Protobuf schema. Contracts on protoc-generated messages carry
/// no schema constant (their descriptor is read at run time) and are not compared.
/// </summary>
internal sealed class ProtobufSchemaFormat : SchemaFormat
{
    public static readonly ProtobufSchemaFormat Instance = new();

    private ProtobufSchemaFormat()
    {
    }

    public override int MessageFormat => 1;

    public override string Name => "Protobuf";

    public override string FileExtension => ".proto";

    public override string SchemaConstant => "ProtobufSchema";

    public override SchemaDocument? Parse(string text, out SchemaProblem? problem)
    {
        var file = ProtoParser.Parse(text, out problem);
        if (file is null)
        {
            return null;
        }

        string fullName = file.Types.OfType<ProtoMessage>().FirstOrDefault()?.FullName ?? string.Empty;
        return new SchemaDocument(fullName, System.Array.Empty<string>(), file);
    }

    public override void Check(SchemaDocument reader, SchemaDocument writer, CheckDirection direction, List<SchemaIncompatibility> issues) =>
        ProtobufCompatibilityChecker.Check((ProtoFile)reader.Root, (ProtoFile)writer.Root, direction, issues);
}
