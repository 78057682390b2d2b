using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System;
using Confluent.Kafka;
using TypedProducer.SchemaRegistry;
using TypedProducer.Serialization;

namespace TypedProducer.Testing;

/// <summary>
/// Reads back what typed producers wrote: every record of a topic, from each partition's start to its end as they are
/// when the read starts, in partition then offset order, with values decoded by the schema id in their Confluent
/// wire-format header (schemas fetched once from the <see cref="ISchemaRegistryClient"/> the producers registered
/// with). Uses a real Confluent.Kafka consumer with manual assignment (no group, no commits).
/// </summary>
/// <remarks>
/// <para>Transactions (KIP-98): by default the reader is a <c>read_committed</c> consumer (librdkafka
/// <c>isolation.level</c>): records of aborted transactions are not returned, and a partition ends at its last stable
/// offset, so the records of a transaction still open (and all after them) are not returned and not waited for.
/// Transaction markers (control records) take an offset each and are never returned; a partition is done when the
/// consumer reports that it reached the end (<c>enable.partition.eof</c>), never by waiting for the record at the last
/// offset, which may be a marker. librdkafka's mock cluster (2.16.0) writes the markers but serves aborted and open
/// records to <c>read_committed</c> consumers (its Fetch answers list no aborted transactions and its last stable
/// offset is the high watermark), so the reader reads the record batch headers itself (<c>AbortedTransactionScan</c>)
/// and applies what a real broker would: the same result on both. <see cref="IsolationLevel.ReadUncommitted"/> reads
/// every data record, aborted and open transactions included.</para>
/// 
/// Avro values are decoded with the writer's schema (<see cref="AvroGenericReader"/>) into dictionaries; JSON Schema
/// values are parsed into dictionaries; Protobuf values are left undecoded. <see cref="ReadAll{TMessage}()"/> gives your
/// message type through the contract's generated deserializer (<see cref="TypedDeserializer{TMessage}"/>).
/// Not thread-safe: one read at a time.
/// </remarks>
public sealed class TypedKafkaReader : IDisposable
{
    private readonly ISchemaRegistryClient _schemaRegistry;
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly Dictionary<int, (RegisteredSchema Registered, AvroSchemaNode? Avro)> _schemas = new();
    private readonly bool _scanForAbortedTransactions;
    private bool _disposed;

    /// <summary>Creates a reader.</summary>
    /// <param name="bootstrapServers">The brokers.</param>
    /// <param name="schemaRegistry">The registry the producers registered their schemas with.</param>
    /// <param name="consumerProperties">Extra librdkafka consumer properties, or null; applied last.</param>
    /// <param name="isolationLevel">
    /// <see cref="IsolationLevel.ReadCommitted"/> (the default): committed and non-transactional records only;
    /// <see cref="IsolationLevel.ReadUncommitted"/>: every data record, including those of aborted and open transactions.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="bootstrapServers"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="schemaRegistry"/> is null.</exception>
    public TypedKafkaReader(string bootstrapServers, ISchemaRegistryClient schemaRegistry, IEnumerable<KeyValuePair<string, string>>? consumerProperties = null, IsolationLevel isolationLevel = IsolationLevel.ReadCommitted)
    {
        ArgumentException.ThrowIfNullOrEmpty(bootstrapServers);
        _schemaRegistry = schemaRegistry ?? throw new ArgumentNullException(nameof(schemaRegistry));
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            // Manual assignment only; librdkafka still wants a group id for a consumer handle.
            GroupId = "typedproducer-testing-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // The end of a partition is where the consumer says it is: past the last data record and any markers.
            EnablePartitionEof = true,
            IsolationLevel = isolationLevel,
            LogConnectionClose = false,
        };
        foreach (KeyValuePair<string, string> property in consumerProperties ?? [])
        {
            config.Set(property.Key, property.Value);
        }

