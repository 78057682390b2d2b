using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using TypedProducer.Benchmarks.Data;
using TypedProducer.Benchmarks.Formats;
using C = TypedProducer.Benchmarks.Contracts;
using P = TypedProducer.Benchmarks.Protos;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>Real olist orders with their items and payments (nested arrays, decimals, optional instants).</summary>
public class OlistOrderSerialization : SerializationBenchmarks<C.OrderPlaced, P.OrderPlaced>
{
    protected override JsonTypeInfo<C.OrderPlaced> JsonTypeInfo => BenchmarkJsonContext.Default.OrderPlaced;

    protected override IEnumerable<C.OrderPlaced> Load(int count) => OlistData.LoadOrders(count);

    protected override P.OrderPlaced ToProto(C.OrderPlaced message) => ProtoMapping.ToProto(message);
}
