using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using TypedProducer.Native;

namespace TypedProducer;

/// <summary>
/// One open Kafka transaction of an <see cref="ITypedTransactionalProducer"/>: produce messages of any contract types,
/// then <see cref="CommitAsync"/> (all become visible to <c>read_committed</c> consumers) or <see cref="AbortAsync"/>
/// (none does). Disposing an open transaction aborts it; disposing one whose commit timed out
/// (<see cref="KafkaTransactionState.Committing"/>) resumes that commit, the only call librdkafka allows then. Not for
/// concurrent commit and produce: produce from any thread, then commit once all produce calls have returned.
/// </summary>
/// <remarks>
/// A message's delivery report inside a transaction means the partition leader has the record; it becomes visible
/// to <c>read_committed</c> consumers only when the commit succeeds (KIP-98). Every message is accounted for: when
/// the transaction aborts or fails, each message still awaiting its report fails with a
/// <see cref="TypedProduceException{TMessage}"/> (task) or a failed report (handler), never silently.
/// </remarks>
public sealed class KafkaTransaction : IAsyncDisposable
{
    private readonly TypedTransactionalProducer _owner;
    private readonly NativeKafkaProducer _producer;
    private readonly HashSet<IPendingDelivery> _pending = new();
    private readonly object _gate = new();
    private int _produced;
    private volatile KafkaTransactionState _state = KafkaTransactionState.Active;
    private int _ending;

    internal KafkaTransaction(TypedTransactionalProducer owner, NativeKafkaProducer producer)
    {
        _owner = owner;
        _producer = producer;
    }

    private interface IPendingDelivery
    {
        /// <summary>Fails the delivery if its report has not arrived yet.</summary>
        void Fail(Error error);
    }

    /// <summary>The producer's <c>transactional.id</c>.</summary>
    public string TransactionalId => _owner.TransactionalId;

    /// <summary>Where the transaction is in its life.</summary>
    public KafkaTransactionState State => _state;

    /// <summary>The number of messages produced in this transaction so far.</summary>
    public int MessageCount => Volatile.Read(ref _produced);

