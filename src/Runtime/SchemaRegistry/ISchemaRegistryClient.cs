using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// The calls of the Confluent Schema Registry REST API (Confluent Platform documentation, "Schema Registry API
/// Reference") that producers and readers need. Implementations: <see cref="HttpSchemaRegistryClient"/> (a real
/// registry over HTTP: Confluent, Redpanda, Karapace, Apicurio's compatibility API) and
/// <see cref="InMemorySchemaRegistryClient"/> (process-local; for the embedded cluster, samples and tests). Both keep
/// the registry's semantics (ids global and shared by equal schemas, versions per subject from 1) and throw
/// <see cref="SchemaRegistryException"/> with the registry's error codes.
/// </summary>
public interface ISchemaRegistryClient
{
    /// <summary>
    /// Registers an Avro, Protobuf or JSON schema without references under <paramref name="subject"/>, or returns the
    /// id it has there already. Same as <see cref="RegisterSchemaAsync(string, SchemaDefinition, bool, CancellationToken)"/>
    /// without normalisation.
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="schema">The schema text.</param>
    /// <param name="schemaType">The schema language.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema id (a positive integer).</returns>
    /// <exception cref="SchemaRegistryException">The registry refused the schema (409 incompatible, 42201 invalid) or did not answer; the message names the subject.</exception>
    Task<int> RegisterSchemaAsync(string subject, string schema, SchemaType schemaType, CancellationToken cancellationToken = default)
        => RegisterSchemaAsync(subject, new SchemaDefinition(schema, schemaType), normalize: false, cancellationToken);

    /// <summary>
    /// Registers <paramref name="schema"/> as a new version of <paramref name="subject"/>, after the registry checked
    /// it against the subject's compatibility level, or returns the id it has there already (REST, API reference section "Subjects":
    /// <c>POST /subjects/{subject}/versions</c>, body <c>{schema, schemaType, references}</c>, answer <c>{id}</c>).
    /// The same schema gets the same id in every subject.
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="normalize">Asks the registry to normalise the schema before it compares and stores it (<c>?normalize=true</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema id (a positive integer).</returns>
    /// <exception cref="SchemaRegistryException">
    /// 409: incompatible (the message names the subject and the version it was checked against); 42201: invalid
    /// schema or unresolvable reference; or no answer.
    /// </exception>
    Task<int> RegisterSchemaAsync(string subject, SchemaDefinition schema, bool normalize = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds <paramref name="schema"/> among the versions of <paramref name="subject"/> without registering it (REST, section "Subjects":
    /// <c>POST /subjects/{subject}</c>, answer <c>{subject, id, version, schema}</c>).
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="normalize">Normalise before comparing (<c>?normalize=true</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registered schema with its id, subject and version.</returns>
    /// <exception cref="SchemaRegistryException">40401: no such subject; 40403: the schema is not registered under it; 42201: invalid schema.</exception>
    Task<RegisteredSchema> LookupSchemaAsync(string subject, SchemaDefinition schema, bool normalize = false, CancellationToken cancellationToken = default);

    /// <summary>Returns the schema with <paramref name="id"/> (REST, section "Schemas": <c>GET /schemas/ids/{id}</c>, answer <c>{schema, schemaType, references}</c>).</summary>
    /// <param name="id">The schema id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema; <see cref="RegisteredSchema.Subject"/> is null and <see cref="RegisteredSchema.Version"/> 0.</returns>
    /// <exception cref="SchemaRegistryException">40403: no schema has this id.</exception>
    Task<RegisteredSchema> GetSchemaAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the schema with <paramref name="id"/>, looked up in the context of <paramref name="subject"/> (REST, section "Schemas":
    /// <c>GET /schemas/ids/{id}?subject={subject}</c>; registries with schema contexts resolve the id in the subject's
    /// context). With a null subject this is <see cref="GetSchemaAsync(int, CancellationToken)"/>.
    /// </summary>
    /// <param name="subject">The subject, or null for the subject-less lookup.</param>
    /// <param name="id">The schema id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="SchemaRegistryException">40403: no schema has this id.</exception>
    Task<RegisteredSchema> GetSchemaBySubjectAndIdAsync(string? subject, int id, CancellationToken cancellationToken = default);

    /// <summary>Returns version <paramref name="version"/> of <paramref name="subject"/> (REST, section "Subjects": <c>GET /subjects/{subject}/versions/{version}</c>).</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="version">The version, 1 or more.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema with its id, subject and version.</returns>
    /// <exception cref="SchemaRegistryException">40401: no such subject; 40402: no such version; 42202: the version is below 1.</exception>
    Task<RegisteredSchema> GetRegisteredSchemaAsync(string subject, int version, CancellationToken cancellationToken = default);

    /// <summary>Returns the latest version of <paramref name="subject"/> (REST, section "Subjects": <c>GET /subjects/{subject}/versions/latest</c>). Never cached.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema with its id, subject and version.</returns>
    /// <exception cref="SchemaRegistryException">40401: no such subject.</exception>
    Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>Lists the subjects (REST, section "Subjects": <c>GET /subjects</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subject names.</returns>
    /// <exception cref="SchemaRegistryException">The registry did not answer or failed.</exception>
    Task<IReadOnlyList<string>> GetAllSubjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the versions of <paramref name="subject"/> (REST, section "Subjects": <c>GET /subjects/{subject}/versions</c>).</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions in ascending order.</returns>
    /// <exception cref="SchemaRegistryException">40401: no such subject.</exception>
    Task<IReadOnlyList<int>> GetSubjectVersionsAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks whether <paramref name="schema"/> could be registered as the next version of <paramref name="subject"/>
    /// against one existing version, under the subject's compatibility level (REST, section "Compatibility":
    /// <c>POST /compatibility/subjects/{subject}/versions/{version}</c>, <c>?verbose=true</c> for the reasons; answer
    /// <c>{is_compatible, messages}</c>). Against "latest" of a subject that has no version yet, every schema is compatible.
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="version">The version to check against; null for the latest.</param>
    /// <param name="verbose">Ask for the reasons of an incompatibility (<c>?verbose=true</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="SchemaRegistryException">40401: no such subject (with a version); 40402: no such version; 42201: invalid schema; 42202: invalid version.</exception>
    Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, SchemaDefinition schema, int? version = null, bool verbose = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the compatibility level of <paramref name="subject"/>, or the global one when the subject has none or
    /// <paramref name="subject"/> is null (REST, section "Config": <c>GET /config/{subject}?defaultToGlobal=true</c>, <c>GET /config</c>;
    /// answer <c>{compatibilityLevel}</c>).
    /// </summary>
    /// <param name="subject">The subject, or null for the global level.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The level.</returns>
    /// <exception cref="SchemaRegistryException">The registry did not answer, failed, or answered a level this library does not know.</exception>
    Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default);
}
