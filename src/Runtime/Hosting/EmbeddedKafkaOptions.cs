using System;
using System.Collections.Generic;

namespace TypedProducer;

/// <summary>
/// The explicit opt-in to run librdkafka's mock cluster in-process (brokers on 127.0.0.1, real Kafka protocol,
/// nothing persisted, data gone when the process exits). For samples, demos and tests only: the mock keeps
/// about 5 MiB per partition and skips replication. Bound from <c>"Kafka:Embedded"</c>.
/// </summary>
public sealed class EmbeddedKafkaOptions
{
    /// <summary>Runs the mock cluster and points the producer at it. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Number of brokers, 1 to 10. Default: 3.</summary>
    public int BrokerCount { get; set; } = 3;

    /// <summary>Partitions of each contract topic created at start-up, unless listed in <see cref="TopicPartitions"/>. Default: 4.</summary>
    public int DefaultPartitionCount { get; set; } = 4;

    /// <summary>Partition counts by topic name, for topics created at start-up.</summary>
    public Dictionary<string, int> TopicPartitions { get; } = new(StringComparer.Ordinal);
}
