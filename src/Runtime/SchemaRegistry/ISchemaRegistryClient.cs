using System.Threading;
using System.Threading.Tasks;

namespace TypedProducer;

/// <summary>
/// The subset of the Confluent Schema Registry REST API that producers and readers need. Implementations:
/// <see cref="InMemorySchemaRegistryClient"/> (process-local; for the embedded cluster, samples and tests).
/// </summary>
public interface ISchemaRegistryClient
{
    /// <summary>
    /// Registers <paramref name="schema"/> under <paramref name="subject"/> (<c>POST /subjects/{subject}/versions</c>)
    /// or returns the id it already has there. The same schema gets the same id in every subject.
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="schema">The schema text.</param>
    /// <param name="schemaType">The schema language.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema id (a positive integer).</returns>
    /// <exception cref="SchemaRegistryException">The registry refused the schema; the message names the subject.</exception>
    Task<int> RegisterSchemaAsync(string subject, string schema, SchemaType schemaType, CancellationToken cancellationToken = default);

    /// <summary>Returns the schema with <paramref name="id"/> (<c>GET /schemas/ids/{id}</c>).</summary>
    /// <param name="id">The schema id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="SchemaRegistryException">No schema has this id (error code 40403).</exception>
    Task<RegisteredSchema> GetSchemaAsync(int id, CancellationToken cancellationToken = default);
}

/// <summary>A schema as stored by a registry.</summary>
/// <param name="Id">The schema id.</param>
/// <param name="Schema">The schema text.</param>
/// <param name="SchemaType">The schema language.</param>
public sealed record RegisteredSchema(int Id, string Schema, SchemaType SchemaType);
