using System;

namespace TypedProducer;

/// <summary>Per-field Avro options (Apache Avro 1.11 specification, "Complex Types: Records").</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class AvroFieldAttribute : Attribute
{
    /// <summary>The field's name in the schema. Default: the member's name. Must match <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Documentation written to the field's "doc" attribute.</summary>
    public string? Doc { get; set; }

    /// <summary>
    /// The field's default value as a JSON literal, written verbatim to the field's "default" attribute
    /// (for example <c>"0"</c>, <c>"\"unknown\""</c>, <c>"null"</c>). Readers use it when the writer's schema
    /// lacks the field. Nullable members get <c>null</c> by default.
    /// </summary>
    public string? Default { get; set; }

    /// <summary>
    /// Former names of the field, written to its "aliases" attribute (specification, "Aliases"): a reader whose
    /// schema still uses one of these names reads this field into it. Each must match <c>[A-Za-z_][A-Za-z0-9_]*</c>.
    /// </summary>
    public string[]? Aliases { get; set; }
}
