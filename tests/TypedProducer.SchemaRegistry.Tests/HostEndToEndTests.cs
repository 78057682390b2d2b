using System.Net;
using System.Net.Sockets;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TypedProducer.Serialization;
using TypedProducer.SchemaRegistry.Tests.Contracts;
using TypedProducer.SchemaRegistry.Tests.Infrastructure;

namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>
/// A real host on the embedded Kafka cluster with <c>Kafka:SchemaRegistry:Url</c> pointing at the fake registry:
/// schemas registered over HTTP at start-up, records produced, read back with a Confluent.Kafka consumer and decoded
/// with the schema the registry returns for the id in each record; start-up failing fast on registry errors.
/// </summary>
public sealed class HostEndToEndTests
{
    private const string PaymentsSubject = "registry.payments-registry.tests.PaymentReceived";

    internal static IHost BuildHost(string registryUrl, Dictionary<string, string?>? extra = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:Embedded:Enabled"] = "true",
            ["Kafka:Embedded:TopicPartitions:registry.payments"] = "3",
            ["Kafka:SubjectNameStrategy"] = "TopicRecordName",
            ["Kafka:FlushTimeout"] = "00:00:05",
            ["Kafka:Producer:linger.ms"] = "1",
            ["Kafka:SchemaRegistry:Url"] = registryUrl,
            ["Kafka:SchemaRegistry:RetryBackoff"] = "00:00:00.020",
        };
        foreach (KeyValuePair<string, string?> pair in extra ?? new())
        {
            settings[pair.Key] = pair.Value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTypedProducers(builder.Configuration.GetSection("Kafka"));
        return builder.Build();
    }

    [Fact]
    public async Task ProduceThroughHost_RegistersOverHttpAndRecordsDecodeWithTheRegistrySchema()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        using IHost host = BuildHost(fake.Url);
        await host.StartAsync();
        Assert.IsType<HttpSchemaRegistryClient>(host.Services.GetRequiredService<ISchemaRegistryClient>());
        var payments = host.Services.GetRequiredService<IPaymentReceivedProducer>();
        var sent = new Dictionary<string, PaymentReceived>();
        DateTimeOffset at = new(2024, 3, 5, 8, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 50; i++)
        {
            var payment = new PaymentReceived($"pay-{i}", 100 + i, i % 2 == 0 ? "EUR" : "USD", at.AddSeconds(i), i % 3 == 0 ? null : $"note {i}");
            sent[payment.PaymentId] = payment;
            Assert.Equal(PersistenceStatus.Persisted, (await payments.ProduceAsync(payment)).Status);
        }

        string bootstrap = host.Services.GetRequiredService<KafkaProducerConnection>().BootstrapServers;
        List<ConsumeResult<byte[]?, byte[]>> records = ReadAll(bootstrap, "registry.payments", 3);
        // An independent client reads the schemas back by the ids in the records.
        using var reader = new HttpSchemaRegistryClient(new SchemaRegistryOptions { Url = fake.Url });
        int decoded = 0;
        var ids = new HashSet<int>();
        foreach (ConsumeResult<byte[]?, byte[]> record in records)
        {
            AvroGenericReader.ReadConfluentHeader(record.Message.Value, out int id);
            ids.Add(id);
            RegisteredSchema schema = await reader.GetSchemaAsync(id);
            var value = (IReadOnlyDictionary<string, object?>)AvroGenericReader.Read(AvroSchemaNode.Parse(schema.Schema), record.Message.Value.AsSpan(5))!;
            PaymentReceived original = sent[(string)value["PaymentId"]!];
            Assert.Equal(original.PaymentId, Encoding.UTF8.GetString(record.Message.Key!));
            Assert.Equal(original.AmountCents, value["AmountCents"]);
            Assert.Equal(original.Currency, value["Currency"]);
            Assert.Equal(original.ReceivedAt, value["ReceivedAt"]);
            Assert.Equal(original.Note, value["Note"]);
            decoded++;
        }

