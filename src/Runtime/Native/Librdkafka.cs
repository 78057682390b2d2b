using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TypedProducer.Native;

/// <summary>
/// Source-generated P/Invoke declarations (<c>[LibraryImport]</c>) of the producer part of librdkafka's C
/// API, as declared in the <c>rdkafka.h</c> of librdkafka.redist 2.16.0. Every signature is blittable: handles are
/// <see cref="IntPtr"/>, <c>size_t</c> is <see cref="nuint"/>, strings are NUL-terminated UTF-8 (<see cref="byte"/>
/// pointers, or <see cref="string"/> with UTF-8 marshalling where the call is not on the per-message path), callbacks
/// are unmanaged function pointers to <see cref="UnmanagedCallersOnlyAttribute"/> methods. Nothing here uses
/// reflection, so the declarations are trim- and Native-AOT-safe.
/// </summary>
/// <remarks>
/// The library name <c>"librdkafka"</c> is answered by <see cref="LibrdkafkaLibrary"/>'s resolver, registered for this
/// assembly as for Confluent.Kafka's, so both bind to the one image of the process (see <see cref="EnsureLoaded"/>).
/// </remarks>
internal static unsafe partial class Librdkafka
{
    private const string Library = "librdkafka";

    /// <summary><c>RD_KAFKA_PRODUCER</c> (<c>rd_kafka_type_t</c>).</summary>
    public const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c> (<c>rd_kafka_conf_res_t</c>).</summary>
    public const int ConfOk = 0;

    /// <summary><c>RD_KAFKA_PARTITION_UA</c>: let the configured partitioner choose.</summary>
    public const int PartitionUnassigned = -1;

    /// <summary><c>RD_KAFKA_MSG_F_COPY</c>: librdkafka copies key and value before <c>rd_kafka_produceva</c> returns.</summary>
    public const int MessageFlagCopy = 0x2;

    /// <summary><c>RD_KAFKA_PURGE_F_QUEUE</c>: purge messages in librdkafka's internal queues.</summary>
    public const int PurgeQueue = 0x1;

    /// <summary><c>RD_KAFKA_PURGE_F_INFLIGHT</c>: purge messages in flight to or from a broker (their outcome becomes unknown).</summary>
    public const int PurgeInFlight = 0x2;

    /// <summary>Makes sure the process's librdkafka image is chosen before the first call (<see cref="LibrdkafkaLibrary.Handle"/>).</summary>
    public static void EnsureLoaded() => _ = LibrdkafkaLibrary.Handle;

    // --- Version and errors ---

    [LibraryImport(Library)]
    public static partial int rd_kafka_version();

    [LibraryImport(Library)]
    public static partial byte* rd_kafka_version_str();

    [LibraryImport(Library)]
    public static partial byte* rd_kafka_err2str(int err);

    [LibraryImport(Library)]
    public static partial byte* rd_kafka_err2name(int err);

    /// <summary>The error of the last failed call on this thread that returns no error itself (<c>rd_kafka_topic_new</c>, ...).</summary>
    [LibraryImport(Library)]
    public static partial int rd_kafka_last_error();

