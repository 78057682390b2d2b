using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TypedProducer.Embedded;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Observability;

/// <summary>A contract with a binary key: its key has no canonical text, so spans must not record it.</summary>
[KafkaMessage("obs.binary")]
public sealed partial record BinaryKeyed([property: MessageKey] byte[] Id, int N);

/// <summary>
/// Send, commit and abort spans through the real OpenTelemetry SDK (in-memory exporter), against the mock cluster: the
/// messaging semantic conventions for Kafka, and the W3C trace context a Confluent consumer reads back from the record.
/// </summary>
[Collection(nameof(ObservabilityCollection))]
public sealed class TracingTests : IClassFixture<KafkaClusterFixture>
{
    private const int Partitions = 3;
    private readonly KafkaClusterFixture _kafka;

    public TracingTests(KafkaClusterFixture kafka)
    {
        _kafka = kafka;
        foreach (string topic in new[] { "counters", "unkeyed", "obs.binary" })
        {
            try
            {
                kafka.Cluster.CreateTopic(topic, Partitions);
            }
            catch (KafkaException ex) when (ex.Error.Code == ErrorCode.TopicAlreadyExists)
            {
            }
        }
    }

    [Fact]
    public async Task ProduceAsync_UnderAParentSpan_RecordsOneSendSpanWithTheKafkaConventionAttributes()
    {
        using var capture = new TelemetryCapture(metrics: false);
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), CounterIncrementedKafkaContract.Instance);
        var producer = new CounterIncrementedProducer(connection);
        var message = new CounterIncremented(42, 1);
        int bodySize = CounterIncrementedKafkaContract.Instance.SerializeValue(message, connection.GetSchemaId(CounterIncrementedKafkaContract.Instance)).Length;

        TypedDeliveryResult<CounterIncremented> result;
        ActivityContext parent;
        using (Activity request = TelemetryCapture.Parent.StartActivity("handle request")!)
        {
            parent = request.Context;
            result = await producer.ProduceAsync(message);
            Assert.Same(request, Activity.Current); // the send span ends with the report: it never became the caller's current span
        }

        Activity span = Assert.Single(capture.Spans, s => s.Source.Name == TypedProducerTelemetry.ActivitySourceName);
        Assert.Equal("send counters", span.DisplayName);
        Assert.Equal(ActivityKind.Producer, span.Kind);
        Assert.Equal(parent.TraceId, span.TraceId);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal("kafka", span.GetTagItem("messaging.system"));
        Assert.Equal("counters", span.GetTagItem("messaging.destination.name"));
        Assert.Equal("send", span.GetTagItem("messaging.operation.name"));
        Assert.Equal("send", span.GetTagItem("messaging.operation.type"));
        Assert.Equal(result.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture), span.GetTagItem("messaging.destination.partition.id"));
        Assert.Equal(result.Offset, span.GetTagItem("messaging.kafka.offset"));
        Assert.Equal("42", span.GetTagItem("messaging.kafka.message.key"));
        Assert.Equal(bodySize, span.GetTagItem("messaging.message.body.size"));
        Assert.Equal(connection.ClientName, span.GetTagItem("messaging.client.id"));
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Produce_TheRecordCarriesTheSendSpanContext_AConfluentConsumerReadsBackTheSameContext()
    {
        using var capture = new TelemetryCapture(metrics: false);
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), HeartbeatKafkaContract.Instance);
        var producer = new HeartbeatProducer(connection);
        var callerHeaders = new Headers { { "app-header", "v1"u8.ToArray() } };
        var delivered = new TaskCompletionSource<TypedDeliveryReport<Heartbeat>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (TelemetryCapture.Parent.StartActivity("handle request"))
        {
            producer.Produce(new Heartbeat("context", DateTimeOffset.UnixEpoch), delivered.SetResult, callerHeaders);
        }

        TypedDeliveryReport<Heartbeat> report = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Activity span = Assert.Single(capture.Spans, s => s.DisplayName == "send unkeyed");
        ConsumeResult<byte[]?, byte[]> record = Assert.Single(_kafka.ReadAll("unkeyed", Partitions), r => r.Partition.Value == report.Partition && r.Offset.Value == report.Offset);

        ActivityContext read = ExtractContext(record.Message.Headers);
        Assert.Equal(span.TraceId, read.TraceId);
        Assert.Equal(span.SpanId, read.SpanId);
        Assert.True(read.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
        Assert.Equal("v1", Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("app-header")));
        Assert.Single(callerHeaders); // the caller's Headers instance is not changed: it may be passed with many messages
        Assert.Null(span.GetTagItem("messaging.kafka.message.key")); // Heartbeat has no key
    }

    [Fact]
    public async Task ProduceAsync_WithNoListener_InjectsNoHeaders()
    {
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), HeartbeatKafkaContract.Instance);
        TypedDeliveryResult<Heartbeat> result = await new HeartbeatProducer(connection).ProduceAsync(new Heartbeat("no listener", DateTimeOffset.UnixEpoch));

        ConsumeResult<byte[]?, byte[]> record = Assert.Single(_kafka.ReadAll("unkeyed", Partitions), r => r.Partition.Value == result.Partition && r.Offset.Value == result.Offset);
        Assert.True(record.Message.Headers is null || record.Message.Headers.Count == 0);
    }

    [Fact]
    public async Task ProduceAsync_WhenTheSamplerDropsTheSpan_InjectsNothing()
    {
        using var capture = new TelemetryCapture(metrics: false, sampler: new OpenTelemetry.Trace.AlwaysOffSampler());
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), HeartbeatKafkaContract.Instance);
        TypedDeliveryResult<Heartbeat> result = await new HeartbeatProducer(connection).ProduceAsync(new Heartbeat("sampled out", DateTimeOffset.UnixEpoch));

        Assert.Empty(capture.Spans);
        ConsumeResult<byte[]?, byte[]> record = Assert.Single(_kafka.ReadAll("unkeyed", Partitions), r => r.Partition.Value == result.Partition && r.Offset.Value == result.Offset);
        Assert.True(record.Message.Headers is null || record.Message.Headers.Count == 0);
    }

    [Fact]
    public async Task ProduceAsync_WithACreationContextInTheCallersHeaders_KeepsItAndLinksTheSpanToIt()
    {
        using var capture = new TelemetryCapture(metrics: false);
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), HeartbeatKafkaContract.Instance);
        const string Created = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var headers = new Headers { { "traceparent", Encoding.UTF8.GetBytes(Created) } };

        TypedDeliveryResult<Heartbeat> result = await new HeartbeatProducer(connection).ProduceAsync(new Heartbeat("created elsewhere", DateTimeOffset.UnixEpoch), headers);

        Activity span = Assert.Single(capture.Spans, s => s.DisplayName == "send unkeyed");
        ActivityLink link = Assert.Single(span.Links);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", link.Context.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", link.Context.SpanId.ToHexString());
        ConsumeResult<byte[]?, byte[]> record = Assert.Single(_kafka.ReadAll("unkeyed", Partitions), r => r.Partition.Value == result.Partition && r.Offset.Value == result.Offset);
        IHeader traceparent = Assert.Single(record.Message.Headers, h => h.Key == "traceparent");
        Assert.Equal(Created, Encoding.UTF8.GetString(traceparent.GetValueBytes()));
    }

    [Fact]
    public async Task ProduceAsync_WithTheApplicationsPropagator_InjectsItsFieldsInstead()
    {
        using var capture = new TelemetryCapture(metrics: false);
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), HeartbeatKafkaContract.Instance);
        DistributedContextPropagator original = DistributedContextPropagator.Current;
        DistributedContextPropagator.Current = new TraceIdOnlyPropagator();
        TypedDeliveryResult<Heartbeat> result;
        try
        {
            result = await new HeartbeatProducer(connection).ProduceAsync(new Heartbeat("custom propagator", DateTimeOffset.UnixEpoch));
        }
        finally
        {
            DistributedContextPropagator.Current = original;
        }

        Activity span = Assert.Single(capture.Spans, s => s.DisplayName == "send unkeyed");
        ConsumeResult<byte[]?, byte[]> record = Assert.Single(_kafka.ReadAll("unkeyed", Partitions), r => r.Partition.Value == result.Partition && r.Offset.Value == result.Offset);
        Assert.Equal(span.TraceId.ToHexString(), Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(TraceIdOnlyPropagator.Field)));
        Assert.DoesNotContain(record.Message.Headers, h => h.Key == "traceparent");
    }

    [Fact]
    public async Task ProduceAsync_WithABinaryKey_DoesNotRecordTheKey()
    {
        using var capture = new TelemetryCapture(metrics: false);
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), BinaryKeyedKafkaContract.Instance);
        await new BinaryKeyedProducer(connection).ProduceAsync(new BinaryKeyed([1, 2, 3], 1));

        Activity span = Assert.Single(capture.Spans, s => s.DisplayName == "send obs.binary");
        Assert.Null(span.GetTagItem("messaging.kafka.message.key"));
        Assert.False(BinaryKeyedKafkaContract.Instance.HasTextKey);
        Assert.True(CounterIncrementedKafkaContract.Instance.HasTextKey);
    }

    [Fact]
    public async Task ProduceAsync_WhenTheBrokerRefusesTheRecord_EndsTheSpanWithErrorTypeAndErrorStatus()
    {
        using var capture = new TelemetryCapture(metrics: false);
        // Without idempotence a permanent produce error fails just the message (with it, librdkafka may raise a fatal error).
        using KafkaProducerConnection connection = await ConnectWithoutIdempotenceAsync(_kafka, HeartbeatKafkaContract.Instance);
        var producer = new HeartbeatProducer(connection);
        await producer.ProduceAsync(new Heartbeat("warm-up", DateTimeOffset.UnixEpoch));
        capture.Spans.Clear();

        _kafka.Cluster.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed);
        await Assert.ThrowsAsync<TypedProduceException<Heartbeat>>(() => producer.ProduceAsync(new Heartbeat("refused", DateTimeOffset.UnixEpoch)));

        Activity span = Assert.Single(capture.Spans, s => s.DisplayName == "send unkeyed");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("TOPIC_AUTHORIZATION_FAILED", span.GetTagItem("error.type"));
        Assert.False(string.IsNullOrEmpty(span.StatusDescription));
    }

    [Fact]
    public async Task Transaction_ProduceAndCommit_SendSpansCarryTheContextAndTheCommitHasItsOwnSpan()
    {
        using var capture = new TelemetryCapture(metrics: false);
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), CounterIncrementedKafkaContract.Instance);
        using var transactional = new TypedTransactionalProducer(connection, "obs-tx");
        TypedDeliveryResult<CounterIncremented> result;
        ActivityContext parent;
        using (Activity request = TelemetryCapture.Parent.StartActivity("checkout")!)
        {
            parent = request.Context;
            await using KafkaTransaction transaction = await transactional.BeginAsync();
            result = await transaction.ProduceAsync(CounterIncrementedKafkaContract.Instance, new CounterIncremented(7, 1));
            transaction.Produce(new CounterIncremented(8, 1));
            await transaction.CommitAsync();
        }

        Activity[] sends = capture.Spans.Where(s => s.DisplayName == "send counters").ToArray();
        Assert.Equal(2, sends.Length);
        Assert.All(sends, s => Assert.Equal(parent.SpanId, s.ParentSpanId));
        Activity commit = Assert.Single(capture.Spans, s => s.DisplayName == "commit");
        Assert.Equal(ActivityKind.Client, commit.Kind);
        Assert.Equal(parent.SpanId, commit.ParentSpanId);
        Assert.Equal("commit", commit.GetTagItem("messaging.operation.name"));
        Assert.Equal("obs-tx", commit.GetTagItem("typedproducer.transactional_id"));
        Assert.Equal(2, commit.GetTagItem("messaging.batch.message_count"));
        Assert.Equal(ActivityStatusCode.Unset, commit.Status);

        // The mock counts the commit marker in the high watermark: read the one record rather than up to it.
        ConsumeResult<byte[]?, byte[]> record = _kafka.ReadOne("counters", result.Partition, result.Offset);
        ActivityContext read = ExtractContext(record.Message.Headers);
        Assert.Contains(sends, s => s.SpanId == read.SpanId && s.TraceId == read.TraceId);
    }

    [Fact]
    public async Task Transaction_Abort_RecordsOneAbortSpan()
    {
        using var capture = new TelemetryCapture(metrics: false);
        using KafkaProducerConnection connection = await _kafka.ConnectAsync(new InMemorySchemaRegistryClient(), CounterIncrementedKafkaContract.Instance);
        using var transactional = new TypedTransactionalProducer(connection, "obs-tx-abort");
        KafkaTransaction transaction = await transactional.BeginAsync();
        await transaction.ProduceAsync(CounterIncrementedKafkaContract.Instance, new CounterIncremented(9, 1));
        await transaction.AbortAsync();

        Activity abort = Assert.Single(capture.Spans, s => s.DisplayName == "abort");
        Assert.Equal("abort", abort.GetTagItem("messaging.operation.name"));
        Assert.Equal(1, abort.GetTagItem("messaging.batch.message_count"));
        Assert.DoesNotContain(capture.Spans, s => s.DisplayName == "commit");
    }

    internal static async Task<KafkaProducerConnection> ConnectWithoutIdempotenceAsync(KafkaClusterFixture kafka, params MessageContract[] contracts)
    {
        var options = new TypedProducerOptions { BootstrapServers = kafka.BootstrapServers, SubjectNameStrategy = SubjectNameStrategy.TopicRecordName };
#pragma warning disable TPK2023 // deliberately off: an injected permanent error then fails one message, not the producer
        options.Producer["enable.idempotence"] = "false";
#pragma warning restore TPK2023
        options.Producer["linger.ms"] = "0";
        var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient());
        await connection.RegisterSchemasAsync(contracts);
        return connection;
    }

    // What a consumer does: the application's propagator reads the fields it knows from the record headers.
    private static ActivityContext ExtractContext(Headers headers)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(
            headers,
            static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
            {
                values = null;
                value = ((Headers)carrier!).TryGetLastBytes(name, out byte[] bytes) ? Encoding.UTF8.GetString(bytes) : null;
            },
            out string? traceParent,
            out string? traceState);
        Assert.NotNull(traceParent);
        Assert.True(ActivityContext.TryParse(traceParent, traceState, isRemote: true, out ActivityContext context));
        return context;
    }

    /// <summary>An application's own propagator: writes only the trace id, under its own header name.</summary>
    private sealed class TraceIdOnlyPropagator : DistributedContextPropagator
    {
        public const string Field = "x-trace-id";

        public override IReadOnlyCollection<string> Fields { get; } = [Field];

        public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter)
        {
            if (activity is not null && setter is not null)
            {
                setter(carrier, Field, activity.TraceId.ToHexString());
            }
        }

        public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
        {
            traceId = null;
            traceState = null;
        }

        public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) => null;
    }
}
