using System.Collections.Generic;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>A message handed to librdkafka whose delivery report has not arrived yet.</summary>
internal interface IInFlightDelivery
{
    IInFlightDelivery? Previous { get; set; }

    IInFlightDelivery? Next { get; set; }

    /// <summary>Fails the delivery with <paramref name="error"/> (the caller's task or handler sees it) and describes it.</summary>
    UndeliveredMessage? Abandon(Error error);
}

/// <summary>
/// The messages awaiting a delivery report, as an intrusive doubly-linked list (no allocation per message).
/// Confluent.Kafka exposes no purge call and its Dispose drops outstanding delivery reports, so this list is
/// how shutdown finds, fails and reports each message that the bounded flush could not deliver.
/// </summary>
internal sealed class InFlightTracker
{
    private readonly object _gate = new();
    private IInFlightDelivery? _head;

    public int Count { get; private set; }

    public void Add(IInFlightDelivery delivery)
    {
        lock (_gate)
        {
            delivery.Next = _head;
            if (_head is not null)
            {
                _head.Previous = delivery;
            }

            _head = delivery;
            Count++;
        }
    }

    /// <summary>Removes <paramref name="delivery"/>; false when it was no longer tracked (abandoned at shutdown).</summary>
    public bool Remove(IInFlightDelivery delivery)
    {
        lock (_gate)
        {
            if (delivery.Previous is null && _head != delivery)
            {
                return false;
            }

            if (delivery.Previous is not null)
            {
                delivery.Previous.Next = delivery.Next;
            }
            else
            {
                _head = delivery.Next;
            }

            if (delivery.Next is not null)
            {
                delivery.Next.Previous = delivery.Previous;
            }

            delivery.Previous = null;
            delivery.Next = null;
            Count--;
            return true;
        }
    }

    /// <summary>Fails every tracked delivery with <paramref name="error"/> and returns their descriptions.</summary>
    public List<UndeliveredMessage> AbandonAll(Error error)
    {
        var abandoned = new List<IInFlightDelivery>();
        lock (_gate)
        {
            for (IInFlightDelivery? node = _head; node is not null;)
            {
                IInFlightDelivery? next = node.Next;
                node.Previous = null;
                node.Next = null;
                abandoned.Add(node);
                node = next;
            }

            _head = null;
            Count = 0;
        }

        var reports = new List<UndeliveredMessage>(abandoned.Count);
        foreach (IInFlightDelivery delivery in abandoned)
        {
            if (delivery.Abandon(error) is { } report)
            {
                reports.Add(report);
            }
        }

        return reports;
    }
}
