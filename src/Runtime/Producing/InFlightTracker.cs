using System.Collections.Generic;
using System.Threading;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>A one-shot message handed to librdkafka (ProduceAsync) whose delivery report has not arrived yet.</summary>
internal interface IInFlightDelivery
{
    IInFlightDelivery? Previous { get; set; }

    IInFlightDelivery? Next { get; set; }

    /// <summary>Fails the delivery with <paramref name="error"/> (the caller's task or handler sees it) and describes it.</summary>
    UndeliveredMessage? Abandon(Error error);
}

/// <summary>
/// Every message of a connection that awaits its delivery report, kept in one <see cref="InFlightList"/> per typed
/// producer (so producers of different contracts share no state). Shutdown purges what its bounded flush could not
/// deliver, and librdkafka reports each purged message; these lists are the last resort for a message whose report
/// still does not come (shutdown fails and reports it), and the count the health check reads.
/// </summary>
internal sealed class InFlightTracker
{
    private readonly object _gate = new();
    private InFlightList[] _lists = [];

    /// <summary>Messages awaiting a delivery report, over every producer (for diagnostics and tests: it walks every list).</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (InFlightList list in Volatile.Read(ref _lists))
            {
                count += list.Count;
            }

            return count;
        }
    }

    /// <summary>A new list for one producer, included from now on in <see cref="AbandonAll"/>.</summary>
    public InFlightList CreateList()
    {
        var list = new InFlightList();
        lock (_gate)
        {
            _lists = [.. _lists, list];
        }

        return list;
    }

    /// <summary>Fails every tracked delivery with <paramref name="error"/> and returns their descriptions.</summary>
    public List<UndeliveredMessage> AbandonAll(Error error)
    {
        var oneShot = new List<IInFlightDelivery>();
        var reusable = new List<ReusableDelivery>();
        foreach (InFlightList list in Volatile.Read(ref _lists))
        {
            list.ClaimAll(oneShot, reusable);
        }

        var reports = new List<UndeliveredMessage>(oneShot.Count + reusable.Count);
        foreach (IInFlightDelivery delivery in oneShot)
        {
            if (delivery.Abandon(error) is { } report)
            {
                reports.Add(report);
            }
        }

        foreach (ReusableDelivery delivery in reusable)
        {
            if (delivery.Abandon(error) is { } report)
            {
                reports.Add(report);
            }
        }

        return reports;
    }
}
