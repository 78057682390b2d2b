using System;

namespace TypedProducer;

/// <summary>
/// Writes a member as an Avro <c>fixed</c> of <see cref="Size"/> bytes (Apache Avro 1.11 specification,
/// "Complex Types: Fixed"): the bytes with no length prefix.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>byte[]</c>: a plain fixed. Serialization throws <see cref="MessageSerializationException"/> when the
/// array's length is not <see cref="Size"/>.</item>
/// <item><c>decimal</c> with <see cref="AvroDecimalAttribute"/>: the <c>decimal</c> logical type on fixed, the
/// unscaled value as a sign-extended two's-complement big-endian integer of <see cref="Size"/> bytes. The size
/// must hold the precision: at most floor(log10(2^(8 × size − 1) − 1)) digits (TPK0016 otherwise).</item>
/// <item><see cref="TimeSpan"/> and <see cref="AvroDuration"/> are always the <c>duration</c> logical type on a
/// fixed of 12 bytes; use this attribute on them only to name that fixed type (size 12).</item>
/// </list>
/// A fixed is a named type: it is called <see cref="Name"/> (default: the field's name) in <see cref="Namespace"/>
/// (default: the enclosing record's namespace). Fields that use the same name share one definition, which must
/// then agree on size and logical type (TPK0011 otherwise). Applies to the elements of arrays, lists and the
/// values of dictionaries too.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class AvroFixedAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="size">The number of bytes, at least 1.</param>
    public AvroFixedAttribute(int size) => Size = size;

    /// <summary>The number of bytes.</summary>
    public int Size { get; }

    /// <summary>The fixed type's name. Default: the field's Avro name.</summary>
    public string? Name { get; set; }

    /// <summary>The fixed type's namespace. Default: the enclosing record's namespace.</summary>
    public string? Namespace { get; set; }

    /// <summary>Former names of the fixed type, written to its "aliases" attribute.</summary>
    public string[]? Aliases { get; set; }
}
