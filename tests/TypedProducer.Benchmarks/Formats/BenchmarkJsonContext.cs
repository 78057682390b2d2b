using System.Text.Json.Serialization;
using TypedProducer.Benchmarks.Contracts;
using TypedProducer.Benchmarks.Contracts.Formats;

namespace TypedProducer.Benchmarks.Formats;

/// <summary>
/// System.Text.Json's source-generated serializers (default options) for the Avro contract types, which the
/// System.Text.Json benchmarks serialize directly, and for the JSON contract types, which the generated JSON
/// serializers write through.
/// </summary>
[JsonSerializable(typeof(RideStarted))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(SmallEvent))]
[JsonSerializable(typeof(LargeEvent))]
[JsonSerializable(typeof(RideStartedJson))]
[JsonSerializable(typeof(OrderPlacedJson))]
[JsonSerializable(typeof(SmallEventJson))]
[JsonSerializable(typeof(LargeEventJson))]
public sealed partial class BenchmarkJsonContext : JsonSerializerContext
{
}
