using System;
using System.Collections.Concurrent;
using Partitioner = Confluent.Kafka.Partitioner;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TypedProducer.Embedded;
using TypedProducer.SchemaRegistry;

namespace TypedProducer;

/// <summary>
/// The one librdkafka producer (one instance, one set of broker connections, one batching queue) that every typed
/// producer of a cluster shares, called directly (<c>rd_kafka_produceva</c>, no Confluent.Kafka managed layer per
/// message), plus the schema ids registered at start-up and the cached partition counts. Registered as a DI singleton;
/// disposing it flushes with a bounded wait, purges what is left and reports every message that could not be delivered.
/// </summary>
/// <remarks>
/// The configuration model is Confluent.Kafka's <see cref="ProducerConfig"/> (<see cref="BuildConfig"/>), set property by
/// property on the librdkafka instance; metadata (partition counts, health probes) is read through a Confluent.Kafka
/// <see cref="IAdminClient"/> on the same configuration, created on first use.
/// </remarks>
public sealed partial class KafkaProducerConnection : IDisposable
{
    private readonly TypedProducerOptions _options;
    private readonly ISchemaRegistryClient _schemaRegistry;
    private readonly ILogger _logger;
    private readonly EmbeddedKafkaCluster? _embeddedCluster;
    private readonly Native.NativeKafkaProducer _native;
    private readonly ConcurrentDictionary<MessageContract, int> _schemaIds = new();
    private readonly ConcurrentDictionary<string, int> _partitionCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<UndeliveredMessage> _undelivered = new();
    private readonly InFlightTracker _inFlight = new();
    private readonly ProduceGate _gate = new();
    private readonly object _adminGate = new();
    private IAdminClient? _adminClient;
    private ProducerShutdownReport? _shutdownReport;
    private static readonly TimeSpan PurgeReportWait = TimeSpan.FromSeconds(5);
    private volatile bool _shuttingDown;
    private TimeSpan _shutdownFlushTimeout;
    private volatile bool _disposed;
    private volatile BrokerError? _lastBrokerError;

    /// <summary>Creates the shared producer from <paramref name="options"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="schemaRegistry">Where value schemas are registered.</param>
    /// <param name="logger">Receives librdkafka logs, errors and undelivered-message reports; null for none.</param>
    /// <exception cref="InvalidOperationException">
    /// No broker address is configured and the embedded cluster was not opted into, or both were; or
    /// librdkafka rejected the configuration (its message is kept).
    /// </exception>
    /// <exception cref="ArgumentException">librdkafka rejected a property value.</exception>
    public KafkaProducerConnection(IOptions<TypedProducerOptions> options, ISchemaRegistryClient schemaRegistry, ILogger<KafkaProducerConnection>? logger = null)
    {
        _options = options?.Value ?? throw new ArgumentNullException(nameof(options));
        Trimming.ConfluentKafkaTrimRoots.Root();
        _schemaRegistry = schemaRegistry ?? throw new ArgumentNullException(nameof(schemaRegistry));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        InitializeDiagnostics();
        LibrdkafkaLoadInfo native = LibrdkafkaLibrary.Load(_options.NativeLibrary);
        LogNativeLibrary(native.Version, native.Path, native.Source, native.Note ?? "-");

        string bootstrapServers = ResolveBootstrapServers(_options, out bool embedded);
        if (embedded)
        {
            _embeddedCluster = new EmbeddedKafkaCluster(_options.Embedded.BrokerCount);
            bootstrapServers = _embeddedCluster.BootstrapServers;
            LogEmbeddedCluster(_embeddedCluster.BrokerCount, bootstrapServers);
        }

        BootstrapServers = bootstrapServers;
        try
        {
            _native = new Native.NativeKafkaProducer(BuildConfig(_options, bootstrapServers), new Native.NativeProducerCallbacks
            {
                OnLog = (level, facility, text) => OnLog(level, facility, text),
                OnError = OnError,
                OnStatistics = OnStatistics,
                OnHandlerException = OnHandlerException,
            });
        }
        catch
        {
            _embeddedCluster?.Dispose();
            throw;
        }

        LibrdkafkaStatisticsInstruments.Add(this);
    }

    /// <summary>
    /// librdkafka's statistics JSON (<c>txmsgs</c>, per-broker <c>txretries</c>, <c>msg_cnt</c>, ...; librdkafka
    /// STATISTICS.md), every <c>statistics.interval.ms</c> milliseconds when that property is set in
    /// <see cref="TypedProducerOptions.Producer"/>; never raised otherwise. Raised on librdkafka's polling thread.
    /// </summary>
    public event EventHandler<string>? StatisticsReceived;

