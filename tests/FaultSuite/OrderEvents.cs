using System;

namespace TypedProducer.FaultSuite;

// One olist order is a keyed stream of lifecycle events (purchased → approved → handed to carrier → delivered) on one
// topic, one record type per step (TopicRecordName subjects). Sequence is the event's position in the produce order:
// the fault suite reads it back to find losses, duplicates and reordering.

/// <summary>An order was placed.</summary>
[KafkaMessage("olist.orders", Namespace = "olist.events")]
public sealed partial record OrderPurchased([property: MessageKey] string OrderId, long Sequence, string CustomerId, string Status, DateTimeOffset PurchasedAt, DateTimeOffset? EstimatedDeliveryAt);

/// <summary>The payment of an order was approved.</summary>
[KafkaMessage("olist.orders", Namespace = "olist.events")]
public sealed partial record OrderApproved([property: MessageKey] string OrderId, long Sequence, DateTimeOffset ApprovedAt);

/// <summary>An order was handed to the carrier.</summary>
[KafkaMessage("olist.orders", Namespace = "olist.events")]
public sealed partial record OrderHandedToCarrier([property: MessageKey] string OrderId, long Sequence, DateTimeOffset HandedAt);

/// <summary>An order reached the customer.</summary>
[KafkaMessage("olist.orders", Namespace = "olist.events")]
public sealed partial record OrderDelivered([property: MessageKey] string OrderId, long Sequence, DateTimeOffset DeliveredAt);
