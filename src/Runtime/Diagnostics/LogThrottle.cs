using System;
using System.Collections.Generic;
using System.Threading;

namespace TypedProducer;

/// <summary>
/// Keeps a high-rate log event to a few lines: per key (an event and what distinguishes its lines, such as a topic and
/// an error code), the first <see cref="Burst"/> occurrences of each window of <see cref="Window"/> are logged as they
/// come; later ones in the window are only counted (with the state <typeparamref name="TSummary"/> gathers), and one
/// summary line per key reports them when the window ends (a timer) or at <see cref="Flush"/>. So a broker outage that
/// fails 100,000 messages logs a handful of lines, never one per message.
/// </summary>
/// <typeparam name="TKey">What groups occurrences.</typeparam>
/// <typeparam name="TSummary">What is kept of the suppressed occurrences of one key (a count, sample keys, ...).</typeparam>
internal sealed class LogThrottle<TKey, TSummary> : IDisposable
    where TKey : notnull
    where TSummary : class
{
    private readonly object _gate = new();
    private readonly Dictionary<TKey, Entry> _entries = new();
    private readonly Func<TSummary> _newSummary;
    private readonly Action<TKey, TSummary, TimeSpan> _report;
    private readonly Timer _timer;
    private bool _timerArmed;
    private bool _disposed;

    /// <summary>Creates the throttle.</summary>
    /// <param name="window">The window.</param>
    /// <param name="burst">Occurrences logged in full per key and window.</param>
    /// <param name="newSummary">A fresh summary for a key's first suppressed occurrence in a window.</param>
    /// <param name="report">Logs one key's summary: the key, its summary and the window it covers.</param>
    public LogThrottle(TimeSpan window, int burst, Func<TSummary> newSummary, Action<TKey, TSummary, TimeSpan> report)
    {
        Window = window;
        Burst = burst;
        _newSummary = newSummary;
        _report = report;
        _timer = new Timer(static state => ((LogThrottle<TKey, TSummary>)state!).Flush(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The window.</summary>
    public TimeSpan Window { get; }

    /// <summary>Occurrences logged in full per key and window.</summary>
    public int Burst { get; }

    /// <summary>
    /// Records an occurrence of <paramref name="key"/>: true when it is to be logged in full; false when it was counted
    /// into the key's summary (<paramref name="summarize"/> is called with it under the throttle's lock).
    /// </summary>
    public bool TryLog<TState>(TKey key, TState state, Action<TSummary, TState> summarize)
    {
        long now = Environment.TickCount64;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out Entry? entry) || now - entry.WindowStart >= (long)Window.TotalMilliseconds)
            {
                if (entry?.Summary is { } pending)
                {
                    // A window ended while more came: report it now (the timer would have, a moment later).
                    _report(key, pending, Window);
                }

                entry = new Entry(now);
                _entries[key] = entry;
            }

            if (entry.Logged < Burst)
            {
                entry.Logged++;
                return true;
            }

            summarize(entry.Summary ??= _newSummary(), state);
            if (!_timerArmed && !_disposed)
            {
                _timerArmed = true;
                _timer.Change(Window, Timeout.InfiniteTimeSpan);
            }

            return false;
        }
    }

    /// <summary>Reports every summary gathered so far and forgets them (called by the timer, and at shutdown).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _timerArmed = false;
            foreach (KeyValuePair<TKey, Entry> pair in _entries)
            {
                if (pair.Value.Summary is { } summary)
                {
                    pair.Value.Summary = null;
                    _report(pair.Key, summary, Window);
                }
            }

            _entries.Clear();
        }
    }

    /// <summary>Reports what is pending and stops the timer.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
        Flush();
    }

    private sealed class Entry(long windowStart)
    {
        public long WindowStart { get; } = windowStart;

        public int Logged { get; set; }

        public TSummary? Summary { get; set; }
    }
}