        await host.StopAsync();
        Assert.Equal(50, decoded);
        int registeredId = Assert.Single(ids);
        Assert.Equal(registeredId, (await reader.GetLatestSchemaAsync(PaymentsSubject)).Id);
        Assert.Equal(1, fake.CountRequests($"POST /subjects/{PaymentsSubject}/versions"));
        Assert.Equal(1, fake.CountRequests("POST /subjects/registry.refunds-registry.tests.RefundIssued/versions"));
        // 50 records, one schema fetch: the reader's cache.
        Assert.Equal(1, fake.CountRequests($"GET /schemas/ids/{registeredId}"));
    }

    [Fact]
    public async Task IncompatibleSchemaInTheRegistry_StopsStartWith409NamingUrlSubjectAndContract()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.Register(PaymentsSubject, """{"type":"record","name":"PaymentReceived","namespace":"registry.tests","fields":[{"name":"Legacy","type":"int"}]}""");
        using IHost host = BuildHost(fake.Url);

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => host.StartAsync());

        Assert.Equal(SchemaRegistryErrorCodes.IncompatibleSchema, ex.ErrorCode);
        Assert.Equal((PaymentsSubject, 1), (ex.Subject, ex.Version));
        Assert.Contains(fake.Url, ex.Message);
        Assert.Contains($"subject '{PaymentsSubject}'", ex.Message);
        Assert.Contains("PaymentReceived (topic 'registry.payments'", ex.Message);
        Assert.Contains("version 1", ex.Message);
        Assert.IsType<SchemaRegistryException>(ex.InnerException);
    }

    [Fact]
    public async Task UnreachableRegistry_StopsStartNamingTheUrl()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using IHost host = BuildHost($"http://127.0.0.1:{port}", new() { ["Kafka:SchemaRegistry:MaxRetries"] = "1" });

        var ex = await Assert.ThrowsAsync<SchemaRegistryException>(() => host.StartAsync());

        Assert.Equal(SchemaRegistryErrorCodes.NoResponse, ex.ErrorCode);
        Assert.Contains($"http://127.0.0.1:{port}", ex.Message);
        Assert.Contains("subject 'registry.", ex.Message);
        Assert.Contains("Gave up after 2 attempts", ex.Message);
    }

    [Fact]
    public async Task UseLatestVersionFromConfiguration_ProducesWithTheRegisteredId()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        int paymentsId = fake.Register(PaymentsSubject, PaymentReceivedKafkaContract.AvroSchema);
        // Every contract of this assembly starts with the host; each needs its latest version: a first host registers
        // the others (with their schema references).
        using (IHost registering = BuildHost(fake.Url))
        {
            await registering.StartAsync();
            await registering.StopAsync();
        }

        int postsBefore = fake.CountRequests("POST ");
        using IHost host = BuildHost(fake.Url, new() { ["Kafka:SchemaRegistry:UseLatestVersion"] = "true" });
        await host.StartAsync();

        TypedDeliveryResult<PaymentReceived> result = await host.Services.GetRequiredService<IPaymentReceivedProducer>()
            .ProduceAsync(new PaymentReceived("pay-1", 5, "EUR", DateTimeOffset.UnixEpoch, null));
        string bootstrap = host.Services.GetRequiredService<KafkaProducerConnection>().BootstrapServers;
        ConsumeResult<byte[]?, byte[]> record = Assert.Single(ReadAll(bootstrap, "registry.payments", 3));
        await host.StopAsync();

        Assert.Equal(PersistenceStatus.Persisted, result.Status);
        AvroGenericReader.ReadConfluentHeader(record.Message.Value, out int id);
        Assert.Equal(paymentsId, id);
        Assert.Equal(postsBefore, fake.CountRequests("POST "));
    }

    internal static List<ConsumeResult<byte[]?, byte[]>> ReadAll(string bootstrapServers, string topic, int partitionCount)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "registry-tests-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false };
        using IConsumer<byte[]?, byte[]> consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        var records = new List<ConsumeResult<byte[]?, byte[]>>();
        for (int p = 0; p < partitionCount; p++)
        {
            var partition = new TopicPartition(topic, p);
            WatermarkOffsets watermarks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
            if (watermarks.High <= watermarks.Low)
            {
                continue;
            }

            consumer.Assign(new TopicPartitionOffset(partition, watermarks.Low));
            while (true)
            {
                ConsumeResult<byte[]?, byte[]> result = consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"No record from {topic}[{p}] within 10 s.");
                records.Add(result);
                if (result.Offset.Value >= watermarks.High.Value - 1)
                {
                    break;
                }
            }
        }

        return records;
    }
}
