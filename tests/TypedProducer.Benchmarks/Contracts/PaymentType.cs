namespace TypedProducer.Benchmarks.Contracts;

/// <summary>Olist <c>payment_type</c>.</summary>
public enum PaymentType
{
    CreditCard,
    Boleto,
    Voucher,
    DebitCard,
    NotDefined,
}
