using System;

namespace TypedProducer;

/// <summary>
/// Avro options of an enum type (Apache Avro 1.11 specification, "Complex Types: Enums"): its name,
/// namespace, doc, aliases and default symbol.
/// </summary>
/// <example>
/// <code>
/// [AvroEnum(Default = nameof(Unknown))]
/// public enum CardBrand { Unknown, Visa, Mastercard }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Enum, AllowMultiple = false, Inherited = false)]
public sealed class AvroEnumAttribute : Attribute
{
    /// <summary>The enum's Avro name. Default: the type's name. Must match <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The enum's Avro namespace. Default: the type's C# namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Documentation written to the enum's "doc" attribute.</summary>
    public string? Doc { get; set; }

    /// <summary>Former names of the enum, written to its "aliases" attribute.</summary>
    public string[]? Aliases { get; set; }

    /// <summary>
    /// The enum's default symbol, written to the enum schema's "default" attribute: a reader whose schema lacks
    /// the symbol that was written reads this one instead of failing (specification, "Schema Resolution"). It
    /// must be one of the enum's member names (TPK0015 otherwise); use <c>nameof</c>. It does not change what
    /// is written: every value is still written as its own symbol.
    /// </summary>
    public string? Default { get; set; }
}
