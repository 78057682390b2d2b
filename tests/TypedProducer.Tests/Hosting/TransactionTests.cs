using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TypedProducer.Embedded;
using TypedProducer.SchemaRegistry;
using TypedProducer.Testing;
using TypedProducer.Tests.Contracts;

namespace TypedProducer.Tests.Hosting;

/// <summary>
/// The typed transactional API on the mock cluster: committed records are in the log where their delivery reports say,
/// coordinator errors are retried, failed and aborted transactions are reported. The mock (librdkafka 2.16.0) writes
/// COMMIT and ABORT markers but serves aborted records to read_committed consumers too; <see cref="TypedKafkaReader"/>
/// hides them as a real broker does, and a read_uncommitted reader still sees them.
/// </summary>
public sealed class TransactionTests : IDisposable
{
    private const string TransactionalId = "orders-service-1";
    private readonly KafkaTestCluster _kafka = new(brokerCount: 3);

    public TransactionTests()
    {
        _kafka.CreateTopic<OrderPlaced>(6);
        _kafka.CreateTopic<Heartbeat>(2);
        _kafka.CreateTopic<CounterIncremented>(3);
    }

    private IHost BuildHost(string? transactionalId = TransactionalId, Action<IServiceCollection>? services = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddTypedProducers(o =>
        {
            o.SubjectNameStrategy = SubjectNameStrategy.TopicRecordName;
            o.Producer["linger.ms"] = "1";
            o.Transactions.TransactionalId = transactionalId;
            o.Transactions.OperationTimeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.UseKafkaTestCluster(_kafka);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    private static OrderPlaced Order(int i) => new(Guid.NewGuid(), "customer-" + i, 10m + i, DateTimeOffset.UnixEpoch.AddDays(i));

    [Fact]
    public async Task CommitAsync_SeveralContractTypes_EveryRecordIsInTheLogWhereItsReportSays()
    {
        using IHost host = BuildHost();
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITypedTransactionalProducer>();

        var results = new List<(string Topic, int Partition, long Offset)>();
        await using (KafkaTransaction transaction = await producer.BeginAsync())
        {
            TypedDeliveryResult<OrderPlaced> order = await transaction.ProduceAsync(Order(1));
            TypedDeliveryResult<Heartbeat> heartbeat = await transaction.ProduceAsync(new Heartbeat("checkout", DateTimeOffset.UnixEpoch));
            TypedDeliveryResult<CounterIncremented> counter = await transaction.ProduceAsync(new CounterIncremented(42, 1));
            await transaction.CommitAsync();

            Assert.Equal(KafkaTransactionState.Committed, transaction.State);
            Assert.Equal(3, transaction.MessageCount);
            results.Add((order.Topic, order.Partition, order.Offset));
            results.Add((heartbeat.Topic, heartbeat.Partition, heartbeat.Offset));
            results.Add((counter.Topic, counter.Partition, counter.Offset));
        }

        await host.StopAsync();
        using TypedKafkaReader reader = _kafka.CreateReader();
        KafkaRecord order1 = Assert.Single(reader.ReadAll("orders"));
        KafkaRecord heartbeat1 = Assert.Single(reader.ReadAll("unkeyed"));
        KafkaRecord counter1 = Assert.Single(reader.ReadAll("counters"));
        Assert.Equal(results, [(order1.Topic, order1.Partition, order1.Offset), (heartbeat1.Topic, heartbeat1.Partition, heartbeat1.Offset), (counter1.Topic, counter1.Partition, counter1.Offset)]);
        Assert.Equal("customer-1", order1.Fields["CustomerId"]);
        Assert.Equal(42L, counter1.Fields["CounterId"]);
    }

    [Fact]
    public async Task CommitAsync_UnderCoordinatorErrors_RetriesThemAndCommits()
    {
        _kafka.SetTransactionCoordinator(TransactionalId, 2);
        // Served by the coordinator in order: initialisation, adding partitions, ending the transaction.
        _kafka.FailNextRequest(2, KafkaApiKey.InitProducerId, ErrorCode.NotCoordinatorForGroup);
        _kafka.FailNextRequest(2, KafkaApiKey.InitProducerId, ErrorCode.GroupCoordinatorNotAvailable);
        _kafka.FailNextRequest(2, KafkaApiKey.InitProducerId, ErrorCode.ConcurrentTransactions);
        _kafka.FailNextRequest(2, KafkaApiKey.AddPartitionsToTxn, ErrorCode.ConcurrentTransactions);
        _kafka.FailNextRequest(2, KafkaApiKey.AddPartitionsToTxn, ErrorCode.NotCoordinatorForGroup);
        _kafka.FailNextRequest(2, KafkaApiKey.EndTxn, ErrorCode.NotCoordinatorForGroup);
        _kafka.FailNextRequest(2, KafkaApiKey.EndTxn, ErrorCode.GroupCoordinatorNotAvailable);
        _kafka.FailNextRequest(2, KafkaApiKey.EndTxn, ErrorCode.ConcurrentTransactions);
        _kafka.FailNextRequests(KafkaApiKey.FindCoordinator, ErrorCode.GroupCoordinatorNotAvailable);
        using IHost host = BuildHost();
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITypedTransactionalProducer>();

        await using (KafkaTransaction transaction = await producer.BeginAsync())
        {
            for (int i = 0; i < 20; i++)
            {
                transaction.Produce(Order(i));
                transaction.Produce(new CounterIncremented(i, i));
            }

            await transaction.CommitAsync();
            Assert.Equal(KafkaTransactionState.Committed, transaction.State);
        }

        Assert.Equal(0, _kafka.Cluster.GetBrokerRequestErrorCount(2, KafkaApiKey.InitProducerId));
        Assert.Equal(0, _kafka.Cluster.GetBrokerRequestErrorCount(2, KafkaApiKey.AddPartitionsToTxn));
        Assert.Equal(0, _kafka.Cluster.GetBrokerRequestErrorCount(2, KafkaApiKey.EndTxn));
        await host.StopAsync();
        using TypedKafkaReader reader = _kafka.CreateReader();
        Assert.Equal(20, reader.ReadAll<OrderPlaced>().Count);
        Assert.Equal(20, reader.ReadAll<CounterIncremented>().Count);
    }

    [Fact]
    public async Task AbortAsync_DeliveredAndQueuedMessages_AreEachReportedOnceAndTheTransactionIsAborted()
    {
        using IHost host = BuildHost();
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITypedTransactionalProducer>();
        var reports = new List<TypedDeliveryReport<CounterIncremented>>();

        KafkaTransaction transaction = await producer.BeginAsync();
        TypedDeliveryResult<OrderPlaced> delivered = await transaction.ProduceAsync(Order(7));
        for (int i = 0; i < 100; i++)
        {
            transaction.Produce(new CounterIncremented(i, 1), r => { lock (reports) { reports.Add(r); } });
        }

        await transaction.AbortAsync();

        Assert.Equal(KafkaTransactionState.Aborted, transaction.State);
        Assert.Equal(100, reports.Count);
        Assert.Equal(100, reports.Select(r => r.Message.CounterId).Distinct().Count());
        Assert.All(reports.Where(r => !r.IsSuccess), r => Assert.Contains(r.Error.Code, new[] { ErrorCode.Local_PurgeQueue, ErrorCode.Local_PurgeInflight }));
        var ex = Assert.Throws<InvalidOperationException>(() => transaction.Produce(Order(8)));
        Assert.Contains("aborted", ex.Message);

        await host.StopAsync();
        // Hidden from read_committed readers; in the log (read_uncommitted) exactly where its delivery report said.
        using TypedKafkaReader committed = _kafka.CreateReader();
        Assert.Empty(committed.ReadAll("orders"));
        using TypedKafkaReader uncommitted = _kafka.CreateReader(IsolationLevel.ReadUncommitted);
        KafkaRecord visible = Assert.Single(uncommitted.ReadAll("orders"));
        Assert.Equal((delivered.Partition, delivered.Offset), (visible.Partition, visible.Offset));
    }

    [Fact]
    public async Task CommitAsync_WhenAMessageFails_AbortsAndThrowsTypedTransactionException()
    {
        using IHost host = BuildHost();
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITypedTransactionalProducer>();

        await using KafkaTransaction transaction = await producer.BeginAsync();
        // A permanent Produce error (the broker's own size limit): librdkafka does not retry it, the message fails, the
        // transaction must abort.
        _kafka.FailNextRequests(KafkaApiKey.Produce, ErrorCode.MsgSizeTooLarge);
        Task<TypedDeliveryResult<OrderPlaced>> failing = transaction.ProduceAsync(Order(1));
        var produceError = await Assert.ThrowsAsync<TypedProduceException<OrderPlaced>>(() => failing);
        var ex = await Assert.ThrowsAsync<TypedTransactionException>(() => transaction.CommitAsync());

        Assert.Equal(KafkaTransactionState.Aborted, ex.State);
        Assert.Equal(KafkaTransactionState.Aborted, transaction.State);
        Assert.Contains($"'{TransactionalId}'", ex.Message);
        Assert.Contains("commit", ex.Message);
        Assert.Equal(ErrorCode.MsgSizeTooLarge, produceError.Error.Code);

        // The producer stays usable: the next transaction commits.
        await using KafkaTransaction next = await producer.BeginAsync();
        await next.ProduceAsync(Order(2));
        await next.CommitAsync();
        Assert.Equal(KafkaTransactionState.Committed, next.State);
    }

    [Fact]
    public async Task BeginAsync_WhileATransactionIsOpen_WaitsUntilItEnds()
    {
        using IHost host = BuildHost();
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITypedTransactionalProducer>();

        KafkaTransaction first = await producer.BeginAsync();
        Task<KafkaTransaction> second = producer.BeginAsync();
        Assert.False(second.IsCompleted);
        await first.ProduceAsync(Order(1));
        await first.CommitAsync();

        await using KafkaTransaction next = await second;
        Assert.Equal(KafkaTransactionState.Active, next.State);
    }

    [Fact]
    public async Task DisposeAsync_OfAnActiveTransaction_AbortsIt()
    {
        using IHost host = BuildHost();
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITypedTransactionalProducer>();

        KafkaTransaction transaction = await producer.BeginAsync();
        await transaction.ProduceAsync(Order(1));
        await transaction.DisposeAsync();

        Assert.Equal(KafkaTransactionState.Aborted, transaction.State);
    }

    [Fact]
    public async Task FencedProducer_FailsTheTransaction_AndTheNextBeginStartsANewProducer()
    {
        // A newer producer with the same transactional id fences this one: the coordinator answers its EndTxn with
        // PRODUCER_FENCED (KIP-588), a fatal error. The mock does not fence by itself (a second InitProducerId for the
        // same transactional id gets a new producer id, and EndTxn's epoch is not checked), so the answer is injected.
        using IHost host = BuildHost();
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<ITypedTransactionalProducer>();
        KafkaTransaction fenced = await producer.BeginAsync();
        await fenced.ProduceAsync(Order(1));

        _kafka.FailNextRequests(KafkaApiKey.EndTxn, ErrorCode.ProducerFenced);
        var ex = await Assert.ThrowsAsync<TypedTransactionException>(() => fenced.CommitAsync());

        Assert.Equal(KafkaTransactionState.Failed, ex.State);
        Assert.Equal(KafkaTransactionState.Failed, fenced.State);
        Assert.True(ex.Error.IsFatal);
        Assert.Contains($"'{TransactionalId}'", ex.Message);
        await using KafkaTransaction again = await producer.BeginAsync();
        await again.ProduceAsync(Order(3));
        await again.CommitAsync();
        Assert.Equal(KafkaTransactionState.Committed, again.State);
    }

    [Fact]
    public async Task KeyedTransactionalProducers_OnePerTransactionalId()
    {
        using IHost host = BuildHost(transactionalId: null, services: s => s.AddTypedTransactionalProducer("a").AddTypedTransactionalProducer("b"));
        await host.StartAsync();

        var a = host.Services.GetRequiredKeyedService<ITypedTransactionalProducer>("a");
        Assert.Same(a, host.Services.GetRequiredKeyedService<ITypedTransactionalProducer>("a"));
        Assert.Equal("b", host.Services.GetRequiredKeyedService<ITypedTransactionalProducer>("b").TransactionalId);
        await using KafkaTransaction transaction = await a.BeginAsync();
        await transaction.ProduceAsync(new Heartbeat("a", DateTimeOffset.UnixEpoch));
        await transaction.CommitAsync();
    }

    [Fact]
    public void ResolveDefaultTransactionalProducer_WithoutTransactionalId_ThrowsNamingTheSetting()
    {
        using IHost host = BuildHost(transactionalId: null);

        var ex = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<ITypedTransactionalProducer>());
        Assert.Contains("Kafka:Transactions:TransactionalId", ex.Message);
    }

    public void Dispose() => _kafka.Dispose();
}
