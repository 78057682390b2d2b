using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TypedProducer.Build;

/// <summary>A generated contract class and its string constants, read from the compiled assembly.</summary>
internal sealed class ContractConstants
{
    public ContractConstants(string contractType, Dictionary<string, string> constants)
    {
        ContractType = contractType;
        Constants = constants;
    }

    /// <summary>The generated class: <c>Shop.Events.OrderPlacedKafkaContract</c>.</summary>
    public string ContractType { get; }

    /// <summary>Its string constants by name: <c>TopicName</c>, <c>AvroSchema</c>, <c>ProtobufSchema</c>, <c>ProtobufMessageName</c>, ...</summary>
    public Dictionary<string, string> Constants { get; }

    /// <summary>The <c>TopicName</c> constant, when present.</summary>
    public string? Topic => Constants.TryGetValue("TopicName", out string? topic) ? topic : null;
}

/// <summary>
/// Reads the schema constants of the generated <c>{Name}KafkaContract</c> classes from an assembly's metadata
/// (ECMA-335 Constant table) with System.Reflection.Metadata: no code of the user's assembly is loaded or run,
/// and the file is not locked after the call.
/// </summary>
internal static class ContractSchemaReader
{
    /// <summary>Reads the string constants of every <c>*KafkaContract</c> type.</summary>
    /// <param name="assemblyPath">The compiled assembly.</param>
    /// <returns>One entry per contract class with at least one string constant, in metadata order.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="System.BadImageFormatException">The file is not a .NET assembly.</exception>
    public static List<ContractConstants> Read(string assemblyPath)
    {
        var result = new List<ContractConstants>();
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

            var constants = new Dictionary<string, string>(System.StringComparer.Ordinal);
            foreach (var fieldHandle in type.GetFields())
            {
                var field = metadata.GetFieldDefinition(fieldHandle);
                if (StringConstant(metadata, field) is { } value)
                {
                    constants[metadata.GetString(field.Name)] = value;
                }
            }

            if (constants.Count > 0)
            {
                string ns = metadata.GetString(type.Namespace);
                result.Add(new ContractConstants(ns.Length > 0 ? ns + "." + name : name, constants));
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
