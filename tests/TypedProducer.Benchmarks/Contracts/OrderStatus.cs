namespace TypedProducer.Benchmarks.Contracts;

/// <summary>Olist <c>order_status</c>.</summary>
public enum OrderStatus
{
    Created,
    Approved,
    Invoiced,
    Processing,
    Shipped,
    Delivered,
    Canceled,
    Unavailable,
}
