using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ConfluentRegistry = global::Confluent.SchemaRegistry;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// TypedProducer's <see cref="ISchemaRegistryClient"/> over an application's Confluent.SchemaRegistry client
/// (<see cref="ConfluentRegistry.CachedSchemaRegistryClient"/> or any <see cref="ConfluentRegistry.ISchemaRegistryClient"/>), so the
/// generated producers register and resolve schemas through the same client, configuration and cache as Confluent's
/// serdes. Every call maps to the Confluent client's call of the same REST request; the Confluent client's caching
/// applies (schemas by id, registrations and versions are cached by it).
/// <list type="bullet">
/// <item><description>Errors: a <see cref="ConfluentRegistry.SchemaRegistryException"/> becomes a
/// <see cref="SchemaRegistryException"/> with the same <c>error_code</c> and HTTP status, naming the subject; an
/// <see cref="HttpRequestException"/> (no registry answered) becomes error code
/// <see cref="SchemaRegistryErrorCodes.NoResponse"/>. The Confluent exception is the inner exception.</description></item>
/// <item><description>Cancellation: the Confluent client takes no <see cref="CancellationToken"/>; a cancelled token
/// stops the wait (<see cref="OperationCanceledException"/>), not the HTTP request.</description></item>
/// <item><description>Compatibility: the Confluent client checks against the latest version only and returns no
/// reasons, so <see cref="TestCompatibilityAsync"/> supports <c>version</c> null or the latest version, and its
/// messages are empty.</description></item>
/// <item><description>Caching: after a registration the Confluent client answers reads by id from the text it
/// registered, so after <c>normalize: true</c> it returns the text as sent, not the registry's normalised form.</description></item>
/// </list>
/// The adapter does not own the Confluent client: disposing it is the caller's (or the DI container's) business.
/// </summary>
public sealed class ConfluentSchemaRegistryClient : ISchemaRegistryClient
{
    private readonly ConfluentRegistry.ISchemaRegistryClient _client;

    /// <summary>Wraps <paramref name="client"/>.</summary>
    /// <param name="client">The Confluent client, for example a <see cref="ConfluentRegistry.CachedSchemaRegistryClient"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    public ConfluentSchemaRegistryClient(ConfluentRegistry.ISchemaRegistryClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>The wrapped Confluent client.</summary>
    public ConfluentRegistry.ISchemaRegistryClient Inner => _client;

    /// <inheritdoc />
    public async Task<int> RegisterSchemaAsync(string subject, SchemaDefinition schema, bool normalize = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        try
        {
            return await Call(() => _client.RegisterSchemaAsync(subject, ToConfluent(schema), normalize), subject, null, cancellationToken).ConfigureAwait(false);
        }
        catch (SchemaRegistryException ex) when (ex.ErrorCode == SchemaRegistryErrorCodes.IncompatibleSchema)
        {
            // The registry's 409 names the subject but not always the version the schema was checked against: read it.
            RegisteredSchema? latest = null;
            try
            {
                latest = await GetLatestSchemaAsync(subject, cancellationToken).ConfigureAwait(false);
            }
            catch (SchemaRegistryException)
            {
            }

            if (latest is null)
            {
                throw;
            }

            throw new SchemaRegistryException(ex.ErrorCode, $"{ex.Message} The latest version of subject '{subject}' is version {latest.Version} (schema id {latest.Id}).", ex.InnerException)
            {
                HttpStatusCode = ex.HttpStatusCode,
                Subject = subject,
                Version = latest.Version,
            };
        }
    }

