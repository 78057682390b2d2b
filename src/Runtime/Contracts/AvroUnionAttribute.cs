using System;

namespace TypedProducer;

/// <summary>
/// Maps a polymorphic member to an Avro union of records (Apache Avro 1.11 specification, "Complex Types:
/// Unions"), one branch per listed type, in the order given. Put it on the abstract base type or interface
/// (it then applies wherever the type is used) or on a member (it then applies to that member only, and wins
/// over the type's).
/// </summary>
/// <remarks>
/// <para>
/// Each listed type must be a concrete class, record or struct assignable to the member's type (TPK0017
/// otherwise); each becomes a named record with its own fields. A nullable member adds <c>"null"</c> as the
/// first branch. The generated serializer selects the branch with type patterns, most derived type first (no
/// reflection); a value whose runtime type is not listed, for example a subtype added later, throws
/// <see cref="MessageSerializationException"/> naming that type.
/// </para>
/// <example>
/// <code>
/// [AvroUnion(typeof(CardPayment), typeof(CashPayment))]
/// public abstract record Payment;
/// public sealed record CardPayment(string Last4) : Payment;
/// public sealed record CashPayment(string Currency) : Payment;
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface | AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class AvroUnionAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="types">The concrete types of the union's branches, in branch order.</param>
    public AvroUnionAttribute(params Type[] types) => Types = types;

    /// <summary>The concrete types of the union's branches, in branch order.</summary>
    public Type[] Types { get; }
}