        IsolationLevel = config.IsolationLevel ?? IsolationLevel.ReadCommitted;
        _scanForAbortedTransactions = IsolationLevel == IsolationLevel.ReadCommitted && config.SecurityProtocol is null or SecurityProtocol.Plaintext;
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
    }

    /// <summary>The consumer's <c>isolation.level</c>: which records of transactions are read.</summary>
    public IsolationLevel IsolationLevel { get; }

    /// <summary>How long to wait for the next record before giving up on a partition that has not reached its end. Default: 30 seconds.</summary>
    public TimeSpan RecordTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Every record of <paramref name="topic"/> at <see cref="IsolationLevel"/>, in partition then offset order, values
    /// decoded; transaction markers and (by default) records of aborted transactions left out.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <returns>The records.</returns>
    /// <exception cref="KafkaException">The topic does not exist or cannot be read.</exception>
    /// <exception cref="TimeoutException">A partition delivered neither a record nor its end for <see cref="RecordTimeout"/>.</exception>
    /// <exception cref="FormatException">A value does not match the schema its header names.</exception>
    /// <exception cref="SchemaRegistryException">A schema id is unknown to the registry.</exception>
    public IReadOnlyList<KafkaRecord> ReadAll(string topic)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var records = new List<KafkaRecord>();
        Metadata metadata = GetMetadata(topic, out TopicMetadata described);
        foreach (PartitionMetadata partitionMetadata in described.Partitions.OrderBy(p => p.PartitionId))
        {
            int p = partitionMetadata.PartitionId;
            var partition = new TopicPartition(topic, p);
            // The end as the read starts: ListOffsets at the consumer's isolation level, i.e. the last stable offset for
            // read_committed on a real broker (the mock answers its high watermark either way).
            WatermarkOffsets watermarks = _consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
            if (watermarks.High <= watermarks.Low)
            {
                continue;
            }

            AbortedTransactionScan? aborted = _scanForAbortedTransactions ? ScanLeader(metadata, partitionMetadata, topic, watermarks) : null;
            // A transaction still open ends a read_committed read where it starts, as a real broker's last stable offset does.
            long end = aborted?.FirstOpenOffset is { } open && open < watermarks.High.Value ? open : watermarks.High.Value;
            if (end <= watermarks.Low.Value)
            {
                continue;
            }

            _consumer.Assign(new TopicPartitionOffset(partition, watermarks.Low));
            try
            {
                while (true)
                {
                    ConsumeResult<byte[]?, byte[]?> result = _consumer.Consume(RecordTimeout)
                        ?? throw new TimeoutException($"No record and no end of partition from {topic}[{p}] within {RecordTimeout.TotalSeconds:0} s; its end was offset {end} when the read started ({IsolationLevel}).");
                    if (result.IsPartitionEOF)
                    {
                        // The consumer's position is past every record and marker it could read. Below the end seen at the
                        // start only if records are still being fetched; then wait for them.
                        if (result.Offset.Value >= end)
                        {
                            break;
                        }

                        continue;
                    }

                    if (result.Offset.Value >= end)
                    {
                        break; // Written after the read started, or in a transaction still open.
                    }

                    if (aborted is null || !aborted.IsAborted(result.Offset.Value))
                    {
                        records.Add(Decode(result));
                    }
                }
            }
            finally
            {
                _consumer.Unassign();
            }
        }

        return records;
    }

    /// <summary>
    /// Every record of contract <typeparamref name="TMessage"/>, decoded by the contract's generated deserializer: the
    /// records of its topic whose writer schema is the contract's record (same Avro record full name, or same schema
    /// text), of any schema version the contract can resolve (Avro schema resolution against the writer's schema, fetched
    /// by the id in each value's header; see <see cref="MessageContract{TMessage}.CreateValueReader"/>).
    /// </summary>
    /// <typeparam name="TMessage">A <c>[KafkaMessage]</c> contract.</typeparam>
    /// <returns>The records with their messages, in partition then offset order.</returns>
    /// <exception cref="KafkaException">The topic does not exist or cannot be read.</exception>
    /// <exception cref="TimeoutException">A partition delivered neither a record nor its end for <see cref="RecordTimeout"/>.</exception>
    /// <exception cref="SchemaResolutionException">A record's writer schema cannot be resolved against the contract's (names the field and the schema id).</exception>
    /// <exception cref="MessageDeserializationException">A record's value does not match its writer schema (names the member and the schema id).</exception>
    public IReadOnlyList<KafkaRecord<TMessage>> ReadAll<TMessage>()
        where TMessage : IKafkaMessage<TMessage>
    {
        MessageContract<TMessage> contract = TMessage.KafkaContract;
        var deserializer = new TypedDeserializer<TMessage>(_schemaRegistry);
        var typed = new List<KafkaRecord<TMessage>>();
        foreach (KafkaRecord record in ReadAll(contract.Topic))
        {
            if (IsOf(contract, record))
            {
                typed.Add(new KafkaRecord<TMessage>(record, true, deserializer.Deserialize(record.RawValue, record.Headers)));
            }
        }

        return typed;
    }

    /// <summary>
    /// Every record of contract <typeparamref name="TMessage"/> (as <see cref="ReadAll{TMessage}()"/> selects them), built by
    /// <paramref name="converter"/> from the fields decoded with the writer's schema instead of the generated deserializer.
    /// </summary>
    /// <typeparam name="TMessage">A <c>[KafkaMessage]</c> contract.</typeparam>
    /// <param name="converter">Builds a <typeparamref name="TMessage"/> from the decoded fields.</param>
    /// <returns>The records, in partition then offset order.</returns>
    /// <exception cref="KafkaException">The topic does not exist or cannot be read.</exception>
    /// <exception cref="TimeoutException">A partition delivered neither a record nor its end for <see cref="RecordTimeout"/>.</exception>
    public IReadOnlyList<KafkaRecord<TMessage>> ReadAll<TMessage>(Func<IReadOnlyDictionary<string, object?>, TMessage> converter)
        where TMessage : IKafkaMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(converter);
        MessageContract<TMessage> contract = TMessage.KafkaContract;
        var typed = new List<KafkaRecord<TMessage>>();
        foreach (KafkaRecord record in ReadAll(contract.Topic))
        {
            if (IsOf(contract, record))
            {
                typed.Add(new KafkaRecord<TMessage>(record, true, converter(record.Fields)));
            }
        }

        return typed;
    }

    /// <summary>Closes the consumer.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _consumer.Close();
            _consumer.Dispose();
        }
    }

    private bool IsOf(MessageContract contract, KafkaRecord record)
    {
        if (record.SchemaId < 0 || !_schemas.TryGetValue(record.SchemaId, out (RegisteredSchema Registered, AvroSchemaNode? Avro) schema))
        {
            return false;
        }

        return schema.Registered.Schema == contract.ValueSchema.Schema
            || (schema.Avro is not null && contract.ValueSchema.SchemaType == TypedProducer.SchemaRegistry.SchemaType.Avro && schema.Avro.FullName == contract.ValueSchema.FullName);
    }

    private Metadata GetMetadata(string topic, out TopicMetadata described)
    {
        using IAdminClient admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
        // Metadata of all topics: a request naming the topic would auto-create it (4 partitions on the mock) and a
        // misspelt topic would read as empty instead of failing.
        Metadata metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        TopicMetadata? found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
        if (found is null || found.Error.IsError || found.Partitions.Count == 0)
        {
            ErrorCode code = found?.Error.Code ?? ErrorCode.UnknownTopicOrPart;
            throw new KafkaException(new Error(code, $"Cannot read topic '{topic}': {(found is null ? "it does not exist" : code.ToString())}."));
        }

        described = found;
        return metadata;
    }

    private AbortedTransactionScan ScanLeader(Metadata metadata, PartitionMetadata partition, string topic, WatermarkOffsets watermarks)
    {
        BrokerMetadata leader = metadata.Brokers.FirstOrDefault(b => b.BrokerId == partition.Leader)
            ?? throw new KafkaException(new Error(ErrorCode.LeaderNotAvailable, $"Cannot read {topic}[{partition.PartitionId}]: its leader {partition.Leader} is not in the cluster metadata."));
        try
        {
            return AbortedTransactionScan.Read(leader.Host, leader.Port, topic, partition.PartitionId, watermarks.Low.Value, watermarks.High.Value, TimeSpan.FromSeconds(10));
        }
        catch (IOException ex)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Transport, $"Cannot scan {topic}[{partition.PartitionId}] on broker {leader.BrokerId} ({leader.Host}:{leader.Port}) for aborted transactions: {ex.Message}"), ex);
        }
    }

    private KafkaRecord Decode(ConsumeResult<byte[]?, byte[]?> result)
    {
        byte[]? raw = result.Message.Value;
        int schemaId = -1;
        string? schemaName = null;
        SchemaType? schemaType = null;
        object? value = null;
        if (raw is { Length: >= 5 } && raw[0] == 0)
        {
            ReadOnlySpan<byte> body = AvroGenericReader.ReadConfluentHeader(raw, out schemaId);
            (RegisteredSchema registered, AvroSchemaNode? avro) = GetSchema(schemaId);
            schemaType = registered.SchemaType;
            schemaName = avro?.FullName;
            value = registered.SchemaType switch
            {
                TypedProducer.SchemaRegistry.SchemaType.Avro => AvroGenericReader.Read(avro!, body),
                TypedProducer.SchemaRegistry.SchemaType.Json => ToObject(JsonDocument.Parse(body.ToArray()).RootElement),
                _ => null,
            };
        }

        return new KafkaRecord(
            result.Topic,
            result.Partition.Value,
            result.Offset.Value,
            new DateTimeOffset(result.Message.Timestamp.UtcDateTime, TimeSpan.Zero),
            result.Message.Key,
            result.Message.Headers ?? new Headers(),
            raw,
            schemaId,
            schemaName,
            schemaType,
            value);
    }

    private (RegisteredSchema Registered, AvroSchemaNode? Avro) GetSchema(int schemaId)
    {
        if (!_schemas.TryGetValue(schemaId, out (RegisteredSchema Registered, AvroSchemaNode? Avro) schema))
        {
            RegisteredSchema registered = _schemaRegistry.GetSchemaAsync(schemaId).GetAwaiter().GetResult();
            schema = (registered, registered.SchemaType == TypedProducer.SchemaRegistry.SchemaType.Avro ? AvroSchemaNode.Parse(registered.Schema) : null);
            _schemas[schemaId] = schema;
        }

        return schema;
    }

    private static object? ToObject(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value), StringComparer.Ordinal) as IReadOnlyDictionary<string, object?>,
        JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out long integer) ? integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
