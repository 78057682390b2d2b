using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace TypedProducer;

/// <summary>
/// One producer's messages awaiting a delivery report, as an intrusive doubly-linked list, plus a bounded stack of
/// finished deliveries kept for reuse, so that in steady state tracking a message allocates nothing: the delivery
/// object and its callback delegate (which Confluent.Kafka needs per message) are taken back from the stack.
/// Methods named <c>...Locked</c> require <see cref="Gate"/> to be held, so that a caller can take a finished
/// delivery, fill it and link it, or unlink it, read it and recycle it, in one critical section.
/// </summary>
internal sealed class InFlightList
{
    /// <summary>
    /// At most this many finished deliveries are kept for reuse (about 128 bytes each with their delegate); the
    /// rest of a burst is left to the garbage collector.
    /// </summary>
    public const int MaxRecycled = 4096;

    private IInFlightDelivery? _head;
    private IInFlightDelivery? _recycled;
    private int _recycledCount;

    /// <summary>The lock that guards this list.</summary>
    public object Gate { get; } = new();

    /// <summary>Messages awaiting a delivery report.</summary>
    public int Count { get; private set; }

    public void Add(IInFlightDelivery delivery)
    {
        lock (Gate)
        {
            LinkLocked(delivery);
        }
    }

    /// <summary>Removes <paramref name="delivery"/>; false when it was no longer tracked (abandoned at shutdown).</summary>
    public bool Remove(IInFlightDelivery delivery)
    {
        lock (Gate)
        {
            return UnlinkLocked(delivery);
        }
    }

    public void LinkLocked(IInFlightDelivery delivery)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "The caller holds Gate.");
        delivery.Previous = null;
        delivery.Next = _head;
        if (_head is not null)
        {
            _head.Previous = delivery;
        }

        _head = delivery;
        Count++;
    }

    /// <summary>Unlinks <paramref name="delivery"/>; false when it was not linked (abandoned at shutdown, or never added).</summary>
    public bool UnlinkLocked(IInFlightDelivery delivery)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "The caller holds Gate.");
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

    /// <summary>
    /// Keeps an unlinked, finished <paramref name="delivery"/> for reuse (unless <see cref="MaxRecycled"/> are kept
    /// already). Never pass one that was abandoned: its delivery report may still arrive.
    /// </summary>
    public void RecycleLocked(IInFlightDelivery delivery)
    {
        Debug.Assert(Monitor.IsEntered(Gate), "The caller holds Gate.");
        if (_recycledCount < MaxRecycled)
        {
            // Next doubles as the stack link; Previous stays null, so UnlinkLocked sees the delivery as not tracked.
            delivery.Next = _recycled;
            _recycled = delivery;
            _recycledCount++;
        }
    }

    /// <summary>A delivery kept by <see cref="RecycleLocked"/>, or null.</summary>
    public IInFlightDelivery? TakeRecycledLocked()
    {
        Debug.Assert(Monitor.IsEntered(Gate), "The caller holds Gate.");
        IInFlightDelivery? delivery = _recycled;
        if (delivery is not null)
        {
            _recycled = delivery.Next;
            delivery.Next = null;
            _recycledCount--;
        }

        return delivery;
    }

    /// <summary>Unlinks every tracked delivery into <paramref name="into"/>; later delivery reports for them find them untracked.</summary>
    public void DetachAll(List<IInFlightDelivery> into)
    {
        lock (Gate)
        {
            for (IInFlightDelivery? node = _head; node is not null;)
            {
                IInFlightDelivery? next = node.Next;
                node.Previous = null;
                node.Next = null;
                into.Add(node);
                node = next;
            }

            _head = null;
            Count = 0;
        }
    }
}