    /// <summary>The brokers this connection produces to (the embedded cluster's when it is enabled).</summary>
    public string BootstrapServers { get; }

    /// <summary>The embedded mock cluster, when <see cref="EmbeddedKafkaOptions.Enabled"/> is set; otherwise null.</summary>
    public EmbeddedKafkaCluster? EmbeddedCluster => _embeddedCluster;

    /// <summary>The options in effect.</summary>
    public TypedProducerOptions Options => _options;

    /// <summary>librdkafka's name of the shared producer instance (<c>rd_kafka_name</c>: <c>client.id</c>#producer-N), as in its statistics and the <c>messaging.client.id</c> of send spans.</summary>
    public string ClientName => _native.Name;

    internal Native.NativeKafkaProducer Native => _native;

    /// <summary>The librdkafka configuration the producer was built with: the safe defaults overlaid by <see cref="TypedProducerOptions.Producer"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="bootstrapServers">The broker list.</param>
    /// <returns>The configuration.</returns>
    public static ProducerConfig BuildConfig(TypedProducerOptions options, string bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            // Safe defaults: no loss on leader fail-over, no duplicates or reordering on retry.
            EnableIdempotence = true,
            Acks = Acks.All,
            // Same partition as the Java client for every non-null key; null keys go sticky (KIP-480).
            Partitioner = Partitioner.Murmur2Random,
        };
        foreach (KeyValuePair<string, string> property in options.Producer)
        {
            config.Set(property.Key, property.Value);
        }

