using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using Google.Protobuf;
using TypedProducer.Benchmarks.Contracts.Formats;
using TypedProducer.Benchmarks.Data;
using TypedProducer.Benchmarks.Formats;
using C = TypedProducer.Benchmarks.Contracts;
using P = TypedProducer.Benchmarks.Protos;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>Real olist orders with their items and payments (nested arrays, decimals, optional instants).</summary>
public class OlistOrderSerialization : SerializationBenchmarks<C.OrderPlaced, P.OrderPlaced, OrderPlacedProto, Bench.Generated.Olist.OrderPlaced, OrderPlacedJson>
{
    protected override JsonTypeInfo<C.OrderPlaced> JsonTypeInfo => BenchmarkJsonContext.Default.OrderPlaced;

    protected override MessageParser<Bench.Generated.Olist.OrderPlaced> ProtocParser => Bench.Generated.Olist.OrderPlaced.Parser;

    protected override string GeneratedProtoFile => "order_placed.proto";

    protected override IEnumerable<C.OrderPlaced> Load(int count) => OlistData.LoadOrders(count);

    protected override P.OrderPlaced ToProto(C.OrderPlaced message) => ProtoMapping.ToProto(message);

    protected override OrderPlacedProto ToProtoContract(C.OrderPlaced message) => OrderPlacedProto.From(message);

    protected override OrderPlacedJson ToJsonContract(C.OrderPlaced message) => OrderPlacedJson.From(message);
}
