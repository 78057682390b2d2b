namespace TypedProducer.Benchmarks.Contracts;

/// <summary>A small synthetic record: four fields, 20 bytes or so on the wire. Protobuf twin: Protos/synthetic.proto.</summary>
[KafkaMessage("bench.small", Namespace = "bench.synthetic")]
public sealed partial record SmallEvent(
    [property: MessageKey] long Id,
    int Count,
    bool Active,
    string Code);