        return config;
    }

    /// <summary>
    /// Resolves the value schema id of every contract and keeps it, so producing makes no registry call. Idempotent.
    /// Called by the hosted service at start-up. Per contract, the subject follows
    /// <see cref="TypedProducerOptions.SubjectNameStrategy"/> and the id comes from the first mode that applies
    /// (<see cref="SchemaRegistryOptions"/>; the Confluent serializers' modes):
    /// <list type="number">
    /// <item><description>a fixed id in <see cref="SchemaRegistryOptions.SchemaIds"/> (by the schema's full name, else
    /// the topic): the schema with that id is read (<c>GET /schemas/ids/{id}</c>) and must encode exactly as the contract's;</description></item>
    /// <item><description><see cref="SchemaRegistryOptions.UseLatestVersion"/>: the latest version of the subject
    /// (<c>GET /subjects/{subject}/versions/latest</c>), which must encode exactly as the contract's schema;</description></item>
    /// <item><description><see cref="SchemaRegistryOptions.AutoRegisterSchemas"/> (the default): registration
    /// (<c>POST /subjects/{subject}/versions</c>, normalised when <see cref="SchemaRegistryOptions.NormalizeSchemas"/> is set);</description></item>
    /// <item><description>otherwise a lookup of the already registered schema (<c>POST /subjects/{subject}</c>).</description></item>
    /// </list>
    /// </summary>
    /// <param name="contracts">The contracts.</param>
    /// <param name="cancellationToken">Cancels registration.</param>
    /// <returns>A task that completes when every id is known.</returns>
    /// <exception cref="SchemaRegistryException">
    /// The registry refused or did not answer (its error code is kept; <see cref="SchemaRegistryErrorCodes.NoResponse"/>
    /// when a custom client failed with another exception), or the schema a fixed id or the latest version
    /// names does not encode as the contract's (error code 409). The message names the contract, topic, subject, mode,
    /// the registry (its URLs) and the cause; <see cref="Exception.InnerException"/> is the registry's exception.
    /// </exception>
    /// <exception cref="ArgumentException">A contract's topic is not a legal Kafka topic name (<see cref="KafkaTopicName"/>).</exception>
    public async Task RegisterSchemasAsync(IEnumerable<MessageContract> contracts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        MessageContract[] all = contracts.ToArray();
        Dictionary<MessageContract, (string Schema, IReadOnlyList<MessageSchemaReference> References)>? split =
            _options.SchemaRegistry.AvroNamedTypeReferences ? AvroSharedTypes.Split(all) : null;
        foreach (MessageContract contract in all)
        {
            if (_schemaIds.ContainsKey(contract))
            {
                continue;
            }

            // An illegal name fails here, at start-up, rather than as a failed delivery of every message.
            KafkaTopicName.Validate(contract.Topic, "contract " + contract.MessageType.Name);
            ThrowIfImplicitInMemoryRegistry(contract);
            string subject = SubjectNames.ForValue(_options.SubjectNameStrategy, contract.Topic, contract.ValueSchema.FullName);
            (string Schema, IReadOnlyList<MessageSchemaReference> References) registration = split is not null && split.TryGetValue(contract, out var splitForm)
                ? splitForm
                : (contract.ValueSchema.Schema, contract.ValueSchema.References);
            (int id, string how) = await ResolveSchemaIdAsync(contract, subject, registration, cancellationToken).ConfigureAwait(false);
            _schemaIds[contract] = id;
            LogSchemaRegistered(contract.MessageType.Name, subject, id, how);
        }
    }

    // Ids from the in-memory registry mean nothing to any other client of a real cluster: every consumer would resolve
    // them to another schema or to none. Only the embedded cluster, or an explicit opt-in, may use it by default.
    private void ThrowIfImplicitInMemoryRegistry(MessageContract contract)
    {
        if (_schemaRegistry is InMemorySchemaRegistryClient { IsDefaultChoice: true } && _embeddedCluster is null && !_options.SchemaRegistry.UseInMemoryRegistry)
        {
            throw new InvalidOperationException(
                $"{contract.MessageType.Name} ({contract.Format} value schema, topic '{contract.Topic}') needs a schema registry, and none is configured for the Kafka cluster at {BootstrapServers}: " +
                "set Kafka:SchemaRegistry:Url (Confluent schema.registry.url). The in-memory registry's schema ids would be written into the cluster, where other clients resolve them " +
                "to a different schema or to nothing; it is used without a URL only with the embedded cluster (Kafka:Embedded:Enabled) or when opted into with Kafka:SchemaRegistry:UseInMemoryRegistry=true (tests).");
        }
    }

    // registration: the schema text and references to register or look up: the contract's own, or with the Avro named
    // types it shares with other contracts split off (AvroSharedTypes).
    private async Task<(int Id, string How)> ResolveSchemaIdAsync(MessageContract contract, string subject, (string Schema, IReadOnlyList<MessageSchemaReference> References) registration, CancellationToken cancellationToken)
    {
        SchemaRegistryOptions registry = _options.SchemaRegistry;
        MessageSchema local = contract.ValueSchema;
        string mode;
        RegisteredSchema? toCompare = null;
        IReadOnlyList<string> referencedTexts = Array.Empty<string>();
        int id;
        string how;
        try
        {
            if (TryGetFixedSchemaId(registry, contract, out int fixedId, out string key))
            {
                mode = $"fixed schema id {fixedId} from Kafka:SchemaRegistry:SchemaIds:{key}";
                toCompare = await _schemaRegistry.GetSchemaBySubjectAndIdAsync(subject, fixedId, cancellationToken).ConfigureAwait(false);
                referencedTexts = await SchemaReferenceTexts.FetchAsync(_schemaRegistry, toCompare.References, cancellationToken).ConfigureAwait(false);
                (id, how) = (fixedId, "fixed id");
            }
            else if (registry.UseLatestVersion)
            {
                mode = "latest version (Kafka:SchemaRegistry:UseLatestVersion)";
                toCompare = await _schemaRegistry.GetLatestSchemaAsync(subject, cancellationToken).ConfigureAwait(false);
                referencedTexts = await SchemaReferenceTexts.FetchAsync(_schemaRegistry, toCompare.References, cancellationToken).ConfigureAwait(false);
                (id, how) = (toCompare.Id, $"latest version {toCompare.Version}");
            }
            else if (registry.AutoRegisterSchemas)
            {
                mode = "registration";
                IReadOnlyList<SchemaReference> references = await ResolveReferencesAsync(registration.References, register: true, registry.NormalizeSchemas, cancellationToken).ConfigureAwait(false);
                id = await _schemaRegistry.RegisterSchemaAsync(subject, new SchemaDefinition(registration.Schema, local.SchemaType, references), registry.NormalizeSchemas, cancellationToken).ConfigureAwait(false);
                how = "registered";
            }
            else
            {
                mode = "lookup of the registered schema (Kafka:SchemaRegistry:AutoRegisterSchemas is false)";
                IReadOnlyList<SchemaReference> references = await ResolveReferencesAsync(registration.References, register: false, registry.NormalizeSchemas, cancellationToken).ConfigureAwait(false);
                RegisteredSchema found = await _schemaRegistry.LookupSchemaAsync(subject, new SchemaDefinition(registration.Schema, local.SchemaType, references), registry.NormalizeSchemas, cancellationToken).ConfigureAwait(false);
                (id, how) = (found.Id, $"registered version {found.Version}");
            }
        }
        catch (SchemaRegistryException ex)
        {
            throw new SchemaRegistryException(
                ex.ErrorCode,
                $"Cannot resolve the value schema id of {contract.MessageType.Name} (topic '{contract.Topic}', subject '{subject}') by {DescribeMode(registry, contract)} with the {_schemaRegistry}: {ex.Message}",
                ex)
            {
                HttpStatusCode = ex.HttpStatusCode,
                Subject = subject,
                Version = ex.Version,
                RegistryUrl = ex.RegistryUrl,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A custom ISchemaRegistryClient that failed with its own exception (an HttpRequestException, a bug): the host
            // must not start, and the message must still say which contract and subject and why.
            throw new SchemaRegistryException(
                SchemaRegistryErrorCodes.NoResponse,
                $"Cannot resolve the value schema id of {contract.MessageType.Name} (topic '{contract.Topic}', subject '{subject}') by {DescribeMode(registry, contract)} with the {_schemaRegistry}: {ex.GetType().Name}: {ex.Message}",
                ex)
            {
                Subject = subject,
            };
        }

        if (toCompare is not null && SchemaEquivalence.FindDifference(local, toCompare, referencedTexts) is { } difference)
        {
            string which = toCompare.Version > 0 ? $"version {toCompare.Version} (schema id {toCompare.Id})" : $"schema id {toCompare.Id}";
            throw new SchemaRegistryException(
                SchemaRegistryErrorCodes.IncompatibleSchema,
                $"Cannot use {which} of subject '{subject}' for {contract.MessageType.Name} (topic '{contract.Topic}'), chosen by {mode}, from the {_schemaRegistry}: " +
                $"it does not describe the bytes the contract's serializer writes ({difference}). Readers decode with the schema the id names, so it must match the contract's schema exactly.")
            {
                Subject = subject,
                Version = toCompare.Version > 0 ? toCompare.Version : null,
            };
        }

        return (id, how);
    }

    // Confluent's ProtobufSerializer does the same (RegisterOrGetReferences): each referenced schema, its own references
    // first, registered (or looked up) under the subject its name gives (ReferenceSubjectNameStrategy.ReferenceName), then
    // looked up for the version the reference names.
    private async Task<IReadOnlyList<SchemaReference>> ResolveReferencesAsync(IReadOnlyList<MessageSchemaReference> references, bool register, bool normalize, CancellationToken cancellationToken)
    {
        if (references.Count == 0)
        {
            return Array.Empty<SchemaReference>();
        }

        var resolved = new SchemaReference[references.Count];
        for (int i = 0; i < references.Count; i++)
        {
            MessageSchemaReference reference = references[i];
            string subject = reference.Name;
            try
            {
                IReadOnlyList<SchemaReference> nested = await ResolveReferencesAsync(reference.References, register, normalize, cancellationToken).ConfigureAwait(false);
                var definition = new SchemaDefinition(reference.Schema, reference.SchemaType, nested);
                if (register)
                {
                    await _schemaRegistry.RegisterSchemaAsync(subject, definition, normalize, cancellationToken).ConfigureAwait(false);
                }

                RegisteredSchema registered = await _schemaRegistry.LookupSchemaAsync(subject, definition, normalize, cancellationToken).ConfigureAwait(false);
                resolved[i] = new SchemaReference(reference.Name, subject, registered.Version);
            }
            catch (SchemaRegistryException ex)
            {
                throw new SchemaRegistryException(ex.ErrorCode, $"the referenced schema '{reference.Name}' (subject '{subject}'): {ex.Message}", ex)
                {
                    HttpStatusCode = ex.HttpStatusCode,
                    Subject = subject,
                    Version = ex.Version,
                    RegistryUrl = ex.RegistryUrl,
                };
            }
        }

        return resolved;
    }

    private static string DescribeMode(SchemaRegistryOptions registry, MessageContract contract) =>
        TryGetFixedSchemaId(registry, contract, out int fixedId, out string key) ? $"fixed schema id {fixedId} (Kafka:SchemaRegistry:SchemaIds:{key})"
        : registry.UseLatestVersion ? "latest version (Kafka:SchemaRegistry:UseLatestVersion)"
        : registry.AutoRegisterSchemas ? "registration" + (registry.NormalizeSchemas ? " with normalisation" : string.Empty)
        : "lookup of the registered schema (Kafka:SchemaRegistry:AutoRegisterSchemas is false)";

    private static bool TryGetFixedSchemaId(SchemaRegistryOptions registry, MessageContract contract, out int id, out string key)
    {
        key = contract.ValueSchema.FullName;
        if (registry.SchemaIds.TryGetValue(key, out id))
        {
            return true;
        }

        key = contract.Topic;
        return registry.SchemaIds.TryGetValue(key, out id);
    }

    /// <summary>
    /// Creates each contract's topic on the embedded cluster (partition counts from <see cref="EmbeddedKafkaOptions"/>);
    /// does nothing when the embedded cluster is not enabled. Topics that exist already are left as they are.
    /// </summary>
    /// <param name="contracts">The contracts.</param>
    public void CreateEmbeddedTopics(IEnumerable<MessageContract> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        if (_embeddedCluster is null)
        {
            return;
        }

        foreach (string topic in contracts.Select(c => c.Topic).Distinct(StringComparer.Ordinal))
        {
            int partitions = _options.Embedded.TopicPartitions.TryGetValue(topic, out int configured) ? configured : _options.Embedded.DefaultPartitionCount;
            try
            {
                _embeddedCluster.CreateTopic(topic, partitions);
                LogEmbeddedTopic(topic, partitions);
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.TopicAlreadyExists)
            {
            }
        }
    }

    /// <summary>The schema id registered for <paramref name="contract"/>.</summary>
    /// <param name="contract">The contract.</param>
    /// <returns>The schema id.</returns>
    /// <exception cref="InvalidOperationException">The contract's schema was not registered (the host was not started).</exception>
    public int GetSchemaId(MessageContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (_schemaIds.TryGetValue(contract, out int id))
        {
            return id;
        }

        throw new InvalidOperationException(
            $"The schema of {contract.MessageType.Name} (topic '{contract.Topic}') is not registered. Schemas are registered when the host starts; " +
            $"without a host, await {nameof(KafkaProducerConnection)}.{nameof(RegisterSchemasAsync)} before producing.");
    }

    /// <summary>
    /// The partition count of <paramref name="topic"/> from cluster metadata, cached after the first call.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <returns>The number of partitions.</returns>
    /// <exception cref="KafkaException">The topic does not exist or metadata could not be read within <see cref="TypedProducerOptions.MetadataTimeout"/>.</exception>
    public int GetPartitionCount(string topic) => GetPartitionCount(topic, CancellationToken.None);

    /// <summary>As <see cref="GetPartitionCount(string)"/>, giving up when <paramref name="cancellationToken"/> is cancelled (checked at least every 250 ms).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Cancels the wait (host start-up's token).</param>
    /// <returns>The number of partitions.</returns>
    /// <exception cref="KafkaException">The topic does not exist or metadata could not be read within <see cref="TypedProducerOptions.MetadataTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public int GetPartitionCount(string topic, CancellationToken cancellationToken) =>
        _partitionCounts.TryGetValue(topic, out int count) ? count : ReadPartitionCount(topic, cancellationToken);

    // Apart from the cached path: its lambda's closure over topic would be allocated on every call, cached or not.
    private int ReadPartitionCount(string topic, CancellationToken cancellationToken)
    {
        int count;
        ThrowIfDisposed();
        IAdminClient admin = AdminClient();

        // librdkafka's metadata call blocks for its whole timeout when no broker answers: ask in slices, so that a
        // cancelled start-up (an unreachable cluster, Ctrl+C) stops within one slice.
        TimeSpan slice = TimeSpan.FromMilliseconds(250);
        DateTime deadline = DateTime.UtcNow + _options.MetadataTimeout;
        Metadata metadata;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan remaining = deadline - DateTime.UtcNow;
            try
            {
                metadata = admin.GetMetadata(topic, remaining < slice ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1)) : slice);
                break;
            }
            catch (KafkaException ex) when (ex.Error.Code is ErrorCode.Local_TimedOut or ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown
                && deadline > DateTime.UtcNow && !cancellationToken.IsCancellationRequested)
            {
            }
            catch (KafkaException ex) when (ex.Error.Code is ErrorCode.Local_TimedOut or ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string broker = _lastBrokerError is { } last ? $"; last broker error: {last.Code}: {last.Reason}" : string.Empty;
                throw new KafkaException(new Error(ex.Error.Code,
                    $"Cannot read the metadata of topic '{topic}' from {BootstrapServers} within {_options.MetadataTimeout.TotalMilliseconds:0} ms (Kafka:MetadataTimeout): {ex.Error.Reason}{broker}"), ex);
            }
        }

        TopicMetadata? topicMetadata = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
        if (topicMetadata is null || topicMetadata.Error.IsError || topicMetadata.Partitions.Count == 0)
        {
            ErrorCode code = topicMetadata?.Error.Code ?? ErrorCode.UnknownTopicOrPart;
            throw new KafkaException(new Error(code, $"Cannot read the partition count of topic '{topic}': {code}. Contracts with a [PartitionKey] need the topic to exist."));
        }

        count = topicMetadata.Partitions.Count;
        _partitionCounts[topic] = count;
        return count;
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for outstanding messages to be delivered (their delivery reports to
    /// be served), without stopping the producer.
    /// </summary>
    /// <param name="timeout">The longest wait.</param>
    /// <returns>The number of messages still outstanding (0 when everything was delivered or failed).</returns>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public int Flush(TimeSpan timeout)
    {
        ThrowIfDisposed();
        return (int)Math.Min(_native.Flush(timeout), int.MaxValue);
    }

    // Metadata needs a Confluent.Kafka handle, and Confluent.Kafka cannot wrap a raw rd_kafka_t: an admin client of its
    // own on the same brokers and security settings (one more connection per broker), created on first use.
    private IAdminClient AdminClient()
    {
        lock (_adminGate)
        {
            ThrowIfDisposed();
            return _adminClient ??= new AdminClientBuilder(AdminConfig(BuildConfig(_options, BootstrapServers)))
                .SetLogHandler((_, message) => OnLog((int)message.Level, message.Facility, message.Message))
                .Build();
        }
    }

    // The producer's properties minus those that only make sense for producing (an idempotent admin client would ask
    // for a producer id it never uses).
    private static AdminClientConfig AdminConfig(ProducerConfig producer)
    {
        var admin = new AdminClientConfig();
        foreach (KeyValuePair<string, string> property in producer)
        {
            if (property.Key is not ("enable.idempotence" or "transactional.id" or "acks" or "partitioner" or "statistics.interval.ms")
                && !property.Key.StartsWith("dotnet.", StringComparison.Ordinal))
            {
                admin.Set(property.Key, property.Value);
            }
        }

        return admin;
    }

    /// <summary>
    /// Stops accepting messages, then waits up to <paramref name="timeout"/> for every outstanding message to be
    /// delivered, and purges what is left (<c>rd_kafka_purge</c>, queued and in flight). From the moment this is called,
    /// produce calls throw <see cref="ProducerClosedException"/> synchronously; every message accepted before has exactly
    /// one outcome: its delivery report, or (when the wait ends first) its purge report, given to its task or handler and
    /// listed in the report: <see cref="ErrorCode.Local_PurgeQueue"/> with <see cref="PersistenceStatus.NotPersisted"/>
    /// for a message never sent, <see cref="ErrorCode.Local_PurgeInflight"/> with
    /// <see cref="PersistenceStatus.PossiblyPersisted"/> for one sent without an answer (its reason names the timeout).
    /// The log gets one summary line per topic (counts by persistence status, a few keys), never a line per message.
    /// Calling it again (for example <see cref="Dispose"/> after the host stopped) returns the first report.
    /// </summary>
    /// <param name="timeout">The bounded wait; <see cref="TypedProducerOptions.FlushTimeout"/> when null.</param>
    /// <returns>What was still outstanding and what could not be delivered.</returns>
    public ProducerShutdownReport Shutdown(TimeSpan? timeout = null)
    {
        lock (_undelivered)
        {
            if (_shutdownReport is not null)
            {
                return _shutdownReport;
            }

            _shuttingDown = true;
            // Failures summarised per window so far are logged before the shutdown summary.
            _undeliveredLog.Flush();
            // From here on no message is accepted, and every one accepted so far is tracked and in librdkafka.
            _gate.Close();
            TimeSpan wait = timeout ?? _options.FlushTimeout;
            _shutdownFlushTimeout = wait;
            int outstanding = (int)Math.Min(_native.Flush(wait), int.MaxValue);
            if (outstanding > 0)
            {
                LogFlushTimedOut(outstanding, wait.TotalMilliseconds);
                // Purged messages get their reports (Local_PurgeQueue: never sent; Local_PurgeInflight: sent, outcome
                // unknown) on the poll thread; wait for them, so each caller learns its message's outcome from librdkafka.
                _native.Purge(inFlight: true);
                if (_native.Flush(PurgeReportWait) > 0)
                {
                    // Not expected (librdkafka serves purge reports at once); a message without its report still gets an outcome.
                    var error = new Error(ErrorCode.Local_TimedOut, $"No delivery report within the shutdown flush timeout of {wait.TotalMilliseconds:0} ms, nor after purging; the producer is closing. The message may still have been written.");
                    foreach (UndeliveredMessage message in _inFlight.AbandonAll(error))
                    {
                        _undelivered.Enqueue(message);
                    }
                }
            }

            _shutdownReport = new ProducerShutdownReport(outstanding, _undelivered.ToArray());
            if (_shutdownReport.Undelivered.Count > 0)
            {
                foreach (UndeliveredTopicSummary topic in _shutdownReport.ByTopic)
                {
                    LogUndeliveredTopic(topic.PossiblyPersisted + topic.NotPersisted, topic.Topic, topic.PossiblyPersisted, topic.NotPersisted, string.Join(", ", topic.SampleKeys));
                }

                LogUndeliveredSummary(_shutdownReport.Undelivered.Count, _shutdownReport.PossiblyPersistedCount, _shutdownReport.NotPersistedCount);
            }

            return _shutdownReport;
        }
    }

    /// <summary>Flushes with the bounded wait (<see cref="Shutdown"/>), disposes the producer, then the embedded cluster.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Shutdown();
        lock (_adminGate)
        {
            _disposed = true;
            _adminClient?.Dispose();
        }

        // Shutdown flushed and purged: nothing is left to wait for.
        _native.Dispose(TimeSpan.Zero);
        DisposeDiagnostics();
        _embeddedCluster?.Dispose();
    }

    internal void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(KafkaProducerConnection), "The Kafka producer has been disposed; messages can no longer be produced.");
        }
    }

    internal InFlightTracker InFlight => _inFlight;

    internal ProduceGate Gate => _gate;

    internal void OnDeliveryFailed(string messageType, string topic, int partition, string? key, Error error, PersistenceStatus status, bool callerNotified)
    {
        if (_shuttingDown)
        {
            // Summarised per topic when the shutdown report is made.
            _undelivered.Enqueue(new UndeliveredMessage(messageType, topic, partition, key, error, status));
        }
        else if (!callerNotified)
        {
            // A broker outage can fail thousands at once: a few lines per topic and error, then one summary per window.
            LogUndeliveredThrottled(messageType, topic, key, error, status);
        }
    }

    private static string ResolveBootstrapServers(TypedProducerOptions options, out bool embedded)
    {
        string? servers = options.BootstrapServers;
        if (string.IsNullOrWhiteSpace(servers))
        {
            options.Producer.TryGetValue("bootstrap.servers", out servers);
        }

        embedded = options.Embedded.Enabled;
        if (embedded && !string.IsNullOrWhiteSpace(servers))
        {
            throw new InvalidOperationException(
                $"Both Kafka:BootstrapServers ('{servers}') and Kafka:Embedded:Enabled are set. Use one: a real cluster, or the in-process mock cluster.");
        }

        if (!embedded && string.IsNullOrWhiteSpace(servers))
        {
            throw new InvalidOperationException(
                "No Kafka broker address is configured: set Kafka:BootstrapServers (librdkafka bootstrap.servers), " +
                "or opt in to the in-process mock cluster for development and tests with Kafka:Embedded:Enabled=true.");
        }

        return servers ?? string.Empty;
    }

    // syslog levels (librdkafka's log_cb): 0 emergency .. 7 debug.
    private void OnLog(int syslogLevel, string facility, string text)
    {
        LogLevel level = (SyslogLevel)syslogLevel switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        LogLibrdkafkaThrottled(level, facility, text);
    }

    // A delivery handler (the caller's, or ours) threw on librdkafka's thread, where it cannot propagate.
    private void OnHandlerException(Exception exception) => LogHandlerException(exception);

    /// <summary>
    /// A failed delivery's error, with librdkafka's last broker error added when the message timed out
    /// (<see cref="ErrorCode.Local_MsgTimedOut"/>, after <c>message.timeout.ms</c>) while brokers were failing: "Message
    /// timed out" alone does not say that no broker was reachable.
    /// </summary>
    internal Error ExplainDeliveryError(Error error)
    {
        if (error.Code is ErrorCode.Local_PurgeQueue or ErrorCode.Local_PurgeInflight && _shuttingDown)
        {
            string sent = error.Code == ErrorCode.Local_PurgeQueue
                ? "it was never sent"
                : "it was sent without an answer and may still have been written";
            return new Error(error.Code, $"{error.Reason}: no delivery report within the shutdown flush timeout of {_shutdownFlushTimeout.TotalMilliseconds:0} ms, so the closing producer purged it; {sent}.", error.IsFatal);
        }

        if (error.Code != ErrorCode.Local_MsgTimedOut || _lastBrokerError is not { } broker)
        {
            return error;
        }

        double secondsAgo = (DateTime.UtcNow - broker.AtUtc).TotalSeconds;
        return new Error(
            error.Code,
            $"{error.Reason}: no broker acknowledged it within message.timeout.ms; the brokers ({BootstrapServers}) were unreachable or failing, " +
            $"last broker error {secondsAgo:0} s ago: {broker.Code}: {broker.Reason}",
            error.IsFatal);
    }

    private void OnError(Error error)
    {
        if (error.Code is ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Resolve
            or ErrorCode.Local_Authentication or ErrorCode.Local_Ssl)
        {
            _lastBrokerError = new BrokerError(error.Code, error.Reason, DateTime.UtcNow);
        }

        if (error.Code == ErrorCode.Local_AllBrokersDown && Volatile.Read(ref _allBrokersDownAt) == 0)
        {
            Volatile.Write(ref _allBrokersDownAt, Math.Max(1, Environment.TickCount64));
        }

        if (error.IsFatal)
        {
            _fatalError ??= new FatalProducerError(error.Code, error.Reason, DateTimeOffset.UtcNow);
            LogFatalError(error.Code, error.Reason);
        }
        else
        {
            LogClientErrorThrottled(error);
        }
    }

    [LoggerMessage(EventId = 16, Level = LogLevel.Error, Message = "A delivery report handler threw on librdkafka's poll thread")]
    private partial void LogHandlerException(Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "librdkafka {Version} loaded from {Path} ({Source}; {Note})")]
    private partial void LogNativeLibrary(string version, string path, LibrdkafkaLoadSource source, string note);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Embedded Kafka mock cluster started: {BrokerCount} brokers at {BootstrapServers}")]
    private partial void LogEmbeddedCluster(int brokerCount, string bootstrapServers);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Embedded Kafka topic '{Topic}' created with {Partitions} partitions")]
    private partial void LogEmbeddedTopic(string topic, int partitions);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Schema of {MessageType} under subject '{Subject}' has id {SchemaId} ({How})")]
    private partial void LogSchemaRegistered(string messageType, string subject, int schemaId, string how);

    [LoggerMessage(EventId = 4, Message = "librdkafka {Facility}: {Text}")]
    private partial void LogLibrdkafka(LogLevel level, string facility, string text);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Kafka client error {Code}: {Reason}")]
    private partial void LogClientError(ErrorCode code, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Critical, Message = "Fatal Kafka producer error {Code}: {Reason}")]
    private partial void LogFatalError(ErrorCode code, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "{Outstanding} messages were still undelivered after waiting {TimeoutMs} ms; purging them")]
    private partial void LogFlushTimedOut(int outstanding, double timeoutMs);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "{MessageType} to topic '{Topic}' (key {Key}) was not delivered: {Code} {Reason} ({Status})")]
    private partial void LogUndelivered(string messageType, string topic, string key, ErrorCode code, string reason, PersistenceStatus status);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "{Count} messages could not be delivered before shutdown: {PossiblyPersisted} possibly persisted (may be in the log: re-sending can duplicate them), {NotPersisted} not persisted; ProducerShutdownReport lists each")]
    private partial void LogUndeliveredSummary(int count, int possiblyPersisted, int notPersisted);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "{Count} messages to topic '{Topic}' undelivered at shutdown: {PossiblyPersisted} possibly persisted, {NotPersisted} not persisted; keys include {SampleKeys}")]
    private partial void LogUndeliveredTopic(int count, string topic, int possiblyPersisted, int notPersisted, string sampleKeys);

    private sealed record BrokerError(ErrorCode Code, string Reason, DateTime AtUtc);
}
