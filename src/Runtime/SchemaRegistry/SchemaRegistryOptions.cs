using System;
using System.Collections.Generic;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// The schema registry the producers register their value schemas with, and how each contract's schema id is
/// chosen. Bound from <c>"Kafka:SchemaRegistry"</c>:
/// <code>
/// "Kafka": {
///   "SchemaRegistry": {
///     "Url": "https://registry-1:8081,https://registry-2:8081",
///     "BasicAuthUserInfo": "user:password",
///     "SslCaLocation": "/etc/ssl/registry-ca.pem",
///     "RequestTimeout": "00:00:30",
///     "MaxRetries": 3,
///     "AutoRegisterSchemas": true,
///     "SchemaIds": { "payments": 42 }
///   }
/// }
/// </code>
/// Without <see cref="Url"/>, <see cref="InMemorySchemaRegistryClient"/> is used, and only with the embedded cluster or
/// <see cref="UseInMemoryRegistry"/>: a real cluster without a registry URL fails the host's start. Property names follow the
/// Confluent client configuration (<c>schema.registry.*</c>) and serializer configuration
/// (<c>auto.register.schemas</c>, <c>use.latest.version</c>, <c>normalize.schemas</c>, <c>use.schema.id</c>).
/// </summary>
public sealed class SchemaRegistryOptions
{
    /// <summary>
    /// The registry's base URL, or several comma-separated (Confluent <c>schema.registry.url</c>). A request goes to the
    /// URL that answered last; on a network error, timeout, 408, 429 or 5xx it fails over to the next one. Credentials
    /// may be given in the URL (<c>https://user:password@host:8081</c>) when no other credentials are set. Null or
    /// empty: no HTTP registry (the in-memory one is registered instead; see <see cref="UseInMemoryRegistry"/>).
    /// </summary>
    public string? Url { get; set; }

    /// <summary>
    /// Opts into the in-memory registry (<see cref="InMemorySchemaRegistryClient"/>) for a cluster that is not the embedded
    /// one, when no <see cref="Url"/> is set: for tests against a mock or throw-away cluster whose records no other client
    /// reads. Default false: without it such a host fails to start, because the in-memory registry's ids (1, 2, ...) would
    /// be written into the cluster and other clients would resolve them to other schemas or to none.
    /// </summary>
    public bool UseInMemoryRegistry { get; set; }

    /// <summary>HTTP basic authentication as <c>"user:password"</c> (Confluent <c>basic.auth.user.info</c>). Takes precedence over <see cref="Username"/>.</summary>
    public string? BasicAuthUserInfo { get; set; }

    /// <summary>HTTP basic authentication user name, with <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    /// <summary>HTTP basic authentication password, with <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Path of a PEM (one or more certificates) or DER file with the certificate authorities that sign the registry's
    /// TLS certificate, trusted in addition to the system store (Confluent <c>schema.registry.ssl.ca.location</c>).
    /// </summary>
    public string? SslCaLocation { get; set; }

    /// <summary>Path of a PKCS#12 file with the client certificate and key for mutual TLS (Confluent <c>schema.registry.ssl.keystore.location</c>).</summary>
    public string? SslKeystoreLocation { get; set; }

    /// <summary>Password of <see cref="SslKeystoreLocation"/> (Confluent <c>schema.registry.ssl.keystore.password</c>).</summary>
    public string? SslKeystorePassword { get; set; }

    /// <summary>Path of a PEM client certificate for mutual TLS, with <see cref="SslKeyLocation"/> (alternative to <see cref="SslKeystoreLocation"/>).</summary>
    public string? SslCertificateLocation { get; set; }

    /// <summary>Path of the PEM private key of <see cref="SslCertificateLocation"/>; null when the certificate file holds the key.</summary>
    public string? SslKeyLocation { get; set; }

    /// <summary>Password of an encrypted PEM private key (<see cref="SslKeyLocation"/>).</summary>
    public string? SslKeyPassword { get; set; }

