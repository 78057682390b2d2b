using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System;
using Confluent.Kafka;
using TypedProducer.Embedded;
using TypedProducer.SchemaRegistry;

namespace TypedProducer.Testing;

/// <summary>
/// A Kafka cluster for tests, in this process: librdkafka's mock cluster (<see cref="EmbeddedKafkaCluster"/>) with
/// <see cref="BrokerCount"/> brokers on 127.0.0.1 speaking the real Kafka protocol, an in-memory schema registry
/// shared by producers and <see cref="TypedKafkaReader"/>, explicit topics, and fault injection: request errors by
/// API key, broker down and up, leader moves, latency. No Docker, no JVM; gone when disposed or when the process ends.
/// </summary>
/// <remarks>
/// <para>What the mock cannot do (measured on librdkafka 2.16.0; <c>src/rdkafka_mock.c</c>): each partition keeps
/// about 5 MiB (or 100 000 record batches; older ones are evicted and the log start moves: 200 000 records of 100 B
/// kept 46 703), so keep per-partition data small when you read everything back; sequence numbers are de-duplicated
/// only for transactional producers (a plain idempotent producer whose acknowledgement is lost appends the batch
/// twice, which a real broker would not: 100 of 200 records duplicated); EndTxn writes COMMIT and ABORT markers (one
/// offset each), but Fetch and ListOffsets ignore <c>isolation.level</c>: aborted and still-open transactions are
/// served to <c>read_committed</c> consumers and the last stable offset is the high watermark
/// (<see cref="TypedKafkaReader"/> hides them as a real broker would); nothing is replicated or persisted
/// (replication factors are ignored); no TLS or SASL; no CreateTopics admin API (use <see cref="CreateTopic"/>);
/// taking a broker down does not move leadership (use <see cref="MoveLeader"/>). Injected errors are returned before
/// a request is applied: a failed Produce appends nothing.</para>
/// <para>Thread-safe: every control call is applied by the mock's own thread before it returns.</para>
/// </remarks>
public sealed class KafkaTestCluster : IDisposable
{
    /// <summary>The broker id that means "every broker" in <see cref="SetBrokerLatency"/>, <see cref="TakeBrokerDown"/> and <see cref="BringBrokerUp"/>.</summary>
    public const int AllBrokers = -1;

    private readonly EmbeddedKafkaCluster _cluster;
    private readonly Dictionary<string, int> _topics = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _injectedFaults;

    /// <summary>Starts a cluster.</summary>
    /// <param name="brokerCount">Brokers, 1 to 10; their ids are 1..<paramref name="brokerCount"/>. Default 3.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokerCount"/> is outside 1..10.</exception>
    /// <exception cref="DllNotFoundException">librdkafka cannot be loaded.</exception>
    public KafkaTestCluster(int brokerCount = 3)
    {
        // The bundled librdkafka (librdkafka.redist) for the mock brokers and the reader's consumer alike.
        LibrdkafkaLibrary.Load();
        _cluster = new EmbeddedKafkaCluster(brokerCount);
    }

    /// <summary>The underlying mock cluster, for what this class does not wrap.</summary>
    public EmbeddedKafkaCluster Cluster => _cluster;

    /// <summary>The number of brokers; ids are 1..<see cref="BrokerCount"/>.</summary>
    public int BrokerCount => _cluster.BrokerCount;

    /// <summary><c>"127.0.0.1:port,..."</c>, for <c>bootstrap.servers</c> (Kafka:BootstrapServers).</summary>
    public string BootstrapServers => _cluster.BootstrapServers;

    /// <summary>The schema registry that producers configured with <see cref="KafkaTestClusterServiceCollectionExtensions.UseKafkaTestCluster"/> register with, and readers decode with.</summary>
    public InMemorySchemaRegistryClient SchemaRegistry { get; } = new();

    /// <summary>The topics created through this instance, with their partition counts.</summary>
    public IReadOnlyDictionary<string, int> Topics
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_topics, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The number of faults injected through this instance (each error, outage, leader move and latency change counts once).</summary>
    public int InjectedFaults => Volatile.Read(ref _injectedFaults);

    /// <summary>Creates a topic with <paramref name="partitions"/> partitions, replicated to min(3, brokers) brokers.</summary>
    /// <param name="topic">The topic name.</param>
    /// <param name="partitions">The partition count, at least 1.</param>
    /// <exception cref="ArgumentException"><paramref name="topic"/> is not a legal Kafka topic name.</exception>
    /// <exception cref="KafkaException">The topic exists already (TopicAlreadyExists).</exception>
    public void CreateTopic(string topic, int partitions)
    {
        KafkaTopicName.Validate(topic);
        _cluster.CreateTopic(topic, partitions);
        lock (_gate)
        {
            _topics[topic] = partitions;
        }
    }

