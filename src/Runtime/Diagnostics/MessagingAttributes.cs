using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// Attribute names and values of the OpenTelemetry messaging semantic conventions (open-telemetry/semantic-conventions,
/// <c>docs/messaging/kafka.md</c>, <c>messaging-spans.md</c>) and the library's own, with cached value strings so that
/// recording allocates as little as possible.
/// </summary>
internal static partial class MessagingAttributes
{
    public const string System = "messaging.system";
    public const string Kafka = "kafka";
    public const string DestinationName = "messaging.destination.name";
    public const string OperationName = "messaging.operation.name";
    public const string OperationType = "messaging.operation.type";
    public const string Send = "send";
    public const string PartitionId = "messaging.destination.partition.id";
    public const string KafkaMessageKey = "messaging.kafka.message.key";
    public const string KafkaOffset = "messaging.kafka.offset";
    public const string KafkaTombstone = "messaging.kafka.message.tombstone";
    public const string BodySize = "messaging.message.body.size";
    public const string ClientId = "messaging.client.id";
    public const string BatchMessageCount = "messaging.batch.message_count";
    public const string ErrorType = "error.type";

    /// <summary>The library's attribute of commit and abort spans: the producer's <c>transactional.id</c>.</summary>
    public const string TransactionalId = "typedproducer.transactional_id";

    private static readonly ConcurrentDictionary<ErrorCode, string> s_errorNames = new();
    private static string[] s_partitionIds = [];

    /// <summary>
    /// <c>error.type</c> of a librdkafka error: its name as <c>rd_kafka_err2name</c> gives it, the Kafka protocol's
    /// (<c>NOT_ENOUGH_REPLICAS</c>, <c>KAFKA_STORAGE_ERROR</c>, the semantic conventions' example) or librdkafka's local
    /// one with its leading underscore (<c>_MSG_TIMED_OUT</c>, <c>_QUEUE_FULL</c>). A small, fixed set: low cardinality,
    /// as <c>error.type</c> must be.
    /// </summary>
    public static string ErrorTypeOf(ErrorCode code) => s_errorNames.GetOrAdd(code, static c =>
    {
        IntPtr name = rd_kafka_err2name(c);
        return (name == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(name)) is { Length: > 0 } text ? text : "_OTHER";
    });

    /// <summary>The partition as <c>messaging.destination.partition.id</c> (a string), cached for partitions 0 to 4095.</summary>
    public static string PartitionIdText(int partition)
    {
        string[] ids = Volatile.Read(ref s_partitionIds);
        if ((uint)partition < (uint)ids.Length)
        {
            return ids[partition];
        }

        if ((uint)partition >= 4096)
        {
            return partition.ToString(CultureInfo.InvariantCulture);
        }

        var grown = new string[Math.Max(partition + 1, Math.Min(4096, Math.Max(64, ids.Length * 2)))];
        Array.Copy(ids, grown, ids.Length);
        for (int i = ids.Length; i < grown.Length; i++)
        {
            grown[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        Volatile.Write(ref s_partitionIds, grown);
        return grown[partition];
    }

    [LibraryImport("librdkafka")]
    private static partial IntPtr rd_kafka_err2name(ErrorCode err);
}
