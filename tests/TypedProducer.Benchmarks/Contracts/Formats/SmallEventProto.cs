namespace TypedProducer.Benchmarks.Contracts.Formats;

/// <summary><see cref="SmallEvent"/> as a generated Protobuf contract.</summary>
[KafkaMessage("bench.small.proto", Format = MessageFormat.Protobuf, Name = "SmallEvent", Namespace = "bench.generated.synthetic")]
public sealed partial record SmallEventProto(
    [property: MessageKey, ProtoField(1)] long Id,
    [property: ProtoField(2)] int Count,
    [property: ProtoField(3)] bool Active,
    [property: ProtoField(4)] string Code)
{
    public static SmallEventProto From(SmallEvent e) => new(e.Id, e.Count, e.Active, e.Code);
}
