using System;
using System.Collections.Generic;
using System.Globalization;
using TypedProducer.Benchmarks.Contracts;

namespace TypedProducer.Benchmarks.Data;

/// <summary>Deterministic synthetic records (fixed seeds): a small one and a large one.</summary>
public static class SyntheticData
{
    private static readonly string[] s_words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "lima"];

    public static List<SmallEvent> Small(int count)
    {
        var random = new Random(17);
        var events = new List<SmallEvent>(count);
        for (int i = 0; i < count; i++)
        {
            events.Add(new SmallEvent(random.NextInt64(1, 1L << 40), random.Next(0, 10_000), random.Next(2) == 0, "C" + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture)));
        }

        return events;
    }

    public static List<LargeEvent> Large(int count)
    {
        var random = new Random(42);
        var epoch = new DateTimeOffset(2024, 3, 5, 0, 0, 0, TimeSpan.Zero);
        var events = new List<LargeEvent>(count);
        for (int i = 0; i < count; i++)
        {
            var lines = new List<LineItem>(16);
            for (int l = 0; l < 16; l++)
            {
                lines.Add(new LineItem
                {
                    Sku = "SKU-" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
                    Quantity = random.Next(1, 20),
                    UnitPrice = Math.Round(random.NextDouble() * 500, 2),
                    Discount = random.Next(3) == 0 ? Math.Round(random.NextDouble() * 0.3, 2) : null,
                    Tags = [Word(random), Word(random)],
                });
            }

            var samples = new double[64];
            for (int s = 0; s < samples.Length; s++)
            {
                samples[s] = random.NextDouble() * 1000;
            }

            var counters = new Dictionary<string, long>(8, StringComparer.Ordinal);
            for (int c = 0; c < 8; c++)
            {
                counters[Word(random) + "." + c.ToString(CultureInfo.InvariantCulture)] = random.NextInt64(0, 1L << 33);
            }

            var payload = new byte[256];
            random.NextBytes(payload);
            DateTimeOffset occurred = epoch.AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay)).AddTicks(-(random.Next(10)));
            events.Add(new LargeEvent
            {
                EventId = new Guid(random.Next(), (short)random.Next(), (short)random.Next(), (byte)random.Next(), (byte)random.Next(), (byte)random.Next(), (byte)random.Next(), (byte)random.Next(), (byte)random.Next(), (byte)random.Next(), (byte)random.Next()),
                Source = "urn:bench:" + Word(random) + "-service",
                Type = "bench.synthetic.LargeEvent.v" + random.Next(1, 4).ToString(CultureInfo.InvariantCulture),
                Subject = "accounts/" + random.Next(1, 1_000_000).ToString(CultureInfo.InvariantCulture) + "/orders/" + random.Next(1, 1_000_000).ToString(CultureInfo.InvariantCulture),
                CorrelationId = Guid.NewGuid().ToString("N"),
                SequenceNumber = random.NextInt64(0, long.MaxValue),
                Version = random.Next(1, 10),
                OccurredAt = occurred,
                RecordedAt = occurred.AddMilliseconds(random.Next(1, 5000)),
                Amount = Math.Round(random.NextDouble() * 10_000, 2),
                Tax = Math.Round(random.NextDouble() * 1_000, 2),
                Ratio = (float)random.NextDouble(),
                IsTest = random.Next(10) == 0,
                IsReplay = random.Next(20) == 0,
                Priority = (Priority)random.Next(4),
                Note = random.Next(2) == 0 ? "Deliver to the back door; ring twice. Ref " + Word(random) : null,
                RetryCount = random.Next(3) == 0 ? random.Next(1, 5) : null,
                Billing = Address(random),
                Shipping = random.Next(2) == 0 ? Address(random) : null,
                Lines = lines,
                Samples = samples,
                Labels = [Word(random), Word(random), Word(random), Word(random)],
                Counters = counters,
                Payload = payload,
            });
        }

        return events;
    }

    private static PostalAddress Address(Random random) => new()
    {
        Street = random.Next(1, 999).ToString(CultureInfo.InvariantCulture) + " " + Word(random) + " Street",
        City = char.ToUpperInvariant(Word(random)[0]) + Word(random),
        PostalCode = random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture),
        Country = "BR",
        Latitude = random.Next(4) == 0 ? null : -23.5 + random.NextDouble(),
        Longitude = random.Next(4) == 0 ? null : -46.6 + random.NextDouble(),
    };

    private static string Word(Random random) => s_words[random.Next(s_words.Length)];
}
