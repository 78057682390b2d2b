using System;
using System.Diagnostics;
using System.Threading;

namespace TypedProducer.FaultSuite;

/// <summary>Every produce call and delivery report of a run, and the final report of each event.</summary>
public sealed class DeliveryLedger(int events)
{
    private readonly DeliveryOutcome[] _final = new DeliveryOutcome[events];
    private readonly int[] _finalReports = new int[events];
    private long _produceCalls;
    private long _reports;
    private long _failedReports;
    private long _duplicateReports;

    /// <summary>Produce calls, every transaction attempt included.</summary>
    public long ProduceCalls => Interlocked.Read(ref _produceCalls);

    /// <summary>Delivery reports received.</summary>
    public long Reports => Interlocked.Read(ref _reports);

    /// <summary>Delivery reports with an error.</summary>
    public long FailedReports => Interlocked.Read(ref _failedReports);

    /// <summary>Events of the idempotent phase that got more than one report (must be 0).</summary>
    public long DuplicateReports => Interlocked.Read(ref _duplicateReports);

    /// <summary>Counts a produce call.</summary>
    public void Produced() => Interlocked.Increment(ref _produceCalls);

    /// <summary>Takes back a produce call that was refused synchronously (no delivery report follows).</summary>
    public void Unproduced() => Interlocked.Decrement(ref _produceCalls);

    /// <summary>Counts a delivery report; <paramref name="final"/> reports are the event's outcome (idempotent phase).</summary>
    public void Report(long sequence, DeliveryOutcome outcome, bool final)
    {
        Interlocked.Increment(ref _reports);
        if (!outcome.Success)
        {
            Interlocked.Increment(ref _failedReports);
        }

        if (final)
        {
            if (Interlocked.Increment(ref _finalReports[sequence]) > 1)
            {
                Interlocked.Increment(ref _duplicateReports);
            }

            _final[sequence] = outcome;
        }
    }

    /// <summary>Records the report of an event in a committed transaction as its outcome.</summary>
    public void Commit(long sequence, DeliveryOutcome outcome)
    {
        Interlocked.Increment(ref _finalReports[sequence]);
        _final[sequence] = outcome;
    }

    /// <summary>The event's outcome, or null when it has none.</summary>
    public DeliveryOutcome? Final(long sequence) => Volatile.Read(ref _finalReports[sequence]) == 0 ? null : _final[sequence];

    /// <summary>Waits until every produce call has its report, up to <paramref name="timeout"/>.</summary>
    public void WaitForReports(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Reports < ProduceCalls && clock.Elapsed < timeout)
        {
            Thread.Sleep(20);
        }
    }
}
