using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry;

namespace TypedProducer.Testing.Tests;

public sealed class TypedKafkaReaderTests : IDisposable
{
    private readonly KafkaTestCluster _kafka = new(brokerCount: 1);

    private async Task<KafkaProducerConnection> ConnectAsync()
    {
        var options = new TypedProducerOptions { SubjectNameStrategy = SubjectNameStrategy.TopicRecordName };
        _kafka.Configure(options);
        var connection = new KafkaProducerConnection(Options.Create(options), _kafka.SchemaRegistry);
        await connection.RegisterSchemasAsync([ParcelScannedKafkaContract.Instance, ParcelDeliveredKafkaContract.Instance]);
        return connection;
    }

    [Fact]
    public async Task ReadAll_DecodesEveryRecordByItsSchemaId()
    {
        _kafka.CreateTopic<ParcelScanned>(2);
        using (KafkaProducerConnection connection = await ConnectAsync())
        {
            var at = new DateTimeOffset(2024, 3, 5, 10, 0, 0, 123, TimeSpan.Zero);
            await new ParcelScannedProducer(connection).ProduceAsync(new ParcelScanned("p-1", ScanKind.Van, at, 2.125m, "fragile"), new Headers { { "trace", Encoding.UTF8.GetBytes("t-1") } });
            await new ParcelDeliveredProducer(connection).ProduceAsync(new ParcelDelivered("p-1", at.AddHours(1)));
        }

        using TypedKafkaReader reader = _kafka.CreateReader();
        IReadOnlyList<KafkaRecord> records = reader.ReadAll("parcels");

        Assert.Equal(2, records.Count);
        KafkaRecord scanned = records[0];
        Assert.Equal("p-1", scanned.KeyText);
        Assert.Equal("logistics.ParcelScanned", scanned.SchemaName);
        Assert.Equal(SchemaType.Avro, scanned.SchemaType);
        Assert.Equal("Van", scanned.Fields["Kind"]);
        Assert.Equal(2.125m, scanned.Fields["WeightKg"]);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 10, 0, 0, 123, TimeSpan.Zero), scanned.Fields["At"]);
        Assert.Equal("fragile", scanned.Fields["Note"]);
        Assert.Equal("t-1", Encoding.UTF8.GetString(scanned.Headers.GetLastBytes("trace")));
        Assert.Equal("logistics.ParcelDelivered", records[1].SchemaName);
        Assert.Equal(records[0].Partition, records[1].Partition);
        Assert.Equal(records[0].Offset + 1, records[1].Offset);
    }

    [Fact]
    public async Task ReadAllOfT_KeepsOnlyTheContractsRecordsAndDecodesThemWithTheGeneratedDeserializer()
    {
        _kafka.CreateTopic<ParcelScanned>(3);
        using (KafkaProducerConnection connection = await ConnectAsync())
        {
            for (int i = 0; i < 5; i++)
            {
                await new ParcelScannedProducer(connection).ProduceAsync(new ParcelScanned("p-" + i, ScanKind.Pickup, DateTimeOffset.UnixEpoch, i, null));
                await new ParcelDeliveredProducer(connection).ProduceAsync(new ParcelDelivered("p-" + i, DateTimeOffset.UnixEpoch));
            }
        }

        using TypedKafkaReader reader = _kafka.CreateReader();
        IReadOnlyList<KafkaRecord<ParcelDelivered>> delivered = reader.ReadAll(f => new ParcelDelivered((string)f["ParcelId"]!, (DateTimeOffset)f["At"]!));
        IReadOnlyList<KafkaRecord<ParcelScanned>> scanned = reader.ReadAll<ParcelScanned>();

        Assert.Equal(5, delivered.Count);
        Assert.Equal(["p-0", "p-1", "p-2", "p-3", "p-4"], delivered.Select(r => r.Message.ParcelId).Order());
        Assert.Equal(5, scanned.Count);
        Assert.True(scanned[0].HasMessage);
        Assert.Equal(["p-0", "p-1", "p-2", "p-3", "p-4"], scanned.Select(r => r.Message.ParcelId).Order());
        Assert.All(scanned, r => Assert.Equal(r.KeyText, r.Message.ParcelId));
        Assert.Equal([0m, 1m, 2m, 3m, 4m], scanned.Select(r => r.Message.WeightKg).Order());
    }

    [Fact]
    public void ReadAll_UnknownTopic_ThrowsKafkaExceptionNamingIt()
    {
        using TypedKafkaReader reader = _kafka.CreateReader();
        var ex = Assert.Throws<KafkaException>(() => reader.ReadAll("never-created"));
        Assert.Contains("never-created", ex.Message);
    }

    [Fact]
    public async Task ReadAll_ValueWithoutConfluentHeader_IsKeptRawWithoutSchema()
    {
        _kafka.CreateTopic("raw", 1);
        using (IProducer<byte[]?, byte[]> producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build())
        {
            await producer.ProduceAsync("raw", new Message<byte[]?, byte[]> { Key = null, Value = [7, 7, 7] });
        }

        using TypedKafkaReader reader = _kafka.CreateReader();
        KafkaRecord record = Assert.Single(reader.ReadAll("raw"));
        Assert.Equal(-1, record.SchemaId);
        Assert.Null(record.Value);
        Assert.Empty(record.Fields);
        Assert.Equal([7, 7, 7], record.RawValue);
        Assert.Null(record.KeyText);
    }

    [Fact]
    public async Task ReadAll_LogWithTransactionMarkers_ReturnsCommittedRecordsOnlyWithoutWaitingForAMarker()
    {
        // Offsets: 0 plain, 1-3 aborted, 4 ABORT marker, 5-7 committed, 8 COMMIT marker (the last offset is a marker).
        _kafka.CreateTopic("txn", 1);
        await ProducePlainAsync("txn", "plain-0");
        using (IProducer<byte[]?, byte[]> producer = TransactionalProducer())
        {
            producer.BeginTransaction();
            await ProduceAsync(producer, "txn", "aborted-1", "aborted-2", "aborted-3");
            producer.AbortTransaction(TimeSpan.FromSeconds(30));
            producer.BeginTransaction();
            await ProduceAsync(producer, "txn", "committed-5", "committed-6", "committed-7");
            producer.CommitTransaction(TimeSpan.FromSeconds(30));
        }

        using TypedKafkaReader committed = _kafka.CreateReader();
        using TypedKafkaReader uncommitted = _kafka.CreateReader(IsolationLevel.ReadUncommitted);
        // Short enough that waiting for the marker at offset 8 (the old behaviour) fails the test quickly.
        committed.RecordTimeout = uncommitted.RecordTimeout = TimeSpan.FromSeconds(5);
        IReadOnlyList<KafkaRecord> read = committed.ReadAll("txn");
        IReadOnlyList<KafkaRecord> all = uncommitted.ReadAll("txn");

        Assert.Equal(IsolationLevel.ReadCommitted, committed.IsolationLevel);
        Assert.Equal([(0L, "plain-0"), (5L, "committed-5"), (6L, "committed-6"), (7L, "committed-7")], read.Select(r => (r.Offset, Encoding.UTF8.GetString(r.RawValue!))));
        Assert.Equal([0L, 1, 2, 3, 5, 6, 7], all.Select(r => r.Offset));
    }

    [Fact]
    public async Task ReadAll_TransactionStillOpen_EndsWhereItStartsUnlessReadUncommitted()
    {
        _kafka.CreateTopic("open", 1);
        using IProducer<byte[]?, byte[]> producer = TransactionalProducer();
        producer.BeginTransaction();
        await ProduceAsync(producer, "open", "committed-0");
        producer.CommitTransaction(TimeSpan.FromSeconds(30));
        producer.BeginTransaction();
        await ProduceAsync(producer, "open", "open-2", "open-3");
        await ProducePlainAsync("open", "plain-4");

        using TypedKafkaReader committed = _kafka.CreateReader();
        using TypedKafkaReader uncommitted = _kafka.CreateReader(IsolationLevel.ReadUncommitted);
        committed.RecordTimeout = uncommitted.RecordTimeout = TimeSpan.FromSeconds(5);

        // As a real broker's last stable offset: the open transaction's records and everything after them wait for it.
        Assert.Equal([0L], committed.ReadAll("open").Select(r => r.Offset));
        Assert.Equal([0L, 2, 3, 4], uncommitted.ReadAll("open").Select(r => r.Offset));
        producer.AbortTransaction(TimeSpan.FromSeconds(30));
        Assert.Equal([0L, 4], committed.ReadAll("open").Select(r => r.Offset));
    }

    private IProducer<byte[]?, byte[]> TransactionalProducer()
    {
        IProducer<byte[]?, byte[]> producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers, TransactionalId = "reader-tests-" + Guid.NewGuid().ToString("N") }).Build();
        producer.InitTransactions(TimeSpan.FromSeconds(30));
        return producer;
    }

    private async Task ProducePlainAsync(string topic, string value)
    {
        using IProducer<byte[]?, byte[]> producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        await ProduceAsync(producer, topic, value);
    }

    // Awaits each delivery report, so that an abort finds the records in the log (an abort purges what is not sent yet).
    private static async Task ProduceAsync(IProducer<byte[]?, byte[]> producer, string topic, params string[] values)
    {
        foreach (string value in values)
        {
            await producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Value = Encoding.UTF8.GetBytes(value) });
        }
    }

    public void Dispose() => _kafka.Dispose();
}
