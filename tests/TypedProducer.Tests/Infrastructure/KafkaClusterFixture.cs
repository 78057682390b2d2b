using System.Collections.Generic;
using System.Threading.Tasks;
using System;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using TypedProducer.Embedded;
using TypedProducer.SchemaRegistry;

namespace TypedProducer.Tests.Infrastructure;

/// <summary>A librdkafka mock cluster (3 brokers) shared by the tests of one class.</summary>
public sealed class KafkaClusterFixture : IDisposable
{
    public EmbeddedKafkaCluster Cluster { get; } = new(3);

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>A connection to this cluster with the schemas of <paramref name="contracts"/> registered.</summary>
    public async Task<KafkaProducerConnection> ConnectAsync(InMemorySchemaRegistryClient registry, params MessageContract[] contracts)
    {
        var options = new TypedProducerOptions { BootstrapServers = BootstrapServers, SubjectNameStrategy = SubjectNameStrategy.TopicRecordName };
        var connection = new KafkaProducerConnection(Options.Create(options), registry);
        await connection.RegisterSchemasAsync(contracts);
        return connection;
    }

    /// <summary>Every record of <paramref name="topic"/> in partition order, read with a real Confluent.Kafka consumer.</summary>
    public List<ConsumeResult<byte[]?, byte[]>> ReadAll(string topic, int partitionCount)
    {
        var config = new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "tests-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false };
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

    /// <summary>The record at <paramref name="offset"/> of <paramref name="topic"/>[<paramref name="partition"/>], read with a real Confluent.Kafka consumer.</summary>
    public ConsumeResult<byte[]?, byte[]> ReadOne(string topic, int partition, long offset)
    {
        var config = new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "tests-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false };
        using IConsumer<byte[]?, byte[]> consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        consumer.Assign(new TopicPartitionOffset(topic, partition, offset));
        return consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException($"No record at {topic}[{partition}]@{offset} within 10 s.");
    }

    public void Dispose() => Cluster.Dispose();
}