    /// <inheritdoc />
    public async Task<RegisteredSchema> LookupSchemaAsync(string subject, SchemaDefinition schema, bool normalize = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        ConfluentRegistry.RegisteredSchema found = await Call(() => _client.LookupSchemaAsync(subject, ToConfluent(schema), ignoreDeletedSchemas: true, normalize), subject, null, cancellationToken).ConfigureAwait(false);
        return FromConfluent(found, found.Id);
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> GetSchemaAsync(int id, CancellationToken cancellationToken = default) => GetSchemaBySubjectAndIdAsync(null, id, cancellationToken);

    /// <inheritdoc />
    public async Task<RegisteredSchema> GetSchemaBySubjectAndIdAsync(string? subject, int id, CancellationToken cancellationToken = default)
    {
        ConfluentRegistry.Schema schema = await Call(() => subject is null ? _client.GetSchemaAsync(id) : _client.GetSchemaBySubjectAndIdAsync(subject, id), subject, null, cancellationToken).ConfigureAwait(false);
        // By id the registry answers no subject and no version (our contract: null and 0), whatever the Confluent type carries.
        return new RegisteredSchema(id, schema.SchemaString, FromConfluent(schema.SchemaType)) { References = FromConfluent(schema.References) };
    }

    /// <inheritdoc />
    public async Task<RegisteredSchema> GetRegisteredSchemaAsync(string subject, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ConfluentRegistry.RegisteredSchema found = await Call(() => _client.GetRegisteredSchemaAsync(subject, version, ignoreDeletedSchemas: true), subject, version, cancellationToken).ConfigureAwait(false);
        return FromConfluent(found, found.Id);
    }

    /// <inheritdoc />
    /// <remarks>The Confluent client caches "latest" (<c>schema.registry.latest.cache.ttl.secs</c>); this call clears that cache first, so the answer is the registry's.</remarks>
    public async Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        _client.ClearLatestCaches();
        ConfluentRegistry.RegisteredSchema latest = await Call(() => _client.GetLatestSchemaAsync(subject), subject, null, cancellationToken).ConfigureAwait(false);
        return FromConfluent(latest, latest.Id);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetAllSubjectsAsync(CancellationToken cancellationToken = default) =>
        await Call(() => _client.GetAllSubjectsAsync(), null, null, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> GetSubjectVersionsAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        List<int> versions = await Call(() => _client.GetSubjectVersionsAsync(subject), subject, null, cancellationToken).ConfigureAwait(false);
        versions.Sort();
        return versions;
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException"><paramref name="version"/> is set and is not the subject's latest version (the Confluent client checks against the latest only).</exception>
    public async Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, SchemaDefinition schema, int? version = null, bool verbose = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        if (version is { } requested)
        {
            RegisteredSchema against = await GetRegisteredSchemaAsync(subject, requested, cancellationToken).ConfigureAwait(false);
            RegisteredSchema latest = await GetLatestSchemaAsync(subject, cancellationToken).ConfigureAwait(false);
            if (against.Version != latest.Version)
            {
                throw new NotSupportedException(
                    $"Confluent.SchemaRegistry's client checks compatibility against the latest version only; subject '{subject}' has version {latest.Version} as its latest, not {requested}. Use HttpSchemaRegistryClient to check against an older version.");
            }
        }

        try
        {
            bool compatible = await Call(() => _client.IsCompatibleAsync(subject, ToConfluent(schema)), subject, version, cancellationToken).ConfigureAwait(false);
            return compatible ? CompatibilityCheckResult.Compatible : new CompatibilityCheckResult(false, Array.Empty<string>());
        }
        catch (SchemaRegistryException ex) when (version is null && ex.ErrorCode == SchemaRegistryErrorCodes.SubjectNotFound)
        {
            // Our contract (and the registry's since Confluent Platform 7): against "latest" of a subject without versions, every schema is compatible.
            return CompatibilityCheckResult.Compatible;
        }
    }

    /// <inheritdoc />
    public async Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        ConfluentRegistry.Compatibility level;
        try
        {
            level = await Call(() => _client.GetCompatibilityAsync(subject), subject, null, cancellationToken).ConfigureAwait(false);
        }
        catch (SchemaRegistryException ex) when (subject is not null && ex.ErrorCode is SchemaRegistryErrorCodes.SubjectCompatibilityNotConfigured or SchemaRegistryErrorCodes.SubjectNotFound)
        {
            // No subject-level setting: the global level applies (our contract: GET /config/{subject}?defaultToGlobal=true).
            level = await Call(() => _client.GetCompatibilityAsync(null), null, null, cancellationToken).ConfigureAwait(false);
        }

        return level switch
        {
            ConfluentRegistry.Compatibility.None => CompatibilityLevel.None,
            ConfluentRegistry.Compatibility.Backward => CompatibilityLevel.Backward,
            ConfluentRegistry.Compatibility.BackwardTransitive => CompatibilityLevel.BackwardTransitive,
            ConfluentRegistry.Compatibility.Forward => CompatibilityLevel.Forward,
            ConfluentRegistry.Compatibility.ForwardTransitive => CompatibilityLevel.ForwardTransitive,
            ConfluentRegistry.Compatibility.Full => CompatibilityLevel.Full,
            ConfluentRegistry.Compatibility.FullTransitive => CompatibilityLevel.FullTransitive,
            _ => throw new SchemaRegistryException(SchemaRegistryErrorCodes.NoResponse, $"The Confluent schema registry client answered an unknown compatibility level '{level}' for {(subject is null ? "the global configuration" : $"subject '{subject}'")}.") { Subject = subject },
        };
    }

