using System.Text;
using Confluent.Kafka;
using TypedProducer.Native;
using TypedProducer.SchemaRegistry;
using TypedProducer.Testing;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Native;

/// <summary>
/// <see cref="NativeKafkaProducer"/> against the librdkafka mock cluster, read back with real Confluent.Kafka consumers.
/// Synchronisation points are librdkafka's own (Flush returns once every report was served, Dispose once every message
/// was reported) or a task a callback completes; the waits on those tasks are bounds against a hang, not timings.
/// </summary>
public sealed class NativeKafkaProducerTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromMinutes(2);

    [Fact]
    public void IdempotentProducer_KeysValuesHeadersTimestampsAndPartitions_AreReadBackEqual()
    {
        const string Topic = "native-round-trip";
        const int Partitions = 3, Count = 30;
        const long BaseTimestamp = 1_700_000_000_000;
        kafka.Cluster.CreateTopic(Topic, Partitions);
        var recorder = new NativeDeliveryRecorder();
        var headers = new NativeHeaderList();
        using (var producer = new NativeKafkaProducer(Config()))
        {
            NativeKafkaTopic topic = producer.Topic(Topic);
            for (int i = 0; i < Count; i++)
            {
                headers.Clear();
                headers.Add("index", [(byte)i]);
                headers.Add("empty", []);
                headers.AddNull("null");
                ErrorCode accepted = producer.Produce(topic, Key(i), Value(i), ExpectedPartition(i), BaseTimestamp + i, headers, Flags(i), recorder, state: i);
                Assert.Equal(ErrorCode.NoError, accepted);
            }

            Assert.Equal(0, producer.Flush(s_wait));
            Assert.Equal(Count, producer.Delivered);
        }

        Assert.Equal(Count, recorder.Reports.Count);
        var read = kafka.ReadAll(Topic, Partitions).ToDictionary(r => (r.Partition.Value, r.Offset.Value));
        Assert.Equal(Count, read.Count);
        foreach ((long state, NativeDeliveryReport report) in recorder.Reports)
        {
            int i = (int)state;
            Assert.Equal(ErrorCode.NoError, report.Error);
            Assert.Equal(PersistenceStatus.Persisted, report.Status);
            // The mock answers every produce with a log-append time of 1234; a real broker (CreateTime topics) answers none.
            Assert.Equal(report.TimestampType == TimestampType.LogAppendTime ? 1234 : BaseTimestamp + i, report.TimestampMs);
            if (ExpectedPartition(i) != NativeKafkaProducer.PartitionAny)
            {
                Assert.Equal(ExpectedPartition(i), report.Partition);
            }

            Message<byte[]?, byte[]> record = read[(report.Partition, report.Offset)].Message;
            Assert.Equal((Flags(i) & NativeMessageFlags.NullKey) != 0 ? null : Key(i), record.Key);
            Assert.Equal((Flags(i) & NativeMessageFlags.NullValue) != 0 ? null : Value(i), record.Value);
            Assert.Equal(BaseTimestamp + i, record.Timestamp.UnixTimestampMs);
            Assert.Equal(TimestampType.CreateTime, record.Timestamp.Type);
            Assert.Equal(["index", "empty", "null"], record.Headers.Select(h => h.Key));
            Assert.Equal(new[] { (byte)i }, record.Headers[0].GetValueBytes());
            Assert.Equal([], record.Headers[1].GetValueBytes());
            Assert.Null(record.Headers[2].GetValueBytes());
        }

        // Null and empty are kept apart for keys, values and header values.
        static NativeMessageFlags Flags(int i) => i switch { 5 => NativeMessageFlags.NullKey, 7 => NativeMessageFlags.NullValue, _ => NativeMessageFlags.None };
        static byte[] Key(int i) => i == 6 ? [] : Encoding.UTF8.GetBytes("key-" + i);
        static byte[] Value(int i) => i == 8 ? [] : Enumerable.Range(0, i + 1).Select(b => (byte)(b * 7)).ToArray();
        static int ExpectedPartition(int i) => i % 4 == 0 ? NativeKafkaProducer.PartitionAny : i % Partitions;
    }

    [Fact]
    public void Produce_WithoutHandlerOrWithOneSharedHandler_AllocatesNothingPerMessage()
    {
        const string Topic = "native-allocations";
        const int Count = 1000;
        kafka.Cluster.CreateTopic(Topic, 2);
        var recorder = new NativeDeliveryRecorder();
        var headers = new NativeHeaderList();
        byte[] key = [1, 2, 3, 4], value = new byte[100];
        using var producer = new NativeKafkaProducer(Config(), initialSlots: 4 * Count);
        NativeKafkaTopic topic = producer.Topic(Topic);
        ProduceAll(null); // first calls: JIT, static state, librdkafka's first metadata
        ProduceAll(recorder);
        Assert.Equal(0, producer.Flush(s_wait));

        long before = GC.GetAllocatedBytesForCurrentThread();
        ProduceAll(null);
        long withoutHandler = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        ProduceAll(recorder);
        long withHandler = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, withoutHandler);
        Assert.Equal(0, withHandler);
        Assert.Equal(0, producer.Flush(s_wait));
        Assert.Equal(4 * Count, producer.Delivered);
        Assert.Equal(2 * Count, recorder.Reports.Count);

        void ProduceAll(INativeDeliveryHandler? handler)
        {
            for (int i = 0; i < Count; i++)
            {
                headers.Clear();
                headers.Add("h", key);
                // Not Assert.Equal: xunit's comparer allocates.
                if (producer.Produce(topic, key, value, headers: headers, handler: handler, state: i) != ErrorCode.NoError)
                {
                    throw new InvalidOperationException("Produce refused message " + i);
                }
            }
        }
    }

    [Fact]
    public void QueueFull_IsReturnedAsLocalQueueFull_AndTheAcceptedMessagesAreDelivered()
    {
        const string Topic = "native-queue-full";
        kafka.Cluster.CreateTopic(Topic, 1);
        var recorder = new NativeDeliveryRecorder();
        // Three messages fill the queue; the linger keeps them there until the flush.
        using var producer = new NativeKafkaProducer(Config(("queue.buffering.max.messages", "3"), ("linger.ms", "300000"), ("message.timeout.ms", "600000")));
        NativeKafkaTopic topic = producer.Topic(Topic);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(ErrorCode.NoError, producer.Produce(topic, [], [(byte)i], handler: recorder, state: i));
        }

        Assert.Equal(ErrorCode.Local_QueueFull, producer.Produce(topic, [], [3], handler: recorder, state: 3));
        Assert.Equal(3, producer.Pending);

        Assert.Equal(0, producer.Flush(s_wait));
        Assert.Equal([0L, 1, 2], recorder.Reports.Select(r => r.State).Order());
        Assert.All(recorder.Reports, r => Assert.Equal(ErrorCode.NoError, r.Report.Error));
        Assert.Equal(new[] { 0, 1, 2 }, kafka.ReadAll(Topic, 1).Select(r => (int)r.Message.Value[0]));
    }

    [Fact]
    public void Dispose_PurgesQueuedMessages_AndReportsEachExactlyOnce()
    {
        const string Topic = "native-purge";
        const int Count = 50;
        kafka.Cluster.CreateTopic(Topic, 2);
        var recorder = new NativeDeliveryRecorder();
        var producer = new NativeKafkaProducer(Config(("linger.ms", "300000"), ("message.timeout.ms", "600000")));
        NativeKafkaTopic topic = producer.Topic(Topic);
        for (int i = 0; i < Count; i++)
        {
            Assert.Equal(ErrorCode.NoError, producer.Produce(topic, [(byte)i], [(byte)i], handler: recorder, state: i));
        }

        producer.Dispose(TimeSpan.Zero);

        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), recorder.Reports.Select(r => r.State).Order());
        Assert.All(recorder.Reports, r =>
        {
            Assert.Equal(ErrorCode.Local_PurgeQueue, r.Report.Error);
            Assert.Equal(PersistenceStatus.NotPersisted, r.Report.Status);
            Assert.False(string.IsNullOrEmpty(r.Report.Reason));
        });
        Assert.Equal(0, producer.Pending);
        Assert.Equal(Count, producer.Failed);
        Assert.Throws<ObjectDisposedException>(() => producer.Produce(topic, [], []));
        Assert.Throws<ObjectDisposedException>(() => producer.Flush(TimeSpan.Zero));
        producer.Dispose(); // a second dispose does nothing
    }

    [Fact]
    public void Transactions_CommitAndAbort_ReadCommittedReaderSeesOnlyCommittedMessages()
    {
        const string Topic = "native-transactions";
        kafka.Cluster.CreateTopic(Topic, 1);
        var recorder = new NativeDeliveryRecorder();
        using (var producer = new NativeKafkaProducer(Config(("transactional.id", "native-" + Guid.NewGuid().ToString("N")))))
        {
            NativeKafkaTopic topic = producer.Topic(Topic);
            producer.InitTransactions(s_wait);
            Transaction("committed-1", commit: true);
            Transaction("aborted", commit: false);
            Transaction("committed-2", commit: true);

            void Transaction(string prefix, bool commit)
            {
                producer.BeginTransaction();
                for (int i = 0; i < 5; i++)
                {
                    Assert.Equal(ErrorCode.NoError, producer.Produce(topic, [], Encoding.UTF8.GetBytes($"{prefix}-{i}"), partition: 0, handler: recorder));
                }

                if (commit)
                {
                    producer.CommitTransaction(s_wait);
                }
                else
                {
                    Assert.Equal(0, producer.Flush(s_wait)); // written to the log first, so the abort marks them aborted
                    producer.AbortTransaction(s_wait);
                }
            }

            Assert.Equal(0, producer.Flush(s_wait));
        }

        Assert.Equal(15, recorder.Reports.Count);
        string[] expected = [.. Enumerable.Range(0, 5).Select(i => "committed-1-" + i), .. Enumerable.Range(0, 5).Select(i => "committed-2-" + i)];
        Assert.Equal(expected, ReadCommitted(Topic));
    }

    [Theory]
    [InlineData("linger.ms", "soon", "Invalid value")]
    [InlineData("no.such.property", "1", "No such configuration property")]
    public void RefusedProperty_ThrowsNamingThePropertyAndLibrdkafkasReason(string name, string value, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => new NativeKafkaProducer(Config((name, value))));

        Assert.Contains($"'{name}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationRefusedAsAWhole_ThrowsWithLibrdkafkasReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => new NativeKafkaProducer(Config(("transactional.id", "t"), ("enable.idempotence", "false"))));

        Assert.StartsWith("librdkafka refused the producer configuration: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("enable.idempotence", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorCallback_ReportsAnUnreachableBroker()
    {
        var first = new TaskCompletionSource<Error>(TaskCreationOptions.RunContinuationsAsynchronously);
        var config = new Dictionary<string, string> { ["bootstrap.servers"] = "127.0.0.1:1", ["log_level"] = "0" };
        using var producer = new NativeKafkaProducer(config, new NativeProducerCallbacks { OnError = e => first.TrySetResult(e) });

        Error error = await first.Task.WaitAsync(s_wait);

        Assert.Contains(error.Code, new[] { ErrorCode.Local_Transport, ErrorCode.Local_AllBrokersDown });
        Assert.False(error.IsFatal);
    }

    [Fact]
    public async Task FatalError_IsReportedAsFatal_IsReadable_AndFailsFurtherProduceCalls()
    {
        var fatal = new TaskCompletionSource<Error>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var producer = new NativeKafkaProducer(Config(), new NativeProducerCallbacks { OnError = e => { if (e.IsFatal) { fatal.TrySetResult(e); } } });
        NativeKafkaTopic topic = producer.Topic("native-fatal");

        Assert.Equal(ErrorCode.NoError, producer.RaiseTestFatalError(ErrorCode.OutOfOrderSequenceNumber, "sequence desynchronised"));
        Error reported = await fatal.Task.WaitAsync(s_wait);

        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, reported.Code);
        Assert.Contains("sequence desynchronised", reported.Reason, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, producer.FatalError?.Code);
        Assert.Equal(ErrorCode.Local_Fatal, producer.Produce(topic, [], [1]));
    }

    [Fact]
    public async Task ProduceAsync_CompletesWithTheReport()
    {
        const string Topic = "native-async";
        kafka.Cluster.CreateTopic(Topic, 1);
        using var producer = new NativeKafkaProducer(Config());

        NativeDeliveryReport report = await producer.ProduceAsync(producer.Topic(Topic), [1], [2, 3]).WaitAsync(s_wait);

        Assert.Equal(ErrorCode.NoError, report.Error);
        Assert.Equal(0, report.Partition);
        Assert.Equal(new byte[] { 2, 3 }, kafka.ReadOne(Topic, 0, report.Offset).Message.Value);
    }

    [Fact]
    public async Task LogAndStatisticsCallbacks_ReceiveLibrdkafkasLinesAndJson()
    {
        var log = new TaskCompletionSource<(int, string, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var statistics = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var callbacks = new NativeProducerCallbacks
        {
            OnLog = (level, facility, message) => log.TrySetResult((level, facility, message)),
            OnStatistics = json => statistics.TrySetResult(json),
        };

        using var producer = new NativeKafkaProducer(Config(("debug", "conf"), ("statistics.interval.ms", "100")), callbacks);

        (int level, string facility, string message) = await log.Task.WaitAsync(s_wait);
        Assert.Equal(7, level); // LOG_DEBUG
        Assert.False(string.IsNullOrEmpty(facility));
        Assert.False(string.IsNullOrEmpty(message));
        string json = await statistics.Task.WaitAsync(s_wait);
        Assert.Contains($"\"name\": \"{producer.Name}\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void HandlerException_IsCountedAndGivenToOnHandlerException()
    {
        const string Topic = "native-handler-exception";
        kafka.Cluster.CreateTopic(Topic, 1);
        var exceptions = new List<Exception>();
        using var producer = new NativeKafkaProducer(Config(), new NativeProducerCallbacks { OnHandlerException = exceptions.Add });

        Assert.Equal(ErrorCode.NoError, producer.Produce(producer.Topic(Topic), [], [1], handler: new ThrowingHandler()));
        Assert.Equal(0, producer.Flush(s_wait));

        Assert.Equal(1, producer.HandlerExceptions);
        Assert.Equal("from the handler", Assert.Single(exceptions).Message);
        Assert.Equal(1, producer.Delivered);
    }

    [Fact]
    public void TopicOfAnotherProducer_IsRefused()
    {
        using var first = new NativeKafkaProducer(Config());
        using var second = new NativeKafkaProducer(Config());
        NativeKafkaTopic topic = first.Topic("native-foreign");

        Assert.Same(topic, first.Topic("native-foreign"));
        var ex = Assert.Throws<ArgumentException>(() => second.Produce(topic, [], []));
        Assert.Contains(first.Name, ex.Message, StringComparison.Ordinal);
    }

    private ProducerConfig Config(params (string Name, string Value)[] overrides)
    {
        ProducerConfig config = KafkaProducerConnection.BuildConfig(new TypedProducerOptions(), kafka.BootstrapServers);
        foreach ((string name, string value) in overrides)
        {
            config.Set(name, value);
        }

        return config;
    }

    // TypedKafkaReader, not a bare read_committed consumer: the mock serves aborted records to read_committed consumers,
    // and the reader hides them as a real broker would (AbortedTransactionScan). Values not in the wire format stay raw.
    private List<string> ReadCommitted(string topic)
    {
        using var reader = new TypedKafkaReader(kafka.BootstrapServers, new InMemorySchemaRegistryClient());
        return reader.ReadAll(topic).Select(r => Encoding.UTF8.GetString(r.RawValue!)).ToList();
    }

    private sealed class ThrowingHandler : INativeDeliveryHandler
    {
        public void OnDelivery(long state, in NativeDeliveryReport report) => throw new InvalidOperationException("from the handler");
    }
}
