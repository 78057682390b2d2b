using System;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using TypedProducer.Partitioning;

namespace TypedProducer;

/// <summary>
/// The produce path shared by every generated producer: serialize key and value with the contract's
/// generated serializers, choose the partition, hand the bytes to the shared Confluent.Kafka producer and
/// turn its delivery report into a typed one. No schema registry or metadata call happens here once the
/// host has started (schema ids are registered at start-up; partition counts are cached).
/// </summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
public abstract class TypedProducerBase<TMessage> : ITypedProducer<TMessage>
{
    private readonly KafkaProducerConnection _connection;
    private readonly MessageContract<TMessage> _contract;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly string _messageTypeName = typeof(TMessage).Name;
    private int _schemaId = -1;

    /// <summary>Creates the producer.</summary>
    /// <param name="connection">The shared producer.</param>
    /// <param name="contract">The generated contract.</param>
    protected TypedProducerBase(KafkaProducerConnection connection, MessageContract<TMessage> contract)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _contract = contract ?? throw new ArgumentNullException(nameof(contract));
        _producer = connection.Producer;
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

        Message<byte[]?, byte[]> kafkaMessage = CreateMessage(message, headers, timestamp, out int partition);
        var pending = new PendingDelivery(this, message, cancellationToken);
        Send(kafkaMessage, partition, pending, pending.OnDeliveryReport);
        return pending.Task;
    }

    /// <inheritdoc />
    public void Produce(TMessage message, Action<TypedDeliveryReport<TMessage>>? deliveryHandler = null, Headers? headers = null, DateTimeOffset? timestamp = null)
    {
        Message<byte[]?, byte[]> kafkaMessage = CreateMessage(message, headers, timestamp, out int partition);
        var callback = new DeliveryCallback(this, message, deliveryHandler);
        Send(kafkaMessage, partition, callback, callback.OnDeliveryReport);
    }

    private Message<byte[]?, byte[]> CreateMessage(TMessage message, Headers? headers, DateTimeOffset? timestamp, out int partition)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message), $"A null {_messageTypeName} cannot be produced to topic '{Topic}'.");
        }

        _connection.ThrowIfDisposed();
        int schemaId = _schemaId;
        if (schemaId < 0)
        {
            _schemaId = schemaId = _connection.GetSchemaId(_contract);
        }

        byte[]? key = _contract.SerializeKey(message);
        byte[] value = _contract.SerializeValue(message, schemaId);
        partition = Partition.Any;
        if (_contract.HasPartitionKey)
        {
            byte[]? partitionKey = _contract.SerializePartitionKey(message);
            if (partitionKey is not null)
            {
                partition = JavaCompatiblePartitioner.Partition(partitionKey, _connection.GetPartitionCount(Topic));
            }
        }

        return new Message<byte[]?, byte[]>
        {
            Key = key,
            Value = value,
            Headers = headers,
            Timestamp = timestamp is { } t ? new Timestamp(t) : default,
        };
    }

    private void Send(Message<byte[]?, byte[]> message, int partition, IInFlightDelivery delivery, Action<DeliveryReport<byte[]?, byte[]>> handler)
    {
        InFlightTracker inFlight = _connection.InFlight;
        inFlight.Add(delivery);
        try
        {
            if (partition == Partition.Any)
            {
                _producer.Produce(Topic, message, handler);
            }
            else
            {
                _producer.Produce(new TopicPartition(Topic, partition), message, handler);
            }
        }
        catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.MsgSizeTooLarge)
        {
            // librdkafka checks message.max.bytes before queueing: name the sizes and the limit, not just the code.
            inFlight.Remove(delivery);
            throw MessageTooLargeException.Create(_messageTypeName, Topic, message, _connection.Options, ex);
        }
        catch
        {
            // Rejected synchronously (for example Local_QueueFull): the caller gets the exception, no report follows.
            inFlight.Remove(delivery);
            throw;
        }
    }

    private TypedDeliveryReport<TMessage> ToTypedReport(TMessage message, DeliveryReport<byte[]?, byte[]> report)
    {
        Error error = report.Error;
        string? key = error.IsError ? _contract.DescribeKey(message) : null;
        return new TypedDeliveryReport<TMessage>(
            message,
            report.Topic,
            report.Partition.Value,
            report.Offset.Value,
            report.Message?.Timestamp.UtcDateTime is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : default,
            report.Status,
            error,
            key);
    }

    private void ReportFailure(TypedDeliveryReport<TMessage> report, bool callerNotified) =>
        _connection.OnDeliveryFailed(_messageTypeName, report.Topic, report.Partition, report.Key, report.Error, report.Status, callerNotified);

    private TypedDeliveryReport<TMessage> AbandonedReport(TMessage message, Error error) =>
        new(message, Topic, Partition.Any, Offset.Unset, default, PersistenceStatus.PossiblyPersisted, error, _contract.DescribeKey(message));

    private UndeliveredMessage ToUndelivered(TypedDeliveryReport<TMessage> report) =>
        new(_messageTypeName, report.Topic, report.Partition, report.Key, report.Error, report.Status);

    private sealed class PendingDelivery : TaskCompletionSource<TypedDeliveryResult<TMessage>>, IInFlightDelivery
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

        public void OnDeliveryReport(DeliveryReport<byte[]?, byte[]> report)
        {
            if (!_owner._connection.InFlight.Remove(this))
            {
                return; // Abandoned at shutdown: the caller has been told already.
            }

            _registration.Dispose();
            TypedDeliveryReport<TMessage> typed = _owner.ToTypedReport(_message, report);
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
            TypedDeliveryReport<TMessage> typed = _owner.AbandonedReport(_message, error);
            TrySetException(new TypedProduceException<TMessage>(typed));
            return _owner.ToUndelivered(typed);
        }
    }

    private sealed class DeliveryCallback(TypedProducerBase<TMessage> owner, TMessage message, Action<TypedDeliveryReport<TMessage>>? handler) : IInFlightDelivery
    {
        public IInFlightDelivery? Previous { get; set; }

        public IInFlightDelivery? Next { get; set; }

        public void OnDeliveryReport(DeliveryReport<byte[]?, byte[]> report)
        {
            if (!owner._connection.InFlight.Remove(this))
            {
                return; // Abandoned at shutdown: the handler has been called already.
            }

            if (handler is null && !report.Error.IsError)
            {
                return;
            }

            TypedDeliveryReport<TMessage> typed = owner.ToTypedReport(message, report);
            if (!typed.IsSuccess)
            {
                owner.ReportFailure(typed, handler is not null);
            }

            handler?.Invoke(typed);
        }

        public UndeliveredMessage? Abandon(Error error)
        {
            TypedDeliveryReport<TMessage> typed = owner.AbandonedReport(message, error);
            handler?.Invoke(typed);
            return owner.ToUndelivered(typed);
        }
    }
}