    [LibraryImport(Library)]
    public static partial int rd_kafka_fatal_error(IntPtr rk, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_test_fatal_error(IntPtr rk, int err, string reason);

    [LibraryImport(Library)]
    public static partial int rd_kafka_error_code(IntPtr error);

    [LibraryImport(Library)]
    public static partial byte* rd_kafka_error_string(IntPtr error);

    [LibraryImport(Library)]
    public static partial int rd_kafka_error_is_fatal(IntPtr error);

    [LibraryImport(Library)]
    public static partial int rd_kafka_error_is_retriable(IntPtr error);

    [LibraryImport(Library)]
    public static partial int rd_kafka_error_txn_requires_abort(IntPtr error);

    [LibraryImport(Library)]
    public static partial void rd_kafka_error_destroy(IntPtr error);

    // --- Configuration ---

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Library)]
    public static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte* errstr, nuint errstrSize);

    /// <summary><c>void (*dr_msg_cb)(rd_kafka_t *rk, const rd_kafka_message_t *rkmessage, void *opaque)</c>.</summary>
    [LibraryImport(Library)]
    public static partial void rd_kafka_conf_set_dr_msg_cb(IntPtr conf, delegate* unmanaged[Cdecl]<IntPtr, RdKafkaMessage*, IntPtr, void> callback);

    /// <summary><c>void (*error_cb)(rd_kafka_t *rk, int err, const char *reason, void *opaque)</c>.</summary>
    [LibraryImport(Library)]
    public static partial void rd_kafka_conf_set_error_cb(IntPtr conf, delegate* unmanaged[Cdecl]<IntPtr, int, byte*, IntPtr, void> callback);

    /// <summary><c>void (*log_cb)(const rd_kafka_t *rk, int level, const char *fac, const char *buf)</c>.</summary>
    [LibraryImport(Library)]
    public static partial void rd_kafka_conf_set_log_cb(IntPtr conf, delegate* unmanaged[Cdecl]<IntPtr, int, byte*, byte*, void> callback);

    /// <summary><c>int (*stats_cb)(rd_kafka_t *rk, char *json, size_t json_len, void *opaque)</c>; returning 0 lets librdkafka free the JSON.</summary>
    [LibraryImport(Library)]
    public static partial void rd_kafka_conf_set_stats_cb(IntPtr conf, delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, IntPtr, int> callback);

    [LibraryImport(Library)]
    public static partial void rd_kafka_conf_set_opaque(IntPtr conf, IntPtr opaque);

    // --- Handle ---

    /// <summary>On success the handle owns <paramref name="conf"/>; on failure (NULL) the caller still does.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library)]
    public static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(Library)]
    public static partial byte* rd_kafka_name(IntPtr rk);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_opaque(IntPtr rk);

    [LibraryImport(Library)]
    public static partial int rd_kafka_poll(IntPtr rk, int timeoutMs);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_queue_get_main(IntPtr rk);

    [LibraryImport(Library)]
    public static partial void rd_kafka_queue_destroy(IntPtr queue);

    /// <summary>Forwards log lines to <paramref name="queue"/> (NULL: the main queue, served by <c>rd_kafka_poll</c>); needs <c>log.queue=true</c>.</summary>
    [LibraryImport(Library)]
    public static partial int rd_kafka_set_log_queue(IntPtr rk, IntPtr queue);

    [LibraryImport(Library)]
    public static partial int rd_kafka_outq_len(IntPtr rk);

    // --- Topics ---

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr rd_kafka_topic_new(IntPtr rk, string topic, IntPtr topicConf);

    [LibraryImport(Library)]
    public static partial void rd_kafka_topic_destroy(IntPtr rkt);

    // --- Producing ---

    /// <summary>Returns NULL on success, else an <c>rd_kafka_error_t</c> the caller destroys.</summary>
    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_produceva(IntPtr rk, RdKafkaVu* vus, nuint count);

    [LibraryImport(Library)]
    public static partial int rd_kafka_flush(IntPtr rk, int timeoutMs);

    [LibraryImport(Library)]
    public static partial int rd_kafka_purge(IntPtr rk, int purgeFlags);

    // Trivial accessors of a delivered message, called on the delivery-report path: no lock, no blocking, no callback,
    // so the GC transition can be skipped (SuppressGCTransitionAttribute's conditions).
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial long rd_kafka_message_timestamp(RdKafkaMessage* message, int* timestampType);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int rd_kafka_message_status(RdKafkaMessage* message);

    [LibraryImport(Library)]
    public static partial byte* rd_kafka_message_errstr(RdKafkaMessage* message);

    // --- Transactions (KIP-98) ---

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_init_transactions(IntPtr rk, int timeoutMs);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_begin_transaction(IntPtr rk);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_commit_transaction(IntPtr rk, int timeoutMs);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_abort_transaction(IntPtr rk, int timeoutMs);

    /// <summary>A NUL-terminated UTF-8 string owned by librdkafka, as a <see cref="string"/> (empty for NULL).</summary>
    public static string Utf8(byte* text) => text == null ? string.Empty : Marshal.PtrToStringUTF8((IntPtr)text) ?? string.Empty;
}

/// <summary>
/// <c>rd_kafka_message_t</c> (rdkafka.h), as the delivery-report callback receives it. Sequential layout with the C
/// compiler's natural alignment: err, rkt, partition, payload, len, key, key_len, offset, _private.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RdKafkaMessage
{
    public int Err;
    public IntPtr Topic;
    public int Partition;
    public IntPtr Payload;
    public nuint Length;
    public IntPtr Key;
    public nuint KeyLength;
    public long Offset;

    /// <summary><c>_private</c>: the producer's per-message opaque (<c>RD_KAFKA_VTYPE_OPAQUE</c>).</summary>
    public IntPtr Opaque;
}

/// <summary>
/// <c>rd_kafka_vu_t</c> (rdkafka.h): an <c>rd_kafka_vtype_t</c> and a union padded to 64 bytes, which on 64-bit
/// platforms starts at offset 8 (the union holds pointers and <c>int64_t</c>): 72 bytes in all.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 72)]
internal struct RdKafkaVu
{
    public const int End = 0, Topic = 1, TopicHandle = 2, Partition = 3, Value = 4, Key = 5, Opaque = 6, MessageFlags = 7, Timestamp = 8, Header = 9;

    [FieldOffset(0)] public int VType;

    /// <summary><c>u.ptr</c>, <c>u.rkt</c>, <c>u.cstr</c>, <c>u.mem.ptr</c>, <c>u.header.name</c>.</summary>
    [FieldOffset(8)] public IntPtr Pointer;

    /// <summary><c>u.i</c>, <c>u.i32</c>.</summary>
    [FieldOffset(8)] public int Int32;

    /// <summary><c>u.i64</c>.</summary>
    [FieldOffset(8)] public long Int64;

    /// <summary><c>u.mem.size</c>, or <c>u.header.val</c>.</summary>
    [FieldOffset(16)] public IntPtr Second;

    /// <summary><c>u.header.size</c> (<c>ssize_t</c>; -1 for a null header value).</summary>
    [FieldOffset(24)] public IntPtr Third;
}
