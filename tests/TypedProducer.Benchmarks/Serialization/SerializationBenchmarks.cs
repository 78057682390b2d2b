using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using TypedProducer.Benchmarks.Data;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>
/// One record shape's value serializers side by side, on the same records. Each operation serializes one record
/// into a new byte array (what Confluent.Kafka needs); an invocation walks <see cref="BatchSize"/> different
/// records, so string lengths and optional members vary as in the data. The candidates:
/// <list type="bullet">
/// <item><description><see cref="Protobuf"/> (baseline): protoc-generated Google.Protobuf code for a hand-written
/// message equivalent to the Avro contract (Protos/*.proto: instants as int64, proto3 optional scalars);</description></item>
/// <item><description><see cref="Avro"/>: the generated Avro serializer (5-byte Confluent header + Avro binary);</description></item>
/// <item><description><see cref="GeneratedProtobuf"/>: the generated Protobuf serializer of the same record declared
/// as a <c>MessageFormat.Protobuf</c> contract (6-byte Confluent header + message);</description></item>
/// <item><description><see cref="ProtobufForGeneratedProto"/>: protoc's code for the .proto TypedProducer generates for
/// that contract (Protos/generated; same bytes as <see cref="GeneratedProtobuf"/>, checked in set-up);</description></item>
/// <item><description><see cref="GeneratedJson"/>: the generated JSON serializer of the record declared as a
/// <c>MessageFormat.Json</c> contract (5-byte header + System.Text.Json through the same context);</description></item>
/// <item><description><see cref="SystemTextJson"/>: System.Text.Json's source-generated serializer for the record.</description></item>
/// </list>
/// </summary>
/// <typeparam name="TMessage">The Avro contract type.</typeparam>
/// <typeparam name="TProto">The hand-written protoc message equivalent to it.</typeparam>
/// <typeparam name="TProtoContract">The same record as a generated Protobuf contract.</typeparam>
/// <typeparam name="TProtocOfGenerated">protoc's class for the .proto generated for <typeparamref name="TProtoContract"/>.</typeparam>
/// <typeparam name="TJsonContract">The same record as a generated JSON contract.</typeparam>
[MemoryDiagnoser]
public abstract class SerializationBenchmarks<TMessage, TProto, TProtoContract, TProtocOfGenerated, TJsonContract> : ISerializationProbe
    where TMessage : IKafkaMessage<TMessage>
    where TProto : IMessage<TProto>
    where TProtoContract : IKafkaMessage<TProtoContract>
    where TProtocOfGenerated : IMessage<TProtocOfGenerated>
    where TJsonContract : IKafkaMessage<TJsonContract>
{
    public const int BatchSize = SerializationBenchmarks.BatchSize;

    private const int SchemaId = 1;

    // Magic byte, 4-byte schema id, message-index array [0] (one zero byte): Confluent's Protobuf wire format.
    private const int ProtobufHeaderLength = 6;

    private TMessage[] _messages = [];
    private TProto[] _protos = [];
    private TProtoContract[] _protoContracts = [];
    private TProtocOfGenerated[] _protocOfGenerated = [];
    private TJsonContract[] _jsonContracts = [];
    private MessageContract<TMessage> _avro = null!;
    private MessageContract<TProtoContract> _protobuf = null!;
    private MessageContract<TJsonContract> _jsonContract = null!;
    private JsonTypeInfo<TMessage> _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        _messages = Load(BatchSize).ToArray();
        if (_messages.Length != BatchSize)
        {
            throw new InvalidOperationException($"{GetType().Name}: expected {BatchSize} records, the data gave {_messages.Length}.");
        }

        _avro = TMessage.KafkaContract;
        _protobuf = TProtoContract.KafkaContract;
        _jsonContract = TJsonContract.KafkaContract;
        _json = JsonTypeInfo;
        _protos = _messages.Select(ToProto).ToArray();
        _protoContracts = _messages.Select(ToProtoContract).ToArray();
        _jsonContracts = _messages.Select(ToJsonContract).ToArray();

        // protoc's message for the generated .proto, parsed from the generated serializer's bytes; re-serialized, it
        // must give the same bytes, and the checked-in .proto must still be the generator's text.
        string protoPath = Path.Combine(Repository.Root, "tests", "TypedProducer.Benchmarks", "Protos", "generated", GeneratedProtoFile);
        if (File.ReadAllText(protoPath).TrimEnd() != _protobuf.ValueSchema.Schema.TrimEnd())
        {
            throw new InvalidOperationException($"{protoPath} is not the .proto TypedProducer generates for {typeof(TProtoContract).Name} any more; copy its ProtobufSchema constant there.");
        }

        _protocOfGenerated = new TProtocOfGenerated[BatchSize];
        for (int i = 0; i < BatchSize; i++)
        {
            byte[] generated = _protobuf.SerializeValue(_protoContracts[i], SchemaId);
            if (generated[ProtobufHeaderLength - 1] != 0)
            {
                throw new InvalidOperationException("Expected the message-index array [0] (a single zero byte).");
            }

            _protocOfGenerated[i] = ProtocParser.ParseFrom(generated.AsSpan(ProtobufHeaderLength));
            if (!_protocOfGenerated[i].ToByteArray().AsSpan().SequenceEqual(generated.AsSpan(ProtobufHeaderLength)))
            {
                throw new InvalidOperationException($"Record {i}: protoc's bytes differ from the generated Protobuf serializer's.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize, Description = "Google.Protobuf (hand-written .proto)")]
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
        MessageContract<TMessage> contract = _avro;
        foreach (TMessage message in _messages)
        {
            bytes += contract.SerializeValue(message, SchemaId).Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "TypedProducer Protobuf")]
    public long GeneratedProtobuf()
    {
        long bytes = 0;
        MessageContract<TProtoContract> contract = _protobuf;
        foreach (TProtoContract message in _protoContracts)
        {
            bytes += contract.SerializeValue(message, SchemaId).Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "Google.Protobuf (generated .proto)")]
    public long ProtobufForGeneratedProto()
    {
        long bytes = 0;
        foreach (TProtocOfGenerated proto in _protocOfGenerated)
        {
            bytes += proto.ToByteArray().Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "TypedProducer JSON")]
    public long GeneratedJson()
    {
        long bytes = 0;
        MessageContract<TJsonContract> contract = _jsonContract;
        foreach (TJsonContract message in _jsonContracts)
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
    public IReadOnlyList<SerializerCandidate> Candidates() =>
    [
        new(SerializerCandidate.Protobuf, Protobuf, () => _protos.Average(p => (double)p.CalculateSize()), null),
        new(SerializerCandidate.Avro, Avro, () => _messages.Average(m => (double)_avro.SerializeValue(m, SchemaId).Length), () => ExtraAllocations(_messages, m => _avro.SerializeValue(m, SchemaId))),
        new(SerializerCandidate.GeneratedProtobuf, GeneratedProtobuf, () => _protoContracts.Average(m => (double)_protobuf.SerializeValue(m, SchemaId).Length), () => ExtraAllocations(_protoContracts, m => _protobuf.SerializeValue(m, SchemaId))),
        new(SerializerCandidate.ProtobufForGeneratedProto, ProtobufForGeneratedProto, () => _protocOfGenerated.Average(p => (double)p.CalculateSize()), null),
        new(SerializerCandidate.GeneratedJson, GeneratedJson, () => _jsonContracts.Average(m => (double)_jsonContract.SerializeValue(m, SchemaId).Length), () => ExtraAllocations(_jsonContracts, m => _jsonContract.SerializeValue(m, SchemaId))),
        new(SerializerCandidate.SystemTextJson, SystemTextJson, () => _messages.Average(m => (double)JsonSerializer.SerializeToUtf8Bytes(m, _json).Length), null),
    ];

    /// <summary>What a byte[] of <paramref name="length"/> occupies on the 64-bit GC heap: header, method table, length, data, 8-byte aligned.</summary>
    public static long ArrayAllocationSize(int length) => (3 * IntPtr.Size + length + 7) & ~7L;

    protected abstract JsonTypeInfo<TMessage> JsonTypeInfo { get; }

    protected abstract MessageParser<TProtocOfGenerated> ProtocParser { get; }

    /// <summary>The file name under Protos/generated of the .proto generated for <typeparamref name="TProtoContract"/>.</summary>
    protected abstract string GeneratedProtoFile { get; }

    protected abstract IEnumerable<TMessage> Load(int count);

    protected abstract TProto ToProto(TMessage message);

    protected abstract TProtoContract ToProtoContract(TMessage message);

    protected abstract TJsonContract ToJsonContract(TMessage message);

    // Bytes a serializer allocates per record beyond the returned array, measured on this thread around each call
    // after a warm-up pass: the largest and the average over the records.
    private static (long Max, double Average) ExtraAllocations<T>(T[] records, Func<T, byte[]> serialize)
    {
        foreach (T record in records)
        {
            serialize(record); // JIT, static constructors, the thread's buffers
        }

        long max = 0, total = 0;
        foreach (T record in records)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            byte[] value = serialize(record);
            long extra = GC.GetAllocatedBytesForCurrentThread() - before - ArrayAllocationSize(value.Length);
            max = Math.Max(max, extra);
            total += extra;
        }

        return (max, (double)total / records.Length);
    }
}
