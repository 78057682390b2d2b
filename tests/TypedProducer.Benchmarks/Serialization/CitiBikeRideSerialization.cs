using System.Collections.Generic;
using System.Text.Json.Serialization.Metadata;
using Google.Protobuf;
using TypedProducer.Benchmarks.Contracts.Formats;
using TypedProducer.Benchmarks.Data;
using TypedProducer.Benchmarks.Formats;
using C = TypedProducer.Benchmarks.Contracts;
using P = TypedProducer.Benchmarks.Protos;

namespace TypedProducer.Benchmarks.Serialization;

/// <summary>Real Citi Bike rides (RideStarted, 9 fields, about 100 bytes).</summary>
public class CitiBikeRideSerialization : SerializationBenchmarks<C.RideStarted, P.RideStarted, RideStartedProto, Bench.Generated.Citibike.RideStarted, RideStartedJson>
{
    protected override JsonTypeInfo<C.RideStarted> JsonTypeInfo => BenchmarkJsonContext.Default.RideStarted;

    protected override MessageParser<Bench.Generated.Citibike.RideStarted> ProtocParser => Bench.Generated.Citibike.RideStarted.Parser;

    protected override string GeneratedProtoFile => "ride_started.proto";

    protected override IEnumerable<C.RideStarted> Load(int count) => CitiBikeData.LoadRideStarted(count);

    protected override P.RideStarted ToProto(C.RideStarted message) => ProtoMapping.ToProto(message);

    protected override RideStartedProto ToProtoContract(C.RideStarted message) => RideStartedProto.From(message);

    protected override RideStartedJson ToJsonContract(C.RideStarted message) => RideStartedJson.From(message);
}
