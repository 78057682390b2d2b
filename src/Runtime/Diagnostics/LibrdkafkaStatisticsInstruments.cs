using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TypedProducer;

/// <summary>
/// librdkafka statistics as observable instruments of the <see cref="TypedProducerTelemetry.MeterName"/> meter, read from
/// the last statistics event of every live producer (the shared one and each transactional one) when a collector asks.
/// Reported only while <c>statistics.interval.ms</c> is set (librdkafka emits nothing otherwise). No messaging
/// convention covers these, so they carry the library's own names; each is tagged with <c>messaging.client.id</c>
/// (librdkafka's instance name), per-broker ones also with <c>typedproducer.broker.id</c> and <c>server.address</c>
/// and <c>server.port</c>. Bootstrap entries (broker id -1) are left out of the per-broker instruments.
/// </summary>
internal static class LibrdkafkaStatisticsInstruments
{
    public const string BrokerId = "typedproducer.broker.id";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";

    // Weak: a source that is not disposed explicitly (a transactional producer dropped with its container) is not kept alive.
    private static readonly List<WeakReference<IStatisticsSource>> s_sources = new();

    static LibrdkafkaStatisticsInstruments()
    {
        Meter meter = TypedProducerTelemetry.Meter;
        meter.CreateObservableUpDownCounter("typedproducer.queue.messages", () => PerClient(static s => s.QueueMessages), "{message}",
            "Messages in librdkafka's producer queues, waiting to be sent or acknowledged (statistics msg_cnt).");
        meter.CreateObservableUpDownCounter("typedproducer.queue.size", () => PerClient(static s => s.QueueBytes), "By",
            "Bytes of the messages in librdkafka's producer queues (statistics msg_size).");
        meter.CreateObservableUpDownCounter("typedproducer.broker.in_flight.messages", () => PerBroker(static b => b.InFlightMessages), "{message}",
            "Messages in requests sent to the broker and awaiting its response (statistics brokers[].waitresp_msg_cnt).");
        meter.CreateObservableCounter("typedproducer.broker.retries", () => PerBroker(static b => b.Retries), "{request}",
            "Requests to the broker retried so far (statistics brokers[].txretries).");
        meter.CreateObservableGauge("typedproducer.broker.rtt", () => PerBrokerRtt(), "s",
            "Average round-trip time to the broker over the last statistics window (statistics brokers[].rtt.avg).");
    }

    /// <summary>Reports <paramref name="source"/>'s statistics from now on (once per source).</summary>
    public static void Add(IStatisticsSource source)
    {
        lock (s_sources)
        {
            foreach (WeakReference<IStatisticsSource> reference in s_sources)
            {
                if (reference.TryGetTarget(out IStatisticsSource? known) && ReferenceEquals(known, source))
                {
                    return;
                }
            }

            s_sources.Add(new WeakReference<IStatisticsSource>(source));
        }
    }

    /// <summary>Stops reporting <paramref name="source"/> (it is disposed).</summary>
    public static void Remove(IStatisticsSource source)
    {
        lock (s_sources)
        {
            s_sources.RemoveAll(reference => !reference.TryGetTarget(out IStatisticsSource? known) || ReferenceEquals(known, source));
        }
    }

    private static List<LibrdkafkaStatistics> Latest()
    {
        var latest = new List<LibrdkafkaStatistics>();
        lock (s_sources)
        {
            s_sources.RemoveAll(static reference => !reference.TryGetTarget(out _));
            foreach (WeakReference<IStatisticsSource> reference in s_sources)
            {
                if (reference.TryGetTarget(out IStatisticsSource? source) && source.LatestStatistics is { } statistics)
                {
                    latest.Add(statistics);
                }
            }
        }

        return latest;
    }

    private static List<Measurement<long>> PerClient(Func<LibrdkafkaStatistics, long> value)
    {
        var measurements = new List<Measurement<long>>();
        foreach (LibrdkafkaStatistics statistics in Latest())
        {
            measurements.Add(new Measurement<long>(value(statistics), new KeyValuePair<string, object?>(MessagingAttributes.ClientId, statistics.Name)));
        }

        return measurements;
    }

    private static List<Measurement<long>> PerBroker(Func<LibrdkafkaBrokerStatistics, long> value)
    {
        var measurements = new List<Measurement<long>>();
        foreach (LibrdkafkaStatistics statistics in Latest())
        {
            foreach (LibrdkafkaBrokerStatistics broker in statistics.Brokers)
            {
                if (broker.NodeId >= 0)
                {
                    measurements.Add(new Measurement<long>(value(broker), BrokerTags(statistics, broker)));
                }
            }
        }

        return measurements;
    }

    private static List<Measurement<double>> PerBrokerRtt()
    {
        var measurements = new List<Measurement<double>>();
        foreach (LibrdkafkaStatistics statistics in Latest())
        {
            foreach (LibrdkafkaBrokerStatistics broker in statistics.Brokers)
            {
                if (broker.NodeId >= 0 && broker.RoundTripMicroseconds is { } microseconds)
                {
                    measurements.Add(new Measurement<double>(microseconds / 1e6, BrokerTags(statistics, broker)));
                }
            }
        }

        return measurements;
    }

    private static TagList BrokerTags(LibrdkafkaStatistics statistics, LibrdkafkaBrokerStatistics broker)
    {
        var tags = new TagList
        {
            { MessagingAttributes.ClientId, statistics.Name },
            { BrokerId, broker.NodeId },
        };
        // nodename is host:port (an IPv6 host keeps its colons: the port follows the last one).
        string node = broker.NodeName;
        int colon = node.LastIndexOf(':');
        tags.Add(ServerAddress, colon > 0 ? node[..colon] : node);
        if (colon > 0 && int.TryParse(node.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port))
        {
            tags.Add(ServerPort, port);
        }

        return tags;
    }
}
