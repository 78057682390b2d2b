using System;
using System.Linq;
using Google.Protobuf;
using C = TypedProducer.Benchmarks.Contracts;
using P = TypedProducer.Benchmarks.Protos;

namespace TypedProducer.Benchmarks.Formats;

/// <summary>
/// Builds the protoc-generated message equivalent to each contract instance (done once in set-up: the
/// benchmarks time serialization only, for every format).
/// </summary>
public static class ProtoMapping
{
    public static P.RideStarted ToProto(C.RideStarted ride)
    {
        var proto = new P.RideStarted
        {
            RideId = ride.RideId,
            BikeType = (P.BikeType)(int)ride.BikeType,
            RiderType = (P.RiderType)(int)ride.RiderType,
            StartedAtMs = ride.StartedAt.ToUnixTimeMilliseconds(),
            StationName = ride.StationName,
        };
        if (ride.Neighborhood is { } neighborhood)
        {
            proto.Neighborhood = neighborhood;
        }

        if (ride.Borough is { } borough)
        {
            proto.Borough = borough;
        }

        if (ride.Latitude is { } latitude)
        {
            proto.Latitude = latitude;
        }

        if (ride.Longitude is { } longitude)
        {
            proto.Longitude = longitude;
        }

        return proto;
    }

    public static P.OrderPlaced ToProto(C.OrderPlaced order)
    {
        var proto = new P.OrderPlaced
        {
            OrderId = order.OrderId,
            CustomerId = order.CustomerId,
            Status = (P.OrderStatus)(int)order.Status,
            PurchasedAtMs = order.PurchasedAt.ToUnixTimeMilliseconds(),
            EstimatedDeliveryAtMs = order.EstimatedDeliveryAt.ToUnixTimeMilliseconds(),
        };
        if (order.ApprovedAt is { } approved)
        {
            proto.ApprovedAtMs = approved.ToUnixTimeMilliseconds();
        }

        if (order.DeliveredToCarrierAt is { } carrier)
        {
            proto.DeliveredToCarrierAtMs = carrier.ToUnixTimeMilliseconds();
        }

        if (order.DeliveredToCustomerAt is { } customer)
        {
            proto.DeliveredToCustomerAtMs = customer.ToUnixTimeMilliseconds();
        }

        proto.Items.AddRange(order.Items.Select(item => new P.OrderItem
        {
            ItemNumber = item.ItemNumber,
            ProductId = item.ProductId,
            SellerId = item.SellerId,
            ShippingLimitAtMs = item.ShippingLimitAt.ToUnixTimeMilliseconds(),
            PriceCents = Cents(item.Price),
            FreightValueCents = Cents(item.FreightValue),
        }));
        proto.Payments.AddRange(order.Payments.Select(payment => new P.OrderPayment
        {
            Sequential = payment.Sequential,
            Type = (P.PaymentType)(int)payment.Type,
            Installments = payment.Installments,
            ValueCents = Cents(payment.Value),
        }));
        return proto;
    }

    public static P.SmallEvent ToProto(C.SmallEvent small) => new()
    {
        Id = small.Id,
        Count = small.Count,
        Active = small.Active,
        Code = small.Code,
    };

    public static P.LargeEvent ToProto(C.LargeEvent large)
    {
        var proto = new P.LargeEvent
        {
            EventId = large.EventId.ToString("D"),
            Source = large.Source,
            Type = large.Type,
            Subject = large.Subject,
            CorrelationId = large.CorrelationId,
            SequenceNumber = large.SequenceNumber,
            Version = large.Version,
            OccurredAtUs = (large.OccurredAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10,
            RecordedAtMs = large.RecordedAt.ToUnixTimeMilliseconds(),
            Amount = large.Amount,
            Tax = large.Tax,
            Ratio = large.Ratio,
            IsTest = large.IsTest,
            IsReplay = large.IsReplay,
            Priority = (P.Priority)(int)large.Priority,
            Billing = ToProto(large.Billing),
            Shipping = large.Shipping is null ? null : ToProto(large.Shipping),
            Payload = ByteString.CopyFrom(large.Payload),
        };
        if (large.Note is { } note)
        {
            proto.Note = note;
        }

        if (large.RetryCount is { } retries)
        {
            proto.RetryCount = retries;
        }

        foreach (C.LineItem line in large.Lines)
        {
            var item = new P.LineItem { Sku = line.Sku, Quantity = line.Quantity, UnitPrice = line.UnitPrice };
            if (line.Discount is { } discount)
            {
                item.Discount = discount;
            }

            item.Tags.AddRange(line.Tags);
            proto.Lines.Add(item);
        }

        proto.Samples.AddRange(large.Samples);
        proto.Labels.AddRange(large.Labels);
        proto.Counters.Add(large.Counters);
        return proto;
    }

    private static P.PostalAddress ToProto(C.PostalAddress address)
    {
        var proto = new P.PostalAddress { Street = address.Street, City = address.City, PostalCode = address.PostalCode, Country = address.Country };
        if (address.Latitude is { } latitude)
        {
            proto.Latitude = latitude;
        }

        if (address.Longitude is { } longitude)
        {
            proto.Longitude = longitude;
        }

        return proto;
    }

    private static long Cents(decimal value) => decimal.ToInt64(value * 100m) is var cents && cents == value * 100m
        ? cents
        : throw new ArgumentException($"{value} has more than two decimal places.", nameof(value));
}
