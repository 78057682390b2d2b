using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using Google.Protobuf;
using TypedProducer.Benchmarks.Contracts.Formats;
using TypedProducer.Benchmarks.Data;
using TypedProducer.Benchmarks.Formats;
using C = TypedProducer.Benchmarks.Contracts;
using P = TypedProducer.Benchmarks.Protos;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>A large synthetic record (24 fields, nested records and collections, about 2 KB).</summary>
public class LargeRecordSerialization : SerializationBenchmarks<C.LargeEvent, P.LargeEvent, LargeEventProto, Bench.Generated.Synthetic.LargeEvent, LargeEventJson>
{
    protected override JsonTypeInfo<C.LargeEvent> JsonTypeInfo => BenchmarkJsonContext.Default.LargeEvent;

    protected override MessageParser<Bench.Generated.Synthetic.LargeEvent> ProtocParser => Bench.Generated.Synthetic.LargeEvent.Parser;

    protected override string GeneratedProtoFile => "large_event.proto";

    protected override IEnumerable<C.LargeEvent> Load(int count) => SyntheticData.Large(count);

    protected override P.LargeEvent ToProto(C.LargeEvent message) => ProtoMapping.ToProto(message);

    protected override LargeEventProto ToProtoContract(C.LargeEvent message) => LargeEventProto.From(message);

    protected override LargeEventJson ToJsonContract(C.LargeEvent message) => LargeEventJson.From(message);
}
