using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace TypedProducer;

/// <summary>
/// Lets shutdown close the produce path without losing a message in the race between a producing thread and
/// <see cref="KafkaProducerConnection.Shutdown"/>: a produce call enters the gate before it tracks and hands over its
/// message and leaves after; <see cref="Close"/> refuses new entries and waits for those inside to leave, so that every
/// message accepted before the close is tracked (and found by the flush and abandonment that follow), and every call
/// after it is refused.
/// </summary>
/// <remarks>
/// One counter per stripe of threads, each on its own cache line, so producing threads on different cores do not
/// share a line. Entering is one interlocked increment (a full fence) followed by a read of the closed flag; closing is
/// an interlocked write of the flag (a full fence) followed by reads of the counters: whichever side comes second sees
/// the other (Dekker's protocol).
/// </remarks>
internal sealed class ProduceGate
{
    private const int StripeCount = 16; // a power of two

    private readonly Stripe[] _stripes = new Stripe[StripeCount];
    private int _closed;

    /// <summary>True once <see cref="Close"/> has started.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Enters the gate; false (and not entered) once it is closed.</summary>
    /// <param name="stripe">The stripe to pass to <see cref="Exit"/>.</param>
    /// <returns>True when the caller may hand over its message.</returns>
    public bool TryEnter(out int stripe)
    {
        stripe = Environment.CurrentManagedThreadId & (StripeCount - 1);
        Interlocked.Increment(ref _stripes[stripe].Count);
        if (Volatile.Read(ref _closed) == 0)
        {
            return true;
        }

        Interlocked.Decrement(ref _stripes[stripe].Count);
        return false;
    }

    /// <summary>Leaves the gate entered with <see cref="TryEnter"/>.</summary>
    /// <param name="stripe">What <see cref="TryEnter"/> returned.</param>
    public void Exit(int stripe) => Interlocked.Decrement(ref _stripes[stripe].Count);

    /// <summary>Refuses further entries and waits until every caller inside has left (produce calls are short: no I/O).</summary>
    public void Close()
    {
        Interlocked.Exchange(ref _closed, 1);
        var spin = default(SpinWait);
        for (int i = 0; i < StripeCount; i++)
        {
            while (Volatile.Read(ref _stripes[i].Count) != 0)
            {
                spin.SpinOnce();
            }
        }
    }

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Stripe
    {
        // In the middle of 128 bytes: no neighbour on its 64-byte line, whatever the array's alignment.
        [FieldOffset(64)]
        public int Count;
    }
}
