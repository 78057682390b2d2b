using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;
using CsvHelper.Configuration;
using TypedProducer.Benchmarks.Contracts;

namespace TypedProducer.Benchmarks.Data;

/// <summary>RideStarted events from the first rows of a real Citi Bike day, read as the sample reads them (samples/CitiBikeRides/RideSource.cs).</summary>
public static class CitiBikeData
{
    public static List<RideStarted> LoadRideStarted(int count)
    {
        var rides = new List<RideStarted>(count);
        using var reader = new StreamReader(Repository.SharedData("citibike/citibike-trips-2024-03-05.csv"));
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        int row = 0;
        while (rides.Count < count && csv.Read())
        {
            row++;
            DateTimeOffset start = DateTimeOffset.Parse(csv.GetField("datetime_start")!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            rides.Add(new RideStarted(
                string.Create(CultureInfo.InvariantCulture, $"{start:yyyyMMdd}-{row:D6}"),
                csv.GetField("bike_type") == "electric" ? BikeType.Electric : BikeType.Classic,
                csv.GetField("rider_type") == "member" ? RiderType.Member : RiderType.Casual,
                start,
                csv.GetField("station_start")!,
                Text(csv.GetField("neighborhood_start")),
                Text(csv.GetField("borough_start")),
                Number(csv.GetField("lat_start")),
                Number(csv.GetField("lon_start"))));
        }

        return rides;
    }

    private static string? Text(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static double? Number(string? text) => string.IsNullOrEmpty(text) ? null : double.Parse(text, CultureInfo.InvariantCulture);
}
