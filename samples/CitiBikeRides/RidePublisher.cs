using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Confluent.Kafka;
using TypedProducer;

namespace CitiBikeRides;

/// <summary>A ride event in event-time order; <see cref="Sequence"/> is its position in the produce order.</summary>
internal sealed record RideEvent(int Sequence, DateTimeOffset At, object Event)
{
    public string RideId => Event switch
    {
        RideStarted started => started.RideId,
        RideEnded ended => ended.RideId,
        _ => throw new InvalidOperationException(),
    };
}

internal sealed record PublishResult(int Produced, int Delivered, int Failed, TimeSpan Elapsed);

/// <summary>Produces ride events through the generated producers, injected by DI.</summary>
internal sealed class RidePublisher(IRideStartedProducer started, IRideEndedProducer ended, KafkaProducerConnection connection)
{
    public static List<RideEvent> ToEvents(IReadOnlyList<Ride> rides)
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
            ordered.Add(new RideEvent(i, events[i].At, events[i].Event));
        }

        return ordered;

        static string Id(object e) => e is RideStarted s ? s.RideId : ((RideEnded)e).RideId;
    }

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
                    if (rideEvent.Event is RideStarted s)
                    {
                        started.Produce(s, report => Count(report.IsSuccess));
                    }
                    else
                    {
                        ended.Produce((RideEnded)rideEvent.Event, report => Count(report.IsSuccess));
                    }

                    break;
                }
                catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
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
