using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using TypedProducer.Native;

namespace TypedProducer;

/// <summary>
/// The produce path shared by every generated producer: serialize key and value with the contract's
/// generated serializers, choose the partition, hand the bytes to the shared librdkafka producer
/// (<c>rd_kafka_produceva</c>, copied: <c>RD_KAFKA_MSG_F_COPY</c>) and turn its delivery report into a typed one. No schema registry or metadata call happens here once the
/// host has started (schema ids are registered at start-up; partition counts are cached).
/// </summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
public abstract class TypedProducerBase<TMessage> : ITypedProducer<TMessage>
{
    private readonly KafkaProducerConnection _connection;
    private readonly MessageContract<TMessage> _contract;
    private readonly NativeKafkaProducer _native;
    private readonly InFlightList _inFlight;
    private readonly ProduceGate _gate;
    private readonly SendInstrumentation _instrumentation;
    private readonly string _messageTypeName = typeof(TMessage).Name;
    private int _schemaId = -1;
    private NativeKafkaTopic? _topic;

    /// <summary>Creates the producer.</summary>
    /// <param name="connection">The shared producer.</param>
    /// <param name="contract">The generated contract.</param>
    protected TypedProducerBase(KafkaProducerConnection connection, MessageContract<TMessage> contract)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _contract = contract ?? throw new ArgumentNullException(nameof(contract));
        _native = connection.Native;
        _inFlight = connection.InFlight.CreateList();
        _gate = connection.Gate;
        _instrumentation = contract.SendInstrumentation;
        Topic = contract.Topic;
    }

    /// <inheritdoc />
    public string Topic { get; }

    /// <summary>The generated contract this producer serializes with.</summary>
    public MessageContract<TMessage> Contract => _contract;

    /// <inheritdoc />
    public Task<TypedDeliveryResult<TMessage>> ProduceAsync(TMessage message, Headers? headers = null, DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TypedDeliveryResult<TMessage>>(cancellationToken);
        }

        OutgoingRecord record = Serialize(message, headers, timestamp, out int partition);
        EnterGate(out int stripe);
        try
        {
            var pending = new PendingDelivery(this, message, cancellationToken);
            _inFlight.Add(pending);
            SendTrace trace = _instrumentation.Start(_contract, message, record, partition, _connection.ClientName);
            pending.Trace = trace.Pack();
            try
            {
                Send(record, partition, pending, trace);
            }
            catch
            {
                // Rejected synchronously (for example Local_QueueFull): the caller gets the exception, no report follows.
                _inFlight.Remove(pending);
                throw;
            }

            return pending.Task;
        }
        finally
        {
            _gate.Exit(stripe);
        }
    }

    /// <inheritdoc />
    public void Produce(TMessage message, Action<TypedDeliveryReport<TMessage>>? deliveryHandler = null, Headers? headers = null, DateTimeOffset? timestamp = null)
    {
        OutgoingRecord record = Serialize(message, headers, timestamp, out int partition);
        EnterGate(out int stripe);
        try
        {
            var callback = (DeliveryCallback?)_inFlight.TakeFree();
            if (callback is null)
            {
                callback = new DeliveryCallback(this);
                callback.IsReusable = _inFlight.TryRegister(callback);
            }

            SendTrace trace = _instrumentation.Start(_contract, message, record, partition, _connection.ClientName);
            callback.Start(message, deliveryHandler, trace);
            try
            {
                Send(record, partition, callback, trace);
            }
            catch
            {
                // Rejected synchronously (for example Local_QueueFull): the caller gets the exception, no report follows.
                callback.Cancel();
                throw;
            }
        }
        finally
        {
            _gate.Exit(stripe);
        }
    }

    /// <summary>
    /// Produces a tombstone: a record with <paramref name="key"/> and a null value (Kafka's null, not empty bytes and not
    /// a schema-framed null), which deletes the key from a compacted topic (Apache Kafka documentation, "Log Compaction":
    /// "a message with a key and a null payload will be treated as a delete from the log"). Completes when the delivery
    /// report arrives. The generated producer of a keyed contract calls this from its typed <c>ProduceTombstoneAsync</c>,
    /// with the key bytes from the contract's key serializer, so the record lands on the partition a message with that
    /// key would (the message key, or the <c>[PartitionKey]</c> bytes hashed as the Java client does).
    /// </summary>
    /// <param name="key">The serialized record key; not null.</param>
    /// <param name="partitionKey">The serialized partition key when the contract has a <c>[PartitionKey]</c> member; null otherwise.</param>
    /// <param name="keyText">The key as text for reports, logs and traces (the contract's <c>DescribeKey</c> form).</param>
    /// <param name="headers">Kafka record headers, or null.</param>
    /// <param name="timestamp">The record's CreateTime, or null for the time of this call.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery report (the tombstone may still be delivered).</param>
    /// <returns>Where the tombstone was written; <see cref="TypedDeliveryResult{TMessage}.IsTombstone"/> is true and <see cref="TypedDeliveryResult{TMessage}.Message"/> is <c>default</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ProducerQueueFullException">Thrown synchronously: librdkafka's local queue is full; the tombstone was not accepted.</exception>
    /// <exception cref="ProducerClosedException">Thrown synchronously: the host stopped or the producer was disposed; the tombstone was not accepted.</exception>
    /// <exception cref="TypedProduceException{TMessage}">In the task: the delivery failed; the report names topic, key, error and persistence status.</exception>
    protected Task<TypedDeliveryResult<TMessage>> ProduceTombstoneCoreAsync(byte[] key, byte[]? partitionKey, string? keyText, Headers? headers, DateTimeOffset? timestamp, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TypedDeliveryResult<TMessage>>(cancellationToken);
        }

        var tombstone = new TombstoneDelivery(this, keyText, handler: null, cancellationToken);
        SendTombstone(tombstone, key, partitionKey, headers, timestamp);
        return tombstone.Task;
    }

    /// <summary>
    /// Enqueues a tombstone (see <see cref="ProduceTombstoneCoreAsync"/>) without waiting; <paramref name="deliveryHandler"/>
    /// is called exactly once with its report, as for <see cref="Produce"/>.
    /// </summary>
    /// <param name="key">The serialized record key; not null.</param>
    /// <param name="partitionKey">The serialized partition key when the contract has a <c>[PartitionKey]</c> member; null otherwise.</param>
    /// <param name="keyText">The key as text for reports, logs and traces.</param>
    /// <param name="deliveryHandler">Called with the delivery report; null to ignore successes (failures are still logged).</param>
    /// <param name="headers">Kafka record headers, or null.</param>
    /// <param name="timestamp">The record's CreateTime, or null for the time of this call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ProducerQueueFullException">librdkafka's local queue is full; the tombstone was not accepted and the handler is not called.</exception>
    /// <exception cref="ProducerClosedException">The host stopped or the producer was disposed; the tombstone was not accepted and the handler is not called.</exception>
    protected void ProduceTombstoneCore(byte[] key, byte[]? partitionKey, string? keyText, Action<TypedDeliveryReport<TMessage>>? deliveryHandler, Headers? headers, DateTimeOffset? timestamp) =>
        SendTombstone(new TombstoneDelivery(this, keyText, deliveryHandler, CancellationToken.None), key, partitionKey, headers, timestamp);

    private void SendTombstone(TombstoneDelivery tombstone, byte[] key, byte[]? partitionKey, Headers? headers, DateTimeOffset? timestamp)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_gate.IsClosed)
        {
            throw new ProducerClosedException(_messageTypeName, Topic);
        }

        // Kafka's null value: librdkafka sends a record without a value.
        OutgoingRecord record = RecordSender.Tombstone(_messageTypeName, Topic, key, partitionKey, headers, timestamp, _connection, out int partition);
        EnterGate(out int stripe);
        try
        {
            _inFlight.Add(tombstone);
            SendTrace trace = _instrumentation.Start(_contract, default!, record, partition, _connection.ClientName, tombstone.KeyText);
            tombstone.Trace = trace.Pack();
            try
            {
                Send(record, partition, tombstone, trace);
            }
            catch
            {
                _inFlight.Remove(tombstone);
                throw;
            }
        }
        finally
        {
            _gate.Exit(stripe);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TypedDeliveryReport<TMessage>>> ProduceAllAsync(IEnumerable<TMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return ProduceAllAsync(ToAsync(messages), cancellationToken);

        static async IAsyncEnumerable<TMessage> ToAsync(IEnumerable<TMessage> items)
        {
            foreach (TMessage item in items)
            {
                yield return item;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TypedDeliveryReport<TMessage>>> ProduceAllAsync(IAsyncEnumerable<TMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var batch = new Batch();
        Exception? refusal = null;
        try
        {
            await foreach (TMessage message in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                // An enumerator may ignore the token it is given: check it before handing each message over.
                cancellationToken.ThrowIfCancellationRequested();
                int index = batch.Reserve();
                try
                {
                    await ProduceWaitingForRoomAsync(message, batch.HandlerFor(index), cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    batch.Unreserve();
                    throw;
                }
            }
        }
        catch (Exception ex) when (ex is MessageSerializationException or MessageTooLargeException or ProducerQueueFullException
            or ProducerClosedException or ArgumentNullException or OperationCanceledException or Confluent.Kafka.KafkaException)
        {
            refusal = ex;
        }

        // Every accepted message's report, also when the batch stopped: they were handed over and will be reported.
        TypedDeliveryReport<TMessage>[] reports = await batch.Seal().ConfigureAwait(false);
        if (refusal is not null)
        {
            throw new TypedBatchProduceException<TMessage>(reports.Length, reports, refusal);
        }

        return reports;
    }

    /// <inheritdoc />
    public void ProduceAll(ReadOnlySpan<TMessage> messages, Action<TypedDeliveryReport<TMessage>>? deliveryHandler = null)
    {
        for (int i = 0; i < messages.Length; i++)
        {
            try
            {
                Produce(messages[i], deliveryHandler);
            }
            catch (Exception ex) when (ex is MessageSerializationException or MessageTooLargeException or ProducerQueueFullException
                or ProducerClosedException or ArgumentNullException or Confluent.Kafka.KafkaException)
            {
                throw new TypedBatchProduceException<TMessage>(i, Array.Empty<TypedDeliveryReport<TMessage>>(), ex);
            }
        }
    }

    // A full queue is the normal state of a large batch: wait for deliveries to make room (backoff 1 ms doubling to
    // 100 ms) up to QueueFullTimeout, as the Java client's send() blocks up to max.block.ms.
    private async Task ProduceWaitingForRoomAsync(TMessage message, Action<TypedDeliveryReport<TMessage>> handler, CancellationToken cancellationToken)
    {
        long deadline = Environment.TickCount64 + (long)_connection.Options.QueueFullTimeout.TotalMilliseconds;
        int delayMs = 1;
        while (true)
        {
            try
            {
                Produce(message, handler);
                return;
            }
            catch (ProducerQueueFullException) when (Environment.TickCount64 < deadline)
            {
                await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
                delayMs = Math.Min(delayMs * 2, 100);
            }
        }
    }

    /// <summary>The reports of one <see cref="ProduceAllAsync(IAsyncEnumerable{TMessage}, CancellationToken)"/> call, by batch position.</summary>
    private sealed class Batch
    {
        private readonly TaskCompletionSource<TypedDeliveryReport<TMessage>[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _gate = new();
        private TypedDeliveryReport<TMessage>?[] _reports = new TypedDeliveryReport<TMessage>?[16];
        private int _reserved;
        private int _outstanding;
        private bool _sealed;

        /// <summary>The position of the next message, counted as outstanding until its report arrives.</summary>
        public int Reserve()
        {
            lock (_gate)
            {
                if (_reserved == _reports.Length)
                {
                    Array.Resize(ref _reports, _reports.Length * 2);
                }

                _outstanding++;
                return _reserved++;
            }
        }

        /// <summary>Takes back the last reservation: its message was refused, so no report follows.</summary>
        public void Unreserve()
        {
            lock (_gate)
            {
                _reserved--;
                _outstanding--;
            }
        }

        public Action<TypedDeliveryReport<TMessage>> HandlerFor(int index) => report =>
        {
            bool complete;
            lock (_gate)
            {
                _reports[index] = report;
                complete = --_outstanding == 0 && _sealed;
            }

            if (complete)
            {
                Complete();
            }
        };

        /// <summary>No message follows: completes when every reserved message has its report.</summary>
        public Task<TypedDeliveryReport<TMessage>[]> Seal()
        {
            bool complete;
            lock (_gate)
            {
                _sealed = true;
                complete = _outstanding == 0;
            }

            if (complete)
            {
                Complete();
            }

            return _done.Task;
        }

        private void Complete()
        {
            var reports = new TypedDeliveryReport<TMessage>[_reserved];
            Array.Copy(_reports, reports, _reserved);
            _done.TrySetResult(reports);
        }
    }

    // Inside the gate a message is tracked and handed over before shutdown's flush and abandonment can run.
    private void EnterGate(out int stripe)
    {
        if (!_gate.TryEnter(out stripe))
        {
            throw new ProducerClosedException(_messageTypeName, Topic);
        }
    }

    private OutgoingRecord Serialize(TMessage message, Headers? headers, DateTimeOffset? timestamp, out int partition)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message), $"A null {_messageTypeName} cannot be produced to topic '{Topic}'.");
        }

        if (_gate.IsClosed)
        {
            throw new ProducerClosedException(_messageTypeName, Topic);
        }

        int schemaId = _schemaId;
        if (schemaId < 0)
        {
            _schemaId = schemaId = _connection.GetSchemaId(_contract);
        }

        return RecordSender.Serialize(_contract, message, schemaId, headers, timestamp, _connection, out partition);
    }

    /// <summary>Hands the message to librdkafka (the caller tracks its delivery and untracks it if this throws).</summary>
    private void Send(OutgoingRecord message, int partition, INativeDeliveryHandler handler, in SendTrace trace)
    {
        ErrorCode code;
        try
        {
            code = RecordSender.Produce(_native, _topic ??= _native.Topic(Topic), message, partition, handler);
        }
        catch (ObjectDisposedException ex)
        {
            SendInstrumentation.Refused(trace, ErrorCode.Local_State, ex.Message);
            throw new ProducerClosedException(_messageTypeName, Topic);
        }
        catch (Exception ex)
        {
            SendInstrumentation.Refused(trace, ErrorCode.Unknown, ex.Message);
            throw;
        }

        if (code != ErrorCode.NoError)
        {
            SendInstrumentation.Refused(trace, code, RecordSender.Error(_native, code).Reason);
            if (code == ErrorCode.Local_QueueFull)
            {
                _connection.OnQueueFull();
            }

            throw RecordSender.Refusal(_native, code, message, _messageTypeName, Topic, _connection.Options);
        }
    }

    // The span, metrics and health bookkeeping of a report, before the caller hears of it.
    private void CompleteTrace(in SendTrace trace, in NativeDeliveryReport report, Error error)
    {
        _instrumentation.Complete(trace, report.Partition, report.Offset, error);
        if (error.IsError)
        {
            _connection.RecordFailure(Topic, error);
        }
        else
        {
            _connection.OnDelivered();
        }
    }

    private TypedDeliveryReport<TMessage> ToTypedReport(TMessage message, in NativeDeliveryReport report, Error error)
    {
        string? key = null;
        if (error.IsError)
        {
            key = _contract.DescribeKey(message);
            error = _connection.ExplainDeliveryError(error);
        }

        return ToTypedReport(message, report, error, key, isTombstone: false);
    }

    private TypedDeliveryReport<TMessage> ToTypedReport(TMessage message, in NativeDeliveryReport report, Error error, string? key, bool isTombstone) =>
        new(
            message,
            Topic,
            report.Partition,
            report.Offset,
            report.Timestamp ?? default,
            report.Status,
            error,
            key)
        {
            IsTombstone = isTombstone,
        };

    private void ReportFailure(TypedDeliveryReport<TMessage> report, bool callerNotified) =>
        _connection.OnDeliveryFailed(_messageTypeName, report.Topic, report.Partition, report.Key, report.Error, report.Status, callerNotified);

    private TypedDeliveryReport<TMessage> AbandonedReport(TMessage message, Error error) =>
        AbandonedReport(message, error, _contract.DescribeKey(message), isTombstone: false);

    private TypedDeliveryReport<TMessage> AbandonedReport(TMessage message, Error error, string? key, bool isTombstone) =>
        new(message, Topic, Partition.Any, Offset.Unset, default, PersistenceStatus.PossiblyPersisted, error, key) { IsTombstone = isTombstone };

    private UndeliveredMessage ToUndelivered(TypedDeliveryReport<TMessage> report) =>
        new(_messageTypeName, report.Topic, report.Partition, report.Key, report.Error, report.Status);

    private sealed class PendingDelivery : TaskCompletionSource<TypedDeliveryResult<TMessage>>, IInFlightDelivery, INativeDeliveryHandler
    {
        private readonly TypedProducerBase<TMessage> _owner;
        private readonly TMessage _message;
        private readonly CancellationTokenRegistration _registration;

        public PendingDelivery(TypedProducerBase<TMessage> owner, TMessage message, CancellationToken cancellationToken)
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            _owner = owner;
            _message = message;
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.Register(static state => ((PendingDelivery)state!).TrySetCanceled(), this);
            }
        }

        public IInFlightDelivery? Previous { get; set; }

        public IInFlightDelivery? Next { get; set; }

        /// <summary>The message's <see cref="SendTrace"/>, packed (one field: this object is allocated per message).</summary>
        public object? Trace { get; set; }

        public void OnDelivery(long state, in NativeDeliveryReport report)
        {
            if (!_owner._inFlight.Remove(this))
            {
                return; // Abandoned at shutdown: the caller has been told already.
            }

            Error error = report.ToError();
            _owner.CompleteTrace(SendTrace.Unpack(Trace), report, error);
            _registration.Dispose();
            TypedDeliveryReport<TMessage> typed = _owner.ToTypedReport(_message, report, error);
            if (typed.IsSuccess)
            {
                TrySetResult(typed);
            }
            else
            {
                bool notified = TrySetException(new TypedProduceException<TMessage>(typed));
                _owner.ReportFailure(typed, notified);
            }
        }

        public UndeliveredMessage? Abandon(Error error)
        {
            _registration.Dispose();
            _owner._instrumentation.Complete(SendTrace.Unpack(Trace), Partition.Any, Offset.Unset, error);
            TypedDeliveryReport<TMessage> typed = _owner.AbandonedReport(_message, error);
            TrySetException(new TypedProduceException<TMessage>(typed));
            return _owner.ToUndelivered(typed);
        }
    }

    /// <summary>
    /// The delivery of one tombstone (<see cref="ProduceTombstoneCoreAsync"/> or, with a handler,
    /// <see cref="ProduceTombstoneCore"/>): one-shot, tracked in the producer's <see cref="InFlightList"/> like a
    /// <see cref="PendingDelivery"/>, so a tombstone gets the same outcomes as a message (report, failure, shutdown report).
    /// </summary>
    private sealed class TombstoneDelivery : TaskCompletionSource<TypedDeliveryResult<TMessage>>, IInFlightDelivery, INativeDeliveryHandler
    {
        private readonly TypedProducerBase<TMessage> _owner;
        private readonly Action<TypedDeliveryReport<TMessage>>? _handler;
        private readonly CancellationTokenRegistration _registration;

        public TombstoneDelivery(TypedProducerBase<TMessage> owner, string? keyText, Action<TypedDeliveryReport<TMessage>>? handler, CancellationToken cancellationToken)
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            _owner = owner;
            KeyText = keyText;
            _handler = handler;
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.Register(static state => ((TombstoneDelivery)state!).TrySetCanceled(), this);
            }
        }

        public string? KeyText { get; }

        public IInFlightDelivery? Previous { get; set; }

        public IInFlightDelivery? Next { get; set; }

        public object? Trace { get; set; }

        public UndeliveredMessage? Abandon(Error error)
        {
            _registration.Dispose();
            _owner._instrumentation.Complete(SendTrace.Unpack(Trace), Partition.Any, Offset.Unset, error);
            TypedDeliveryReport<TMessage> typed = _owner.AbandonedReport(default!, error, KeyText, isTombstone: true);
            Finish(typed);
            return _owner.ToUndelivered(typed);
        }

        public void OnDelivery(long state, in NativeDeliveryReport report)
        {
            if (!_owner._inFlight.Remove(this))
            {
                return; // Abandoned at shutdown: the caller has been told already.
            }

            Error error = report.ToError();
            _owner.CompleteTrace(SendTrace.Unpack(Trace), report, error);
            _registration.Dispose();
            if (error.IsError)
            {
                error = _owner._connection.ExplainDeliveryError(error);
            }

            TypedDeliveryReport<TMessage> typed = _owner.ToTypedReport(default!, report, error, KeyText, isTombstone: true);
            bool notified = Finish(typed);
            if (!typed.IsSuccess)
            {
                _owner.ReportFailure(typed, notified);
            }
        }

        // Returns whether the caller heard of the outcome (a handler, or a task nobody cancelled).
        private bool Finish(TypedDeliveryReport<TMessage> typed)
        {
            if (_handler is not null)
            {
                _handler(typed);
                return true;
            }

            return typed.IsSuccess ? TrySetResult(typed) : TrySetException(new TypedProduceException<TMessage>(typed));
        }
    }

    /// <summary>
    /// The delivery of a <see cref="Produce"/> call. Reusable (the usual case): once its report is handled it goes
    /// back to the producer's <see cref="InFlightList"/> and serves a later message (librdkafka's delivery slot holds
    /// this object as the message's <see cref="INativeDeliveryHandler"/>, so nothing is allocated per message). When the
    /// list holds its maximum of reusable deliveries already, it serves one message, tracked in the list's locked part.
    /// </summary>
    private sealed class DeliveryCallback : ReusableDelivery, IInFlightDelivery, INativeDeliveryHandler
    {
        private readonly TypedProducerBase<TMessage> _owner;
        private TMessage _message = default!;
        private Action<TypedDeliveryReport<TMessage>>? _handler;
        private SendTrace _trace;

        public DeliveryCallback(TypedProducerBase<TMessage> owner)
        {
            _owner = owner;
        }

        /// <summary>Listed in the producer's <see cref="InFlightList"/> for reuse; otherwise tracked one-shot.</summary>
        public bool IsReusable { get; set; }

        public IInFlightDelivery? Previous { get; set; }

        public IInFlightDelivery? Next { get; set; }

        /// <summary>Takes on <paramref name="message"/> and starts tracking it.</summary>
        public void Start(TMessage message, Action<TypedDeliveryReport<TMessage>>? handler, in SendTrace trace)
        {
            _message = message;
            _handler = handler;
            _trace = trace;
            if (IsReusable)
            {
                MarkInFlight();
            }
            else
            {
                _owner._inFlight.Add(this);
            }
        }

        /// <summary>Stops tracking a message that librdkafka refused synchronously (no report will come).</summary>
        public void Cancel()
        {
            if (!IsReusable)
            {
                _owner._inFlight.Remove(this);
            }
            else if (TryComplete())
            {
                _message = default!;
                _handler = null;
                _trace = default;
                _owner._inFlight.Release(this);
            }
        }

        public void OnDelivery(long state, in NativeDeliveryReport report)
        {
            if (IsReusable ? !TryComplete() : !_owner._inFlight.Remove(this))
            {
                return; // Abandoned at shutdown: the handler has been called already.
            }

            TMessage message = _message;
            Action<TypedDeliveryReport<TMessage>>? handler = _handler;
            SendTrace trace = _trace;
            if (IsReusable)
            {
                // Read, then hand the object back: from here on another message may own it.
                _message = default!;
                _handler = null;
                _trace = default;
                _owner._inFlight.Release(this);
            }

            Error error = report.ToError();
            _owner.CompleteTrace(trace, report, error);
            if (handler is null && !error.IsError)
            {
                return;
            }

            TypedDeliveryReport<TMessage> typed = _owner.ToTypedReport(message, report, error);
            if (!typed.IsSuccess)
            {
                _owner.ReportFailure(typed, handler is not null);
            }

            handler?.Invoke(typed);
        }

        public override UndeliveredMessage? Abandon(Error error)
        {
            // Claimed by shutdown, so never reused: _message, _handler and _trace stay this message's.
            _owner._instrumentation.Complete(_trace, Partition.Any, Offset.Unset, error);
            TypedDeliveryReport<TMessage> typed = _owner.AbandonedReport(_message, error);
            _handler?.Invoke(typed);
            return _owner.ToUndelivered(typed);
        }
    }
}