    /// <summary>
    /// Serializes <paramref name="message"/> with its generated contract and produces it in this transaction;
    /// completes when its delivery report arrives. Awaiting each message is not needed: <see cref="CommitAsync"/>
    /// waits for all of them.
    /// </summary>
    /// <typeparam name="TMessage">A <see cref="KafkaMessageAttribute"/> contract.</typeparam>
    /// <param name="message">The message; not null.</param>
    /// <param name="headers">Record headers, or null.</param>
    /// <param name="timestamp">The record's CreateTime, or null for now.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery report (the message stays in the transaction).</param>
    /// <returns>Where the record was written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The transaction is no longer active.</exception>
    /// <exception cref="MessageSerializationException">A member's value cannot be serialized.</exception>
    /// <exception cref="TypedProduceException{TMessage}">The delivery failed, or the transaction ended before it.</exception>
    public Task<TypedDeliveryResult<TMessage>> ProduceAsync<TMessage>(TMessage message, Headers? headers = null, DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
        where TMessage : IKafkaMessage<TMessage> =>
        ProduceAsync(TMessage.KafkaContract, message, headers, timestamp, cancellationToken);

    /// <summary>As <see cref="ProduceAsync{TMessage}(TMessage, Headers, DateTimeOffset?, CancellationToken)"/>, with the contract given explicitly.</summary>
    /// <typeparam name="TMessage">The contract type.</typeparam>
    /// <param name="contract">The generated contract.</param>
    /// <param name="message">The message; not null.</param>
    /// <param name="headers">Record headers, or null.</param>
    /// <param name="timestamp">The record's CreateTime, or null for now.</param>
    /// <param name="cancellationToken">Stops waiting for the delivery report (the message stays in the transaction).</param>
    /// <returns>Where the record was written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> or <paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The transaction is no longer active.</exception>
    /// <exception cref="MessageSerializationException">A member's value cannot be serialized.</exception>
    /// <exception cref="TypedProduceException{TMessage}">The delivery failed, or the transaction ended before it.</exception>
    /// <exception cref="TypedTransactionException">The transaction has failed in the background and can no longer be committed: abort it.</exception>
    /// <exception cref="MessageTooLargeException">The message is larger than <c>message.max.bytes</c>.</exception>
    public async Task<TypedDeliveryResult<TMessage>> ProduceAsync<TMessage>(MessageContract<TMessage> contract, TMessage message, Headers? headers = null, DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ThrowIfNull(contract, message);
        int schemaId = await _owner.GetOrRegisterSchemaIdAsync(contract, cancellationToken).ConfigureAwait(false);
        var pending = new PendingTask<TMessage>(this, contract, message);
        Send(contract, message, schemaId, headers, timestamp, pending);
        using (cancellationToken.Register(static state => ((PendingTask<TMessage>)state!).TrySetCanceled(), pending))
        {
            return await pending.Task.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Serializes <paramref name="message"/> and produces it in this transaction without waiting;
    /// <paramref name="deliveryHandler"/> is called once with its report (on librdkafka's polling thread, or when the
    /// transaction aborts). <see cref="CommitAsync"/> fails when any message of the transaction failed.
    /// </summary>
    /// <typeparam name="TMessage">A <see cref="KafkaMessageAttribute"/> contract.</typeparam>
    /// <param name="message">The message; not null.</param>
    /// <param name="deliveryHandler">Called with the delivery report, or null.</param>
    /// <param name="headers">Record headers, or null.</param>
    /// <param name="timestamp">The record's CreateTime, or null for now.</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    /// <exception cref="InvalidOperationException">
    /// The transaction is no longer active, or the contract's schema is not registered (the host registers the schemas
    /// of the contracts in DI at start-up; <see cref="ProduceAsync{TMessage}(TMessage, Headers, DateTimeOffset?, CancellationToken)"/> registers on demand).
    /// </exception>
    /// <exception cref="MessageSerializationException">A member's value cannot be serialized.</exception>
    /// <exception cref="ProducerQueueFullException">librdkafka's local queue is full (<c>queue.buffering.max.messages</c> or <c>.kbytes</c>).</exception>
    /// <exception cref="KafkaException">librdkafka refused the message for another reason (its error code, for example <see cref="ErrorCode.Local_Fatal"/>).</exception>
    /// <exception cref="TypedTransactionException">
    /// The transaction has failed in the background and can no longer be committed (librdkafka answers Local_State):
    /// abort it and produce its messages in a new transaction.
    /// </exception>
    /// <exception cref="MessageTooLargeException">The message is larger than <c>message.max.bytes</c>.</exception>
    public void Produce<TMessage>(TMessage message, Action<TypedDeliveryReport<TMessage>>? deliveryHandler = null, Headers? headers = null, DateTimeOffset? timestamp = null)
        where TMessage : IKafkaMessage<TMessage>
    {
        MessageContract<TMessage> contract = TMessage.KafkaContract;
        ThrowIfNull(contract, message);
        int schemaId = _owner.GetSchemaId(contract);
        Send(contract, message, schemaId, headers, timestamp, new PendingCallback<TMessage>(this, contract, message, deliveryHandler));
    }

    /// <summary>
    /// Commits: flushes every message of the transaction, then asks the coordinator to commit (EndTxn). Retriable
    /// errors are retried, with a backoff, within <see cref="TransactionalProducerOptions.OperationTimeout"/>.
    /// A commit that timed out goes on in librdkafka: calling this method again resumes it (rdkafka.h,
    /// <c>rd_kafka_commit_transaction</c>: "This call is resumable when a retriable timeout error is returned").
    /// </summary>
    /// <param name="cancellationToken">Checked before the commit starts or resumes; a commit in progress runs to its outcome or timeout.</param>
    /// <returns>A task that completes when the transaction is committed.</returns>
    /// <exception cref="InvalidOperationException">The transaction is committed, aborted, failed or aborting, or a commit or abort is running on another thread.</exception>
    /// <exception cref="TypedTransactionException">
    /// The commit failed or has not ended: <see cref="TypedTransactionException.State"/> is
    /// <see cref="KafkaTransactionState.Aborted"/> (an abortable error, for example a message failed: the transaction was
    /// aborted), <see cref="KafkaTransactionState.Failed"/> (a fatal error, or one that is neither retriable nor
    /// abortable, which rdkafka.h says to treat as fatal: not committed, the producer is rebuilt),
    /// <see cref="KafkaTransactionState.Committing"/> (still going at the timeout: call this method again) or
    /// <see cref="KafkaTransactionState.Aborting"/> (the abort after an abortable error timed out: call
    /// <see cref="AbortAsync"/> again).
    /// </exception>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BeginEnding(KafkaTransactionState.Committing);
        try
        {
            await _owner.TraceAsync("commit", _producer.Name, MessageCount, () => TypedTransactionalProducer.RunWithRetriesAsync(_producer.CommitTransaction, _owner.OperationTimeout)).ConfigureAwait(false);
        }
        catch (KafkaTxnRequiresAbortException ex)
        {
            // rdkafka.h: an abortable error; the application must call rd_kafka_abort_transaction.
            KafkaTransactionState outcome = await AbortAfterFailureAsync(ex.Error).ConfigureAwait(false);
            throw _owner.Failure("commit", ex, outcome);
        }
        catch (KafkaRetriableException ex)
        {
            // Still in progress in librdkafka: only another commit call resumes it (an abort answers __CONFLICT).
            PauseEnding();
            throw _owner.Failure("commit", ex, KafkaTransactionState.Committing);
        }
        catch (KafkaException ex)
        {
            // Fatal, or neither retriable nor abortable: rdkafka.h says to treat the latter as fatal too.
            End(KafkaTransactionState.Failed, ex.Error, producerFailed: true);
            throw _owner.Failure("commit", ex, KafkaTransactionState.Failed);
        }

        End(KafkaTransactionState.Committed, null, producerFailed: false);
    }

    /// <summary>
    /// Aborts: messages not yet sent are purged (their reports fail), and the coordinator marks the transaction aborted,
    /// so <c>read_committed</c> consumers skip what was written. Retriable errors are retried, with a backoff, within
    /// <see cref="TransactionalProducerOptions.OperationTimeout"/>; an abort that timed out is resumed by calling this
    /// method again (rdkafka.h, <c>rd_kafka_abort_transaction</c>).
    /// </summary>
    /// <param name="cancellationToken">Checked before the abort starts or resumes.</param>
    /// <returns>A task that completes when the transaction is aborted.</returns>
    /// <exception cref="InvalidOperationException">
    /// The transaction is committed, aborted or failed; or it is <see cref="KafkaTransactionState.Committing"/> (a
    /// commit that timed out is still going on, and librdkafka refuses an abort until it ends: call
    /// <see cref="CommitAsync"/> again); or a commit or abort is running on another thread.
    /// </exception>
    /// <exception cref="TypedTransactionException">
    /// The abort has not ended at the timeout (<see cref="KafkaTransactionState.Aborting"/>: call this method again), or
    /// it failed fatally (<see cref="KafkaTransactionState.Failed"/>: the producer is rebuilt by the next begin).
    /// </exception>
    public async Task AbortAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BeginEnding(KafkaTransactionState.Aborting);
        var aborted = new Error(ErrorCode.Local_PurgeQueue, $"The transaction of '{TransactionalId}' was aborted before this message was delivered.");
        try
        {
            await _owner.TraceAsync("abort", _producer.Name, MessageCount, () => TypedTransactionalProducer.RunWithRetriesAsync(_producer.AbortTransaction, _owner.OperationTimeout)).ConfigureAwait(false);
        }
        catch (KafkaRetriableException ex)
        {
            PauseEnding();
            throw _owner.Failure("abort", ex, KafkaTransactionState.Aborting);
        }
        catch (KafkaException ex)
        {
            End(KafkaTransactionState.Failed, ex.Error, producerFailed: true);
            throw _owner.Failure("abort", ex, KafkaTransactionState.Failed);
        }

        End(KafkaTransactionState.Aborted, aborted, producerFailed: false);
    }

    /// <summary>
    /// Ends the transaction if it has not ended. Does not throw: an <see cref="KafkaTransactionState.Active"/> or
    /// <see cref="KafkaTransactionState.Aborting"/> transaction is aborted; a <see cref="KafkaTransactionState.Committing"/>
    /// one (its commit timed out) is resumed, since librdkafka allows nothing else. When that does not end it within
    /// <see cref="TransactionalProducerOptions.OperationTimeout"/>, the producer is discarded (rebuilt by the next begin)
    /// and the state says what is known: <see cref="KafkaTransactionState.Aborted"/> for an abort, and
    /// <see cref="KafkaTransactionState.Failed"/> for a commit, whose outcome the coordinator then decides.
    /// Failures are logged and every pending message fails.
    /// </summary>
    /// <returns>A task that completes when the transaction has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        KafkaTransactionState state = _state;
        if (Volatile.Read(ref _ending) != 0 || state is not (KafkaTransactionState.Active or KafkaTransactionState.Committing or KafkaTransactionState.Aborting))
        {
            // Ended, or a commit or abort is running on another thread: it decides the outcome.
            return;
        }

        try
        {
            if (state == KafkaTransactionState.Committing)
            {
                await CommitAsync().ConfigureAwait(false);
            }
            else
            {
                await AbortAsync().ConfigureAwait(false);
            }
        }
        catch (TypedTransactionException ex) when (ex.State is KafkaTransactionState.Committing or KafkaTransactionState.Aborting)
        {
            // Still not ended: give the producer up. An abort can only end as an abort (the coordinator aborts the
            // transaction when the next producer initialises, or at transaction.timeout.ms); a commit that reached the
            // coordinator may still complete, so its outcome is not known here.
            bool committing = ex.State == KafkaTransactionState.Committing;
            _owner.LogAbandoned(committing ? "commit" : "abort");
            End(committing ? KafkaTransactionState.Failed : KafkaTransactionState.Aborted, ex.Error, producerFailed: true);
        }
        catch (TypedTransactionException)
        {
            // Logged by the producer; the transaction has ended and every pending message has been failed.
        }
        catch (InvalidOperationException)
        {
            // A commit or abort started concurrently: it decides the outcome.
        }
    }

