using System;
using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace TypedProducer.Embedded;

/// <summary>
/// P/Invoke declarations for the parts of librdkafka that Confluent.Kafka does not expose: handle creation
/// for the mock cluster's owner and the mock cluster API (<c>rdkafka_mock.h</c>, librdkafka 2.0.2). Blittable
/// signatures only (pointers as <see cref="IntPtr"/>, <c>size_t</c> as <see cref="nuint"/>).
/// </summary>
internal static partial class LibrdkafkaNative
{
    private const string Library = "librdkafka";

    private static readonly string[] s_fallbackNames = ["librdkafka.so.1", "librdkafka.so", "librdkafka.dylib", "librdkafka.dll"];

    static LibrdkafkaNative()
    {
        // Load the library through Confluent.Kafka first so that both bind to the same image, then resolve
        // "librdkafka" for this assembly: the app's native assets first (librdkafka.redist), then the
        // operating system's copy (for example Debian's librdkafka1, which installs only librdkafka.so.1).
        Trimming.ConfluentKafkaTrimRoots.Root();
        _ = Confluent.Kafka.Library.Version;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaNative).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The application installed its own resolver for this assembly: it decides.
        }
    }

    /// <summary>Forces the static constructor (library load and resolver) to run.</summary>
    public static void EnsureLoaded()
    {
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != Library)
        {
            return IntPtr.Zero;
        }

        if (NativeLibrary.TryLoad(libraryName, assembly, searchPath, out IntPtr handle))
        {
            return handle;
        }

        foreach (string name in s_fallbackNames)
        {
            if (NativeLibrary.TryLoad(name, assembly, searchPath, out handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, IntPtr errstr, nuint errstrSize);

    [LibraryImport(Library)]
    public static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_new(int type, IntPtr conf, IntPtr errstr, nuint errstrSize);

    [LibraryImport(Library)]
    public static partial void rd_kafka_destroy(IntPtr rk);

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
