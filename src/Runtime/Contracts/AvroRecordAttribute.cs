using System;

namespace TypedProducer;

/// <summary>
/// Names, documents and aliases the Avro record a class, record or struct maps to (Apache Avro 1.11
/// specification, "Complex Types: Records" and "Aliases"). Without it a nested type is the record
/// <c>{C# namespace}.{type name}</c> with no doc and no aliases.
/// </summary>
/// <remarks>
/// On a <c>[KafkaMessage]</c> contract, <see cref="KafkaMessageAttribute.Name"/>,
/// <see cref="KafkaMessageAttribute.Namespace"/> and <see cref="KafkaMessageAttribute.Doc"/> take precedence over
/// the values here when both are set.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class AvroRecordAttribute : Attribute
{
    /// <summary>The record name. Default: the type's name. Must match <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The record's namespace. Default: the type's C# namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Documentation written to the record's "doc" attribute.</summary>
    public string? Doc { get; set; }

    /// <summary>
    /// Former names of the record, written to its "aliases" attribute: a reader whose schema uses one of these
    /// names still resolves data written under the current one. A name without a dot is relative to the record's
    /// namespace; a dotted name is a full name.
    /// </summary>
    public string[]? Aliases { get; set; }
}
