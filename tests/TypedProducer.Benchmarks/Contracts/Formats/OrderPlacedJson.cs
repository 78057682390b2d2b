using System.Collections.Generic;
using System;
using TypedProducer.Benchmarks.Formats;

namespace TypedProducer.Benchmarks.Contracts.Formats;

/// <summary><see cref="OrderPlaced"/> as a generated JSON contract.</summary>
[KafkaMessage("bench.olist.orders.json", Format = MessageFormat.Json, JsonContext = typeof(BenchmarkJsonContext), Name = "OrderPlaced", Namespace = "bench.generated.olist")]
public sealed partial record OrderPlacedJson(
    [property: MessageKey] string OrderId,
    string CustomerId,
    OrderStatus Status,
    DateTimeOffset PurchasedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? DeliveredToCarrierAt,
    DateTimeOffset? DeliveredToCustomerAt,
    DateTimeOffset EstimatedDeliveryAt,
    List<OrderItem> Items,
    List<OrderPayment> Payments)
{
    public static OrderPlacedJson From(OrderPlaced o) => new(o.OrderId, o.CustomerId, o.Status, o.PurchasedAt, o.ApprovedAt, o.DeliveredToCarrierAt, o.DeliveredToCustomerAt, o.EstimatedDeliveryAt, o.Items, o.Payments);
}
