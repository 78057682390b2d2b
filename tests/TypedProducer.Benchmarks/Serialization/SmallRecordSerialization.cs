using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using Google.Protobuf;
using TypedProducer.Benchmarks.Contracts.Formats;
using TypedProducer.Benchmarks.Data;
using TypedProducer.Benchmarks.Formats;
using C = TypedProducer.Benchmarks.Contracts;
using P = TypedProducer.Benchmarks.Protos;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>A small synthetic record (4 fields).</summary>
public class SmallRecordSerialization : SerializationBenchmarks<C.SmallEvent, P.SmallEvent, SmallEventProto, Bench.Generated.Synthetic.SmallEvent, SmallEventJson>
{
    protected override JsonTypeInfo<C.SmallEvent> JsonTypeInfo => BenchmarkJsonContext.Default.SmallEvent;

    protected override MessageParser<Bench.Generated.Synthetic.SmallEvent> ProtocParser => Bench.Generated.Synthetic.SmallEvent.Parser;

    protected override string GeneratedProtoFile => "small_event.proto";

    protected override IEnumerable<C.SmallEvent> Load(int count) => SyntheticData.Small(count);

    protected override P.SmallEvent ToProto(C.SmallEvent message) => ProtoMapping.ToProto(message);

    protected override SmallEventProto ToProtoContract(C.SmallEvent message) => SmallEventProto.From(message);

    protected override SmallEventJson ToJsonContract(C.SmallEvent message) => SmallEventJson.From(message);
}
