using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using TypedProducer.Benchmarks.Data;
using TypedProducer.Benchmarks.Formats;
using C = TypedProducer.Benchmarks.Contracts;
using P = TypedProducer.Benchmarks.Protos;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>A large synthetic record (24 fields, nested records and collections, about 2.5 KB).</summary>
public class LargeRecordSerialization : SerializationBenchmarks<C.LargeEvent, P.LargeEvent>
{
    protected override JsonTypeInfo<C.LargeEvent> JsonTypeInfo => BenchmarkJsonContext.Default.LargeEvent;

    protected override IEnumerable<C.LargeEvent> Load(int count) => SyntheticData.Large(count);

    protected override P.LargeEvent ToProto(C.LargeEvent message) => ProtoMapping.ToProto(message);
}
