using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using TypedProducer.Benchmarks.Data;
using TypedProducer.Benchmarks.Formats;
using C = TypedProducer.Benchmarks.Contracts;
using P = TypedProducer.Benchmarks.Protos;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>A small synthetic record (4 fields).</summary>
public class SmallRecordSerialization : SerializationBenchmarks<C.SmallEvent, P.SmallEvent>
{
    protected override JsonTypeInfo<C.SmallEvent> JsonTypeInfo => BenchmarkJsonContext.Default.SmallEvent;

    protected override IEnumerable<C.SmallEvent> Load(int count) => SyntheticData.Small(count);

    protected override P.SmallEvent ToProto(C.SmallEvent message) => ProtoMapping.ToProto(message);
}
