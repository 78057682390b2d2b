using System;

namespace TypedProducer;

/// <summary>
/// A value cannot be read as the contract: the bytes do not match the writer's schema (truncated, an out-of-range
/// union branch or enum symbol, invalid UTF-8, trailing bytes), or a value does not fit the member's C# type (an Avro
/// int above 255 for a <c>byte</c>, a decimal beyond 96 bits). The message names the contract member (for example
/// <c>RideStarted.StationName</c>) and, when known, the writer's schema id; the inner exception is the original error.
/// </summary>
public sealed class MessageDeserializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="memberPath">The contract member, as <c>Type.Member</c>.</param>
    /// <param name="message">What is wrong with the value.</param>
    /// <param name="innerException">The original error, if any.</param>
    public MessageDeserializationException(string memberPath, string message, Exception? innerException = null)
        : this(memberPath, -1, message, innerException)
    {
    }

    /// <summary>Creates the exception for a value written with schema <paramref name="schemaId"/>.</summary>
    /// <param name="memberPath">The contract member, as <c>Type.Member</c>.</param>
    /// <param name="schemaId">The writer's schema id, or -1 when unknown.</param>
    /// <param name="message">What is wrong with the value.</param>
    /// <param name="innerException">The original error, if any.</param>
    public MessageDeserializationException(string memberPath, int schemaId, string message, Exception? innerException = null)
        : base($"Cannot deserialize '{memberPath}'{(schemaId >= 0 ? $" (writer schema id {schemaId})" : string.Empty)}: {message}", innerException)
    {
        MemberPath = memberPath;
        SchemaId = schemaId;
        Reason = message;
    }

    /// <summary>The contract member whose value could not be read, as <c>Type.Member</c>.</summary>
    public string MemberPath { get; }

    /// <summary>The schema id in the value's header (the writer's schema), or -1 when unknown.</summary>
    public int SchemaId { get; }

    /// <summary>What is wrong, without the member and schema id.</summary>
    public string Reason { get; }

    /// <summary>The same error, naming the writer's schema id.</summary>
    internal MessageDeserializationException WithSchemaId(int schemaId) =>
        SchemaId >= 0 ? this : new MessageDeserializationException(MemberPath, schemaId, Reason, InnerException);
}
