using TypedProducer;

namespace Shop;

// The application code under test in the README's "Testing your producers" example.

/// <summary>An order was placed.</summary>
[KafkaMessage("shop.orders", Namespace = "shop.events")]
public sealed partial record OrderPlaced(
    [property: MessageKey] string OrderId,
    string CustomerId,
    [property: AvroDecimal(12, 2)] decimal Total);

/// <summary>Places orders; what the tests exercise.</summary>
public sealed class CheckoutService(IOrderPlacedProducer orders)
{
    /// <summary>Publishes <see cref="OrderPlaced"/> and returns its offset.</summary>
    public async Task<long> PlaceAsync(string orderId, string customerId, decimal total, CancellationToken cancellationToken = default)
    {
        TypedDeliveryResult<OrderPlaced> result = await orders.ProduceAsync(new OrderPlaced(orderId, customerId, total), cancellationToken: cancellationToken);
        return result.Offset;
    }
}
