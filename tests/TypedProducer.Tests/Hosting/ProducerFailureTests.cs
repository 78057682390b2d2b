using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TypedProducer.Partitioning;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Hosting;

/// <summary>What the runtime does with input it cannot send and brokers it cannot reach: an exception or a failed report, never silent loss.</summary>
public sealed class ProducerFailureTests(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    internal static KafkaProducerConnection Unreachable(TimeSpan flushTimeout, int messageTimeoutMs = 60_000)
    {
        // Port 1 on loopback: connections are refused, so nothing is ever delivered.
        var options = new TypedProducerOptions { BootstrapServers = "127.0.0.1:1", FlushTimeout = flushTimeout };
        options.Producer["message.timeout.ms"] = messageTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Producer["log_level"] = "0";
        return new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
    }

    [Fact]
    public async Task NullMessage_ThrowsArgumentNullNamingTypeAndTopic()
    {
        var registry = new InMemorySchemaRegistryClient();
        using KafkaProducerConnection connection = await kafka.ConnectAsync(registry, HeartbeatKafkaContract.Instance);
        var ex = await Assert.ThrowsAsync<ArgumentNullException>(() => new HeartbeatProducer(connection).ProduceAsync(null!));
        Assert.Contains("Heartbeat", ex.Message);
        Assert.Contains("'unkeyed'", ex.Message);
    }

    [Fact]
    public async Task UnpairedSurrogateInField_ThrowsSerializationExceptionNamingMember()
    {
        var registry = new InMemorySchemaRegistryClient();
        using KafkaProducerConnection connection = await kafka.ConnectAsync(registry, HeartbeatKafkaContract.Instance);
        var ex = await Assert.ThrowsAsync<MessageSerializationException>(() => new HeartbeatProducer(connection).ProduceAsync(new Heartbeat("bad\uD800", DateTimeOffset.UtcNow)));
        Assert.Equal("Heartbeat.Source", ex.MemberPath);
        Assert.Contains("unpaired surrogate U+D800 at index 3", ex.Message);
    }

    [Fact]
    public void UnpairedSurrogateInKey_ThrowsSerializationExceptionNamingKeyMember()
    {
        var ex = Assert.Throws<MessageSerializationException>(() => EveryTypeKafkaContract.Instance.SerializeKey(new EveryType { Id = "\uDFFF" }));
        Assert.Equal("EveryType.Id", ex.MemberPath);
    }

    [Fact]
    public void DecimalBeyondScale_ThrowsSerializationExceptionNamingMemberAndValue()
    {
        var order = new OrderPlaced(Guid.NewGuid(), "c", 1.005m, DateTimeOffset.UtcNow);
        var ex = Assert.Throws<MessageSerializationException>(() => OrderPlacedKafkaContract.Instance.SerializeValue(order, 1));
        Assert.Equal("OrderPlaced.Total", ex.MemberPath);
        Assert.Contains("1.005", ex.Message);
    }

    [Fact]
    public void DateTimeOfUnspecifiedKind_ThrowsSerializationExceptionNamingMember()
    {
        var message = new EveryType { TimestampMicros = new DateTime(2024, 3, 5) };
        var ex = Assert.Throws<MessageSerializationException>(() => EveryTypeKafkaContract.Instance.SerializeValue(message, 1));
        Assert.Equal("EveryType.TimestampMicros", ex.MemberPath);
        Assert.Contains("Unspecified", ex.Message);
        Assert.Contains("2024-03-05T00:00:00", ex.Message);
    }

    [Fact]
    public void NullNonNullableNestedRecord_ThrowsSerializationExceptionNamingMember()
    {
        var message = new EveryType { Home = null! };
        var ex = Assert.Throws<MessageSerializationException>(() => EveryTypeKafkaContract.Instance.SerializeValue(message, 1));
        Assert.Equal("EveryType.Home", ex.MemberPath);
    }

    [Fact]
    public void CyclicObjectGraph_ThrowsSerializationExceptionInsteadOfOverflowingTheStack()
    {
        var node = new TreeNode { Id = 1, Label = "loop" };
        node.Children.Add(node);
        var ex = Assert.Throws<MessageSerializationException>(() => TreeNodeKafkaContract.Instance.SerializeValue(node, 1));
        Assert.Equal("TreeNode", ex.MemberPath);
        Assert.Contains("cyclic", ex.Message);
    }

    [Fact]
    public void UndeclaredEnumValue_ThrowsSerializationExceptionNamingMember()
    {
        var message = new EveryType { Color = (Color)42 };
        var ex = Assert.Throws<MessageSerializationException>(() => EveryTypeKafkaContract.Instance.SerializeValue(message, 1));
        Assert.Equal("EveryType.Color", ex.MemberPath);
        Assert.Contains("42", ex.Message);
    }

    [Fact]
    public async Task UnregisteredSchema_ThrowsExplainingStartUp()
    {
        using KafkaProducerConnection connection = await kafka.ConnectAsync(new InMemorySchemaRegistryClient());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new HeartbeatProducer(connection).ProduceAsync(new Heartbeat("a", DateTimeOffset.UtcNow)));
        Assert.Contains("not registered", ex.Message);
        Assert.Contains(nameof(KafkaProducerConnection.RegisterSchemasAsync), ex.Message);
    }

    [Fact]
    public async Task NoBrokerReachable_DeliveryTimesOutWithTopicAndKeyInError()
    {
        using KafkaProducerConnection connection = Unreachable(TimeSpan.FromSeconds(5), messageTimeoutMs: 1500);
        await connection.RegisterSchemasAsync([EveryTypeKafkaContract.Instance]);
        var ex = await Assert.ThrowsAsync<TypedProduceException<EveryType>>(() => new EveryTypeProducer(connection).ProduceAsync(new EveryType { Id = "ride-17" }));
        Assert.Equal(ErrorCode.Local_MsgTimedOut, ex.Error.Code);
        Assert.Contains("topic 'every.type'", ex.Message);
        Assert.Contains("key 'ride-17'", ex.Message);
        Assert.Equal("ride-17", ex.DeliveryReport.Key);
    }

    [Fact]
    public async Task ShutdownWithUndeliveredMessages_FailsEachCallerAndReportsEachMessage()
    {
        KafkaProducerConnection connection = Unreachable(TimeSpan.FromMilliseconds(500));
        await connection.RegisterSchemasAsync([EveryTypeKafkaContract.Instance]);
        var producer = new EveryTypeProducer(connection);
        Task<TypedDeliveryResult<EveryType>> pending = producer.ProduceAsync(new EveryType { Id = "k-async" });
        TypedDeliveryReport<EveryType>? handlerReport = null;
        producer.Produce(new EveryType { Id = "k-handler" }, r => handlerReport = r);

        ProducerShutdownReport report = connection.Shutdown();
        connection.Dispose();

        Assert.False(report.IsComplete);
        // librdkafka's outstanding count (rd_kafka_outq_len) also counts internal requests, so it is at least the two messages.
        Assert.True(report.OutstandingAfterWait >= 2, $"OutstandingAfterWait = {report.OutstandingAfterWait}");
        Assert.Equal(["k-async", "k-handler"], report.Undelivered.Select(u => u.Key).Order());
        Assert.All(report.Undelivered, u => Assert.Equal("every.type", u.Topic));
        var ex = await Assert.ThrowsAsync<TypedProduceException<EveryType>>(() => pending);
        Assert.Contains("key 'k-async'", ex.Message);
        Assert.Contains("shutdown flush timeout of 500 ms", ex.Message);
        Assert.NotNull(handlerReport);
        Assert.False(handlerReport!.IsSuccess);
        // No broker was reachable, so librdkafka never sent them: the shutdown's purge reports them as never sent.
        Assert.Equal(ErrorCode.Local_PurgeQueue, ex.Error.Code);
        Assert.Equal(ErrorCode.Local_PurgeQueue, handlerReport.Error.Code);
        Assert.Equal(PersistenceStatus.NotPersisted, handlerReport.Status);
        Assert.All(report.Undelivered, u => Assert.Equal(PersistenceStatus.NotPersisted, u.Status));
    }

    [Fact]
    public async Task ProduceAfterDispose_ThrowsProducerClosedNamingTypeAndTopic()
    {
        KafkaProducerConnection connection = await kafka.ConnectAsync(new InMemorySchemaRegistryClient(), HeartbeatKafkaContract.Instance);
        var producer = new HeartbeatProducer(connection);
        connection.Dispose();
        var ex = Assert.Throws<ProducerClosedException>(() => { _ = producer.ProduceAsync(new Heartbeat("a", DateTimeOffset.UtcNow)); });
        Assert.Throws<ProducerClosedException>(() => producer.Produce(new Heartbeat("a", DateTimeOffset.UtcNow)));
        Assert.Equal("unkeyed", ex.Topic);
        Assert.Contains("A Heartbeat to topic 'unkeyed' was refused", ex.Message);
        Assert.Contains("shut down", ex.Message);
    }

    [Theory]
    [InlineData("text", "EveryJsonType.text", "U+D800 at index 2")]
    [InlineData("home", "EveryJsonType.home.street", "U+DC00 at index 0")]
    [InlineData("tags", "EveryJsonType.tags[1]", "U+D83D at index 4")]
    [InlineData("counters", "EveryJsonType.counters[key]", "U+DFFF")]
    public void JsonStringWithUnpairedSurrogate_ThrowsSerializationExceptionNamingTheMember(string where, string memberPath, string problem)
    {
        using var extra = System.Text.Json.JsonDocument.Parse("{}");
        var message = new EveryJsonType { Id = "k", Text = "ok \uD83D\uDE00 paired", Extra = extra.RootElement.Clone() };
        switch (where)
        {
            case "text": message.Text = "ab\uD800cd"; break;
            case "home": message.Home = new JsonAddress("\uDC00x", 1); break;
            case "tags": message.Tags = ["fine", "tail\uD83D"]; break;
            default: message.Counters = new() { ["bad\uDFFF"] = 1 }; break;
        }

        var ex = Assert.Throws<MessageSerializationException>(() => EveryJsonTypeKafkaContract.Instance.SerializeValue(message, 1));

        Assert.Equal(memberPath, ex.MemberPath);
        Assert.Contains("unpaired UTF-16 surrogate " + problem, ex.Message);
    }

    [Fact]
    public void JsonStringWithPairedSurrogates_IsWrittenUnchanged()
    {
        using var extra = System.Text.Json.JsonDocument.Parse("{}");
        var message = new EveryJsonType { Id = "k", Text = "emoji \uD83D\uDE00 and \u00e9", Extra = extra.RootElement.Clone() };
        byte[] bytes = EveryJsonTypeKafkaContract.Instance.SerializeValue(message, 1);
        using var document = System.Text.Json.JsonDocument.Parse(bytes.AsMemory(5));
        Assert.Equal("emoji \uD83D\uDE00 and \u00e9", document.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ValueLargerThanMessageMaxBytes_ThrowsMessageTooLargeExceptionNamingSizeAndLimit()
    {
        var options = new TypedProducerOptions { BootstrapServers = kafka.BootstrapServers };
        options.Producer["message.max.bytes"] = "10000";
        using var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync([EveryTypeKafkaContract.Instance]);
        var producer = new EveryTypeProducer(connection);
        var large = new EveryType { Id = "big-1", Bytes = new byte[20_000] };

        var ex = await Assert.ThrowsAsync<MessageTooLargeException>(() => producer.ProduceAsync(large));
        var handlerEx = Assert.Throws<MessageTooLargeException>(() => producer.Produce(large, _ => Assert.Fail("no report follows a refused message")));

        Assert.Equal(ErrorCode.MsgSizeTooLarge, ex.Error.Code);
        Assert.Equal(10_000, ex.LimitBytes);
        Assert.True(ex.SizeBytes > 20_000, ex.Message);
        Assert.Contains($"is {ex.SizeBytes} bytes", ex.Message);
        Assert.Contains("message.max.bytes = 10000", ex.Message);
        Assert.Contains("EveryType to topic 'every.type'", ex.Message);
        Assert.Equal(ex.Message, handlerEx.Message);
        Assert.Equal(0, connection.InFlight.Count);
    }

    [Fact]
    public async Task ValueWithinMessageMaxBytes_IsDelivered()
    {
        var options = new TypedProducerOptions { BootstrapServers = kafka.BootstrapServers };
        options.Producer["message.max.bytes"] = "10000";
        using var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync([EveryTypeKafkaContract.Instance]);

        TypedDeliveryResult<EveryType> result = await new EveryTypeProducer(connection).ProduceAsync(new EveryType { Id = "small-1", Bytes = new byte[5_000] });

        Assert.Equal(PersistenceStatus.Persisted, result.Status);
    }

    [Theory]
    [InlineData("bad topic!", "' ' at index 3")]
    [InlineData("orders/eu", "'/' at index 6")]
    [InlineData("..", "'.' and '..' are reserved")]
    [InlineData("rides\u00e9", "'\u00e9' at index 5")]
    public async Task IllegalTopic_RegisterSchemas_ThrowsArgumentExceptionNamingTopicAndProblem(string topic, string problem)
    {
        topic = System.Text.RegularExpressions.Regex.Unescape(topic);
        problem = System.Text.RegularExpressions.Regex.Unescape(problem);
        var registry = new InMemorySchemaRegistryClient();
        using KafkaProducerConnection connection = await kafka.ConnectAsync(registry);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => connection.RegisterSchemasAsync([new RawTopicContract(topic)]));

        Assert.Contains($"'{topic}'", ex.Message);
        Assert.Contains(problem, ex.Message);
        Assert.Contains("contract Heartbeat", ex.Message);
        Assert.Empty(registry.GetSubjects());
    }

    [Fact]
    public void TopicLongerThan249Characters_IsIllegal()
    {
        var ex = Assert.Throws<ArgumentException>(() => KafkaTopicName.Validate(new string('t', 250)));
        Assert.Contains("250 characters long, the maximum is 249", ex.Message);
        Assert.Null(KafkaTopicName.GetProblem(new string('t', 249)));
        Assert.Null(KafkaTopicName.GetProblem("orders.v1_eu-west"));
    }

    [Fact]
    public async Task IllegalTopic_HostStart_FailsNamingTheTopic()
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddTypedProducerRuntime(o => o.BootstrapServers = kafka.BootstrapServers);
        builder.Services.AddSingleton<MessageContract>(new RawTopicContract("bad topic!"));
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync());

        Assert.Contains("'bad topic!'", ex.Message);
    }

    [Fact]
    public async Task IllegalTopic_InATransaction_ProduceAsyncThrowsArgumentException()
    {
        using KafkaProducerConnection connection = await kafka.ConnectAsync(new InMemorySchemaRegistryClient());
        using var producer = new TypedTransactionalProducer(connection, "illegal-topic-tx");
        await using KafkaTransaction transaction = await producer.BeginAsync();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => transaction.ProduceAsync(new RawTopicContract("bad topic!"), new Heartbeat("a", DateTimeOffset.UnixEpoch)));

        Assert.Contains("'bad topic!'", ex.Message);
        Assert.Equal(0, transaction.MessageCount);
    }

    // The library's HTTP client at a closed port: TypedProducer.SchemaRegistry.Tests (UnreachableRegistry_StopsStartNamingTheUrl).
    // Here, an application's own client that fails with its own exception.
    [Fact]
    public async Task SchemaRegistryClientFailingAtStartUp_HostStartFailsNamingSubjectAndCause()
    {
        var failure = new HttpRequestException("Connection refused (registry.internal:8081)", new System.Net.Sockets.SocketException(111));
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(ThrowingSchemaRegistry.Create(failure));
        builder.Services.AddTypedProducers(o => o.BootstrapServers = kafka.BootstrapServers);
        using IHost host = builder.Build();

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => host.StartAsync());

        // The first contract to register fails; its subject (TopicName strategy: "{topic}-value") and type are named.
        Assert.NotNull(ex.Subject);
        Assert.EndsWith("-value", ex.Subject);
        Assert.Contains($"subject '{ex.Subject}'", ex.Message);
        Assert.Contains($"(topic '{ex.Subject![..^"-value".Length]}'", ex.Message);
        Assert.Contains("HttpRequestException: Connection refused (registry.internal:8081)", ex.Message);
        Assert.Same(failure, ex.InnerException);
        Assert.Equal(SchemaRegistryErrorCodes.NoResponse, ex.ErrorCode);
    }

    [Fact]
    public async Task SchemaRegistryRefusal_KeepsTheRegistryErrorCodeAndNamesTheSubject()
    {
        var refusal = new SchemaRegistryException(SchemaRegistryErrorCodes.IncompatibleSchema, "Schema being registered is incompatible with an earlier schema.");
        using var refusing = new KafkaProducerConnection(Options.Create(new TypedProducerOptions { BootstrapServers = kafka.BootstrapServers }), ThrowingSchemaRegistry.Create(refusal));

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => refusing.RegisterSchemasAsync([HeartbeatKafkaContract.Instance]));

        Assert.Equal(SchemaRegistryErrorCodes.IncompatibleSchema, ex.ErrorCode);
        Assert.Contains("subject 'unkeyed-value'", ex.Message);
        Assert.Contains("incompatible", ex.Message);
        Assert.Same(refusal, ex.InnerException);
    }

    [Fact]
    public async Task CancelledToken_CancelsTheWaitNotTheProducer()
    {
        using KafkaProducerConnection connection = await kafka.ConnectAsync(new InMemorySchemaRegistryClient(), HeartbeatKafkaContract.Instance);
        var producer = new HeartbeatProducer(connection);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => producer.ProduceAsync(new Heartbeat("a", DateTimeOffset.UtcNow), cancellationToken: new CancellationToken(canceled: true)));
        Assert.Equal(PersistenceStatus.Persisted, (await producer.ProduceAsync(new Heartbeat("b", DateTimeOffset.UtcNow))).Status);
    }

    // The runtime configures librdkafka's murmur2_random partitioner; it must agree with the Java formula on a live cluster.
    [Theory]
    [InlineData(7)]
    [InlineData(17)]
    public async Task LibrdkafkaPartitioner_OnMockCluster_MatchesJavaCompatiblePartitioner(int partitions)
    {
        string topic = "partition-check-" + partitions;
        kafka.Cluster.CreateTopic(topic, partitions);
        var options = new TypedProducerOptions { BootstrapServers = kafka.BootstrapServers };
        using IProducer<byte[]?, byte[]> producer = new ProducerBuilder<byte[]?, byte[]>(KafkaProducerConnection.BuildConfig(options, kafka.BootstrapServers)).Build();
        string[] keys = ["", "23456", "this is another string with more length to it perhaps", "hejsan", "kafka", "ride-20240305-000001", "é€😀"];
        foreach (string key in keys)
        {
            byte[] keyBytes = Encoding.UTF8.GetBytes(key);
            DeliveryResult<byte[]?, byte[]> result = await producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Key = keyBytes, Value = [1] });
            Assert.Equal(JavaCompatiblePartitioner.Partition(keyBytes, partitions), result.Partition.Value);
        }
    }
}
