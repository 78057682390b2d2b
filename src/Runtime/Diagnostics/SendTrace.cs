using System.Diagnostics;

namespace TypedProducer;

/// <summary>
/// What one message's telemetry needs between its hand-over to librdkafka and its delivery report: the send span (when
/// a listener sampled it) and the start timestamp of the duration histogram (when a meter listener was attached).
/// Default (both empty) when nothing listens, which costs the produce path two checks and no allocation.
/// </summary>
internal struct SendTrace
{
    /// <summary>The send span, or null.</summary>
    public Activity? Activity;

    /// <summary><see cref="Stopwatch.GetTimestamp"/> at the hand-over when the duration histogram was enabled and no span was started; otherwise 0.</summary>
    public long StartedAt;

    /// <summary>Packs the trace into one reference (the span, or the boxed timestamp; null when empty), for one-shot delivery objects.</summary>
    public readonly object? Pack() => Activity is not null ? Activity : StartedAt != 0 ? (object)StartedAt : null;

    /// <summary>The trace <see cref="Pack"/> made.</summary>
    public static SendTrace Unpack(object? packed) => packed switch
    {
        Activity activity => new SendTrace { Activity = activity },
        long startedAt => new SendTrace { StartedAt = startedAt },
        _ => default,
    };
}
