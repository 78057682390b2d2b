using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Confluent.Kafka;
using TypedProducer;
using TypedProducer.Partitioning;

namespace CitiBikeRides;

internal sealed record DecodedRecord(int Partition, long Offset, string? Key, string RecordName, IReadOnlyDictionary<string, object?> Value);

internal sealed record VerificationResult(
    int Consumed,
    int Lost,
    int Duplicated,
    int OrderViolations,
    int Mismatched,
    int PartitionMismatches,
    long Bytes,
    IReadOnlyDictionary<int, int> PerPartition,
    IReadOnlyList<DecodedRecord> Samples);

/// <summary>
/// Reads every record of the topic back with a Confluent.Kafka consumer, reads each value with the generated
/// deserializer of the contract its writer schema names (the schema fetched by the id in its Confluent header from the
/// registry the producers registered with; <see cref="RideDecoder"/>), and checks it equals the contract produced.
/// </summary>
/// <remarks>
/// A <c>read_committed</c> consumer, as applications read a log that may hold transactions (KIP-98). A partition is
/// done when the consumer reports its end (<c>enable.partition.eof</c>) at or past the end offset seen at the start,
/// never by waiting for the record at the last offset: that offset may hold a transaction marker, which consumers never
/// receive. (The embedded mock cluster serves aborted records even to read_committed consumers; this sample writes no
/// transactions.)
/// </remarks>
internal static class RideVerifier
{
    public static VerificationResult ReadBack(string bootstrapServers, string topic, int partitionCount, RideDecoder decoder, IReadOnlyList<RideEvent> produced)
    {
        var expected = new Dictionary<(string RideId, string Type), RideEvent>(produced.Count);
        foreach (RideEvent e in produced)
        {
            expected[(e.RideId, e.Event.GetType().Name)] = e;
        }

        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "citibike-rides-verifier",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
            EnablePartitionEof = true,
        };
        using IConsumer<byte[]?, byte[]> consumer = new ConsumerBuilder<byte[]?, byte[]>(config).Build();
        var remaining = new Dictionary<int, long>();
        var assignment = new List<TopicPartitionOffset>();
        for (int p = 0; p < partitionCount; p++)
        {
            WatermarkOffsets watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            if (watermarks.High > watermarks.Low)
            {
                remaining[p] = watermarks.High.Value;
                assignment.Add(new TopicPartitionOffset(topic, p, watermarks.Low));
            }
        }

        consumer.Assign(assignment);
        var seen = new HashSet<(string, string)>();
        var readOrder = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var perPartition = new SortedDictionary<int, int>();
        var samples = new List<DecodedRecord>();
        int consumed = 0, duplicated = 0, mismatched = 0, partitionMismatches = 0;
        long bytes = 0;
        DateTime deadline = DateTime.UtcNow.AddMinutes(2);
        while (remaining.Count > 0 && DateTime.UtcNow < deadline)
        {
            ConsumeResult<byte[]?, byte[]>? result = consumer.Consume(TimeSpan.FromSeconds(1));
            if (result is null)
            {
                continue;
            }

            int partition = result.Partition.Value;
            if (result.IsPartitionEOF)
            {
                if (remaining.TryGetValue(partition, out long end) && result.Offset.Value >= end)
                {
                    remaining.Remove(partition);
                }

                continue;
            }

            consumed++;
            bytes += (result.Message.Key?.Length ?? 0) + result.Message.Value.Length;
            perPartition[partition] = perPartition.GetValueOrDefault(partition) + 1;

            // The key's partition must be the one the Java client would choose.
            if (result.Message.Key is { } keyBytes && JavaCompatiblePartitioner.Partition(keyBytes, partitionCount) != partition)
            {
                partitionMismatches++;
            }

            DecodedValue decoded = decoder.Decode(result.Message.Value);
            object rideEvent = RidePublisher.ToEvent(decoded.Payload);
            string recordName = decoded.RecordName;
            string type = rideEvent.GetType().Name;
            string rideId = rideEvent is RideStarted started ? started.RideId : ((RideEnded)rideEvent).RideId;
            string? key = result.Message.Key is null ? null : System.Text.Encoding.UTF8.GetString(result.Message.Key);
            if (samples.Count < 4)
            {
                samples.Add(new DecodedRecord(partition, result.Offset.Value, key, recordName, Fields(rideEvent)));
            }

            if (!seen.Add((rideId, type)))
            {
                duplicated++;
                continue;
            }

            if (!expected.TryGetValue((rideId, type), out RideEvent? original) || key != rideId || !Equals(original.Payload, decoded.Payload))
            {
                mismatched++;
                continue;
            }

            if (!readOrder.TryGetValue(rideId, out List<int>? order))
            {
                readOrder[rideId] = order = new List<int>(2);
            }

            order.Add(original.Sequence);
        }

        int correct = readOrder.Values.Sum(o => o.Count);
        int orderViolations = readOrder.Values.Count(o => !o.SequenceEqual(o.Order()));
        return new VerificationResult(consumed, produced.Count - correct, duplicated, orderViolations, mismatched, partitionMismatches, bytes, perPartition, samples);
    }

    public static string Describe(DecodedRecord record) =>
        $"  p{record.Partition}@{record.Offset} key={record.Key} {record.RecordName} {{ " +
        string.Join(", ", record.Value.Select(pair => $"{pair.Key}={Format(pair.Value)}")) + " }";

    private static string Format(object? value) => value switch
    {
        null => "null",
        DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => "\"" + s + "\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A ride event's fields by the contract's member names (enums by name, instants as read), for printing.</summary>
    private static IReadOnlyDictionary<string, object?> Fields(object rideEvent) => rideEvent switch
    {
        RideStarted s => new Dictionary<string, object?>
        {
            ["RideId"] = s.RideId,
            ["BikeType"] = s.BikeType.ToString(),
            ["RiderType"] = s.RiderType.ToString(),
            ["StartedAt"] = s.StartedAt,
            ["StationName"] = s.StationName,
            ["Neighborhood"] = s.Neighborhood,
            ["Borough"] = s.Borough,
            ["Latitude"] = s.Latitude,
            ["Longitude"] = s.Longitude,
        },
        RideEnded e => new Dictionary<string, object?>
        {
            ["RideId"] = e.RideId,
            ["EndedAt"] = e.EndedAt,
            ["StationName"] = e.StationName,
            ["Neighborhood"] = e.Neighborhood,
            ["Borough"] = e.Borough,
            ["Latitude"] = e.Latitude,
            ["Longitude"] = e.Longitude,
            ["DurationMs"] = e.DurationMs,
            ["DistanceKm"] = e.DistanceKm,
        },
        _ => throw new ArgumentException($"Not a ride event: {rideEvent.GetType().Name}.", nameof(rideEvent)),
    };
}
