using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Confluent.Kafka;
using TypedProducer;

namespace CitiBikeRides;

/// <summary>
/// A ride event in event-time order; <see cref="Sequence"/> is its position in the produce order. <see cref="Event"/>
/// is the <see cref="RideStarted"/> or <see cref="RideEnded"/> the reader checks against; <see cref="Payload"/> is the
/// contract produced in the chosen format (the same object for Avro).
/// </summary>
internal sealed record RideEvent(int Sequence, DateTimeOffset At, object Event, object Payload)
{
    public string RideId => Event switch
    {
        RideStarted started => started.RideId,
        RideEnded ended => ended.RideId,
        _ => throw new InvalidOperationException(),
    };
}

internal sealed record PublishResult(int Produced, int Delivered, int Failed, TimeSpan Elapsed);

/// <summary>Produces ride events through the generated producers of every format, injected by DI.</summary>
internal sealed class RidePublisher(
    IRideStartedProducer started,
    IRideEndedProducer ended,
    IRideStartedProtoProducer startedProto,
    IRideEndedProtoProducer endedProto,
    IRideStartedJsonProducer startedJson,
    IRideEndedJsonProducer endedJson,
    KafkaProducerConnection connection)
{
    public static List<RideEvent> ToEvents(IReadOnlyList<Ride> rides, RideFormat format)
    {
        var events = new List<(DateTimeOffset At, int Order, object Event)>(rides.Count * 2);
        foreach (Ride ride in rides)
        {
            events.Add((ride.Start, 0, new RideStarted(ride.RideId, ride.BikeType, ride.RiderType, ride.Start, ride.StationStart, ride.NeighborhoodStart, ride.BoroughStart, ride.LatStart, ride.LonStart)));
            events.Add((ride.End, 1, new RideEnded(ride.RideId, ride.End, ride.StationEnd, ride.NeighborhoodEnd, ride.BoroughEnd, ride.LatEnd, ride.LonEnd, ride.DurationMs, ride.DistanceKm)));
        }

        // Event-time order; at equal times a ride's start comes first. List.Sort is unstable, so the
        // tie-breakers make the order total.
        events.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Order != b.Order ? a.Order.CompareTo(b.Order) : string.CompareOrdinal(Id(a.Event), Id(b.Event)));
        var ordered = new List<RideEvent>(events.Count);
        for (int i = 0; i < events.Count; i++)
        {
            ordered.Add(new RideEvent(i, events[i].At, events[i].Event, ToPayload(events[i].Event, format)));
        }

        return ordered;

        static string Id(object e) => e is RideStarted s ? s.RideId : ((RideEnded)e).RideId;
    }

    /// <summary>The event as the chosen format's contract (built before producing, so the timing covers producing only).</summary>
    private static object ToPayload(object e, RideFormat format) => (e, format) switch
    {
        (_, RideFormat.Avro) => e,
        (RideStarted s, RideFormat.Protobuf) => new RideStartedProto(s.RideId, s.BikeType, s.RiderType, s.StartedAt, s.StationName, s.Neighborhood, s.Borough, s.Latitude, s.Longitude),
        (RideEnded x, RideFormat.Protobuf) => new RideEndedProto(x.RideId, x.EndedAt, x.StationName, x.Neighborhood, x.Borough, x.Latitude, x.Longitude, x.DurationMs, x.DistanceKm),
        (RideStarted s, RideFormat.Json) => new RideStartedJson(s.RideId, s.BikeType, s.RiderType, s.StartedAt, s.StationName, s.Neighborhood, s.Borough, s.Latitude, s.Longitude),
        (RideEnded x, RideFormat.Json) => new RideEndedJson(x.RideId, x.EndedAt, x.StationName, x.Neighborhood, x.Borough, x.Latitude, x.Longitude, x.DurationMs, x.DistanceKm),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The inverse of <see cref="ToPayload"/>: a format's contract as the <see cref="RideStarted"/> or <see cref="RideEnded"/> it was built from.</summary>
    public static object ToEvent(object payload) => payload switch
    {
        RideStarted or RideEnded => payload,
        RideStartedProto s => new RideStarted(s.RideId, s.BikeType, s.RiderType, s.StartedAt, s.StationName, s.Neighborhood, s.Borough, s.Latitude, s.Longitude),
        RideEndedProto x => new RideEnded(x.RideId, x.EndedAt, x.StationName, x.Neighborhood, x.Borough, x.Latitude, x.Longitude, x.DurationMs, x.DistanceKm),
        RideStartedJson s => new RideStarted(s.RideId, s.BikeType, s.RiderType, s.StartedAt, s.StationName, s.Neighborhood, s.Borough, s.Latitude, s.Longitude),
        RideEndedJson x => new RideEnded(x.RideId, x.EndedAt, x.StationName, x.Neighborhood, x.Borough, x.Latitude, x.Longitude, x.DurationMs, x.DistanceKm),
        _ => throw new ArgumentException($"Not a ride contract: {payload.GetType().Name}.", nameof(payload)),
    };

    public PublishResult PublishAll(IReadOnlyList<RideEvent> events)
    {
        int delivered = 0, failed = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (RideEvent rideEvent in events)
        {
            while (true)
            {
                try
                {
                    switch (rideEvent.Payload)
                    {
                        case RideStarted s: started.Produce(s, report => Count(report.IsSuccess)); break;
                        case RideEnded e: ended.Produce(e, report => Count(report.IsSuccess)); break;
                        case RideStartedProto s: startedProto.Produce(s, report => Count(report.IsSuccess)); break;
                        case RideEndedProto e: endedProto.Produce(e, report => Count(report.IsSuccess)); break;
                        case RideStartedJson s: startedJson.Produce(s, report => Count(report.IsSuccess)); break;
                        case RideEndedJson e: endedJson.Produce(e, report => Count(report.IsSuccess)); break;
                    }

                    break;
                }
                catch (ProducerQueueFullException)
                {
                    // librdkafka's local queue is full (queue.buffering.max.messages): wait for deliveries.
                    Thread.Sleep(5);
                }
            }
        }

        int outstanding = connection.Flush(TimeSpan.FromSeconds(60));
        stopwatch.Stop();
        if (outstanding > 0)
        {
            Console.WriteLine($"warning: {outstanding} events still outstanding after 60 s");
        }

        return new PublishResult(events.Count, delivered, failed, stopwatch.Elapsed);

        void Count(bool success)
        {
            if (success)
            {
                Interlocked.Increment(ref delivered);
            }
            else
            {
                Interlocked.Increment(ref failed);
            }
        }
    }
}
