using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry.Serdes;
using TypedProducer.Benchmarks.Contracts;
using TypedProducer.Benchmarks.Deserialization;
using TypedProducer.Benchmarks.EndToEnd;
using TypedProducer.Native;

namespace TypedProducer.Benchmarks.Native;

/// <summary>
/// The direct librdkafka produce path (<see cref="NativeKafkaProducer"/>, pre-serialized bytes) beside the
/// <see cref="EndToEndBenchmarks"/> candidates (raw Confluent.Kafka <c>IProducer&lt;byte[], byte[]&gt;</c>, the generated
/// typed producer, with <c>Produce</c> and with <c>ProduceAsync</c>), what users write today without this library
/// (Confluent.Kafka <c>IProducer&lt;string, GenericRecord&gt;</c> with Confluent.SchemaRegistry.Serdes.Avro's
/// <c>AvroSerializer</c>, a <c>GenericRecord</c> built from each ride) and a C producer (<see cref="CProducerProcess"/>):
/// same records, same configuration, same mock implementation (the C program hosts its own in its process, as this
/// process hosts the .NET candidates'), 20,000 messages then a flush per batch. The native candidate runs without a
/// handler (reports only counted, the case that must allocate nothing) and with one shared handler (a slot per message).
/// </summary>
public sealed class NativeProduceBenchmarks : IDisposable
{
    private readonly EndToEndBenchmarks _endToEnd;
    private readonly NativeKafkaProducer _native;
    private readonly NativeKafkaTopic _topic;
    private readonly FailureCounter _handler = new();
    private readonly byte[]?[] _keys;
    private readonly byte[][] _values;
    private readonly IProducer<string?, GenericRecord> _generic;
    private readonly RecordSchema _rideSchema;
    private long _genericFailures;

    public NativeProduceBenchmarks(string settings, string workDirectory)
    {
        _endToEnd = new EndToEndBenchmarks { Settings = settings };
        _endToEnd.Setup();
        ProducerConfig config = _endToEnd.ProducerConfig;
        _keys = [.. _endToEnd.Keys];
        _values = [.. _endToEnd.Values];
        _native = new NativeKafkaProducer(config);
        _topic = _native.Topic(RideStartedKafkaContract.TopicName);
        _rideSchema = (RecordSchema)Schema.Parse(RideStartedKafkaContract.AvroSchema);
        _generic = new ProducerBuilder<string?, GenericRecord>(config)
            .SetValueSerializer(new AvroSerializer<GenericRecord>(
                DeserializationComparison.RegistryStub.Create(RideStartedKafkaContract.AvroSchema, Confluent.SchemaRegistry.SchemaType.Avro),
                new AvroSerializerConfig { SubjectNameStrategy = Confluent.SchemaRegistry.SubjectNameStrategy.Topic }).AsSyncOverAsync())
            .Build();
        C = CProducerProcess.Start(Path.Combine(workDirectory, settings), _keys, _values, config, RideStartedKafkaContract.TopicName, EndToEndBenchmarks.MessagesPerInvoke);
    }

    public EndToEndBenchmarks EndToEnd => _endToEnd;

    public CProducerProcess C { get; }

    /// <summary>Failed deliveries of the native and GenericRecord candidates (must stay 0).</summary>
    public long NativeFailures => _native.Failed + Interlocked.Read(ref _genericFailures);

    public long NativeProducer() => Produce(handler: null);

    public long NativeProducerWithHandler() => Produce(_handler);

    /// <summary>Confluent.Kafka with Confluent's Avro serializer: a <c>GenericRecord</c> per ride, string key, a delivery handler.</summary>
    public int GenericRecordProducer()
    {
        IReadOnlyList<RideStarted> rides = _endToEnd.Rides;
        Action<DeliveryReport<string?, GenericRecord>> onDelivery = OnGenericDelivery;
        for (int i = 0; i < EndToEndBenchmarks.MessagesPerInvoke; i++)
        {
            RideStarted ride = rides[i & (rides.Count - 1)];
            var message = new Message<string?, GenericRecord> { Key = ride.RideId, Value = ToGenericRecord(ride) };
            while (true)
            {
                try
                {
                    _generic.Produce(RideStartedKafkaContract.TopicName, message, onDelivery);
                    break;
                }
                catch (ProduceException<string?, GenericRecord> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    Thread.Sleep(1);
                }
            }
        }

        return _generic.Flush(TimeSpan.FromSeconds(60));
    }

    public void Dispose()
    {
        _generic.Dispose();
        C.Dispose();
        _native.Dispose();
        _endToEnd.Cleanup();
    }

    private long Produce(INativeDeliveryHandler? handler)
    {
        NativeKafkaProducer producer = _native;
        for (int i = 0; i < EndToEndBenchmarks.MessagesPerInvoke; i++)
        {
            int r = i & (_keys.Length - 1);
            byte[]? key = _keys[r];
            NativeMessageFlags flags = key is null ? NativeMessageFlags.NullKey : NativeMessageFlags.None;
            ErrorCode code;
            while ((code = producer.Produce(_topic, key, _values[r], flags: flags, handler: handler)) == ErrorCode.Local_QueueFull)
            {
                Thread.Sleep(1); // as the other candidates do: let deliveries drain.
            }

            if (code != ErrorCode.NoError)
            {
                throw new InvalidOperationException($"NativeKafkaProducer refused a message: {code}.");
            }
        }

        return producer.Flush(TimeSpan.FromSeconds(60));
    }

    // What a user maps by hand: each field by name, enums as GenericEnum symbols, timestamp-millis as a UTC DateTime.
    private GenericRecord ToGenericRecord(RideStarted ride)
    {
        var record = new GenericRecord(_rideSchema);
        record.Add("RideId", ride.RideId);
        record.Add("BikeType", new GenericEnum(EnumSchemaOf("BikeType"), EnumSchemaOf("BikeType").Symbols[(int)ride.BikeType]));
        record.Add("RiderType", new GenericEnum(EnumSchemaOf("RiderType"), EnumSchemaOf("RiderType").Symbols[(int)ride.RiderType]));
        record.Add("StartedAt", ride.StartedAt.UtcDateTime);
        record.Add("StationName", ride.StationName);
        record.Add("Neighborhood", ride.Neighborhood);
        record.Add("Borough", ride.Borough);
        record.Add("Latitude", ride.Latitude);
        record.Add("Longitude", ride.Longitude);
        return record;
    }

    private EnumSchema EnumSchemaOf(string field) => (EnumSchema)_rideSchema[field].Schema;

    private void OnGenericDelivery(DeliveryReport<string?, GenericRecord> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _genericFailures);
        }
    }

    private sealed class FailureCounter : INativeDeliveryHandler
    {
        private long _failures;

        public long Failures => Interlocked.Read(ref _failures);

        public void OnDelivery(long state, in NativeDeliveryReport report)
        {
            if (report.Error != ErrorCode.NoError)
            {
                Interlocked.Increment(ref _failures);
            }
        }
    }
}
