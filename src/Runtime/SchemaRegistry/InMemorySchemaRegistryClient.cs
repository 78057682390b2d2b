using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TypedProducer.Schemas.Avro;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// A process-local schema registry with the Confluent Schema Registry's semantics and error codes, so tests and the
/// embedded cluster can use it where <see cref="HttpSchemaRegistryClient"/> talks to a real one:
/// <list type="bullet">
/// <item><description>ids start at 1 and are global: one id per distinct schema (type, canonical text (see Identity below),
/// references), shared across subjects; versions per subject start at 1; registering a schema a subject
/// already has returns its id without a new version.</description></item>
/// <item><description>Compatibility: each new version is checked under the subject's level (global default
/// <see cref="CompatibilityLevel.Backward"/>, as the registry's) with Avro schema resolution; a failure is error 409
/// naming the subject and the version it conflicts with. Protobuf and JSON Schema versions are not checked (always
/// compatible), only parsed (JSON Schema) or accepted as given (Protobuf).</description></item>
/// <item><description>Errors: 40401 subject not found, 40402 version not found, 40403 schema not found, 409
/// incompatible, 42201 invalid schema or unresolvable reference, 42202 version below 1.</description></item>
/// <item><description>Identity: an Avro schema is compared by its canonical string, as Confluent's registry compares
/// (<c>AvroSchema.canonicalString()</c>, Avro Java's <c>Schema.toString()</c>: attributes in the specification's order, no
/// insignificant whitespace, names relative to the enclosing namespace; doc, defaults, aliases and custom properties
/// kept), so a reordered or reformatted equivalent schema gets the same id and version; a JSON Schema by its text
/// without insignificant whitespace. The text stored is the first one registered; with <c>normalize</c> it is the
/// canonical string (Confluent's registry stores the canonical string always, and normalises further with
/// <c>normalize</c>: full names, sorted properties).</description></item>
/// </list>
/// Thread-safe. The default when no registry URL is configured, so the embedded cluster works without a registry;
/// the readers of what was produced must use the same instance.
/// </summary>
public sealed class InMemorySchemaRegistryClient : ISchemaRegistryClient
{
    private readonly object _gate = new();
    private readonly List<StoredSchema> _schemasById = new();
    private readonly Dictionary<string, int> _idsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _versionsBySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompatibilityLevel> _subjectLevels = new(StringComparer.Ordinal);
    private CompatibilityLevel _globalLevel = CompatibilityLevel.Backward;

    /// <summary>Set when the hosting registration chose this registry because no URL was configured (not registered by the application).</summary>
    internal bool IsDefaultChoice { get; init; }

    /// <inheritdoc />
    public Task<int> RegisterSchemaAsync(string subject, string schema, SchemaType schemaType, CancellationToken cancellationToken = default)
        => RegisterSchemaAsync(subject, new SchemaDefinition(schema, schemaType), normalize: false, cancellationToken);

