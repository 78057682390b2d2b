using System.Text.Json.Serialization;
using TypedProducer.Benchmarks.Contracts;

namespace TypedProducer.Benchmarks.Formats;

/// <summary>System.Text.Json's source-generated serializers for the same contract types (default options).</summary>
[JsonSerializable(typeof(RideStarted))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(SmallEvent))]
[JsonSerializable(typeof(LargeEvent))]
public sealed partial class BenchmarkJsonContext : JsonSerializerContext
{
}
