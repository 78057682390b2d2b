using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;
using CsvHelper.Configuration;

namespace TypedProducer.FaultSuite;

/// <summary>
/// Builds the run's events from the real data in <c>../shared/data</c> (beside the checkout): Citi Bike rides
/// (RideStarted at the start, RideEnded at the end, keyed by a ride id derived from day and row) and olist order
/// lifecycles (purchased → approved → handed to carrier → delivered, keyed by order id, only the steps that happened).
/// Without the data folder, a deterministic synthetic stand-in of the same shapes (for machines without it).
/// </summary>
public static class EventSource
{
    private static readonly TimeZoneInfo s_saoPaulo = FindSaoPaulo();

    /// <summary>The data folder (<c>../shared/data</c> beside the directory holding TypedProducer.sln), or null when absent.</summary>
    public static string? FindDataDirectory()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedProducer.sln")))
            {
                string data = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : null;
            }
        }

        return null;
    }

    /// <summary>Rides of one Citi Bike file (first <paramref name="limit"/> rows), or synthetic ones.</summary>
    public static List<Ride> LoadRides(string? dataDirectory, string fileName, int limit, int syntheticSeed)
    {
        string? path = dataDirectory is null ? null : Path.Combine(dataDirectory, "citibike", fileName);
        if (path is null || !File.Exists(path))
        {
            return SyntheticRides(limit, syntheticSeed);
        }

        var rides = new List<Ride>();
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        int row = 0;
        while (rides.Count < limit && csv.Read())
        {
            row++;
            DateTimeOffset start = Instant(csv.GetField("datetime_start")!);
            rides.Add(new Ride(
                $"{start:yyyyMMdd}-{row:D6}",
                csv.GetField("bike_type") == "electric" ? BikeType.Electric : BikeType.Classic,
                csv.GetField("rider_type") == "member",
                start,
                Instant(csv.GetField("datetime_end")!),
                long.Parse(csv.GetField("duration_ms")!, CultureInfo.InvariantCulture),
                csv.GetField("station_start")!,
                csv.GetField("station_end")!,
                Number(csv.GetField("lat_start")),
                Number(csv.GetField("lon_start")),
                Number(csv.GetField("distance_km"))));
        }

        return rides;
    }

    /// <summary>Every olist order (at most <paramref name="limit"/>), or synthetic ones.</summary>
    public static List<Order> LoadOrders(string? dataDirectory, int limit, int syntheticSeed)
    {
        string? path = dataDirectory is null ? null : Path.Combine(dataDirectory, "olist", "olist_orders_dataset.csv");
        if (path is null || !File.Exists(path))
        {
            return SyntheticOrders(limit, syntheticSeed);
        }

        var orders = new List<Order>();
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        while (orders.Count < limit && csv.Read())
        {
            DateTimeOffset? purchased = LocalTime(csv.GetField("order_purchase_timestamp"));
            if (purchased is null)
            {
                continue;
            }

            orders.Add(new Order(
                csv.GetField("order_id")!,
                csv.GetField("customer_id")!,
                csv.GetField("order_status")!,
                purchased.Value,
                LocalTime(csv.GetField("order_approved_at")),
                LocalTime(csv.GetField("order_delivered_carrier_date")),
                LocalTime(csv.GetField("order_delivered_customer_date")),
                LocalTime(csv.GetField("order_estimated_delivery_date"))));
        }

        return orders;
    }

    /// <summary>
    /// The events of <paramref name="rides"/> and <paramref name="orders"/>, each stream in event-time order (a key's
    /// events in their natural order), the two streams interleaved evenly; sequences from <paramref name="firstSequence"/>.
    /// </summary>
    public static List<FaultEvent> ToEvents(IReadOnlyList<Ride> rides, IReadOnlyList<Order> orders, long firstSequence)
    {
        var rideEvents = new List<(DateTimeOffset At, int Step, string Key, Func<long, FaultEvent> Create)>(rides.Count * 2);
        foreach (Ride ride in rides)
        {
            Ride r = ride;
            rideEvents.Add((r.Start, 0, r.RideId, s => new FaultEvent<RideStarted>(s, r.RideId, r.Start, new RideStarted(r.RideId, s, r.BikeType, r.Member, r.Start, r.StationStart, r.Latitude, r.Longitude), nameof(RideStarted.StartedAt))));
            // Clock skew in the data can put an end before its start: the key's order is start, then end.
            DateTimeOffset end = r.End < r.Start ? r.Start : r.End;
            rideEvents.Add((end, 1, r.RideId, s => new FaultEvent<RideEnded>(s, r.RideId, r.End, new RideEnded(r.RideId, s, r.End, r.StationEnd, r.DurationMs, r.DistanceKm), nameof(RideEnded.EndedAt))));
        }

        var orderEvents = new List<(DateTimeOffset At, int Step, string Key, Func<long, FaultEvent> Create)>(orders.Count * 4);
        foreach (Order order in orders)
        {
            Order o = order;
            DateTimeOffset at = o.PurchasedAt;
            orderEvents.Add((at, 0, o.OrderId, s => new FaultEvent<OrderPurchased>(s, o.OrderId, o.PurchasedAt, new OrderPurchased(o.OrderId, s, o.CustomerId, o.Status, o.PurchasedAt, o.EstimatedDeliveryAt), nameof(OrderPurchased.PurchasedAt))));
            // The data's steps are not always chronological (a carrier date before the approval): a step's place in the
            // stream is never before the previous step's, so each order's events keep their lifecycle order.
            if (o.ApprovedAt is { } approved)
            {
                at = Max(at, approved);
                orderEvents.Add((at, 1, o.OrderId, s => new FaultEvent<OrderApproved>(s, o.OrderId, approved, new OrderApproved(o.OrderId, s, approved), nameof(OrderApproved.ApprovedAt))));
            }

            if (o.HandedToCarrierAt is { } handed)
            {
                at = Max(at, handed);
                orderEvents.Add((at, 2, o.OrderId, s => new FaultEvent<OrderHandedToCarrier>(s, o.OrderId, handed, new OrderHandedToCarrier(o.OrderId, s, handed), nameof(OrderHandedToCarrier.HandedAt))));
            }

            if (o.DeliveredAt is { } delivered)
            {
                at = Max(at, delivered);
                orderEvents.Add((at, 3, o.OrderId, s => new FaultEvent<OrderDelivered>(s, o.OrderId, delivered, new OrderDelivered(o.OrderId, s, delivered), nameof(OrderDelivered.DeliveredAt))));
            }
        }

        Comparison<(DateTimeOffset At, int Step, string Key, Func<long, FaultEvent> Create)> byTime =
            (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Step != b.Step ? a.Step.CompareTo(b.Step) : string.CompareOrdinal(a.Key, b.Key);
        rideEvents.Sort(byTime);
        orderEvents.Sort(byTime);

        var events = new List<FaultEvent>(rideEvents.Count + orderEvents.Count);
        int ri = 0, oi = 0;
        long sequence = firstSequence;
        while (ri < rideEvents.Count || oi < orderEvents.Count)
        {
            // Take from the stream that is further behind in proportion to its length.
            bool takeRide = oi >= orderEvents.Count
                || (ri < rideEvents.Count && (long)ri * orderEvents.Count <= (long)oi * rideEvents.Count);
            events.Add(takeRide ? rideEvents[ri++].Create(sequence++) : orderEvents[oi++].Create(sequence++));
        }

        return events;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static List<Ride> SyntheticRides(int count, int seed)
    {
        var random = new Random(seed);
        string[] stations = ["W 82 St & Central Park West", "E 4 St & Ave B", "Broadway & W 60 St", "Pier 40 - Hudson River Park", "Fulton St & Clermont Ave"];
        var day = new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero).AddDays(seed % 20);
        var rides = new List<Ride>(count);
        for (int i = 1; i <= count; i++)
        {
            DateTimeOffset start = day.AddMilliseconds(random.NextInt64(0, 86_400_000));
            long duration = random.NextInt64(60_000, 3_600_000);
            rides.Add(new Ride(
                $"{start:yyyyMMdd}-{i:D6}", random.Next(2) == 0 ? BikeType.Electric : BikeType.Classic, random.Next(4) != 0,
                start, start.AddMilliseconds(duration), duration, stations[random.Next(stations.Length)], stations[random.Next(stations.Length)],
                40.7 + (random.NextDouble() / 10), -74.0 + (random.NextDouble() / 10), random.NextDouble() * 5));
        }

        return rides;
    }

    private static List<Order> SyntheticOrders(int count, int seed)
    {
        var random = new Random(seed);
        var orders = new List<Order>(count);
        var start = new DateTimeOffset(2017, 10, 2, 10, 0, 0, TimeSpan.FromHours(-3));
        for (int i = 0; i < count; i++)
        {
            DateTimeOffset purchased = start.AddMinutes(random.Next(0, 500_000));
            int steps = random.Next(1, 5);
            orders.Add(new Order(
                Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())),
                Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())),
                steps == 4 ? "delivered" : "shipped",
                purchased,
                steps >= 2 ? purchased.AddHours(random.Next(1, 48)) : null,
                steps >= 3 ? purchased.AddDays(random.Next(2, 5)) : null,
                steps >= 4 ? purchased.AddDays(random.Next(6, 20)) : null,
                purchased.AddDays(25)));
        }

        return orders;
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    // olist timestamps are local Brazilian time without an offset (../shared/data/README.md).
    private static DateTimeOffset? LocalTime(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        DateTime local = DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None);
        TimeSpan offset = s_saoPaulo.IsInvalidTime(local) ? s_saoPaulo.BaseUtcOffset : s_saoPaulo.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static double? Number(string? text) => string.IsNullOrEmpty(text) ? null : double.Parse(text, CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindSaoPaulo()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("BRT", TimeSpan.FromHours(-3), "BRT", "BRT");
        }
    }
}

/// <summary>A Citi Bike ride (columns in ../shared/data/README.md).</summary>
public sealed record Ride(string RideId, BikeType BikeType, bool Member, DateTimeOffset Start, DateTimeOffset End, long DurationMs, string StationStart, string StationEnd, double? Latitude, double? Longitude, double? DistanceKm);

/// <summary>An olist order and the times of its lifecycle steps (null: the step never happened).</summary>
public sealed record Order(string OrderId, string CustomerId, string Status, DateTimeOffset PurchasedAt, DateTimeOffset? ApprovedAt, DateTimeOffset? HandedToCarrierAt, DateTimeOffset? DeliveredAt, DateTimeOffset? EstimatedDeliveryAt);