    /// <inheritdoc />
    public Task<int> RegisterSchemaAsync(string subject, SchemaDefinition schema, bool normalize = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        lock (_gate)
        {
            Candidate candidate = Prepare(subject, schema);
            if (_versionsBySubject.TryGetValue(subject, out List<int>? versions))
            {
                foreach (int existing in versions)
                {
                    if (_schemasById[existing - 1].Key == candidate.Key)
                    {
                        return Task.FromResult(existing);
                    }
                }

                CompatibilityLevel level = LevelOf(subject);
                bool transitive = level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;
                for (int v = versions.Count; v >= (transitive ? 1 : versions.Count); v--)
                {
                    List<string> reasons = Check(candidate, _schemasById[versions[v - 1] - 1], level);
                    if (reasons.Count > 0)
                    {
                        throw new SchemaRegistryException(
                            SchemaRegistryErrorCodes.IncompatibleSchema,
                            $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\": version {v} (schema id {versions[v - 1]}) under {ToRestName(level)}, details: [{string.Join(" ", reasons)}] (in-memory registry, error 409).")
                        {
                            Subject = subject,
                            Version = v,
                        };
                    }
                }
            }

            if (!_idsByKey.TryGetValue(candidate.Key, out int id))
            {
                id = _schemasById.Count + 1;
                string text = normalize ? candidate.Compact : schema.Schema;
                _schemasById.Add(new StoredSchema(id, text, schema.SchemaType, schema.References, candidate.Key, candidate.Avro));
                _idsByKey.Add(candidate.Key, id);
            }

            if (versions is null)
            {
                versions = new List<int>();
                _versionsBySubject.Add(subject, versions);
            }

            versions.Add(id);
            return Task.FromResult(id);
        }
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> LookupSchemaAsync(string subject, SchemaDefinition schema, bool normalize = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        lock (_gate)
        {
            Candidate candidate = Prepare(subject, schema);
            List<int> versions = VersionsOf(subject);
            for (int v = 1; v <= versions.Count; v++)
            {
                if (_schemasById[versions[v - 1] - 1].Key == candidate.Key)
                {
                    return Task.FromResult(ToRegistered(_schemasById[versions[v - 1] - 1], subject, v));
                }
            }

            throw new SchemaRegistryException(SchemaRegistryErrorCodes.SchemaNotFound, $"Schema not found under subject '{subject}' (in-memory registry, error 40403).") { Subject = subject };
        }
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> GetSchemaAsync(int id, CancellationToken cancellationToken = default) => GetSchemaBySubjectAndIdAsync(null, id, cancellationToken);

    /// <inheritdoc />
    public Task<RegisteredSchema> GetSchemaBySubjectAndIdAsync(string? subject, int id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (id < 1 || id > _schemasById.Count)
            {
                throw new SchemaRegistryException(SchemaRegistryErrorCodes.SchemaNotFound, $"Schema {id} not found (in-memory registry, error 40403).") { Subject = subject };
            }

            return Task.FromResult(ToRegistered(_schemasById[id - 1], null, 0));
        }
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> GetRegisteredSchemaAsync(string subject, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        lock (_gate)
        {
            return Task.FromResult(GetVersion(subject, version));
        }
    }

    /// <inheritdoc />
    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        lock (_gate)
        {
            List<int> versions = VersionsOf(subject);
            return Task.FromResult(ToRegistered(_schemasById[versions[^1] - 1], subject, versions.Count));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetAllSubjectsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var subjects = new List<string>(_versionsBySubject.Keys);
            subjects.Sort(StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyList<string>>(subjects);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> GetSubjectVersionsAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        lock (_gate)
        {
            int count = VersionsOf(subject).Count;
            var versions = new int[count];
            for (int i = 0; i < count; i++)
            {
                versions[i] = i + 1;
            }

            return Task.FromResult<IReadOnlyList<int>>(versions);
        }
    }

    /// <inheritdoc />
    public Task<CompatibilityCheckResult> TestCompatibilityAsync(string subject, SchemaDefinition schema, int? version = null, bool verbose = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(schema);
        lock (_gate)
        {
            Candidate candidate = Prepare(subject, schema);
            if (version is null && (!_versionsBySubject.TryGetValue(subject, out List<int>? existing) || existing.Count == 0))
            {
                return Task.FromResult(CompatibilityCheckResult.Compatible);
            }

            RegisteredSchema against = version is { } v ? GetVersion(subject, v) : ToRegistered(_schemasById[_versionsBySubject[subject][^1] - 1], subject, _versionsBySubject[subject].Count);
            CompatibilityLevel level = LevelOf(subject);
            List<string> reasons = Check(candidate, _schemasById[against.Id - 1], level);
            if (reasons.Count == 0)
            {
                return Task.FromResult(CompatibilityCheckResult.Compatible);
            }

            if (!verbose)
            {
                return Task.FromResult(new CompatibilityCheckResult(false, Array.Empty<string>()));
            }

            reasons.Add($"{{oldSchemaVersion: {against.Version}}}");
            reasons.Add($"{{compatibility: '{ToRestName(level)}'}}");
            return Task.FromResult(new CompatibilityCheckResult(false, reasons));
        }
    }

    /// <inheritdoc />
    public Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(subject is null ? _globalLevel : LevelOf(subject));
        }
    }

    /// <summary>
    /// Sets the compatibility level of <paramref name="subject"/>, or the global level when it is null (REST:
    /// <c>PUT /config/{subject}</c>, <c>PUT /config</c>). Applies to later registrations and checks.
    /// </summary>
    /// <param name="level">The level.</param>
    /// <param name="subject">The subject, or null for the global level.</param>
    public void SetCompatibility(CompatibilityLevel level, string? subject = null)
    {
        lock (_gate)
        {
            if (subject is null)
            {
                _globalLevel = level;
            }
            else
            {
                _subjectLevels[subject] = level;
            }
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

    /// <summary>"in-memory schema registry".</summary>
    /// <returns>A description for logs and errors.</returns>
    public override string ToString() => "in-memory schema registry";

    internal static string ToRestName(CompatibilityLevel level) => level switch
    {
        CompatibilityLevel.None => "NONE",
        CompatibilityLevel.Backward => "BACKWARD",
        CompatibilityLevel.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityLevel.Forward => "FORWARD",
        CompatibilityLevel.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityLevel.Full => "FULL",
        CompatibilityLevel.FullTransitive => "FULL_TRANSITIVE",
        _ => level.ToString(),
    };

    private RegisteredSchema GetVersion(string subject, int version)
    {
        if (version < 1)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.InvalidVersion, $"Version {version} of subject '{subject}' is not a valid version: allowed are 1 to 2^31-1 (in-memory registry, error 42202).") { Subject = subject, Version = version };
        }

        List<int> versions = VersionsOf(subject);
        if (version > versions.Count)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.VersionNotFound, $"Version {version} of subject '{subject}' not found (in-memory registry, error 40402).") { Subject = subject, Version = version };
        }