    /// <summary>Creates the topic of contract <typeparamref name="TMessage"/>.</summary>
    /// <typeparam name="TMessage">A <c>[KafkaMessage]</c> contract.</typeparam>
    /// <param name="partitions">The partition count, at least 1.</param>
    /// <exception cref="KafkaException">The topic exists already (TopicAlreadyExists).</exception>
    public void CreateTopic<TMessage>(int partitions)
        where TMessage : IKafkaMessage<TMessage> =>
        CreateTopic(TMessage.KafkaContract.Topic, partitions);

    /// <summary>
    /// Makes the next <paramref name="errors"/>.Length requests of <paramref name="apiKey"/>, to any broker, fail with
    /// these errors in order. <see cref="ErrorCode.Local_Transport"/> closes the connection instead of answering.
    /// Examples: <c>FailNextRequests(KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut)</c>;
    /// <c>FailNextRequests(KafkaApiKey.EndTxn, ErrorCode.NotCoordinatorForGroup)</c> (NOT_COORDINATOR, code 16).
    /// </summary>
    /// <param name="apiKey">The request type.</param>
    /// <param name="errors">The errors, first one first.</param>
    public void FailNextRequests(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        _cluster.PushRequestErrors(apiKey, errors);
        Interlocked.Add(ref _injectedFaults, errors.Length);
    }

    /// <summary>Closes the connection instead of answering the next <paramref name="count"/> requests of <paramref name="apiKey"/> (a transport error).</summary>
    /// <param name="apiKey">The request type.</param>
    /// <param name="count">How many requests, at least 1.</param>
    public void DisconnectNextRequests(KafkaApiKey apiKey, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        FailNextRequests(apiKey, Enumerable.Repeat(ErrorCode.Local_Transport, count).ToArray());
    }

    /// <summary>
    /// Makes the next request of <paramref name="apiKey"/> to broker <paramref name="brokerId"/> wait <paramref name="delay"/>
    /// and then fail with <paramref name="error"/>. Per-broker errors are served before those of <see cref="FailNextRequests"/>.
    /// </summary>
    /// <param name="brokerId">The broker.</param>
    /// <param name="apiKey">The request type.</param>
    /// <param name="error">The error.</param>
    /// <param name="delay">The delay before the answer; default none.</param>
    /// <exception cref="KafkaException">The broker does not exist.</exception>
    /// <exception cref="PlatformNotSupportedException">On Apple arm64 (see <see cref="EmbeddedKafkaCluster.PushBrokerRequestError"/>).</exception>
    public void FailNextRequest(int brokerId, KafkaApiKey apiKey, ErrorCode error, TimeSpan delay = default)
    {
        _cluster.PushBrokerRequestError(brokerId, apiKey, error, ToMilliseconds(delay));
        Interlocked.Increment(ref _injectedFaults);
    }

    /// <summary>
    /// Delays the answer to the next request of <paramref name="apiKey"/> to broker <paramref name="brokerId"/>; the request
    /// itself is applied at once. Followed by <see cref="TakeBrokerDown"/> before the delay ends, this is a lost
    /// acknowledgement: the record is in the log but the producer never heard so.
    /// </summary>
    /// <param name="brokerId">The broker.</param>
    /// <param name="apiKey">The request type.</param>
    /// <param name="delay">The delay.</param>
    /// <exception cref="KafkaException">The broker does not exist.</exception>
    /// <exception cref="PlatformNotSupportedException">On Apple arm64.</exception>
    public void DelayNextResponse(int brokerId, KafkaApiKey apiKey, TimeSpan delay) => FailNextRequest(brokerId, apiKey, ErrorCode.NoError, delay);

    /// <summary>Forgets the errors of <see cref="FailNextRequests"/> still pending for <paramref name="apiKey"/>.</summary>
    /// <param name="apiKey">The request type.</param>
    public void ClearRequestErrors(KafkaApiKey apiKey) => _cluster.ClearRequestErrors(apiKey);

    /// <summary>Takes a broker down: its connections close and new ones are refused. Leadership stays (see <see cref="MoveLeader"/>).</summary>
    /// <param name="brokerId">The broker, or <see cref="AllBrokers"/>.</param>
    public void TakeBrokerDown(int brokerId)
    {
        _cluster.SetBrokerDown(brokerId);
        Interlocked.Increment(ref _injectedFaults);
    }

