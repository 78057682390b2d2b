using System;

namespace TypedProducer.Benchmarks.Contracts;

/// <summary>
/// One line of an olist order (olist_order_items_dataset.csv); prices in BRL with two places. Shared by the Avro,
/// Protobuf and JSON contracts (each format reads only its own attributes).
/// </summary>
public sealed record OrderItem(
    [property: ProtoField(1)] int ItemNumber,
    [property: ProtoField(2)] string ProductId,
    [property: ProtoField(3)] string SellerId,
    [property: ProtoField(4)] DateTimeOffset ShippingLimitAt,
    [property: AvroDecimal(10, 2), ProtoField(5)] decimal Price,
    [property: AvroDecimal(10, 2), ProtoField(6)] decimal FreightValue);
