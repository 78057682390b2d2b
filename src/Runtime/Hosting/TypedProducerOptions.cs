using System.Collections.Generic;
using System;
using TypedProducer.SchemaRegistry;

namespace TypedProducer;

/// <summary>
/// Options of the shared Kafka producer, usually bound from the <c>"Kafka"</c> configuration section:
/// <code>
/// "Kafka": {
///   "BootstrapServers": "broker1:9092,broker2:9092",
///   "SubjectNameStrategy": "TopicRecordName",
///   "SchemaRegistry": { "Url": "http://registry:8081" },
///   "Producer": { "linger.ms": "10", "compression.type": "zstd" }
/// }
/// </code>
/// </summary>
public sealed class TypedProducerOptions
{
    /// <summary>The configuration section name used by convention: <c>"Kafka"</c>.</summary>
    public const string DefaultSectionName = "Kafka";

    /// <summary>
    /// Comma-separated <c>host:port</c> list of brokers (librdkafka <c>bootstrap.servers</c>). Required unless
    /// <see cref="EmbeddedKafkaOptions.Enabled"/> is set: a missing address is an error, never a silent fallback.
    /// </summary>
    public string? BootstrapServers { get; set; }

    /// <summary>
    /// librdkafka producer properties by their librdkafka names (for example <c>"linger.ms"</c>), passed to the
    /// Confluent.Kafka producer after the safe defaults, so they override them. Defaults applied first:
    /// <c>enable.idempotence=true</c>, <c>acks=all</c>, <c>partitioner=murmur2_random</c> (Java-compatible).
    /// </summary>
    public Dictionary<string, string> Producer { get; } = new(StringComparer.Ordinal);

    /// <summary>How schema registry subjects are named. Default: <see cref="SubjectNameStrategy.TopicName"/>, as in Confluent's serializers.</summary>
    public SubjectNameStrategy SubjectNameStrategy { get; set; } = SubjectNameStrategy.TopicName;

    /// <summary>
    /// How long stopping the host or disposing the producer waits for outstanding deliveries before the rest
    /// are purged and reported as undelivered. Default: 10 seconds.
    /// </summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Which librdkafka the process runs (<c>"Kafka:NativeLibrary"</c>): <c>null</c> or <c>"bundled"</c> (the default) for
    /// the file of the app's librdkafka.redist package, <c>"system"</c> for the operating system's librdkafka, or the
    /// path of a librdkafka shared library. Chosen once per process, when the first producer starts; see
    /// <see cref="LibrdkafkaLibrary"/>. The loaded version is logged at start-up.
    /// </summary>
    public string? NativeLibrary { get; set; }

    /// <summary>
    /// How long <see cref="ITypedProducer{TMessage}.ProduceAllAsync(IEnumerable{TMessage}, System.Threading.CancellationToken)"/>
    /// waits, per message, for room in librdkafka's full local queue before it gives up with
    /// <see cref="ProducerQueueFullException"/> (like the Java client's <c>max.block.ms</c>). Default: 60 seconds.
    /// </summary>
    public TimeSpan QueueFullTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a cluster metadata request (partition counts) may take. Default: 10 seconds.</summary>
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The schema registry (<c>"Kafka:SchemaRegistry"</c>): its URL, credentials, TLS, retries, and how each contract's
    /// schema id is chosen (registration by default). Without a URL the in-memory registry is used.
    /// </summary>
    public SchemaRegistryOptions SchemaRegistry { get; } = new();

    /// <summary>The in-process mock cluster for development and tests (explicit opt-in).</summary>
    public EmbeddedKafkaOptions Embedded { get; } = new();

    /// <summary>The transactional producer (<see cref="ITypedTransactionalProducer"/>): its <c>transactional.id</c> and settings.</summary>
    public TransactionalProducerOptions Transactions { get; } = new();
}
