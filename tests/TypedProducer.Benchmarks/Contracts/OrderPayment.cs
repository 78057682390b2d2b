namespace TypedProducer.Benchmarks.Contracts;

/// <summary>One payment of an olist order (olist_order_payments_dataset.csv).</summary>
public sealed record OrderPayment(
    int Sequential,
    PaymentType Type,
    int Installments,
    [property: AvroDecimal(10, 2)] decimal Value);
