using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Confluent.Kafka;
using TypedProducer.Benchmarks.Contracts;
using TypedProducer.Benchmarks.EndToEnd;
using TypedProducer.Native;

namespace TypedProducer.Benchmarks.Native;

/// <summary>
/// The direct librdkafka produce path (<see cref="NativeKafkaProducer"/>, pre-serialized bytes) beside the
/// <see cref="EndToEndBenchmarks"/> candidates (raw Confluent.Kafka <c>IProducer&lt;byte[], byte[]&gt;</c>, the generated
/// typed producer) and a C producer (<see cref="CProducerProcess"/>): same records, same configuration, same mock
/// implementation (the C program hosts its own in its process, as this process hosts the .NET candidates'), 20,000
/// messages then a flush per batch. The native candidate runs without a handler (reports only counted, the case that
/// must allocate nothing) and with one shared handler (a slot per message).
/// </summary>
public sealed class NativeProduceBenchmarks : IDisposable
{
    private readonly EndToEndBenchmarks _endToEnd;
    private readonly NativeKafkaProducer _native;
    private readonly NativeKafkaTopic _topic;
    private readonly FailureCounter _handler = new();
    private readonly byte[]?[] _keys;
    private readonly byte[][] _values;

    public NativeProduceBenchmarks(string settings, string workDirectory)
    {
        _endToEnd = new EndToEndBenchmarks { Settings = settings };
        _endToEnd.Setup();
        ProducerConfig config = _endToEnd.ProducerConfig;
        _keys = [.. _endToEnd.Keys];
        _values = [.. _endToEnd.Values];
        _native = new NativeKafkaProducer(config);
        _topic = _native.Topic(RideStartedKafkaContract.TopicName);
        C = CProducerProcess.Start(Path.Combine(workDirectory, settings), _keys, _values, config, RideStartedKafkaContract.TopicName, EndToEndBenchmarks.MessagesPerInvoke);
    }

    public EndToEndBenchmarks EndToEnd => _endToEnd;

    public CProducerProcess C { get; }

    /// <summary>Failed deliveries of the native candidates (must stay 0).</summary>
    public long NativeFailures => _native.Failed;

    public long NativeProducer() => Produce(handler: null);

    public long NativeProducerWithHandler() => Produce(_handler);

    public void Dispose()
    {
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
