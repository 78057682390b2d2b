using System;

namespace TypedProducer;

/// <summary>
/// A message, key or field value cannot be written in the contract's wire format. The message names the
/// contract member (for example <c>RideStarted.StationName</c>) and the reason; the inner exception, when
/// present, is the original error.
/// </summary>
public sealed class MessageSerializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="memberPath">The contract member, as <c>Type.Member</c>.</param>
    /// <param name="message">What is wrong with the value.</param>
    /// <param name="innerException">The original error, if any.</param>
    public MessageSerializationException(string memberPath, string message, Exception? innerException = null)
        : base($"Cannot serialize '{memberPath}': {message}", innerException)
    {
        MemberPath = memberPath;
    }

    /// <summary>The contract member whose value could not be serialized, as <c>Type.Member</c>.</summary>
    public string MemberPath { get; }
}
