using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TypedProducer.Build;

/// <summary>A generated contract's schema, read from the compiled assembly.</summary>
internal sealed class ContractSchema
{
    public ContractSchema(string contractType, string? topic, string constant, string schema)
    {
        ContractType = contractType;
        Topic = topic;
        Constant = constant;
        Schema = schema;
    }

    /// <summary>The generated class: <c>Shop.Events.OrderPlacedKafkaContract</c>.</summary>
    public string ContractType { get; }

    /// <summary>The <c>TopicName</c> constant, when present.</summary>
    public string? Topic { get; }

    /// <summary>The constant that held the schema: <c>AvroSchema</c>.</summary>
    public string Constant { get; }

    /// <summary>The schema text.</summary>
    public string Schema { get; }
}

/// <summary>
/// Reads the schema constants of the generated <c>{Name}KafkaContract</c> classes from an assembly's metadata
/// (ECMA-335 Constant table) with System.Reflection.Metadata: no code of the user's assembly is loaded or run,
/// and the file is not locked after the call.
/// </summary>
internal static class ContractSchemaReader
{
    /// <summary>Reads every <c>*KafkaContract</c> type's string constant named one of <paramref name="schemaConstants"/>.</summary>
    /// <param name="assemblyPath">The compiled assembly.</param>
    /// <param name="schemaConstants">Constant names holding schemas: <c>AvroSchema</c>, later <c>ProtobufSchema</c>, <c>JsonSchema</c>.</param>
    /// <returns>One entry per contract and schema constant, in metadata order.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="System.BadImageFormatException">The file is not a .NET assembly.</exception>
    public static List<ContractSchema> Read(string assemblyPath, ICollection<string> schemaConstants)
    {
        var result = new List<ContractSchema>();
        using var stream = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            string name = metadata.GetString(type.Name);
            if (!name.EndsWith("KafkaContract", System.StringComparison.Ordinal))
            {
                continue;
            }

            string? topic = null;
            var schemas = new List<(string Constant, string Schema)>();
            foreach (var fieldHandle in type.GetFields())
            {
                var field = metadata.GetFieldDefinition(fieldHandle);
                string fieldName = metadata.GetString(field.Name);
                if (StringConstant(metadata, field) is not { } value)
                {
                    continue;
                }

                if (fieldName == "TopicName")
                {
                    topic = value;
                }
                else if (schemaConstants.Contains(fieldName))
                {
                    schemas.Add((fieldName, value));
                }
            }

            string ns = metadata.GetString(type.Namespace);
            string fullType = ns.Length > 0 ? ns + "." + name : name;
            foreach (var (constant, schema) in schemas)
            {
                result.Add(new ContractSchema(fullType, topic, constant, schema));
            }
        }

        return result;
    }

    private static string? StringConstant(MetadataReader metadata, FieldDefinition field)
    {
        var constantHandle = field.GetDefaultValue();
        if (constantHandle.IsNil)
        {
            return null;
        }

        var constant = metadata.GetConstant(constantHandle);
        if (constant.TypeCode != ConstantTypeCode.String)
        {
            return null;
        }

        var blob = metadata.GetBlobReader(constant.Value);
        return blob.ReadUTF16(blob.Length); // the Blob heap holds the string as UTF-16 without terminator (ECMA-335 II.22.9)
    }
}
