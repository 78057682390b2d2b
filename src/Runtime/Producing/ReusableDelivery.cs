using System.Threading;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// A delivery object that serves one message after another (as the handler of librdkafka's delivery report), so that
/// tracking a message allocates nothing in steady state. One compare-and-swap on its state, with no lock,
/// decides who owns the current message: its delivery report (<see cref="TryComplete"/>) or shutdown
/// (<see cref="TryAbandon"/>); whichever loses does nothing.
/// </summary>
internal abstract class ReusableDelivery
{
    private const int Free = 0;
    private const int InFlight = 1;
    private const int Abandoned = 2;

    private int _state;

    /// <summary>The next object in <see cref="InFlightList"/>'s stack of free deliveries.</summary>
    internal ReusableDelivery? NextFree { get; set; }

    /// <summary>True while a message is in flight (neither reported nor abandoned).</summary>
    internal bool IsInFlight => Volatile.Read(ref _state) == InFlight;

    /// <summary>Publishes the message fields set before it: from now on the report or shutdown may claim them.</summary>
    internal void MarkInFlight() => Volatile.Write(ref _state, InFlight);

    /// <summary>Claims the current message for its delivery report; false when shutdown abandoned it first.</summary>
    internal bool TryComplete() => Interlocked.CompareExchange(ref _state, Free, InFlight) == InFlight;

    /// <summary>Claims the current message for shutdown; false when it is not in flight (free, or reported already).</summary>
    internal bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, InFlight) == InFlight;

    /// <summary>Fails the claimed message with <paramref name="error"/> (its handler sees it) and describes it.</summary>
    public abstract UndeliveredMessage? Abandon(Error error);
}
