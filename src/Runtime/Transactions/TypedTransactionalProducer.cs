using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TypedProducer.Native;

namespace TypedProducer;

/// <summary>
/// The transactional producer of one <c>transactional.id</c>: a librdkafka producer of its own (a transactional id
/// belongs to exactly one producer instance, KIP-98), called directly like the shared one (<c>rd_kafka_produceva</c>,
/// <c>rd_kafka_init_transactions</c>, <c>begin</c>, <c>commit</c> and <c>abort_transaction</c>), configured like the shared producer
/// (<see cref="KafkaProducerConnection.BuildConfig"/>: idempotence, acks=all, Java-compatible partitioner) plus
/// <c>transactional.id</c> and <see cref="TransactionalProducerOptions.Producer"/>. Messages are serialized with the
/// generated contracts (<see cref="MessageContract{TMessage}"/>) and the schema ids the shared connection registered.
/// Registered in DI by <c>AddTypedProducerRuntime</c> (default id from <c>Kafka:Transactions:TransactionalId</c>) and
/// <c>AddTypedTransactionalProducer(id)</c> (keyed by id); disposing it aborts an open transaction.
/// </summary>
public sealed partial class TypedTransactionalProducer : ITypedTransactionalProducer, IDisposable
{
    private readonly KafkaProducerConnection _connection;
    private readonly TransactionalProducerOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _transactionGate = new(1, 1);
    private readonly ConcurrentDictionary<MessageContract, int> _schemaIds = new();
    private readonly object _producerGate = new();
    private NativeKafkaProducer? _producer;
    private bool _initialized;
    private KafkaTransaction? _current;
    private volatile bool _disposed;

    /// <summary>Creates the producer; nothing connects until the first <see cref="BeginAsync"/>.</summary>
    /// <param name="connection">The shared connection: brokers, configuration, schema ids and partition counts.</param>
    /// <param name="transactionalId">The <c>transactional.id</c>.</param>
    /// <param name="logger">Receives librdkafka logs and errors of this producer; null for none.</param>
    /// <exception cref="ArgumentException"><paramref name="transactionalId"/> is null, empty or white space.</exception>
    public TypedTransactionalProducer(KafkaProducerConnection connection, string transactionalId, ILogger<TypedTransactionalProducer>? logger = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionalId);
        TransactionalId = transactionalId;
        _options = connection.Options.Transactions;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string TransactionalId { get; }

    /// <summary>
    /// librdkafka statistics JSON of this producer (<c>txmsgs</c>, per-broker <c>txretries</c>, <c>eos</c>, ...), every
    /// <c>statistics.interval.ms</c> when that property is set in <see cref="TransactionalProducerOptions.Producer"/>.
    /// Raised on librdkafka's polling thread.
    /// </summary>
    public event EventHandler<string>? StatisticsReceived;

    /// <summary>The librdkafka configuration of this producer.</summary>
    /// <returns>The shared producer's configuration plus <c>transactional.id</c> and <see cref="TransactionalProducerOptions.Producer"/>.</returns>
    public ProducerConfig BuildConfig()
    {
        ProducerConfig config = KafkaProducerConnection.BuildConfig(_connection.Options, _connection.BootstrapServers);
        config.TransactionalId = TransactionalId;
        foreach (KeyValuePair<string, string> property in _options.Producer)
        {
            config.Set(property.Key, property.Value);
        }

        return config;
    }

    /// <inheritdoc />
    public async Task<KafkaTransaction> BeginAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await _transactionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            NativeKafkaProducer producer = await EnsureInitializedAsync().ConfigureAwait(false);
            try
            {
                producer.BeginTransaction();
            }
            catch (KafkaException ex)
            {
                // librdkafka refuses to begin only in a state it cannot leave (__STATE, a fatal error): start over.
                DiscardProducer();
                throw Failure("begin", ex, KafkaTransactionState.Failed);
            }

