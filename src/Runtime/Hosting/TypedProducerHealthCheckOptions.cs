using System;

namespace TypedProducer;

/// <summary>Thresholds of <see cref="TypedProducerHealthCheck"/>.</summary>
public sealed class TypedProducerHealthCheckOptions
{
    /// <summary>
    /// Degraded when librdkafka's local queue holds at least this fraction of its limit: messages against
    /// <c>queue.buffering.max.messages</c>, or bytes against <c>queue.buffering.max.kbytes</c> (from the statistics when
    /// <c>statistics.interval.ms</c> is set; otherwise messages awaiting a delivery report against the message limit).
    /// A full queue refuses messages (<see cref="ProducerQueueFullException"/>). Between 0 (exclusive) and 1. Default 0.8.
    /// </summary>
    public double QueueDegradedFraction { get; set; } = 0.8;

    /// <summary>How far back failed deliveries and queue-full refusals count. Default 1 minute.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Degraded when at least this many deliveries failed within <see cref="FailureWindow"/>. At least 1. Default 1.</summary>
    public int DegradedFailureCount { get; set; } = 1;

    /// <summary>
    /// How long the check waits for a broker's metadata answer after librdkafka reported all brokers down (the answer
    /// shows whether one is reachable again; librdkafka reports no recovery by itself). Default 2 seconds.
    /// </summary>
    public TimeSpan BrokerProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range (the message names it).</exception>
    internal void Validate()
    {
        if (!(QueueDegradedFraction > 0 && QueueDegradedFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(QueueDegradedFraction), QueueDegradedFraction, "QueueDegradedFraction must be above 0 and at most 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FailureWindow, TimeSpan.Zero, nameof(FailureWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(DegradedFailureCount, 1, nameof(DegradedFailureCount));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BrokerProbeTimeout, TimeSpan.Zero, nameof(BrokerProbeTimeout));
    }
}
