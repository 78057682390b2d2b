using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;
using CsvHelper.Configuration;

namespace CitiBikeRides;

/// <summary>One Citi Bike ride as read from the data set (see ../shared/data/README.md for the columns).</summary>
internal sealed record Ride(
    string RideId,
    BikeType BikeType,
    RiderType RiderType,
    DateTimeOffset Start,
    DateTimeOffset End,
    long DurationMs,
    string StationStart,
    string StationEnd,
    string? NeighborhoodStart,
    string? NeighborhoodEnd,
    string? BoroughStart,
    string? BoroughEnd,
    double? LatStart,
    double? LonStart,
    double? LatEnd,
    double? LonEnd,
    double? DistanceKm);

/// <summary>Reads rides from a Citi Bike CSV (RFC 4180, parsed by CsvHelper) or generates a small day.</summary>
internal static class RideSource
{
    public static List<Ride> Load(string path)
    {
        var rides = new List<Ride>();
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        int row = 0;
        while (csv.Read())
        {
            row++;
            DateTimeOffset start = Instant(csv.GetField("datetime_start")!);
            // The data has no ride id: derive a stable one from the file's day and the row number.
            string rideId = $"{start:yyyyMMdd}-{row:D6}";
            rides.Add(new Ride(
                rideId,
                csv.GetField("bike_type") == "electric" ? BikeType.Electric : BikeType.Classic,
                csv.GetField("rider_type") == "member" ? RiderType.Member : RiderType.Casual,
                start,
                Instant(csv.GetField("datetime_end")!),
                long.Parse(csv.GetField("duration_ms")!, CultureInfo.InvariantCulture),
                csv.GetField("station_start")!,
                csv.GetField("station_end")!,
                Text(csv.GetField("neighborhood_start")),
                Text(csv.GetField("neighborhood_end")),
                Text(csv.GetField("borough_start")),
                Text(csv.GetField("borough_end")),
                Number(csv.GetField("lat_start")),
                Number(csv.GetField("lon_start")),
                Number(csv.GetField("lat_end")),
                Number(csv.GetField("lon_end")),
                Number(csv.GetField("distance_km"))));
        }

        return rides;
    }

    /// <summary>A deterministic synthetic day of <paramref name="count"/> rides, for machines without the data folder.</summary>
    public static List<Ride> Generate(int count)
    {
        var random = new Random(20240305);
        string[] stations = ["W 82 St & Central Park West", "E 4 St & Ave B", "Broadway & W 60 St", "Pier 40 - Hudson River Park", "Fulton St & Clermont Ave"];
        var day = new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero);
        var rides = new List<Ride>(count);
        for (int i = 1; i <= count; i++)
        {
            DateTimeOffset start = day.AddMilliseconds(random.NextInt64(0, 86_400_000));
            long duration = random.NextInt64(60_000, 3_600_000);
            int from = random.Next(stations.Length), to = random.Next(stations.Length);
            rides.Add(new Ride(
                $"{start:yyyyMMdd}-{i:D6}",
                random.Next(2) == 0 ? BikeType.Electric : BikeType.Classic,
                random.Next(4) == 0 ? RiderType.Casual : RiderType.Member,
                start,
                start.AddMilliseconds(duration),
                duration,
                stations[from],
                stations[to],
                null,
                null,
                "Manhattan",
                "Manhattan",
                40.7 + (random.NextDouble() / 10),
                -74.0 + (random.NextDouble() / 10),
                40.7 + (random.NextDouble() / 10),
                -74.0 + (random.NextDouble() / 10),
                random.NextDouble() * 5));
        }

        return rides;
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? Text(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static double? Number(string? text) => string.IsNullOrEmpty(text) ? null : double.Parse(text, CultureInfo.InvariantCulture);
}
