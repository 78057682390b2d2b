using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TypedProducer.Benchmarks.Contracts;
using TypedProducer.Benchmarks.Data;
using TypedProducer.Embedded;
using TypedProducer.SchemaRegistry;

namespace TypedProducer.Benchmarks.EndToEnd;

/// <summary>
/// Producing real Citi Bike rides to the embedded mock cluster (librdkafka's, 3 brokers on loopback, the real
/// Kafka protocol), flushed at the end of each invocation: the generated typed producer (serializes key and
/// value, tracks the message until its delivery report) against a raw Confluent.Kafka
/// <c>IProducer&lt;byte[], byte[]&gt;</c> fed pre-serialized bytes. Both use the same configuration
/// (<see cref="KafkaProducerConnection.BuildConfig"/>: idempotence, acks=all, murmur2_random), the same
/// topic and the same records. The raw producer passes a delivery handler, as any caller that must learn
/// of failures does; the typed producer is called without one (it logs and reports failures itself).
/// Times and allocations are per message; allocations are process-wide (librdkafka's poll thread included).
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    public const int MessagesPerInvoke = 20_000;
    private const int DistinctRides = 4096;
    private const int Partitions = 6;

    private static readonly Action<DeliveryReport<byte[]?, byte[]>> s_onRawDelivery = OnRawDelivery;
    private static int s_rawFailures;

    private EmbeddedKafkaCluster _cluster = null!;
    private KafkaProducerConnection _connection = null!;
    private RideStartedProducer _typed = null!;
    private IProducer<byte[]?, byte[]> _raw = null!;
    private RideStarted[] _rides = [];
    private byte[]?[] _keys = [];
    private byte[][] _values = [];

    public const string DefaultSettings = "defaults";
    public const string SampleSettings = "sample";

    /// <summary>
    /// The producer settings both sides use: <see cref="DefaultSettings"/> (the library's safe defaults over
    /// librdkafka's: linger.ms=5, no compression) or <see cref="SampleSettings"/> (the sample's: linger.ms=20,
    /// compression.type=lz4).
    /// </summary>
    [Params(DefaultSettings, SampleSettings)]
    public string Settings { get; set; } = DefaultSettings;

    /// <summary>The mock cluster the candidates produce to (after <see cref="Setup"/>).</summary>
    public EmbeddedKafkaCluster Cluster => _cluster;

    /// <summary>The producer configuration both candidates use (<see cref="KafkaProducerConnection.BuildConfig"/> of the settings).</summary>
    public ProducerConfig ProducerConfig => KafkaProducerConnection.BuildConfig(_connection.Options, _cluster.BootstrapServers);

    /// <summary>The pre-serialized keys, one per distinct ride (a power of two), as the raw producer sends them.</summary>
    public IReadOnlyList<byte[]?> Keys => _keys;

    /// <summary>The pre-serialized values (Confluent wire format), index for index with <see cref="Keys"/>.</summary>
    public IReadOnlyList<byte[]> Values => _values;

    /// <summary>Failed deliveries of the raw producer (must stay 0).</summary>
    public static int RawFailures => s_rawFailures;

    [GlobalSetup]
    public void Setup()
    {
        _cluster = new EmbeddedKafkaCluster(3);
        _cluster.CreateTopic(RideStartedKafkaContract.TopicName, Partitions);
        var options = new TypedProducerOptions { BootstrapServers = _cluster.BootstrapServers };
        if (Settings == SampleSettings)
        {
            // samples/CitiBikeRides/appsettings.json's Kafka:Producer section.
            options.Producer["linger.ms"] = "20";
            options.Producer["compression.type"] = "lz4";
        }

        _connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        _connection.RegisterSchemasAsync([RideStartedKafkaContract.Instance]).GetAwaiter().GetResult();
        _typed = new RideStartedProducer(_connection);
        _raw = new ProducerBuilder<byte[]?, byte[]>(KafkaProducerConnection.BuildConfig(options, _cluster.BootstrapServers)).Build();

        _rides = CitiBikeData.LoadRideStarted(DistinctRides).ToArray();
        int schemaId = _connection.GetSchemaId(RideStartedKafkaContract.Instance);
        _keys = Array.ConvertAll(_rides, RideStartedKafkaContract.Instance.SerializeKey);
        _values = Array.ConvertAll(_rides, ride => RideStartedKafkaContract.Instance.SerializeValue(ride, schemaId));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _connection.Dispose();
        _cluster.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerInvoke, Description = "Confluent IProducer<byte[],byte[]>, pre-serialized")]
    public int RawProducer()
    {
        IProducer<byte[]?, byte[]> producer = _raw;
        for (int i = 0; i < MessagesPerInvoke; i++)
        {
            int r = i & (DistinctRides - 1);
            var message = new Message<byte[]?, byte[]> { Key = _keys[r], Value = _values[r] };
            while (true)
            {
                try
                {
                    producer.Produce(RideStartedKafkaContract.TopicName, message, s_onRawDelivery);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    Thread.Sleep(1); // librdkafka's queue is full (queue.buffering.max.messages): let deliveries drain.
                }
            }
        }

        return producer.Flush(TimeSpan.FromSeconds(60));
    }

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke, Description = "TypedProducer (generated RideStartedProducer)")]
    public int TypedProducer()
    {
        RideStartedProducer producer = _typed;
        for (int i = 0; i < MessagesPerInvoke; i++)
        {
            RideStarted ride = _rides[i & (DistinctRides - 1)];
            while (true)
            {
                try
                {
                    producer.Produce(ride);
                    break;
                }
                catch (ProducerQueueFullException)
                {
                    Thread.Sleep(1);
                }
            }
        }

        return _connection.Flush(TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// The generated producer's <c>ProduceAsync</c>: every message's task kept, then awaited together (after the flush).
    /// </summary>
    public int TypedProducerAsync()
    {
        RideStartedProducer producer = _typed;
        var tasks = new Task<TypedDeliveryResult<RideStarted>>[MessagesPerInvoke];
        for (int i = 0; i < MessagesPerInvoke; i++)
        {
            RideStarted ride = _rides[i & (DistinctRides - 1)];
            while (true)
            {
                try
                {
                    tasks[i] = producer.ProduceAsync(ride);
                    break;
                }
                catch (ProducerQueueFullException)
                {
                    Thread.Sleep(1);
                }
            }
        }

        int outstanding = _connection.Flush(TimeSpan.FromSeconds(60));
        Task.WaitAll(tasks);
        return outstanding;
    }

    /// <summary>The rides the typed candidates produce, index for index with <see cref="Keys"/>.</summary>
    public IReadOnlyList<RideStarted> Rides => _rides;

    /// <summary>
    /// <see cref="TypedProducer"/> with tracing and metrics on (<see cref="SamplingListener"/>: every send span sampled and
    /// recorded, its context injected into the record headers, every measurement taken). The listener is attached for
    /// the call only, so the other candidates run with none.
    /// </summary>
    [Benchmark(OperationsPerInvoke = MessagesPerInvoke, Description = "TypedProducer, every span sampled and metrics on")]
    public int TypedProducerTraced()
    {
        using var listener = new SamplingListener();
        int outstanding = TypedProducer();
        if (listener.Spans < MessagesPerInvoke)
        {
            throw new InvalidOperationException($"Only {listener.Spans} of {MessagesPerInvoke} send spans ended while the listener was attached.");
        }

        return outstanding;
    }

    private static void OnRawDelivery(DeliveryReport<byte[]?, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref s_rawFailures);
        }
    }
}