        return ToRegistered(_schemasById[versions[version - 1] - 1], subject, version);
    }

    private List<int> VersionsOf(string subject) =>
        _versionsBySubject.TryGetValue(subject, out List<int>? versions)
            ? versions
            : throw new SchemaRegistryException(SchemaRegistryErrorCodes.SubjectNotFound, $"Subject '{subject}' not found (in-memory registry, error 40401).") { Subject = subject };

    private CompatibilityLevel LevelOf(string subject) => _subjectLevels.TryGetValue(subject, out CompatibilityLevel level) ? level : _globalLevel;

    private static RegisteredSchema ToRegistered(StoredSchema stored, string? subject, int version) =>
        new(stored.Id, stored.Text, stored.Type) { Subject = subject, Version = version, References = stored.References };

    // Reasons why the candidate cannot follow the stored version under the level (empty: compatible).
    private static List<string> Check(Candidate candidate, StoredSchema stored, CompatibilityLevel level)
    {
        var reasons = new List<string>();
        if (level == CompatibilityLevel.None)
        {
            return reasons;
        }

        if (candidate.Type != stored.Type)
        {
            reasons.Add($"TYPE_MISMATCH: the schema type changes from {stored.Type} to {candidate.Type}.");
            return reasons;
        }

        if (candidate.Avro is null || stored.Avro is null)
        {
            return reasons;
        }

        if (level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive)
        {
            AvroSchemaCompatibility.CanRead(candidate.Avro, stored.Avro, reasons);
        }

        if (level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive)
        {
            AvroSchemaCompatibility.CanRead(stored.Avro, candidate.Avro, reasons);
        }

        return reasons;
    }

    // Validates the schema (42201) and computes its identity: type, compact text and references.
    private Candidate Prepare(string subject, SchemaDefinition schema)
    {
        string compact = schema.Schema.Trim();
        AvroType? avro = null;
        try
        {
            if (schema.SchemaType is SchemaType.Avro or SchemaType.Json)
            {
                compact = Compact(schema.Schema);
            }

            if (schema.SchemaType == SchemaType.Avro)
            {
                var named = new Dictionary<string, AvroType>(StringComparer.Ordinal);
                DefineReferences(schema.References, named, new HashSet<int>());
                var referenced = new List<string>(named.Keys);
                avro = AvroSchemaCompatibility.Parse(schema.Schema, named);
                // The registry's identity of an Avro schema: its canonical string (Avro Java's Schema.toString()), so
                // attribute order, whitespace and how names are written do not make a new id or version.
                compact = AvroCanonicalSchema.Write(schema.Schema, referenced) ?? compact;
            }
            else
            {
                foreach (SchemaReference reference in schema.References)
                {
                    ResolveReference(reference);
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new SchemaRegistryException(SchemaRegistryErrorCodes.InvalidSchema, $"Invalid schema for subject '{subject}': {ex.Message} (in-memory registry, error 42201).", ex) { Subject = subject };
        }

        var key = new StringBuilder();
        key.Append((int)schema.SchemaType).Append('\u0001').Append(compact);
        foreach (SchemaReference reference in schema.References)
        {
            key.Append('\u0001').Append(reference.Name).Append('\u0002').Append(reference.Subject).Append('\u0002').Append(reference.Version);
        }

        return new Candidate(schema.SchemaType, compact, key.ToString(), avro);
    }

    // The named types of the referenced schemas (and of theirs), defined before the referring schema is parsed.
    private void DefineReferences(IReadOnlyList<SchemaReference> references, Dictionary<string, AvroType> named, HashSet<int> defined)
    {
        foreach (SchemaReference reference in references)
        {
            StoredSchema target = ResolveReference(reference);
            if (!defined.Add(target.Id))
            {
                continue;
            }

            DefineReferences(target.References, named, defined);
            AvroSchemaCompatibility.Parse(target.Text, named);
        }
    }

    private StoredSchema ResolveReference(SchemaReference reference)
    {
        if (!_versionsBySubject.TryGetValue(reference.Subject, out List<int>? versions) || reference.Version > versions.Count)
        {
            throw new FormatException($"The reference '{reference.Name}' names version {reference.Version} of subject '{reference.Subject}', which is not registered.");
        }

        return _schemasById[versions[reference.Version - 1] - 1];
    }

    // The JSON without insignificant whitespace (what Confluent's registry compares for Avro and JSON Schema).
    private static string Compact(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private sealed record StoredSchema(int Id, string Text, SchemaType Type, IReadOnlyList<SchemaReference> References, string Key, AvroType? Avro);

    private sealed record Candidate(SchemaType Type, string Compact, string Key, AvroType? Avro);
}