    /// <summary>
    /// Verify the registry's TLS certificate (chain and host name). Default: true. Turning it off accepts any server;
    /// for development only (Confluent <c>schema.registry.enable.ssl.certificate.verification</c>).
    /// </summary>
    public bool EnableSslCertificateVerification { get; set; } = true;

    /// <summary>How long one HTTP attempt may take, from sending the request to reading the whole answer. Default: 30 seconds (Confluent <c>schema.registry.request.timeout.ms</c>).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many more rounds over the URLs are made after every URL failed with a transient error (network error,
    /// timeout, HTTP 408, 429 or 5xx). 4xx answers such as 401, 404, 409 and 422 are never retried. Default: 3
    /// (Confluent <c>schema.registry.max.retries</c>).
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The wait before the first retry round; each later round waits twice as long, up to <see cref="MaxRetryBackoff"/>,
    /// with ±20 % random jitter. A <c>Retry-After</c> header (seconds) of a 429 or 503 answer is honoured up to
    /// <see cref="MaxRetryBackoff"/>. Default: 1 second (Confluent <c>schema.registry.retries.wait.ms</c>).
    /// </summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retry rounds. Default: 20 seconds (Confluent <c>schema.registry.retries.max.wait.ms</c>).</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How many entries each client cache keeps (schemas by id, ids by subject and schema, versions by subject and
    /// number); a full cache is emptied. Default: 1000 (Confluent <c>schema.registry.max.cached.schemas</c>).
    /// </summary>
    public int MaxCachedSchemas { get; set; } = 1000;

    /// <summary>
    /// Register each contract's value schema at start-up (Confluent serializer <c>auto.register.schemas</c>). Default:
    /// true. When false (and neither <see cref="UseLatestVersion"/> nor <see cref="SchemaIds"/> applies), the schema
    /// must already be registered under its subject: it is looked up (<c>POST /subjects/{subject}</c>), and start-up
    /// fails with 40401 or 40403 otherwise.
    /// </summary>
    public bool AutoRegisterSchemas { get; set; } = true;

    /// <summary>
    /// Use the id of the latest version of each contract's subject instead of registering (Confluent serializer
    /// <c>use.latest.version</c>). Start-up fails unless that version encodes exactly as the contract's schema: the
    /// generated serializers write the contract's layout, and readers decode with the schema the id names. Default: false.
    /// </summary>
    public bool UseLatestVersion { get; set; }

    /// <summary>Ask the registry to normalise schemas when registering and looking them up (Confluent serializer <c>normalize.schemas</c>; REST <c>?normalize=true</c>). Default: false.</summary>
    public bool NormalizeSchemas { get; set; }

    /// <summary>
    /// Register the Avro named types (records, enums, fixed) that several contracts define identically as schemas of
    /// their own, under subjects named by their full names, and register each contract's schema with schema references
    /// to them (Confluent Schema Registry, "Schema references") instead of a copy of each definition. Applies to the
    /// contracts registered together (the host registers all of an application's contracts at once) and to
    /// registration and lookup (<see cref="AutoRegisterSchemas"/>); the bytes written are the same either way, and
    /// registry-resolving readers (Confluent's AvroDeserializer, <see cref="TypedDeserializer{TMessage}"/>) resolve the
    /// references. Default: false, which registers each schema whole, as Confluent's AvroSerializer does. Protobuf
    /// imports are always registered as references.
    /// </summary>
    public bool AvroNamedTypeReferences { get; set; }

    /// <summary>
    /// Fixed schema ids by contract, keyed by the value schema's full name (for example <c>"citibike.events.RideStarted"</c>)
    /// or by topic; the full name wins when both match (Confluent serializer <c>use.schema.id</c>). The schema with that
    /// id is read at start-up, and start-up fails unless it encodes exactly as the contract's schema.
    /// </summary>
    public Dictionary<string, int> SchemaIds { get; } = new(StringComparer.Ordinal);
}
