using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry.Serdes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TypedProducer.Serialization;
using TypedProducer.SchemaRegistry.Tests.Contracts;
using TypedProducer.SchemaRegistry.Tests.Infrastructure;
using ConfluentRegistry = global::Confluent.SchemaRegistry;

namespace TypedProducer.SchemaRegistry.Tests.Interop;

/// <summary>
/// The independent reader: Confluent's <c>AvroDeserializer&lt;GenericRecord&gt;</c> (Confluent.SchemaRegistry.Serdes.Avro,
/// on Apache.Avro) with its own CachedSchemaRegistryClient reads what the generated Avro producer wrote to the embedded
/// cluster, resolving each record's schema id through the fake registry the producer registered to.
/// </summary>
public sealed class ConfluentAvroDeserializerInteropTests
{
    private const string Topic = "registry.payments";
    private const string Subject = "registry.payments-registry.tests.PaymentReceived";

    [Theory]
    [InlineData("http")]
    [InlineData("confluent")]
    public async Task GeneratedAvroProducer_IsReadByConfluentAvroDeserializerThroughTheRegistry(string client)
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:Embedded:Enabled"] = "true",
            ["Kafka:Embedded:TopicPartitions:" + Topic] = "2",
            ["Kafka:SubjectNameStrategy"] = "TopicRecordName",
            ["Kafka:Producer:linger.ms"] = "1",
            ["Kafka:SchemaRegistry:Url"] = fake.Url,
        });
        builder.Services.AddTypedProducers(builder.Configuration.GetSection("Kafka"));
        if (client == "confluent")
        {
            builder.Services.AddTypedProducerConfluentSchemaRegistry();
        }

        using IHost host = builder.Build();
        await host.StartAsync();
        Assert.IsType(client == "confluent" ? typeof(ConfluentSchemaRegistryClient) : typeof(HttpSchemaRegistryClient), host.Services.GetRequiredService<ISchemaRegistryClient>());
        var producer = host.Services.GetRequiredService<IPaymentReceivedProducer>();
        var sent = new Dictionary<string, PaymentReceived>();
        var at = new DateTimeOffset(2024, 3, 5, 8, 0, 0, 123, TimeSpan.FromHours(2));
        for (int i = 0; i < 20; i++)
        {
            var payment = new PaymentReceived($"pay-{i}", -50 + (i * 1_000_000_007L), i % 2 == 0 ? "EUR" : "Zürich ₣", at.AddMinutes(i), i % 3 == 0 ? null : $"note {i}");
            sent[payment.PaymentId] = payment;
            Assert.Equal(PersistenceStatus.Persisted, (await producer.ProduceAsync(payment)).Status);
        }

        string bootstrap = host.Services.GetRequiredService<KafkaProducerConnection>().BootstrapServers;
        List<ConsumeResult<byte[]?, byte[]>> records = HostEndToEndTests.ReadAll(bootstrap, Topic, 2);
        await host.StopAsync();

        // The id in every record is the one the registry holds for the subject (asked of the registry, not assumed).
        using var registry = new ConfluentRegistry.CachedSchemaRegistryClient(new ConfluentRegistry.SchemaRegistryConfig { Url = fake.Url });
        ConfluentRegistry.RegisteredSchema registered = await registry.GetLatestSchemaAsync(Subject);
        var deserializer = new AvroDeserializer<GenericRecord>(registry);
        Assert.Equal(sent.Count, records.Count);
        foreach (ConsumeResult<byte[]?, byte[]> record in records)
        {
            AvroGenericReader.ReadConfluentHeader(record.Message.Value, out int id);
            Assert.Equal(registered.Id, id);
            GenericRecord value = await deserializer.DeserializeAsync(record.Message.Value, isNull: false, new SerializationContext(MessageComponentType.Value, Topic));
            PaymentReceived original = sent[(string)value["PaymentId"]];
            Assert.Equal("registry.tests.PaymentReceived", value.Schema.Fullname);
            Assert.Equal(original.AmountCents, (long)value["AmountCents"]);
            Assert.Equal(original.Currency, (string)value["Currency"]);
            Assert.Equal(original.ReceivedAt.UtcDateTime, (DateTime)value["ReceivedAt"]);
            Assert.Equal(original.Note, (string?)value["Note"]);
        }
    }
}
