using TypedProducer.Benchmarks.Formats;

namespace TypedProducer.Benchmarks.Contracts.Formats;

/// <summary><see cref="SmallEvent"/> as a generated JSON contract.</summary>
[KafkaMessage("bench.small.json", Format = MessageFormat.Json, JsonContext = typeof(BenchmarkJsonContext), Name = "SmallEvent", Namespace = "bench.generated.synthetic")]
public sealed partial record SmallEventJson(
    [property: MessageKey] long Id,
    int Count,
    bool Active,
    string Code)
{
    public static SmallEventJson From(SmallEvent e) => new(e.Id, e.Count, e.Active, e.Code);
}
