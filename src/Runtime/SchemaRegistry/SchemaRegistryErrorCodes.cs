namespace TypedProducer.SchemaRegistry;

/// <summary>
/// The <c>error_code</c> values of Confluent Schema Registry error bodies (<c>{"error_code": 40401, "message": "..."}</c>;
/// Confluent Schema Registry REST API, "Errors"), plus <see cref="NoResponse"/> for requests no registry answered.
/// </summary>
public static class SchemaRegistryErrorCodes
{
    /// <summary>No registry answered: connection refused, DNS or TLS failure, or the request timed out. The exception's inner exception says which.</summary>
    public const int NoResponse = 0;

    /// <summary>HTTP 401: the registry requires credentials, or refused the ones given.</summary>
    public const int Unauthorized = 401;

    /// <summary>HTTP 403: the credentials lack the permission.</summary>
    public const int Forbidden = 403;

    /// <summary>HTTP 404: subject not found.</summary>
    public const int SubjectNotFound = 40401;

    /// <summary>HTTP 404: version not found.</summary>
    public const int VersionNotFound = 40402;

    /// <summary>HTTP 404: schema not found (by id, or not registered under the subject).</summary>
    public const int SchemaNotFound = 40403;

    /// <summary>HTTP 404: the subject has no subject-level compatibility level.</summary>
    public const int SubjectCompatibilityNotConfigured = 40408;

    /// <summary>HTTP 409: the schema is incompatible with an earlier version under the subject's compatibility level.</summary>
    public const int IncompatibleSchema = 409;

    /// <summary>HTTP 422: the schema is not valid (cannot be parsed, or a reference cannot be resolved).</summary>
    public const int InvalidSchema = 42201;

    /// <summary>HTTP 422: the version is not valid (allowed: 1 to 2^31-1 and "latest").</summary>
    public const int InvalidVersion = 42202;

    /// <summary>HTTP 422: the compatibility level is not valid.</summary>
    public const int InvalidCompatibilityLevel = 42203;

    /// <summary>HTTP 500: error in the backend data store.</summary>
    public const int StoreError = 50001;

    /// <summary>HTTP 500: the operation timed out inside the registry.</summary>
    public const int OperationTimeout = 50002;

    /// <summary>HTTP 500: error while forwarding the request to the primary (leader) registry.</summary>
    public const int RequestForwardingFailed = 50003;
}
