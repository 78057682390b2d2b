using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using CsvHelper.Configuration;
using TypedProducer.Benchmarks.Contracts;

namespace TypedProducer.Benchmarks.Data;

/// <summary>
/// Olist orders with items and payments from the real CSV rows in ../shared/data/olist. The three files are
/// independent slices (most items and payments belong to orders outside the orders file, see the data
/// README), so each order takes its own items and payments when the slices have them, and otherwise the
/// item group and payment group at the same position: every value is a real row, every order has a real
/// basket (1 to 21 items) and a real payment plan.
/// </summary>
public static class OlistData
{
    private const string LocalTimestamp = "yyyy-MM-dd HH:mm:ss";

    // Olist timestamps are local Brazilian time (BRT, UTC-3, no daylight saving in the data's years after 2019;
    // for a benchmark the fixed offset is what matters: the instants are real).
    private static readonly TimeSpan s_brazil = TimeSpan.FromHours(-3);

    public static List<OrderPlaced> LoadOrders(int count)
    {
        List<(string OrderId, OrderItem Item)> items = ReadItems();
        List<(string OrderId, OrderPayment Payment)> payments = ReadPayments();
        Dictionary<string, List<OrderItem>> itemsByOrder = Group(items);
        Dictionary<string, List<OrderPayment>> paymentsByOrder = Group(payments);
        List<List<OrderItem>> itemGroups = itemsByOrder.Values.ToList();
        List<List<OrderPayment>> paymentGroups = paymentsByOrder.Values.ToList();

        var orders = new List<OrderPlaced>(count);
        using var reader = new StreamReader(Repository.SharedData("olist/olist_orders_dataset.csv"));
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        while (orders.Count < count && csv.Read())
        {
            string orderId = csv.GetField("order_id")!;
            int index = orders.Count;
            orders.Add(new OrderPlaced(
                orderId,
                csv.GetField("customer_id")!,
                Status(csv.GetField("order_status")!),
                Instant(csv.GetField("order_purchase_timestamp"))!.Value,
                Instant(csv.GetField("order_approved_at")),
                Instant(csv.GetField("order_delivered_carrier_date")),
                Instant(csv.GetField("order_delivered_customer_date")),
                Instant(csv.GetField("order_estimated_delivery_date"))!.Value,
                itemsByOrder.TryGetValue(orderId, out List<OrderItem>? own) ? own : itemGroups[index % itemGroups.Count],
                paymentsByOrder.TryGetValue(orderId, out List<OrderPayment>? paid) ? paid : paymentGroups[index % paymentGroups.Count]));
        }

        return orders;
    }

    private static List<(string, OrderItem)> ReadItems()
    {
        var items = new List<(string, OrderItem)>();
        using var reader = new StreamReader(Repository.SharedData("olist/olist_order_items_dataset.csv"));
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            items.Add((csv.GetField("order_id")!, new OrderItem(
                int.Parse(csv.GetField("order_item_id")!, CultureInfo.InvariantCulture),
                csv.GetField("product_id")!,
                csv.GetField("seller_id")!,
                Instant(csv.GetField("shipping_limit_date"))!.Value,
                decimal.Parse(csv.GetField("price")!, CultureInfo.InvariantCulture),
                decimal.Parse(csv.GetField("freight_value")!, CultureInfo.InvariantCulture))));
        }

        return items;
    }

    private static List<(string, OrderPayment)> ReadPayments()
    {
        var payments = new List<(string, OrderPayment)>();
        using var reader = new StreamReader(Repository.SharedData("olist/olist_order_payments_dataset.csv"));
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            payments.Add((csv.GetField("order_id")!, new OrderPayment(
                int.Parse(csv.GetField("payment_sequential")!, CultureInfo.InvariantCulture),
                csv.GetField("payment_type") switch
                {
                    "credit_card" => PaymentType.CreditCard,
                    "boleto" => PaymentType.Boleto,
                    "voucher" => PaymentType.Voucher,
                    "debit_card" => PaymentType.DebitCard,
                    _ => PaymentType.NotDefined,
                },
                int.Parse(csv.GetField("payment_installments")!, CultureInfo.InvariantCulture),
                decimal.Parse(csv.GetField("payment_value")!, CultureInfo.InvariantCulture))));
        }

        return payments;
    }

    private static Dictionary<string, List<T>> Group<T>(List<(string Key, T Value)> rows)
    {
        var groups = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach ((string key, T value) in rows)
        {
            if (!groups.TryGetValue(key, out List<T>? group))
            {
                groups[key] = group = new List<T>();
            }

            group.Add(value);
        }

        return groups;
    }

    private static OrderStatus Status(string text) => text switch
    {
        "created" => OrderStatus.Created,
        "approved" => OrderStatus.Approved,
        "invoiced" => OrderStatus.Invoiced,
        "processing" => OrderStatus.Processing,
        "shipped" => OrderStatus.Shipped,
        "delivered" => OrderStatus.Delivered,
        "canceled" => OrderStatus.Canceled,
        "unavailable" => OrderStatus.Unavailable,
        _ => throw new FormatException($"Unknown olist order_status '{text}'."),
    };

    private static DateTimeOffset? Instant(string? text) =>
        string.IsNullOrEmpty(text)
            ? null
            : new DateTimeOffset(DateTime.ParseExact(text, LocalTimestamp, CultureInfo.InvariantCulture), s_brazil);
}
