using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;

namespace TypedProducer.Native;

/// <summary>
/// A Kafka producer that calls librdkafka directly (<see cref="Librdkafka"/>), without Confluent.Kafka's per-message
/// managed layer: key, value and headers are handed over as spans and copied by librdkafka
/// (<c>RD_KAFKA_MSG_F_COPY</c>), each message's delivery report goes to a handler the caller supplies through a slot of
/// a preallocated, growable table (the slot index is the message's opaque, <c>RD_KAFKA_VTYPE_OPAQUE</c>), and nothing is
/// allocated per message in steady state. The typed and transactional producers' one produce path.
/// </summary>
/// <remarks>
/// <para>Every message <see cref="Produce"/> accepts (<see cref="ErrorCode.NoError"/>) gets exactly one delivery report;
/// a message it refuses gets none. <see cref="Dispose(TimeSpan)"/> flushes, then purges what is left
/// (<c>rd_kafka_purge</c> with <c>RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT</c>) and serves the purged
/// messages' reports (<see cref="ErrorCode.Local_PurgeQueue"/>, <see cref="ErrorCode.Local_PurgeInflight"/>) before it
/// destroys the handle, as rdkafka.h requires ("the application will need to call rd_kafka_poll() or rd_kafka_flush()
/// afterwards to serve the delivery report callbacks of the purged messages").</para>
/// <para>Callbacks (delivery reports, errors, logs, statistics) run on a dedicated poll thread
/// (<c>rd_kafka_poll</c>), and also on threads inside <see cref="Flush"/> and <see cref="Dispose(TimeSpan)"/>
/// (<c>rd_kafka_flush</c> serves the queue too). Log lines are forwarded to the same queue (<c>log.queue=true</c>,
/// <c>rd_kafka_set_log_queue</c>) when <see cref="NativeProducerCallbacks.OnLog"/> is set.</para>
/// <para>64-bit processes only (the <c>rd_kafka_vu_t</c> layout of <see cref="RdKafkaVu"/>).</para>
/// </remarks>
internal sealed unsafe class NativeKafkaProducer : IDisposable
{
    /// <summary><c>RD_KAFKA_PARTITION_UA</c>: the configured partitioner chooses the partition.</summary>
    public const int PartitionAny = Librdkafka.PartitionUnassigned;

    /// <summary>How long <see cref="Dispose()"/> lets queued messages be delivered before it purges them.</summary>
    public static readonly TimeSpan DefaultFlushTimeout = TimeSpan.FromSeconds(10);

    private const int ErrorBufferSize = 512;
    private const int StackVuLimit = 32;
    private const int PollTimeoutMs = 100;
    private static readonly NativeProducerCallbacks s_noCallbacks = new();

    private readonly IntPtr _handle;
    private readonly GCHandle _self;
    private readonly NativeProducerCallbacks _callbacks;
    private readonly Thread _pollThread;
    private readonly ConcurrentDictionary<string, NativeKafkaTopic> _topics = new(StringComparer.Ordinal);
    private readonly object _slotGate = new();
    private Slot[] _slots;
    private int _freeSlot;

    // Messages accepted (or being handed over) without a report yet; produce increments it before it checks _closing,
    // so Dispose, which sets _closing and then waits for 0, never destroys the handle under a produce call.
    private long _pending;

    // Other calls in progress (flush, purge, transactions, topic handles), guarded the same way.
    private int _calls;
    private int _closing;
    private volatile bool _stopPolling;
    private long _delivered;
    private long _failed;
    private long _handlerExceptions;

