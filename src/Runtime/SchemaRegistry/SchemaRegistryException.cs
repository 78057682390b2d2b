using System;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// A schema registry refused a request, or no registry answered it. <see cref="ErrorCode"/> is the registry's
/// <c>error_code</c> (<see cref="SchemaRegistryErrorCodes"/>: 40401 subject not found, 40402 version not found, 40403
/// schema not found, 409 incompatible, 42201 invalid schema, 42202 invalid version, 5000x server errors), or
/// <see cref="SchemaRegistryErrorCodes.NoResponse"/> (0) when no registry answered; the message names the registry URL,
/// the subject and the version involved.
/// </summary>
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

    /// <summary>
    /// The Confluent Schema Registry error code (<see cref="SchemaRegistryErrorCodes"/>), the HTTP status when the
    /// error body had none, or 0 when no registry answered.
    /// </summary>
    public int ErrorCode { get; }

    /// <summary>The HTTP status of the registry's answer; null when it did not answer or the registry is in-memory.</summary>
    public int? HttpStatusCode { get; init; }

    /// <summary>The subject of the request, when it had one.</summary>
    public string? Subject { get; init; }

    /// <summary>The version of the request or, for an incompatible schema, the version it was checked against; null when none applies.</summary>
    public int? Version { get; init; }

    /// <summary>The registry URL (without credentials) of the last attempt; null for the in-memory registry.</summary>
    public string? RegistryUrl { get; init; }

    /// <summary>True for <see cref="SchemaRegistryErrorCodes.NoResponse"/>, 408, 429 and 5xx answers: the request may succeed if repeated later.</summary>
    public bool IsTransient => ErrorCode == SchemaRegistryErrorCodes.NoResponse || HttpStatusCode is 408 or 429 or >= 500;
}
