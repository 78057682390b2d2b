using System;

namespace TypedProducer;

/// <summary>A schema registry refused a request. <see cref="ErrorCode"/> is the registry's error code (for example 40403: schema not found).</summary>
public sealed class SchemaRegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errorCode">The registry error code.</param>
    /// <param name="message">The message, naming subject or id.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SchemaRegistryException(int errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The Confluent Schema Registry error code (40401 subject not found, 40403 schema not found, 409 incompatible, 42201 invalid schema, ...).</summary>
    public int ErrorCode { get; }
}
