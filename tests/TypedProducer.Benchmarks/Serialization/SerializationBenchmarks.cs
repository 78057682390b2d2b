using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>
/// One contract's value serializers side by side, on the same records: the generated Avro serializer (Confluent
/// wire format: 5-byte header + Avro binary), protoc-generated Google.Protobuf code for the equivalent message,
/// and System.Text.Json's source-generated serializer for the contract type. Each operation serializes one
/// record into a new byte array (what Confluent.Kafka needs); an invocation walks <see cref="BatchSize"/>
/// different records, so string lengths and optional members vary as in the data.
/// </summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
/// <typeparam name="TProto">The protoc-generated equivalent.</typeparam>
[MemoryDiagnoser]
public abstract class SerializationBenchmarks<TMessage, TProto> : ISerializationProbe
    where TMessage : IKafkaMessage<TMessage>
    where TProto : IMessage<TProto>
{
    public const int BatchSize = SerializationBenchmarks.BatchSize;

    // TODO(formats): add GeneratedProtobuf and GeneratedJson benchmarks here (the generated Protobuf and JSON
    // value serializers of branch 'formats', on contracts declared with MessageFormat.Protobuf / .Json), once
    // that branch is on main; BenchmarkSummary lists them as pending until then.
    private const int SchemaId = 1;

    private TMessage[] _messages = [];
    private TProto[] _protos = [];
    private MessageContract<TMessage> _contract = null!;
    private JsonTypeInfo<TMessage> _json = null!;

    /// <summary>The records, built from real data or a fixed seed.</summary>
    public IReadOnlyList<TMessage> Messages => _messages;

    /// <summary>The same records as protoc-generated messages.</summary>
    public IReadOnlyList<TProto> Protos => _protos;

    [GlobalSetup]
    public void Setup()
    {
        _messages = Load(BatchSize).ToArray();
        if (_messages.Length != BatchSize)
        {
            throw new InvalidOperationException($"{GetType().Name}: expected {BatchSize} records, the data gave {_messages.Length}.");
        }

        _protos = _messages.Select(ToProto).ToArray();
        _contract = TMessage.KafkaContract;
        _json = JsonTypeInfo;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize, Description = "Google.Protobuf")]
    public long Protobuf()
    {
        long bytes = 0;
        foreach (TProto proto in _protos)
        {
            bytes += proto.ToByteArray().Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "TypedProducer Avro")]
    public long Avro()
    {
        long bytes = 0;
        MessageContract<TMessage> contract = _contract;
        foreach (TMessage message in _messages)
        {
            bytes += contract.SerializeValue(message, SchemaId).Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "System.Text.Json (source-generated)")]
    public long SystemTextJson()
    {
        long bytes = 0;
        JsonTypeInfo<TMessage> json = _json;
        foreach (TMessage message in _messages)
        {
            bytes += JsonSerializer.SerializeToUtf8Bytes(message, json).Length;
        }

        return bytes;
    }

    /// <inheritdoc />
    public (double Avro, double Protobuf, double Json) AverageSizes() => (
        _messages.Average(m => (double)_contract.SerializeValue(m, SchemaId).Length),
        _protos.Average(p => (double)p.CalculateSize()),
        _messages.Average(m => (double)JsonSerializer.SerializeToUtf8Bytes(m, _json).Length));

    /// <inheritdoc />
    public (long Max, double Average) AvroExtraAllocatedBytes()
    {
        foreach (TMessage message in _messages)
        {
            _contract.SerializeValue(message, SchemaId); // JIT, static constructors, the thread's buffer
        }

        long max = 0, total = 0;
        foreach (TMessage message in _messages)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            byte[] value = _contract.SerializeValue(message, SchemaId);
            long extra = GC.GetAllocatedBytesForCurrentThread() - before - ArrayAllocationSize(value.Length);
            max = Math.Max(max, extra);
            total += extra;
        }

        return (max, (double)total / _messages.Length);
    }

    /// <summary>What a byte[] of <paramref name="length"/> occupies on the 64-bit GC heap: header, method table, length, data, 8-byte aligned.</summary>
    public static long ArrayAllocationSize(int length) => (3 * IntPtr.Size + length + 7) & ~7L;

    protected abstract JsonTypeInfo<TMessage> JsonTypeInfo { get; }

    protected abstract IEnumerable<TMessage> Load(int count);

    protected abstract TProto ToProto(TMessage message);
}
