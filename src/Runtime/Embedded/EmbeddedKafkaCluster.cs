using System;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using TypedProducer.Native;

namespace TypedProducer.Embedded;

/// <summary>
/// librdkafka's mock cluster running in this process: <see cref="BrokerCount"/> brokers listening on
/// 127.0.0.1 with ephemeral ports, speaking the real Kafka protocol (produce, idempotent and transactional
/// produce, fetch, consumer groups, metadata with topic auto-creation: 4 partitions). Any Kafka client,
/// Confluent.Kafka or kcat, can connect to <see cref="BootstrapServers"/> while the cluster lives.
/// </summary>
/// <remarks>
/// For development, samples and tests only. Limits (librdkafka 2.0.2, <c>src/rdkafka_mock.c</c>): each
/// partition keeps about 5 MiB or 100 000 message sets (older ones are evicted); nothing is replicated or
/// persisted; TLS and SASL are not supported; the admin CreateTopics API is not supported (use
/// <see cref="CreateTopic"/>); sequence numbers are de-duplicated only for transactional producers.
/// Dispose clients before the cluster: a disposed cluster refuses connections.
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private readonly object _gate = new();
    private IntPtr _owner;
    private IntPtr _cluster;

    /// <summary>Starts a mock cluster.</summary>
    /// <param name="brokerCount">Number of brokers, 1 to 10 (broker ids 1..n).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokerCount"/> is outside 1..10.</exception>
    /// <exception cref="InvalidOperationException">librdkafka could not create the handle or the cluster.</exception>
    /// <exception cref="DllNotFoundException">librdkafka is not installed.</exception>
    public unsafe EmbeddedKafkaCluster(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerCount, 10);
        LibrdkafkaNative.EnsureLoaded();

        const int ErrorSize = 512;
        byte* errstr = stackalloc byte[ErrorSize];
        IntPtr conf = Librdkafka.rd_kafka_conf_new();
        // The owner handle never connects anywhere; level 3 silences its "No bootstrap.servers" notice.
        Librdkafka.rd_kafka_conf_set(conf, "log_level", "3", errstr, ErrorSize);
        _owner = Librdkafka.rd_kafka_new(Librdkafka.ProducerType, conf, errstr, ErrorSize);
        if (_owner == IntPtr.Zero)
        {
            Librdkafka.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("librdkafka could not create the mock cluster's owner handle: " + Librdkafka.Utf8(errstr));
        }

        _cluster = LibrdkafkaNative.rd_kafka_mock_cluster_new(_owner, brokerCount);
        if (_cluster == IntPtr.Zero)
        {
            Librdkafka.rd_kafka_destroy(_owner);
            _owner = IntPtr.Zero;
            throw new InvalidOperationException($"librdkafka could not start a mock cluster of {brokerCount} brokers.");
        }

        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(LibrdkafkaNative.rd_kafka_mock_cluster_bootstraps(_cluster))!;
    }

    /// <summary>The number of brokers; their ids are 1 to <see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>The brokers' addresses, <c>"127.0.0.1:port,..."</c>, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Creates a topic (replicated to min(3, brokers) brokers; the mock ignores other replication factors).</summary>
    /// <param name="topic">The topic name.</param>
    /// <param name="partitionCount">Number of partitions, at least 1.</param>
    /// <exception cref="KafkaException">The topic exists already (TopicAlreadyExists) or the name is invalid.</exception>
    public void CreateTopic(string topic, int partitionCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        Check(LibrdkafkaNative.rd_kafka_mock_topic_create(Handle, topic, partitionCount, Math.Min(3, BrokerCount)), $"create topic '{topic}'");
    }

    /// <summary>Moves the leadership of a partition (the mock's way to simulate fail-over).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="brokerId">The new leader, 1..<see cref="BrokerCount"/>, or -1 for no leader.</param>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(LibrdkafkaNative.rd_kafka_mock_partition_set_leader(Handle, topic, partition, brokerId), $"move leader of {topic}[{partition}] to broker {brokerId}");

    /// <summary>Takes a broker down: its connections close and it refuses new ones (leadership does not move).</summary>
    /// <param name="brokerId">The broker, or -1 for all.</param>
    public void SetBrokerDown(int brokerId) => Check(LibrdkafkaNative.rd_kafka_mock_broker_set_down(Handle, brokerId), $"take broker {brokerId} down");

    /// <summary>Brings a broker back up.</summary>
    /// <param name="brokerId">The broker, or -1 for all.</param>
    public void SetBrokerUp(int brokerId) => Check(LibrdkafkaNative.rd_kafka_mock_broker_set_up(Handle, brokerId), $"bring broker {brokerId} up");

    /// <summary>Delays every response of a broker.</summary>
    /// <param name="brokerId">The broker, or -1 for all.</param>
    /// <param name="roundTripMs">The added delay in milliseconds.</param>
    public void SetBrokerRoundTripTime(int brokerId, int roundTripMs) => Check(LibrdkafkaNative.rd_kafka_mock_broker_set_rtt(Handle, brokerId, roundTripMs), $"set round-trip time of broker {brokerId}");

    /// <summary>
    /// Makes the next <paramref name="errors"/>.Length requests of <paramref name="apiKey"/> (to any broker) fail with
    /// these errors, in order. <see cref="ErrorCode.Local_Transport"/> closes the connection instead. Injected errors
    /// are returned before the request is applied (a failed Produce appends nothing).
    /// </summary>
    /// <param name="apiKey">The Kafka API key (Produce = 0, Metadata = 3, InitProducerId = 22, ...).</param>
    /// <param name="errors">The errors.</param>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        LibrdkafkaNative.rd_kafka_mock_push_request_errors_array(Handle, apiKey, (nuint)errors.Length, errors);
    }

    /// <summary>
    /// Makes the next <paramref name="errors"/>.Length requests of <paramref name="apiKey"/> (to any broker, from any
    /// client) fail with these errors, in order (<c>rd_kafka_mock_push_request_errors_array</c>).
    /// <see cref="ErrorCode.Local_Transport"/> makes the broker close the connection instead of answering. Injected
    /// errors are returned before the request is applied: a failed Produce appends nothing.
    /// </summary>
    /// <param name="apiKey">The request type.</param>
    /// <param name="errors">The errors, first one first.</param>
    /// <exception cref="ObjectDisposedException">The cluster has been disposed.</exception>
    public void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors) => PushRequestErrors((short)apiKey, errors);

    /// <summary>Forgets the cluster-level errors still pending for <paramref name="apiKey"/> (per-broker errors stay).</summary>
    /// <param name="apiKey">The request type.</param>
    /// <exception cref="ObjectDisposedException">The cluster has been disposed.</exception>
    public void ClearRequestErrors(KafkaApiKey apiKey) => LibrdkafkaNative.rd_kafka_mock_clear_request_errors(Handle, (short)apiKey);

    /// <summary>
    /// Makes the next request of <paramref name="apiKey"/> to broker <paramref name="brokerId"/> wait
    /// <paramref name="roundTripMs"/> milliseconds and then fail with <paramref name="error"/>
    /// (<c>rd_kafka_mock_broker_push_request_error_rtts</c>). With <see cref="ErrorCode.NoError"/> the request is applied
    /// and only its response is delayed: a Produce is appended even if the client gives up waiting, which is how a lost
    /// acknowledgement is simulated. Broker-level errors are served before cluster-level ones; calls queue up in order.
    /// </summary>
    /// <param name="brokerId">The broker, 1..<see cref="BrokerCount"/>.</param>
    /// <param name="apiKey">The request type.</param>
    /// <param name="error">The error, or <see cref="ErrorCode.NoError"/> for a delay only.</param>
    /// <param name="roundTripMs">The delay in milliseconds, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="roundTripMs"/> is negative.</exception>
    /// <exception cref="KafkaException">The broker does not exist (Local_UnknownBroker).</exception>
    /// <exception cref="PlatformNotSupportedException">
    /// On Apple arm64, where the variadic C function cannot be called through a fixed prototype.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The cluster has been disposed.</exception>
    public void PushBrokerRequestError(int brokerId, KafkaApiKey apiKey, ErrorCode error, int roundTripMs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(roundTripMs);
        if (OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
        {
            throw new PlatformNotSupportedException(
                "rd_kafka_mock_broker_push_request_error_rtts is variadic and Apple arm64 passes variadic arguments on the stack; per-broker request errors are not available there.");
        }

        Check(LibrdkafkaNative.rd_kafka_mock_broker_push_request_error_rtt(Handle, brokerId, (short)apiKey, 1, error, roundTripMs), $"push {error} ({roundTripMs} ms) for {apiKey} requests to broker {brokerId}");
    }

    /// <summary>The number of per-broker errors (<see cref="PushBrokerRequestError"/>) not yet served.</summary>
    /// <param name="brokerId">The broker.</param>
    /// <param name="apiKey">The request type.</param>
    /// <returns>The count.</returns>
    /// <exception cref="KafkaException">The broker does not exist.</exception>
    /// <exception cref="ObjectDisposedException">The cluster has been disposed.</exception>
    public int GetBrokerRequestErrorCount(int brokerId, KafkaApiKey apiKey)
    {
        // Assigned first: analyses that skip the LibraryImport generator (OwnCodeTests) see no body that assigns it.
        nuint count = 0;
        Check(LibrdkafkaNative.rd_kafka_mock_broker_error_stack_cnt(Handle, brokerId, (short)apiKey, out count), $"count pending {apiKey} errors of broker {brokerId}");
        return checked((int)count);
    }

    /// <summary>
    /// Makes Metadata and AddPartitionsToTxn answers report <paramref name="error"/> for <paramref name="topic"/>
    /// (<see cref="ErrorCode.NoError"/> clears it). Creates the topic if it does not exist.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="error">The topic-level error.</param>
    /// <exception cref="ObjectDisposedException">The cluster has been disposed.</exception>
    public void SetTopicError(string topic, ErrorCode error)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        LibrdkafkaNative.rd_kafka_mock_topic_set_error(Handle, topic, error);
    }

    /// <summary>Pins the transaction coordinator of <paramref name="transactionalId"/> to a broker (default: by hash).</summary>
    /// <param name="transactionalId">The producer's <c>transactional.id</c>.</param>
    /// <param name="brokerId">The broker.</param>
    /// <exception cref="KafkaException">The broker does not exist.</exception>
    /// <exception cref="ObjectDisposedException">The cluster has been disposed.</exception>
    public void SetTransactionCoordinator(string transactionalId, int brokerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionalId);
        Check(LibrdkafkaNative.rd_kafka_mock_coordinator_set(Handle, "transaction", transactionalId, brokerId), $"make broker {brokerId} the coordinator of transactional id '{transactionalId}'");
    }

    /// <summary>Pins the group coordinator of <paramref name="groupId"/> to a broker (default: by hash).</summary>
    /// <param name="groupId">The consumer group.</param>
    /// <param name="brokerId">The broker.</param>
    /// <exception cref="KafkaException">The broker does not exist.</exception>
    /// <exception cref="ObjectDisposedException">The cluster has been disposed.</exception>
    public void SetGroupCoordinator(string groupId, int brokerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        Check(LibrdkafkaNative.rd_kafka_mock_coordinator_set(Handle, "group", groupId, brokerId), $"make broker {brokerId} the coordinator of group '{groupId}'");
    }

    /// <summary>
    /// Narrows the versions the brokers advertise for <paramref name="apiKey"/> in ApiVersions; -1 and -1 remove the API
    /// (for example InitProducerId, to test a cluster without idempotence or transactions).
    /// </summary>
    /// <param name="apiKey">The request type.</param>
    /// <param name="minVersion">The lowest version, or -1.</param>
    /// <param name="maxVersion">The highest version (not above the mock's own maximum), or -1.</param>
    /// <exception cref="KafkaException">The mock does not implement the API or the range.</exception>
    /// <exception cref="ObjectDisposedException">The cluster has been disposed.</exception>
    public void SetApiVersion(KafkaApiKey apiKey, short minVersion, short maxVersion) =>
        Check(LibrdkafkaNative.rd_kafka_mock_set_apiversion(Handle, (short)apiKey, minVersion, maxVersion), $"set the versions of {apiKey} to {minVersion}..{maxVersion}");

    /// <summary>Sets the rack a broker reports in Metadata (<c>broker.rack</c>).</summary>
    /// <param name="brokerId">The broker.</param>
    /// <param name="rack">The rack id.</param>
    /// <exception cref="KafkaException">The broker does not exist.</exception>
    /// <exception cref="ObjectDisposedException">The cluster has been disposed.</exception>
    public void SetBrokerRack(int brokerId, string rack)
    {
        ArgumentNullException.ThrowIfNull(rack);
        Check(LibrdkafkaNative.rd_kafka_mock_broker_set_rack(Handle, brokerId, rack), $"set the rack of broker {brokerId}");
    }

    /// <summary>Stops the brokers. Clients still connected see connection failures.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            // rd_kafka_mock_cluster_destroy must precede rd_kafka_destroy of its owner (rdkafka.c asserts it).
            if (_cluster != IntPtr.Zero)
            {
                LibrdkafkaNative.rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_owner != IntPtr.Zero)
            {
                Librdkafka.rd_kafka_destroy(_owner);
                _owner = IntPtr.Zero;
            }
        }
    }

    private IntPtr Handle => _cluster != IntPtr.Zero ? _cluster : throw new ObjectDisposedException(nameof(EmbeddedKafkaCluster));

    private static void Check(ErrorCode code, string action)
    {
        if (code != ErrorCode.NoError)
        {
            throw new KafkaException(new Error(code, $"Embedded Kafka cluster could not {action}: {code}"));
        }
    }
}
