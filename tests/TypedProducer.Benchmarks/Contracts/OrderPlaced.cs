using System;
using System.Collections.Generic;

namespace TypedProducer.Benchmarks.Contracts;

/// <summary>
/// An olist order with its items and payments, built from real rows of ../shared/data/olist
/// (see Data/OlistData.cs). Protobuf twin: Protos/olist.proto.
/// </summary>
[KafkaMessage("bench.olist.orders", Namespace = "olist.events", Doc = "An olist order with its items and payments.")]
public sealed partial record OrderPlaced(
    [property: MessageKey] string OrderId,
    string CustomerId,
    OrderStatus Status,
    DateTimeOffset PurchasedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? DeliveredToCarrierAt,
    DateTimeOffset? DeliveredToCustomerAt,
    DateTimeOffset EstimatedDeliveryAt,
    List<OrderItem> Items,
    List<OrderPayment> Payments);