    /// <summary>"Confluent.SchemaRegistry client ({inner})".</summary>
    /// <returns>A description for logs and errors.</returns>
    public override string ToString() => $"Confluent.SchemaRegistry client ({_client.GetType().Name})";

    internal static ConfluentRegistry.Schema ToConfluent(SchemaDefinition schema)
    {
        var references = new List<ConfluentRegistry.SchemaReference>(schema.References.Count);
        foreach (SchemaReference reference in schema.References)
        {
            references.Add(new ConfluentRegistry.SchemaReference(reference.Name, reference.Subject, reference.Version));
        }

        return new ConfluentRegistry.Schema(schema.Schema, references, schema.SchemaType switch
        {
            SchemaType.Avro => ConfluentRegistry.SchemaType.Avro,
            SchemaType.Protobuf => ConfluentRegistry.SchemaType.Protobuf,
            SchemaType.Json => ConfluentRegistry.SchemaType.Json,
            _ => throw new ArgumentOutOfRangeException(nameof(schema), schema.SchemaType, "Unknown schema type."),
        });
    }

    private static RegisteredSchema FromConfluent(ConfluentRegistry.RegisteredSchema schema, int id) =>
        new(id, schema.SchemaString, FromConfluent(schema.SchemaType))
        {
            Subject = schema.Subject,
            Version = schema.Version,
            References = FromConfluent(schema.References),
        };

    private static SchemaType FromConfluent(ConfluentRegistry.SchemaType type) => type switch
    {
        ConfluentRegistry.SchemaType.Avro => SchemaType.Avro,
        ConfluentRegistry.SchemaType.Protobuf => SchemaType.Protobuf,
        ConfluentRegistry.SchemaType.Json => SchemaType.Json,
        _ => throw new SchemaRegistryException(SchemaRegistryErrorCodes.NoResponse, $"The Confluent schema registry client answered an unknown schema type '{type}'."),
    };

    private static IReadOnlyList<SchemaReference> FromConfluent(List<ConfluentRegistry.SchemaReference>? references)
    {
        if (references is null || references.Count == 0)
        {
            return Array.Empty<SchemaReference>();
        }

        var converted = new SchemaReference[references.Count];
        for (int i = 0; i < converted.Length; i++)
        {
            converted[i] = new SchemaReference(references[i].Name, references[i].Subject, references[i].Version);
        }

        return converted;
    }

    // Runs one Confluent call and translates its failures into SchemaRegistryException.
    private static async Task<T> Call<T>(Func<Task<T>> call, string? subject, int? version, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConfluentRegistry.SchemaRegistryException ex)
        {
            throw new SchemaRegistryException(ex.ErrorCode, $"{ex.Message} (Confluent.SchemaRegistry client, error {ex.ErrorCode}{(subject is null ? string.Empty : $", subject '{subject}'")}{(version is null ? string.Empty : $", version {version}")}).", ex)
            {
                HttpStatusCode = (int)ex.Status,
                Subject = subject,
                Version = version,
            };
        }
        catch (HttpRequestException ex)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.NoResponse, $"No schema registry answered the Confluent.SchemaRegistry client{(subject is null ? string.Empty : $" for subject '{subject}'")}: {ex.Message}", ex)
            {
                Subject = subject,
                Version = version,
            };
        }
    }
}
