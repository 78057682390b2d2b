using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TypedProducer;

/// <summary>
/// A process-local schema registry with Confluent's id semantics: ids start at 1, one id per distinct schema
/// text (shared across subjects), versions per subject starting at 1. No compatibility checks. Thread-safe.
/// The default when no registry URL is configured, so the embedded cluster works without a registry; the
/// readers of what was produced must use the same instance.
/// </summary>
public sealed class InMemorySchemaRegistryClient : ISchemaRegistryClient
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Schema, SchemaType Type), int> _idsBySchema = new();
    private readonly List<RegisteredSchema> _schemasById = new();
    private readonly Dictionary<string, List<int>> _versionsBySubject = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<int> RegisterSchemaAsync(string subject, string schema, SchemaType schemaType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(schema);
        lock (_gate)
        {
            if (!_idsBySchema.TryGetValue((schema, schemaType), out int id))
            {
                id = _schemasById.Count + 1;
                _schemasById.Add(new RegisteredSchema(id, schema, schemaType));
                _idsBySchema.Add((schema, schemaType), id);
            }

            if (!_versionsBySubject.TryGetValue(subject, out List<int>? versions))
            {
                versions = new List<int>();
                _versionsBySubject.Add(subject, versions);
            }

            if (!versions.Contains(id))
            {
                versions.Add(id);
            }

            return Task.FromResult(id);
        }
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> GetSchemaAsync(int id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (id < 1 || id > _schemasById.Count)
            {
                throw new SchemaRegistryException(40403, $"Schema {id} not found.");
            }

            return Task.FromResult(_schemasById[id - 1]);
        }
    }

    /// <summary>The subjects registered so far, with the schema ids of their versions in version order.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> GetSubjects()
    {
        lock (_gate)
        {
            var copy = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, List<int>> pair in _versionsBySubject)
            {
                copy.Add(pair.Key, pair.Value.ToArray());
            }

            return copy;
        }
    }
}
