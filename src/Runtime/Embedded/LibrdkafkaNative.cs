using System;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace TypedProducer.Embedded;

/// <summary>
/// P/Invoke declarations of librdkafka's mock cluster API (<c>rdkafka_mock.h</c>); the owner handle is created with
/// <see cref="TypedProducer.Native.Librdkafka"/>'s declarations of the client API. Blittable
/// signatures only (pointers as <see cref="IntPtr"/>, <c>size_t</c> as <see cref="nuint"/>).
/// </summary>
internal static partial class LibrdkafkaNative
{
    private const string Library = "librdkafka";

    /// <summary>
    /// Makes sure the process's librdkafka is chosen (<see cref="LibrdkafkaLibrary"/>): "librdkafka" resolves, for
    /// this assembly as for Confluent.Kafka's, to that one image, so handles pass between the two.
    /// </summary>
    public static void EnsureLoaded() => _ = LibrdkafkaLibrary.Handle;

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial ErrorCode rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial ErrorCode rd_kafka_mock_partition_set_leader(IntPtr mcluster, string topic, int partition, int brokerId);

    [LibraryImport(Library)]
    public static partial ErrorCode rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

    [LibraryImport(Library)]
    public static partial ErrorCode rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

    [LibraryImport(Library)]
    public static partial ErrorCode rd_kafka_mock_broker_set_rtt(IntPtr mcluster, int brokerId, int rttMs);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_push_request_errors_array(IntPtr mcluster, short apiKey, nuint count, ErrorCode[] errors);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_clear_request_errors(IntPtr mcluster, short apiKey);

    // C: rd_kafka_resp_err_t rd_kafka_mock_broker_push_request_error_rtts(mcluster, int32_t broker_id,
    // int16_t ApiKey, size_t cnt, ...) with cnt (rd_kafka_resp_err_t err, int rtt_ms) pairs. There is no array
    // variant (2.0.2 nor master), so it is declared with cnt = 1 and one pair: all six arguments travel in integer
    // registers on x86-64 System V, Windows x64 and Linux arm64 (AAPCS64 passes variadic arguments like named ones),
    // as librdkafka's tests/0144 calls it. Not on Apple arm64, where variadic arguments go on the stack: callers check.
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_push_request_error_rtts")]
    public static partial ErrorCode rd_kafka_mock_broker_push_request_error_rtt(IntPtr mcluster, int brokerId, short apiKey, nuint count, ErrorCode error, int rttMs);

    [LibraryImport(Library)]
    public static partial ErrorCode rd_kafka_mock_broker_error_stack_cnt(IntPtr mcluster, int brokerId, short apiKey, out nuint count);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void rd_kafka_mock_topic_set_error(IntPtr mcluster, string topic, ErrorCode error);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial ErrorCode rd_kafka_mock_coordinator_set(IntPtr mcluster, string keyType, string key, int brokerId);

    [LibraryImport(Library)]
    public static partial ErrorCode rd_kafka_mock_set_apiversion(IntPtr mcluster, short apiKey, short minVersion, short maxVersion);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial ErrorCode rd_kafka_mock_broker_set_rack(IntPtr mcluster, int brokerId, string rack);
}
