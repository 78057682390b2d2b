namespace TypedProducer.Benchmarks.Contracts;

/// <summary>One payment of an olist order (olist_order_payments_dataset.csv). Shared by the Avro, Protobuf and JSON contracts.</summary>
public sealed record OrderPayment(
    [property: ProtoField(1)] int Sequential,
    [property: ProtoField(2)] PaymentType Type,
    [property: ProtoField(3)] int Installments,
    [property: AvroDecimal(10, 2), ProtoField(4)] decimal Value);
