using System;
using System.Collections.Generic;
using System.Threading;

namespace TypedProducer;

/// <summary>
/// One producer's messages awaiting a delivery report.
/// <para>
/// <see cref="ReusableDelivery"/> objects (Produce calls) cost no lock on the report side: the report claims its
/// message with a compare-and-swap and pushes the object onto a lock-free stack; producing threads take the whole
/// stack at once (an exchange, so no ABA) and hand its objects out one at a time under a lock of their own. Every
/// such object ever created is listed, so that shutdown can find those in flight. At most
/// <see cref="MaxReusable"/> are created (about 150 bytes each with their delegate: 5 MB at most, kept once a burst
/// has needed them); beyond that, and for one-shot
/// deliveries (ProduceAsync), deliveries are kept in an intrusive doubly-linked list under <see cref="Gate"/>.
/// </para>
/// </summary>
internal sealed class InFlightList
{
    /// <summary>Most reusable deliveries one producer keeps (the in-flight count they cover).</summary>
    public const int MaxReusable = 32768;

    private readonly object _takeGate = new();
    private ReusableDelivery? _free;
    private ReusableDelivery? _taken; // taken from _free, guarded by _takeGate
    private ReusableDelivery[] _all = new ReusableDelivery[64];
    private int _allCount;
    private IInFlightDelivery? _head;

    private int _oneShotCount; // guarded by Gate

    /// <summary>The lock that guards the list of one-shot deliveries.</summary>
    public object Gate { get; } = new();

    /// <summary>Messages awaiting a delivery report (counts every reusable delivery: for diagnostics and tests, not the hot path).</summary>
    public int Count
    {
        get
        {
            int count;
            lock (Gate)
            {
                count = _oneShotCount;
            }

            lock (_takeGate)
            {
                for (int i = 0; i < _allCount; i++)
                {
                    if (_all[i].IsInFlight)
                    {
                        count++;
                    }
                }
            }

            return count;
        }
    }

    /// <summary>A free reusable delivery, or null when none is free.</summary>
    public ReusableDelivery? TakeFree()
    {
        lock (_takeGate)
        {
            // Take the whole shared stack at once: the stack's head then moves between the reporting thread and the
            // producing threads once per batch rather than once per message (a cache line passed between cores).
            ReusableDelivery? delivery = _taken ?? Interlocked.Exchange(ref _free, null);
            if (delivery is not null)
            {
                _taken = delivery.NextFree;
                delivery.NextFree = null;
            }

            return delivery;
        }
    }

    /// <summary>Lists a newly created reusable delivery; false when <see cref="MaxReusable"/> exist already (track it with <see cref="Add"/> instead).</summary>
    public bool TryRegister(ReusableDelivery delivery)
    {
        lock (_takeGate)
        {
            if (_allCount == MaxReusable)
            {
                return false;
            }

            if (_allCount == _all.Length)
            {
                Array.Resize(ref _all, _all.Length * 2);
            }

            _all[_allCount++] = delivery;
            return true;
        }
    }

    /// <summary>Returns a reusable delivery whose message was claimed (<see cref="ReusableDelivery.TryComplete"/>) and whose fields were read.</summary>
    public void Release(ReusableDelivery delivery)
    {
        ReusableDelivery? head;
        do
        {
            head = Volatile.Read(ref _free);
            delivery.NextFree = head;
        }
        while (Interlocked.CompareExchange(ref _free, delivery, head) != head);
    }

    /// <summary>Tracks a one-shot delivery.</summary>
    public void Add(IInFlightDelivery delivery)
    {
        lock (Gate)
        {
            delivery.Previous = null;
            delivery.Next = _head;
            if (_head is not null)
            {
                _head.Previous = delivery;
            }

            _head = delivery;
            _oneShotCount++;
        }
    }

    /// <summary>Stops tracking a one-shot delivery; false when it was no longer tracked (abandoned at shutdown).</summary>
    public bool Remove(IInFlightDelivery delivery)
    {
        lock (Gate)
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
            _oneShotCount--;
            return true;
        }
    }

    /// <summary>
    /// Claims every message in flight for shutdown: one-shot deliveries are unlinked, reusable ones are marked
    /// abandoned (never reused again). Their later delivery reports, if any, find them claimed and do nothing.
    /// </summary>
    public void ClaimAll(List<IInFlightDelivery> oneShot, List<ReusableDelivery> reusable)
    {
        lock (Gate)
        {
            for (IInFlightDelivery? node = _head; node is not null;)
            {
                IInFlightDelivery? next = node.Next;
                node.Previous = null;
                node.Next = null;
                oneShot.Add(node);
                node = next;
            }

            _head = null;
            _oneShotCount = 0;
        }

        ReusableDelivery[] all;
        int count;
        lock (_takeGate)
        {
            all = _all;
            count = _allCount;
        }

        for (int i = 0; i < count; i++)
        {
            if (all[i].TryAbandon())
            {
                reusable.Add(all[i]);
            }
        }
    }
}