            var transaction = new KafkaTransaction(this, producer);
            _current = transaction;
            return transaction;
        }
        catch
        {
            _transactionGate.Release();
            throw;
        }
    }

    /// <summary>
    /// Ends an open transaction as <see cref="KafkaTransaction.DisposeAsync"/> does (aborts it, or resumes a commit that
    /// timed out; bounded by <see cref="TransactionalProducerOptions.OperationTimeout"/>), then disposes the librdkafka producer.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // An open transaction is aborted; one whose commit timed out is resumed (librdkafka allows nothing else). Its
        // DisposeAsync does not throw: failures are logged and its pending messages fail.
        _current?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        DiscardProducer();
    }

    internal KafkaProducerConnection Connection => _connection;

    internal TimeSpan OperationTimeout => _options.OperationTimeout;

    internal int GetSchemaId(MessageContract contract)
    {
        if (_schemaIds.TryGetValue(contract, out int id))
        {
            return id;
        }

        id = _connection.GetSchemaId(contract);
        _schemaIds[contract] = id;
        return id;
    }

    internal async ValueTask<int> GetOrRegisterSchemaIdAsync(MessageContract contract, CancellationToken cancellationToken)
    {
        if (!_schemaIds.TryGetValue(contract, out int id))
        {
            await _connection.RegisterSchemasAsync([contract], cancellationToken).ConfigureAwait(false);
            id = GetSchemaId(contract);
        }

        return id;
    }

    /// <summary>Called by the transaction when it has ended, whatever the outcome.</summary>
    internal void OnTransactionEnded(KafkaTransaction transaction, bool producerFailed)
    {
        if (producerFailed)
        {
            // A fatal error (fenced, unrecoverable idempotence state) leaves the producer unusable: the next BeginAsync
            // builds a new one, whose InitProducerId bumps the epoch.
            DiscardProducer();
        }

        if (ReferenceEquals(_current, transaction))
        {
            _current = null;
            _transactionGate.Release();
        }
    }

    internal TypedTransactionException Failure(string operation, KafkaException exception, KafkaTransactionState? state = null)
    {
        KafkaTransactionState outcome = state ?? (exception.Error.IsFatal ? KafkaTransactionState.Failed : KafkaTransactionState.Aborted);
        LogOperationFailed(TransactionalId, operation, exception.Error.Code, exception.Error.Reason, outcome);
        return new TypedTransactionException(TransactionalId, operation, outcome, exception.Error, exception);
    }

    /// <summary>
    /// Runs a blocking librdkafka transaction call (init, commit or abort) on the thread pool, and after a retriable
    /// error (<see cref="KafkaRetriableException"/>, as <see cref="NativeKafkaProducer"/> maps <c>rd_kafka_error_is_retriable</c>) calls the same operation again, which resumes
    /// what librdkafka keeps doing in the background (rdkafka.h, "Retriable errors": retry "preferably after a
    /// shorter grace period (to avoid busy-looping)"). Waits <see cref="FirstRetryBackoff"/> before the first retry,
    /// doubling up to <see cref="MaxRetryBackoff"/>, until <paramref name="timeout"/> has passed; then the last
    /// retriable error is thrown. Abortable and other errors are thrown at once.
    /// </summary>
    /// <param name="operation">The librdkafka call; its argument is the time left for it to block.</param>
    /// <param name="timeout">The whole operation's budget.</param>
    /// <returns>A task that completes when a call succeeds.</returns>
    /// <exception cref="KafkaRetriableException">Still retriable when the budget ran out: the operation goes on in librdkafka, and calling it again resumes it.</exception>
    /// <exception cref="KafkaException">Any other error of the call.</exception>
    internal static async Task RunWithRetriesAsync(Action<TimeSpan> operation, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan backoff = FirstRetryBackoff;
        while (true)
        {
            TimeSpan remaining = timeout - clock.Elapsed;
            try
            {
                await Task.Run(() => operation(remaining > MinimumCallTimeout ? remaining : MinimumCallTimeout)).ConfigureAwait(false);
                return;
            }
            catch (KafkaRetriableException) when (clock.Elapsed < timeout)
            {
                // For example __CONFLICT, COORDINATOR_NOT_AVAILABLE or a transport error: answered at once, so waiting
                // here is what keeps this from spinning (issue 9: 1.7 million retries in 5 s without it).
            }

            TimeSpan left = timeout - clock.Elapsed;
            await Task.Delay(backoff < left ? backoff : left).ConfigureAwait(false);
            backoff = backoff + backoff < MaxRetryBackoff ? backoff + backoff : MaxRetryBackoff;
        }
    }

    /// <summary>The wait before the first retry of a transaction call after a retriable error: 50 ms.</summary>
    internal static TimeSpan FirstRetryBackoff { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between retries of a transaction call: 1 second.</summary>
    internal static TimeSpan MaxRetryBackoff { get; } = TimeSpan.FromSeconds(1);

    // librdkafka returns at once with a zero timeout; 1 ms still lets a finished background operation report.
    private static TimeSpan MinimumCallTimeout { get; } = TimeSpan.FromMilliseconds(1);

    internal void LogAbandoned(string operation) => LogOperationAbandoned(TransactionalId, operation);

    private async Task<NativeKafkaProducer> EnsureInitializedAsync()
    {
        NativeKafkaProducer producer;
        lock (_producerGate)
        {
            ThrowIfDisposed();
            producer = _producer ??= BuildProducer();
            if (_initialized)
            {
                return producer;
            }
        }

        try
        {
            await RunWithRetriesAsync(producer.InitTransactions, _options.OperationTimeout).ConfigureAwait(false);
        }
        catch (KafkaException ex)
        {
            // A failed init leaves the handle in an unknown state: start over next time.
            DiscardProducer();

            throw Failure("initialise", ex, KafkaTransactionState.Failed);
        }

        lock (_producerGate)
        {
            _initialized = true;
        }

        LogInitialized(TransactionalId, _connection.BootstrapServers);
        return producer;
    }

    private NativeKafkaProducer BuildProducer()
    {
        try
        {
            return new NativeKafkaProducer(BuildConfig(), new NativeProducerCallbacks
            {
                OnLog = OnLog,
                OnError = OnClientError,
                OnStatistics = OnStatistics,
                OnHandlerException = OnHandlerException,
            });
        }
        catch (ArgumentException ex)
        {
            // librdkafka's cross-property checks (for example message.timeout.ms <= transaction.timeout.ms) also see the
            // shared Kafka:Producer settings, which the user may not connect with transactions: say where they come from.
            throw new InvalidOperationException(
                $"librdkafka rejected the configuration of transactional producer '{TransactionalId}': {ex.Message}. It is Kafka:Producer (shared) overlaid by Kafka:Transactions:Producer; override the property there.",
                ex);
        }
    }

    private void DiscardProducer()
    {
        lock (_producerGate)
        {
            // After commit or abort nothing is left; after a failure, what is left is purged and reported (Local_PurgeQueue).
            _producer?.Dispose(TimeSpan.Zero);
            _producer = null;
            _initialized = false;
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(TypedTransactionalProducer), $"The transactional producer '{TransactionalId}' has been disposed.");
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Transactional producer '{TransactionalId}' initialised with brokers {BootstrapServers}")]
    private partial void LogInitialized(string transactionalId, string bootstrapServers);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Transaction {Operation} of '{TransactionalId}' failed: {Code} {Reason}; outcome {State}")]
    private partial void LogOperationFailed(string transactionalId, string operation, ErrorCode code, string reason, KafkaTransactionState state);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Kafka client error in transactional producer '{TransactionalId}': {Code} {Reason} (fatal: {IsFatal})")]
    private partial void LogClientError(string transactionalId, ErrorCode code, string reason, bool isFatal);

    [LoggerMessage(EventId = 43, Message = "librdkafka (transactional producer '{TransactionalId}') {Facility}: {Text}")]
    private partial void LogLibrdkafka(LogLevel level, string transactionalId, string facility, string text);

    [LoggerMessage(EventId = 44, Level = LogLevel.Error, Message = "The {Operation} of the transaction of '{TransactionalId}' did not end before the transaction was disposed: the producer is discarded and rebuilt by the next begin (an abort stays an abort; a commit's outcome is decided by the coordinator: read the log to know)")]
    private partial void LogOperationAbandoned(string transactionalId, string operation);
}