    /// <summary>Brings a broker back up, on the same port.</summary>
    /// <param name="brokerId">The broker, or <see cref="AllBrokers"/>.</param>
    public void BringBrokerUp(int brokerId) => _cluster.SetBrokerUp(brokerId);

    /// <summary>Adds <paramref name="roundTrip"/> to every answer of a broker (<see cref="TimeSpan.Zero"/> removes it).</summary>
    /// <param name="brokerId">The broker, or <see cref="AllBrokers"/>.</param>
    /// <param name="roundTrip">The added delay.</param>
    public void SetBrokerLatency(int brokerId, TimeSpan roundTrip)
    {
        int milliseconds = ToMilliseconds(roundTrip);
        _cluster.SetBrokerRoundTripTime(brokerId, milliseconds);
        if (milliseconds > 0)
        {
            Interlocked.Increment(ref _injectedFaults);
        }
    }

    /// <summary>Moves the leadership of a partition to another broker, as a fail-over does (-1: no leader).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="brokerId">The new leader.</param>
    public void MoveLeader(string topic, int partition, int brokerId)
    {
        _cluster.SetPartitionLeader(topic, partition, brokerId);
        Interlocked.Increment(ref _injectedFaults);
    }

    /// <summary>The leader of each partition of <paramref name="topic"/>, from cluster metadata (index = partition).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="timeout">The metadata request timeout; default 10 seconds.</param>
    /// <returns>The leader broker ids, -1 for a partition without a leader.</returns>
    /// <exception cref="KafkaException">The topic does not exist or metadata could not be read.</exception>
    public IReadOnlyList<int> GetLeaders(string topic, TimeSpan? timeout = null)
    {
        using IAdminClient admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers, LogConnectionClose = false }).Build();
        Metadata metadata = admin.GetMetadata(topic, timeout ?? TimeSpan.FromSeconds(10));
        TopicMetadata? described = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
        if (described is null || described.Error.IsError)
        {
            throw new KafkaException(described?.Error ?? new Error(ErrorCode.UnknownTopicOrPart, $"Topic '{topic}' not found."));
        }

        var leaders = new int[described.Partitions.Count];
        foreach (PartitionMetadata partition in described.Partitions)
        {
            leaders[partition.PartitionId] = partition.Leader;
        }

        return leaders;
    }

    /// <summary>Pins the transaction coordinator of <paramref name="transactionalId"/> to a broker.</summary>
    /// <param name="transactionalId">The producer's <c>transactional.id</c>.</param>
    /// <param name="brokerId">The broker.</param>
    public void SetTransactionCoordinator(string transactionalId, int brokerId) => _cluster.SetTransactionCoordinator(transactionalId, brokerId);

    /// <summary>Points <paramref name="options"/> at this cluster: sets <see cref="TypedProducerOptions.BootstrapServers"/> and turns the embedded cluster off.</summary>
    /// <param name="options">The options.</param>
    public void Configure(TypedProducerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.BootstrapServers = BootstrapServers;
        options.Embedded.Enabled = false;
    }

    /// <summary>Configuration entries that point the <c>"Kafka"</c> section at this cluster, for <c>AddInMemoryCollection</c>.</summary>
    /// <param name="section">The section name; default <c>"Kafka"</c>.</param>
    /// <returns>The entries.</returns>
    public IReadOnlyDictionary<string, string?> ToConfiguration(string section = TypedProducerOptions.DefaultSectionName) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [section + ":BootstrapServers"] = BootstrapServers,
        [section + ":Embedded:Enabled"] = "false",
    };

    /// <summary>A reader of this cluster's records that decodes values with <see cref="SchemaRegistry"/>.</summary>
    /// <param name="isolationLevel">
    /// <see cref="IsolationLevel.ReadCommitted"/> (the default): what a <c>read_committed</c> consumer of a real cluster
    /// sees (committed and non-transactional records); <see cref="IsolationLevel.ReadUncommitted"/>: every data record.
    /// </param>
    /// <returns>The reader; dispose it.</returns>
    public TypedKafkaReader CreateReader(IsolationLevel isolationLevel = IsolationLevel.ReadCommitted) => new(BootstrapServers, SchemaRegistry, isolationLevel: isolationLevel);

    /// <summary>Stops the brokers. Dispose producers and readers first: their connections fail afterwards.</summary>
    public void Dispose() => _cluster.Dispose();

    private static int ToMilliseconds(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return checked((int)Math.Ceiling(value.TotalMilliseconds));
    }
}