    /// <summary>Creates the librdkafka producer (<c>rd_kafka_new</c>) and starts its poll thread.</summary>
    /// <param name="configuration">
    /// librdkafka properties (CONFIGURATION.md), for example a Confluent.Kafka <see cref="ProducerConfig"/>; each is set
    /// with <c>rd_kafka_conf_set</c> in order. Keys starting with <c>dotnet.</c> are Confluent.Kafka's own settings for its
    /// managed layer (<c>dotnet.producer.delivery.report.fields</c>, ...), which librdkafka does not know: they are skipped.
    /// </param>
    /// <param name="callbacks">Instance-level callbacks; null for none (librdkafka then logs errors and log lines to stderr).</param>
    /// <param name="initialSlots">Delivery slots allocated up front (messages with a handler awaiting their report); the table doubles when full.</param>
    /// <exception cref="ArgumentException">
    /// librdkafka refused a property (the message names it and quotes librdkafka: "No such configuration property",
    /// "Invalid value ..."; the value is not repeated, it may be a secret), a value is null, or <c>rd_kafka_new</c> refused
    /// the configuration as a whole (for example <c>transactional.id</c> with <c>enable.idempotence=false</c>).
    /// </exception>
    /// <exception cref="PlatformNotSupportedException">The process is not 64-bit.</exception>
    /// <exception cref="DllNotFoundException">No librdkafka loads (<see cref="LibrdkafkaLibrary.Load"/>).</exception>
    public NativeKafkaProducer(IEnumerable<KeyValuePair<string, string>> configuration, NativeProducerCallbacks? callbacks = null, int initialSlots = 1024)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialSlots, 1);
        if (IntPtr.Size != 8)
        {
            throw new PlatformNotSupportedException("NativeKafkaProducer needs a 64-bit process (the rd_kafka_vu_t layout it passes to rd_kafka_produceva).");
        }

        Librdkafka.EnsureLoaded();
        _callbacks = callbacks ?? s_noCallbacks;
        _slots = new Slot[initialSlots];
        LinkFreeSlots(0);

        byte* errstr = stackalloc byte[ErrorBufferSize];
        IntPtr conf = Librdkafka.rd_kafka_conf_new();
        try
        {
            foreach (KeyValuePair<string, string> property in configuration)
            {
                if (property.Key.StartsWith("dotnet.", StringComparison.Ordinal))
                {
                    continue;
                }

                if (property.Value is null)
                {
                    throw new ArgumentException($"The producer property '{property.Key}' has a null value.", nameof(configuration));
                }

                Set(conf, property.Key, property.Value, errstr);
            }

            if (_callbacks.OnLog is not null)
            {
                Set(conf, "log.queue", "true", errstr);
                Librdkafka.rd_kafka_conf_set_log_cb(conf, &OnLogCallback);
            }

            if (_callbacks.OnError is not null)
            {
                Librdkafka.rd_kafka_conf_set_error_cb(conf, &OnErrorCallback);
            }

            if (_callbacks.OnStatistics is not null)
            {
                Librdkafka.rd_kafka_conf_set_stats_cb(conf, &OnStatisticsCallback);
            }

            Librdkafka.rd_kafka_conf_set_dr_msg_cb(conf, &OnDeliveryReport);
            // One handle per producer, not per message: the callbacks find the instance through rd_kafka_conf_set_opaque.
            _self = GCHandle.Alloc(this);
            Librdkafka.rd_kafka_conf_set_opaque(conf, GCHandle.ToIntPtr(_self));
            _handle = Librdkafka.rd_kafka_new(Librdkafka.ProducerType, conf, errstr, ErrorBufferSize);
            if (_handle == IntPtr.Zero)
            {
                throw new ArgumentException("librdkafka refused the producer configuration: " + Librdkafka.Utf8(errstr), nameof(configuration));
            }

            conf = IntPtr.Zero; // rd_kafka_new owns it now.
        }
        catch
        {
            if (conf != IntPtr.Zero)
            {
                Librdkafka.rd_kafka_conf_destroy(conf);
            }

            if (_self.IsAllocated)
            {
                _self.Free();
            }

            throw;
        }

        if (_callbacks.OnLog is not null)
        {
            Librdkafka.rd_kafka_set_log_queue(_handle, IntPtr.Zero);
        }

        Name = Librdkafka.Utf8(Librdkafka.rd_kafka_name(_handle));
        _pollThread = new Thread(PollLoop) { IsBackground = true, Name = "librdkafka poll " + Name };
        _pollThread.Start();
    }

    /// <summary>librdkafka's instance name (<c>rd_kafka_name</c>: <c>client.id</c>#producer-N).</summary>
    public string Name { get; }

    /// <summary>Messages accepted by <see cref="Produce"/> (or being handed over) that have no delivery report yet.</summary>
    public long Pending => Volatile.Read(ref _pending);

    /// <summary>Delivery reports with <see cref="ErrorCode.NoError"/> so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Delivery reports with an error so far (purged messages included).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Exceptions thrown by handlers or callbacks (given to <see cref="NativeProducerCallbacks.OnHandlerException"/> when set).</summary>
    public long HandlerExceptions => Interlocked.Read(ref _handlerExceptions);

    /// <summary>
    /// The fatal error of this instance (<c>rd_kafka_fatal_error</c>), or null. After a fatal error (for example an
    /// idempotent producer's sequence desynchronisation) librdkafka fails every produce call with
    /// <see cref="ErrorCode.Local_Fatal"/> and the instance must be disposed and recreated (rdkafka.h, "Fatal errors").
    /// </summary>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public Error? FatalError
    {
        get => Guarded(0, static (producer, _) => producer.ReadFatalError());
    }

    /// <summary>The cached topic handle (<c>rd_kafka_topic_new</c> with the default topic configuration) for <paramref name="name"/>.</summary>
    /// <param name="name">The topic name.</param>
    /// <returns>The handle, the same instance for every call with the same name.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or librdkafka refused it (its reason in the message).</exception>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public NativeKafkaTopic Topic(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_topics.TryGetValue(name, out NativeKafkaTopic? topic))
        {
            return topic;
        }

        EnterCall();
        try
        {
            lock (_topics)
            {
                if (!_topics.TryGetValue(name, out topic))
                {
                    IntPtr handle = Librdkafka.rd_kafka_topic_new(_handle, name, IntPtr.Zero);
                    if (handle == IntPtr.Zero)
                    {
                        int error = Librdkafka.rd_kafka_last_error();
                        throw new ArgumentException($"librdkafka refused the topic '{name}': {Librdkafka.Utf8(Librdkafka.rd_kafka_err2str(error))}", nameof(name));
                    }

                    topic = new NativeKafkaTopic(this, name, handle);
                    _topics[name] = topic;
                }

                return topic;
            }
        }
        finally
        {
            ExitCall();
        }
    }

    /// <summary>
    /// Hands one message to librdkafka (<c>rd_kafka_produceva</c>): key, value and headers are copied before this returns
    /// (<c>RD_KAFKA_MSG_F_COPY</c>), so the spans and the header list may be reused at once. Never blocks.
    /// </summary>
    /// <param name="topic">The topic handle, from this producer's <see cref="Topic"/>.</param>
    /// <param name="key">The key bytes (ignored with <see cref="NativeMessageFlags.NullKey"/>).</param>
    /// <param name="value">The value bytes (ignored with <see cref="NativeMessageFlags.NullValue"/>).</param>
    /// <param name="partition">A partition, or <see cref="PartitionAny"/> for the configured <c>partitioner</c>.</param>
    /// <param name="timestampMs">The record timestamp in milliseconds since the Unix epoch (UTC); 0 for librdkafka's "now" (rdkafka.h, <c>RD_KAFKA_V_TIMESTAMP</c>).</param>
    /// <param name="headers">Headers, or null for none.</param>
    /// <param name="flags">Null key or value.</param>
    /// <param name="handler">
    /// Receives this message's report with <paramref name="state"/>; null: the report goes to
    /// <see cref="NativeProducerCallbacks.DefaultHandler"/>, or is only counted, and costs no slot.
    /// </param>
    /// <param name="state">The caller's value, passed back to <paramref name="handler"/>.</param>
    /// <returns>
    /// <see cref="ErrorCode.NoError"/>: accepted, exactly one report follows. Otherwise refused, no report follows:
    /// <see cref="ErrorCode.Local_QueueFull"/> (<c>queue.buffering.max.messages</c> or <c>.kbytes</c> reached: serve
    /// reports, then retry), <see cref="ErrorCode.MsgSizeTooLarge"/> (over <c>message.max.bytes</c>),
    /// <see cref="ErrorCode.Local_UnknownPartition"/>, <see cref="ErrorCode.Local_UnknownTopic"/>,
    /// <see cref="ErrorCode.Local_Fatal"/> (the instance failed fatally, see <see cref="FatalError"/>), or <see cref="ErrorCode.Local_State"/>
    /// (a transactional producer outside a transaction), as <c>rd_kafka_producev</c> documents.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="topic"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="topic"/> belongs to another producer.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partition"/> is below -1, or <paramref name="timestampMs"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The producer is disposed or being disposed.</exception>
    public ErrorCode Produce(
        NativeKafkaTopic topic,
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> value,
        int partition = PartitionAny,
        long timestampMs = 0,
        NativeHeaderList? headers = null,
        NativeMessageFlags flags = NativeMessageFlags.None,
        INativeDeliveryHandler? handler = null,
        long state = 0)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!ReferenceEquals(topic.Producer, this))
        {
            throw new ArgumentException($"The topic handle '{topic.Name}' belongs to another producer ({topic.Producer.Name}).", nameof(topic));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(partition, PartitionAny);
        ArgumentOutOfRangeException.ThrowIfNegative(timestampMs);

        Interlocked.Increment(ref _pending);
        if (Volatile.Read(ref _closing) != 0)
        {
            Interlocked.Decrement(ref _pending);
            throw new ObjectDisposedException(nameof(NativeKafkaProducer), $"The producer {Name} is disposed.");
        }

        int slot = handler is null ? -1 : AcquireSlot(handler, state);
        int headerCount = headers?.Count ?? 0;
        int capacity = 7 + headerCount; // topic, flags, key, value, partition, timestamp, opaque, then the headers
        Span<RdKafkaVu> buffer = capacity <= StackVuLimit ? stackalloc RdKafkaVu[capacity] : new RdKafkaVu[capacity];
        byte empty = 0;
        IntPtr error;
        fixed (byte* keyBytes = key)
        fixed (byte* valueBytes = value)
        fixed (byte* headerBytes = headers?.Buffer)
        fixed (RdKafkaVu* vu = buffer)
        {
            int n = 0;
            vu[n].VType = RdKafkaVu.TopicHandle;
            vu[n++].Pointer = topic.Handle;
            vu[n].VType = RdKafkaVu.MessageFlags;
            vu[n++].Int32 = Librdkafka.MessageFlagCopy;
            // A NULL pointer is a null key or value; an empty one needs a non-NULL pointer (fixed yields NULL for empty spans).
            vu[n].VType = RdKafkaVu.Key;
            vu[n].Pointer = (flags & NativeMessageFlags.NullKey) != 0 ? IntPtr.Zero : (IntPtr)(key.IsEmpty ? &empty : keyBytes);
            vu[n++].Second = (flags & NativeMessageFlags.NullKey) != 0 ? IntPtr.Zero : key.Length;
            vu[n].VType = RdKafkaVu.Value;
            vu[n].Pointer = (flags & NativeMessageFlags.NullValue) != 0 ? IntPtr.Zero : (IntPtr)(value.IsEmpty ? &empty : valueBytes);
            vu[n++].Second = (flags & NativeMessageFlags.NullValue) != 0 ? IntPtr.Zero : value.Length;
            if (partition != PartitionAny)
            {
                vu[n].VType = RdKafkaVu.Partition;
                vu[n++].Int32 = partition;
            }

            if (timestampMs != 0)
            {
                vu[n].VType = RdKafkaVu.Timestamp;
                vu[n++].Int64 = timestampMs;
            }

            if (slot >= 0)
            {
                vu[n].VType = RdKafkaVu.Opaque;
                vu[n++].Pointer = slot + 1; // 0 is "no slot"
            }

            for (int h = 0; h < headerCount; h++)
            {
                (int nameOffset, int valueOffset, int length) = headers![h];
                vu[n].VType = RdKafkaVu.Header;
                vu[n].Pointer = (IntPtr)(headerBytes + nameOffset);
                // A NULL value is a null header; the size is never -1, which librdkafka would read as "strlen(value)".
                vu[n].Second = length < 0 ? IntPtr.Zero : (IntPtr)(headerBytes + valueOffset);
                vu[n++].Third = length < 0 ? 0 : length;
            }

            error = Librdkafka.rd_kafka_produceva(_handle, vu, (nuint)n);
        }

        if (error == IntPtr.Zero)
        {
            return ErrorCode.NoError;
        }

        // After a fatal error librdkafka refuses with that error's own code, flagged fatal: one name for the caller.
        var code = Librdkafka.rd_kafka_error_is_fatal(error) != 0 ? ErrorCode.Local_Fatal : (ErrorCode)Librdkafka.rd_kafka_error_code(error);
        Librdkafka.rd_kafka_error_destroy(error);
        if (slot >= 0)
        {
            TakeSlot(slot);
        }

        Interlocked.Decrement(ref _pending);
        return code;
    }

    /// <summary>
    /// <see cref="Produce"/> with a task for the report: one <see cref="TaskCompletionSource{TResult}"/> per message (the
    /// only allocation), completed asynchronously (continuations never run on librdkafka's thread).
    /// </summary>
    /// <returns>The report, whatever its error: a failed delivery is a report with <see cref="NativeDeliveryReport.Error"/> set, not an exception.</returns>
    /// <exception cref="KafkaException">In the task: librdkafka refused the message (<see cref="Produce"/>'s errors: queue full, too large, ...).</exception>
    public Task<NativeDeliveryReport> ProduceAsync(
        NativeKafkaTopic topic,
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> value,
        int partition = PartitionAny,
        long timestampMs = 0,
        NativeHeaderList? headers = null,
        NativeMessageFlags flags = NativeMessageFlags.None)
    {
        var completion = new TaskDelivery();
        ErrorCode code = Produce(topic, key, value, partition, timestampMs, headers, flags, completion);
        return code == ErrorCode.NoError
            ? completion.Task
            : Task.FromException<NativeDeliveryReport>(new KafkaException(new Error(code, ErrorText(code))));
    }

    /// <summary>
    /// Sends what is queued at once (ignoring <c>linger.ms</c>) and waits until every message has its report or
    /// <paramref name="timeout"/> passes (<c>rd_kafka_flush</c>); serves callbacks on this thread meanwhile.
    /// </summary>
    /// <param name="timeout">The longest wait, 0 to ~24 days (milliseconds precision).</param>
    /// <returns>The messages still without a report (<see cref="Pending"/>): 0 when everything was reported.</returns>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public long Flush(TimeSpan timeout) => Guarded(Milliseconds(timeout), static (producer, ms) =>
    {
        Librdkafka.rd_kafka_flush(producer._handle, ms);
        return producer.Pending;
    });

    /// <summary>
    /// Fails the messages still queued (<see cref="ErrorCode.Local_PurgeQueue"/>) and, with <paramref name="inFlight"/>,
    /// those in flight (<see cref="ErrorCode.Local_PurgeInflight"/>, whose outcome becomes unknown: a retry may duplicate
    /// them) (<c>rd_kafka_purge</c>). Their reports follow on the poll thread.
    /// </summary>
    /// <param name="inFlight">Also purge messages in flight (<c>RD_KAFKA_PURGE_F_INFLIGHT</c>).</param>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public void Purge(bool inFlight) => Guarded(
        Librdkafka.PurgeQueue | (inFlight ? Librdkafka.PurgeInFlight : 0),
        static (producer, flags) => Librdkafka.rd_kafka_purge(producer._handle, flags));

    /// <summary>Messages and requests librdkafka still holds (<c>rd_kafka_outq_len</c>: queued, in flight, or reports not yet served).</summary>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public int OutQueueLength
    {
        get => Guarded(0, static (producer, _) => Librdkafka.rd_kafka_outq_len(producer._handle));
    }

    /// <summary>Registers the <c>transactional.id</c> with the transaction coordinator and fences older instances (<c>rd_kafka_init_transactions</c>); once per producer.</summary>
    /// <param name="timeout">The longest wait.</param>
    /// <exception cref="KafkaRetriableException">Timed out or a retriable error: call again.</exception>
    /// <exception cref="KafkaException">Any other failure (<see cref="Error.IsFatal"/>: recreate the producer).</exception>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public void InitTransactions(TimeSpan timeout) => Transaction(Milliseconds(timeout), static (rk, ms) => Librdkafka.rd_kafka_init_transactions(rk, ms));

    /// <summary>Starts a transaction (<c>rd_kafka_begin_transaction</c>); produce calls until commit or abort belong to it.</summary>
    /// <exception cref="KafkaException">Not initialised, a transaction is open already, or the producer failed fatally.</exception>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public void BeginTransaction() => Transaction(0, static (rk, _) => Librdkafka.rd_kafka_begin_transaction(rk));

    /// <summary>Flushes the transaction's messages and commits it (<c>rd_kafka_commit_transaction</c>).</summary>
    /// <param name="timeout">The longest wait.</param>
    /// <exception cref="KafkaRetriableException">Timed out: call again to learn the outcome (rdkafka.h).</exception>
    /// <exception cref="KafkaTxnRequiresAbortException">The transaction cannot commit: abort it.</exception>
    /// <exception cref="KafkaException">Fatal (<see cref="Error.IsFatal"/>): recreate the producer.</exception>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public void CommitTransaction(TimeSpan timeout) => Transaction(Milliseconds(timeout), static (rk, ms) => Librdkafka.rd_kafka_commit_transaction(rk, ms));

    /// <summary>
    /// Aborts the open transaction (<c>rd_kafka_abort_transaction</c>): its messages not yet sent are purged (their reports
    /// say <see cref="ErrorCode.Local_PurgeQueue"/>), those written are marked aborted for <c>read_committed</c> readers.
    /// </summary>
    /// <param name="timeout">The longest wait.</param>
    /// <exception cref="KafkaRetriableException">Timed out: call again.</exception>
    /// <exception cref="KafkaException">Fatal (<see cref="Error.IsFatal"/>): recreate the producer.</exception>
    /// <exception cref="ObjectDisposedException">The producer is disposed.</exception>
    public void AbortTransaction(TimeSpan timeout) => Transaction(Milliseconds(timeout), static (rk, ms) => Librdkafka.rd_kafka_abort_transaction(rk, ms));

    /// <summary>Raises a fatal error for tests of fatal-error handling (<c>rd_kafka_test_fatal_error</c>; the reason gets the prefix "test_fatal_error: ").</summary>
    internal ErrorCode RaiseTestFatalError(ErrorCode code, string reason) =>
        Guarded((code, reason), static (producer, fatal) => (ErrorCode)Librdkafka.rd_kafka_test_fatal_error(producer._handle, (int)fatal.code, fatal.reason));

    /// <summary><see cref="Dispose(TimeSpan)"/> with <see cref="DefaultFlushTimeout"/>.</summary>
    public void Dispose() => Dispose(DefaultFlushTimeout);

    /// <summary>
    /// Refuses new calls, flushes for up to <paramref name="flushTimeout"/>, purges what is left (queued and in flight)
    /// and serves every remaining report, waits for calls in progress, then destroys the topic handles and the instance.
    /// Runs once; later calls return at once.
    /// </summary>
    /// <param name="flushTimeout">How long messages may still be delivered; <see cref="TimeSpan.Zero"/> purges at once.</param>
    /// <exception cref="InvalidOperationException">Called from a callback on the poll thread.</exception>
    public void Dispose(TimeSpan flushTimeout)
    {
        if (Thread.CurrentThread == _pollThread)
        {
            // It would wait for its own report and join itself.
            throw new InvalidOperationException($"The producer {Name} cannot be disposed from one of its callbacks (the poll thread).");
        }

        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        if (flushTimeout > TimeSpan.Zero)
        {
            Librdkafka.rd_kafka_flush(_handle, Milliseconds(flushTimeout));
        }

        // Until every accepted message has its report and no call is inside librdkafka: a produce call that passed its
        // check before _closing was set may still add a message, so purge again each time round.
        while (Volatile.Read(ref _pending) != 0 || Volatile.Read(ref _calls) != 0)
        {
            Librdkafka.rd_kafka_purge(_handle, Librdkafka.PurgeQueue | Librdkafka.PurgeInFlight);
            Librdkafka.rd_kafka_poll(_handle, 10);
        }

        _stopPolling = true;
        _pollThread.Join();
        foreach (NativeKafkaTopic topic in _topics.Values)
        {
            Librdkafka.rd_kafka_topic_destroy(topic.Handle);
            topic.Handle = IntPtr.Zero;
        }

        Librdkafka.rd_kafka_destroy(_handle);
        _self.Free();
    }

    private static string ErrorText(ErrorCode code) => Librdkafka.Utf8(Librdkafka.rd_kafka_err2str((int)code));

    private static int Milliseconds(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        return (int)Math.Min(timeout.TotalMilliseconds, int.MaxValue);
    }

    private static void Set(IntPtr conf, string name, string value, byte* errstr)
    {
        if (Librdkafka.rd_kafka_conf_set(conf, name, value, errstr, ErrorBufferSize) != Librdkafka.ConfOk)
        {
            throw new ArgumentException($"librdkafka refused the producer property '{name}': {Librdkafka.Utf8(errstr)}", "configuration");
        }
    }

    private static NativeKafkaProducer FromOpaque(IntPtr opaque) => Unsafe.As<NativeKafkaProducer>(GCHandle.FromIntPtr(opaque).Target!);

    // rd_kafka_error_t to Confluent.Kafka's exception types, as Confluent.Kafka's own transactional calls map it.
    private static void ThrowIfError(IntPtr error)
    {
        if (error == IntPtr.Zero)
        {
            return;
        }

        var code = (ErrorCode)Librdkafka.rd_kafka_error_code(error);
        string reason = Librdkafka.Utf8(Librdkafka.rd_kafka_error_string(error));
        bool fatal = Librdkafka.rd_kafka_error_is_fatal(error) != 0;
        bool retriable = Librdkafka.rd_kafka_error_is_retriable(error) != 0;
        bool requiresAbort = Librdkafka.rd_kafka_error_txn_requires_abort(error) != 0;
        Librdkafka.rd_kafka_error_destroy(error);
        var details = new Error(code, reason, fatal);
        if (requiresAbort)
        {
            throw new KafkaTxnRequiresAbortException(details);
        }

        if (retriable)
        {
            throw new KafkaRetriableException(details);
        }

        throw new KafkaException(details);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnDeliveryReport(IntPtr rk, RdKafkaMessage* message, IntPtr opaque)
    {
        // Nothing may escape into librdkafka's frame (an exception there ends the process).
        NativeKafkaProducer producer = FromOpaque(opaque);
        try
        {
            producer.Deliver(message);
        }
        catch (Exception ex)
        {
            producer.HandlerFailed(ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnErrorCallback(IntPtr rk, int err, byte* reason, IntPtr opaque)
    {
        NativeKafkaProducer producer = FromOpaque(opaque);
        try
        {
            // _FATAL only says that a fatal error was raised; rd_kafka_fatal_error tells which (rdkafka.h).
            Error error = err == (int)ErrorCode.Local_Fatal
                ? producer.ReadFatalError() ?? new Error(ErrorCode.Local_Fatal, Librdkafka.Utf8(reason), true)
                : new Error((ErrorCode)err, Librdkafka.Utf8(reason), false);
            producer._callbacks.OnError?.Invoke(error);
        }
        catch (Exception ex)
        {
            producer.HandlerFailed(ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLogCallback(IntPtr rk, int level, byte* facility, byte* text)
    {
        // log_cb has no opaque argument: rd_kafka_opaque(rk) returns the conf's.
        NativeKafkaProducer producer = FromOpaque(Librdkafka.rd_kafka_opaque(rk));
        try
        {
            producer._callbacks.OnLog?.Invoke(level, Librdkafka.Utf8(facility), Librdkafka.Utf8(text));
        }
        catch (Exception ex)
        {
            producer.HandlerFailed(ex);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnStatisticsCallback(IntPtr rk, byte* json, nuint length, IntPtr opaque)
    {
        NativeKafkaProducer producer = FromOpaque(opaque);
        try
        {
            producer._callbacks.OnStatistics?.Invoke(System.Text.Encoding.UTF8.GetString(json, checked((int)length)));
        }
        catch (Exception ex)
        {
            producer.HandlerFailed(ex);
        }

        return 0; // librdkafka frees the JSON.
    }

    private void Deliver(RdKafkaMessage* message)
    {
        try
        {
            int slot = (int)message->Opaque - 1;
            INativeDeliveryHandler? handler;
            long state = 0;
            if (slot >= 0)
            {
                (handler, state) = TakeSlot(slot);
            }
            else
            {
                handler = _callbacks.DefaultHandler;
            }

            if (message->Err == 0)
            {
                Interlocked.Increment(ref _delivered);
            }
            else
            {
                Interlocked.Increment(ref _failed);
            }

            if (handler is not null)
            {
                int timestampType = 0; // assigned by librdkafka; initialised for compilations that do not run the LibraryImport generator (OwnCodeTests)
                long timestamp = Librdkafka.rd_kafka_message_timestamp(message, &timestampType);
                var report = new NativeDeliveryReport(
                    (ErrorCode)message->Err,
                    message->Err == 0 ? null : FailureText(message),
                    message->Partition,
                    message->Offset,
                    timestamp,
                    (TimestampType)timestampType, // rd_kafka_timestamp_type_t: the same values
                    (PersistenceStatus)Librdkafka.rd_kafka_message_status(message));
                handler.OnDelivery(state, in report);
            }
        }
        finally
        {
            // Last: Dispose destroys the handle once this reaches 0.
            Interlocked.Decrement(ref _pending);
        }
    }

    // rd_kafka_message_errstr is empty for some local errors (purged messages): then librdkafka's text of the code.
    private static string FailureText(RdKafkaMessage* message)
    {
        string text = Librdkafka.Utf8(Librdkafka.rd_kafka_message_errstr(message));
        return text.Length > 0 ? text : ErrorText((ErrorCode)message->Err);
    }

    private void HandlerFailed(Exception exception)
    {
        Interlocked.Increment(ref _handlerExceptions);
        try
        {
            _callbacks.OnHandlerException?.Invoke(exception);
        }
        catch (Exception)
        {
            // Counted above; a failing exception handler has nowhere left to report to.
        }
    }

    private Error? ReadFatalError()
    {
        byte* errstr = stackalloc byte[ErrorBufferSize];
        int code = Librdkafka.rd_kafka_fatal_error(_handle, errstr, ErrorBufferSize);
        return code == 0 ? null : new Error((ErrorCode)code, Librdkafka.Utf8(errstr), true);
    }

    private void Transaction(int timeoutMs, Func<IntPtr, int, IntPtr> call) =>
        Guarded((timeoutMs, call), static (producer, args) =>
        {
            ThrowIfError(args.call(producer._handle, args.timeoutMs));
            return 0;
        });

    // A call that uses the handle: refused once disposing started, and Dispose waits for it (static lambdas: no allocation).
    private TResult Guarded<TState, TResult>(TState state, Func<NativeKafkaProducer, TState, TResult> call)
    {
        EnterCall();
        try
        {
            return call(this, state);
        }
        finally
        {
            ExitCall();
        }
    }

    private void EnterCall()
    {
        Interlocked.Increment(ref _calls);
        if (Volatile.Read(ref _closing) != 0)
        {
            Interlocked.Decrement(ref _calls);
            throw new ObjectDisposedException(nameof(NativeKafkaProducer), $"The producer {Name} is disposed.");
        }
    }

    private void ExitCall() => Interlocked.Decrement(ref _calls);

    private void PollLoop()
    {
        while (!_stopPolling)
        {
            Librdkafka.rd_kafka_poll(_handle, PollTimeoutMs);
        }
    }

    private int AcquireSlot(INativeDeliveryHandler handler, long state)
    {
        lock (_slotGate)
        {
            if (_freeSlot < 0)
            {
                int used = _slots.Length;
                Array.Resize(ref _slots, used * 2);
                LinkFreeSlots(used);
            }

            int index = _freeSlot;
            ref Slot slot = ref _slots[index];
            _freeSlot = slot.NextFree;
            slot.Handler = handler;
            slot.State = state;
            return index;
        }
    }

    private (INativeDeliveryHandler Handler, long State) TakeSlot(int index)
    {
        lock (_slotGate)
        {
            ref Slot slot = ref _slots[index];
            (INativeDeliveryHandler Handler, long State) taken = (slot.Handler!, slot.State);
            slot.Handler = null;
            slot.NextFree = _freeSlot;
            _freeSlot = index;
            return taken;
        }
    }

    // Chains slots [from, Length) into the free list ahead of nothing (called when the list is empty or at creation).
    private void LinkFreeSlots(int from)
    {
        for (int i = from; i < _slots.Length - 1; i++)
        {
            _slots[i].NextFree = i + 1;
        }

        _slots[^1].NextFree = -1;
        _freeSlot = from;
    }

    private struct Slot
    {
        public INativeDeliveryHandler? Handler;
        public long State;
        public int NextFree;
    }

    private sealed class TaskDelivery() : TaskCompletionSource<NativeDeliveryReport>(TaskCreationOptions.RunContinuationsAsynchronously), INativeDeliveryHandler
    {
        public void OnDelivery(long state, in NativeDeliveryReport report) => TrySetResult(report);
    }
}
