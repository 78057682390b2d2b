using System;

namespace TypedProducer.Benchmarks.Contracts;

/// <summary>One line of an olist order (olist_order_items_dataset.csv); prices in BRL with two places.</summary>
public sealed record OrderItem(
    int ItemNumber,
    string ProductId,
    string SellerId,
    DateTimeOffset ShippingLimitAt,
    [property: AvroDecimal(10, 2)] decimal Price,
    [property: AvroDecimal(10, 2)] decimal FreightValue);
