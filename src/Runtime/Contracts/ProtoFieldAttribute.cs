using System;

namespace TypedProducer;

/// <summary>
/// Gives a member of a <see cref="MessageFormat.Protobuf"/> contract (or of a class, record or struct it
/// contains) its Protocol Buffers field number, and optionally its field name in the generated <c>.proto</c>.
/// Every serialized member of a Protobuf contract needs one (TPK0020 otherwise).
/// </summary>
/// <remarks>
/// Field numbers are the wire identity of a field (Protocol Buffers Language Guide (proto3), "Assigning Field
/// Numbers"): 1 to 536,870,911, excluding 19,000 to 19,999 (reserved for the implementation), unique within the
/// message, and never to be reused for another field once published. Numbers 1 to 15 take one byte on the wire.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class ProtoFieldAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="number">The field number: 1 to 536,870,911, not 19,000 to 19,999.</param>
    public ProtoFieldAttribute(int number) => Number = number;

    /// <summary>The field number.</summary>
    public int Number { get; }

    /// <summary>
    /// The field's name in the <c>.proto</c>. Default: the member's name in lower_snake_case (<c>RideId</c> →
    /// <c>ride_id</c>), which protoc's C# generator turns back into <c>RideId</c>. Must match
    /// <c>[A-Za-z_][A-Za-z0-9_]*</c>.
    /// </summary>
    public string? Name { get; set; }
}
