using System;
using System.Collections.Generic;

namespace TypedProducer.Benchmarks.Contracts.Formats;

/// <summary><see cref="OrderPlaced"/> as a generated Protobuf contract.</summary>
[KafkaMessage("bench.olist.orders.proto", Format = MessageFormat.Protobuf, Name = "OrderPlaced", Namespace = "bench.generated.olist")]
public sealed partial record OrderPlacedProto(
    [property: MessageKey, ProtoField(1)] string OrderId,
    [property: ProtoField(2)] string CustomerId,
    [property: ProtoField(3)] OrderStatus Status,
    [property: ProtoField(4)] DateTimeOffset PurchasedAt,
    [property: ProtoField(5)] DateTimeOffset? ApprovedAt,
    [property: ProtoField(6)] DateTimeOffset? DeliveredToCarrierAt,
    [property: ProtoField(7)] DateTimeOffset? DeliveredToCustomerAt,
    [property: ProtoField(8)] DateTimeOffset EstimatedDeliveryAt,
    [property: ProtoField(9)] List<OrderItem> Items,
    [property: ProtoField(10)] List<OrderPayment> Payments)
{
    public static OrderPlacedProto From(OrderPlaced o) => new(o.OrderId, o.CustomerId, o.Status, o.PurchasedAt, o.ApprovedAt, o.DeliveredToCarrierAt, o.DeliveredToCustomerAt, o.EstimatedDeliveryAt, o.Items, o.Payments);
}