    private static void ThrowIfNull<TMessage>(MessageContract<TMessage> contract, TMessage message)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message), $"A null {typeof(TMessage).Name} cannot be produced to topic '{contract.Topic}'.");
        }
    }

    private void Send<TMessage>(MessageContract<TMessage> contract, TMessage message, int schemaId, Headers? headers, DateTimeOffset? timestamp, PendingBase<TMessage> pending)
    {
        OutgoingRecord kafkaMessage = RecordSender.Serialize(contract, message, schemaId, headers, timestamp, _owner.Connection, out int partition);
        lock (_gate)
        {
            if (_state != KafkaTransactionState.Active || _ending != 0)
            {
                throw new InvalidOperationException($"The transaction of '{TransactionalId}' is {_state.ToString().ToLowerInvariant()}; messages can be produced only while it is active: begin a new one to produce {typeof(TMessage).Name}.");
            }

            _pending.Add(pending);
        }

        pending.Trace = contract.SendInstrumentation.Start(contract, message, kafkaMessage, partition, _producer.Name);
        ErrorCode code;
        try
        {
            code = RecordSender.Produce(_producer, _producer.Topic(contract.Topic), kafkaMessage, partition, pending);
        }
        catch (Exception ex)
        {
            SendInstrumentation.Refused(pending.Trace, ErrorCode.Unknown, ex.Message);
            Forget(pending);
            throw;
        }

        if (code != ErrorCode.NoError)
        {
            Exception refused = RecordSender.Refusal(_producer, code, kafkaMessage, typeof(TMessage).Name, contract.Topic, _owner.Connection.Options);
            SendInstrumentation.Refused(pending.Trace, code, refused.Message);
            Forget(pending);
            if (code == ErrorCode.Local_State)
            {
                // librdkafka refuses messages once the transaction has failed (an abortable or fatal error in the
                // background, for example a message that could not be delivered): the transaction must be aborted.
                throw _owner.Failure("produce", (KafkaException)refused, KafkaTransactionState.Active);
            }

            throw refused;
        }

        Interlocked.Increment(ref _produced);
    }

    private void Forget(IPendingDelivery pending)
    {
        lock (_gate)
        {
            _pending.Remove(pending);
        }
    }

    private bool Complete(IPendingDelivery pending)
    {
        lock (_gate)
        {
            return _pending.Remove(pending);
        }
    }

    // Claims the right to end the transaction: from Active, or to resume the same operation after it timed out
    // (rdkafka.h: a timed-out commit or abort is resumed by calling the same function again; a different one answers
    // __CONFLICT, so it is refused here with the call that is allowed).
    private void BeginEnding(KafkaTransactionState ending)
    {
        string operation = ending == KafkaTransactionState.Committing ? "commit" : "abort";
        lock (_gate)
        {
            KafkaTransactionState state = _state;
            if (state != KafkaTransactionState.Active && state != ending)
            {
                string advice = state switch
                {
                    KafkaTransactionState.Committing => ": its commit timed out and is still going on in librdkafka, which refuses an abort until it ends; call CommitAsync again to finish it",
                    KafkaTransactionState.Aborting => ": its abort timed out and is still going on; call AbortAsync again to finish it",
                    _ => "",
                };
                throw new InvalidOperationException($"Cannot {operation} the transaction of '{TransactionalId}': it is {state.ToString().ToLowerInvariant()}{advice}.");
            }

            if (_ending != 0)
            {
                throw new InvalidOperationException($"Cannot {operation} the transaction of '{TransactionalId}': a commit or abort is already in progress.");
            }

            _ending = 1;
            _state = ending;
        }
    }

    // The operation timed out and keeps going in librdkafka; the state stays Committing or Aborting, and the next call
    // of the same operation resumes it.
    private void PauseEnding() => Volatile.Write(ref _ending, 0);

    // After an abortable error: abort (rdkafka.h: the application must call rd_kafka_abort_transaction). Returns the
    // state it ended in: Aborted, Aborting (the abort timed out; AbortAsync resumes it) or Failed (fatal).
    private async Task<KafkaTransactionState> AbortAfterFailureAsync(Error cause)
    {
        lock (_gate)
        {
            _state = KafkaTransactionState.Aborting;
        }

        var error = new Error(cause.Code, $"The transaction of '{TransactionalId}' was aborted ({cause.Reason}) before this message was delivered.");
        try
        {
            await _owner.TraceAsync("abort", _producer.Name, MessageCount, () => TypedTransactionalProducer.RunWithRetriesAsync(_producer.AbortTransaction, _owner.OperationTimeout)).ConfigureAwait(false);
            End(KafkaTransactionState.Aborted, error, producerFailed: false);
            return KafkaTransactionState.Aborted;
        }
        catch (KafkaRetriableException ex)
        {
            _owner.Failure("abort", ex, KafkaTransactionState.Aborting);
            PauseEnding();
            return KafkaTransactionState.Aborting;
        }
        catch (KafkaException ex)
        {
            _owner.Failure("abort", ex, KafkaTransactionState.Failed);
            End(KafkaTransactionState.Failed, error, producerFailed: true);
            return KafkaTransactionState.Failed;
        }
    }

    private void End(KafkaTransactionState state, Error? pendingError, bool producerFailed)
    {
        IPendingDelivery[] left;
        lock (_gate)
        {
            _state = state;
            left = new IPendingDelivery[_pending.Count];
            _pending.CopyTo(left);
            _pending.Clear();
        }

        // After a commit nothing is pending (librdkafka flushes first); after an abort, reports of purged messages may
        // not have been served yet: each is failed here so no caller waits forever.
        Error error = pendingError is { IsError: true } ? pendingError : new Error(ErrorCode.Local_PurgeQueue, $"The transaction of '{TransactionalId}' ended ({state}) before this message's delivery report.");
        foreach (IPendingDelivery pending in left)
        {
            pending.Fail(error);
        }

        _owner.OnTransactionEnded(this, producerFailed);
    }

    private abstract class PendingBase<TMessage>(KafkaTransaction transaction, MessageContract<TMessage> contract, TMessage message) : IPendingDelivery, INativeDeliveryHandler
    {
        protected KafkaTransaction Transaction => transaction;

        protected TMessage Message => message;

        /// <summary>The message's span and metrics start (<see cref="SendInstrumentation"/>).</summary>
        public SendTrace Trace;

        public void OnDelivery(long state, in NativeDeliveryReport report)
        {
            if (transaction.Complete(this))
            {
                Error error = report.ToError();
                contract.SendInstrumentation.Complete(Trace, report.Partition, report.Offset, error);
                Deliver(ToTypedReport(contract.Topic, report.Partition, report.Offset, report.Timestamp, report.Status, error));
            }
        }

        public void Fail(Error error)
        {
            contract.SendInstrumentation.Complete(Trace, Partition.Any, Offset.Unset, error);
            Deliver(ToTypedReport(contract.Topic, Partition.Any, Offset.Unset, null, PersistenceStatus.PossiblyPersisted, error));
        }

        protected abstract void Deliver(TypedDeliveryReport<TMessage> report);

        private TypedDeliveryReport<TMessage> ToTypedReport(string topic, int partition, long offset, DateTimeOffset? timestamp, PersistenceStatus status, Error error) =>
            new(
                message,
                topic,
                partition,
                offset,
                timestamp ?? default,
                status,
                error,
                error.IsError ? contract.DescribeKey(message) : null);
    }

    private sealed class PendingTask<TMessage>(KafkaTransaction transaction, MessageContract<TMessage> contract, TMessage message)
        : PendingBase<TMessage>(transaction, contract, message)
    {
        private readonly TaskCompletionSource<TypedDeliveryResult<TMessage>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TypedDeliveryResult<TMessage>> Task => _completion.Task;

        public void TrySetCanceled() => _completion.TrySetCanceled();

        protected override void Deliver(TypedDeliveryReport<TMessage> report)
        {
            if (report.IsSuccess)
            {
                _completion.TrySetResult(report);
            }
            else
            {
                _completion.TrySetException(new TypedProduceException<TMessage>(report));
            }
        }
    }

    private sealed class PendingCallback<TMessage>(KafkaTransaction transaction, MessageContract<TMessage> contract, TMessage message, Action<TypedDeliveryReport<TMessage>>? handler)
        : PendingBase<TMessage>(transaction, contract, message)
    {
        protected override void Deliver(TypedDeliveryReport<TMessage> report) => handler?.Invoke(report);
    }
}
