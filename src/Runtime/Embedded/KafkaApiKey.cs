namespace TypedProducer.Embedded;

/// <summary>
/// Kafka protocol request types (API keys) that the librdkafka 2.0.2 mock cluster implements, for fault injection
/// with <see cref="EmbeddedKafkaCluster.PushRequestErrors(KafkaApiKey, Confluent.Kafka.ErrorCode[])"/>. Values are the
/// protocol's API keys (Apache Kafka protocol guide, "The Messages"; <c>clients/src/main/resources/common/message/*.json</c>).
/// </summary>
public enum KafkaApiKey : short
{
    /// <summary>Produce (0): appends record batches to partitions.</summary>
    Produce = 0,

    /// <summary>Fetch (1): reads record batches.</summary>
    Fetch = 1,

    /// <summary>ListOffsets (2): watermarks and offsets by timestamp.</summary>
    ListOffsets = 2,

    /// <summary>Metadata (3): brokers, topics, partitions and leaders; auto-creates topics.</summary>
    Metadata = 3,

    /// <summary>OffsetCommit (8): a consumer group commits offsets.</summary>
    OffsetCommit = 8,

    /// <summary>OffsetFetch (9): a consumer group reads committed offsets.</summary>
    OffsetFetch = 9,

    /// <summary>FindCoordinator (10): finds the group or transaction coordinator.</summary>
    FindCoordinator = 10,

    /// <summary>JoinGroup (11).</summary>
    JoinGroup = 11,

    /// <summary>Heartbeat (12).</summary>
    Heartbeat = 12,

    /// <summary>LeaveGroup (13).</summary>
    LeaveGroup = 13,

    /// <summary>SyncGroup (14).</summary>
    SyncGroup = 14,

    /// <summary>ApiVersions (18): the versions a broker supports.</summary>
    ApiVersions = 18,

    /// <summary>InitProducerId (22): producer id and epoch for idempotent and transactional producers.</summary>
    InitProducerId = 22,

    /// <summary>AddPartitionsToTxn (24): adds partitions to the ongoing transaction.</summary>
    AddPartitionsToTxn = 24,

    /// <summary>AddOffsetsToTxn (25): adds a group's offsets to the ongoing transaction.</summary>
    AddOffsetsToTxn = 25,

    /// <summary>EndTxn (26): commits or aborts the transaction.</summary>
    EndTxn = 26,

    /// <summary>TxnOffsetCommit (28): commits consumer offsets inside a transaction.</summary>
    TxnOffsetCommit = 28,
}
