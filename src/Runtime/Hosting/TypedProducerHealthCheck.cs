using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TypedProducer;

/// <summary>
/// The health of the shared producer (<see cref="KafkaProducerConnection"/>), registered by
/// <c>services.AddHealthChecks().AddTypedProducers()</c>. In order:
/// <list type="number">
/// <item><description><b>Unhealthy</b> (the registration's failure status) after a fatal librdkafka error (rdkafka.h, "Fatal
/// errors": the instance can deliver nothing more; restart the process), or once the producer has shut down.</description></item>
/// <item><description><b>Unhealthy</b> when no broker is reachable: librdkafka reported all brokers down
/// (<c>Local_AllBrokersDown</c>) and nothing since showed one up (a successful delivery, a broker <c>UP</c> in the
/// statistics), and a metadata request gets no answer within <see cref="TypedProducerHealthCheckOptions.BrokerProbeTimeout"/>.</description></item>
/// <item><description><b>Degraded</b> when the local queue holds at least
/// <see cref="TypedProducerHealthCheckOptions.QueueDegradedFraction"/> of its limit, when it refused messages, or when at
/// least <see cref="TypedProducerHealthCheckOptions.DegradedFailureCount"/> deliveries failed within
/// <see cref="TypedProducerHealthCheckOptions.FailureWindow"/>.</description></item>
/// <item><description>Otherwise <b>Healthy</b>.</description></item>
/// </list>
/// The description says why, with the numbers; <see cref="HealthCheckResult.Data"/> has them as values.
/// </summary>
public sealed class TypedProducerHealthCheck : IHealthCheck
{
    // librdkafka's default queue.buffering.max.messages (CONFIGURATION.md).
    private const long DefaultQueueMaxMessages = 100_000;

    private readonly KafkaProducerConnection _connection;
    private readonly TypedProducerHealthCheckOptions _options;
    private readonly object _probeGate = new();
    private Task<string?>? _probe;

    /// <summary>Creates the check.</summary>
    /// <param name="connection">The shared producer.</param>
    /// <param name="options">The thresholds.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public TypedProducerHealthCheck(KafkaProducerConnection connection, TypedProducerHealthCheckOptions? options = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _options = options ?? new TypedProducerHealthCheckOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        HealthStatus failure = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["bootstrap.servers"] = _connection.BootstrapServers };
        if (_connection.FatalError is { } fatal)
        {
            data["fatal.error"] = fatal.Code.ToString();
            return new HealthCheckResult(failure, $"Fatal librdkafka error {fatal.Code} at {fatal.At:u}: {fatal.Reason}. The producer can deliver no more messages; restart the process.", data: data);
        }

        if (_connection.IsShutDown)
        {
            return new HealthCheckResult(failure, "The producer has shut down (the host is stopping): it accepts no more messages.", data: data);
        }

        LibrdkafkaStatistics? statistics = FreshStatistics();
        if (statistics is not null)
        {
            data["brokers.up"] = statistics.Brokers.Count(static b => b.IsUp && b.NodeId >= 0);
        }

        long downAt = _connection.AllBrokersDownAt;
        if (downAt != 0)
        {
            string? probe = await ProbeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (probe is not null && _connection.AllBrokersDownAt != 0)
            {
                double seconds = Math.Max(0, (Environment.TickCount64 - downAt) / 1000.0);
                string last = _connection.LastBrokerErrorText is { } text ? $" (last broker error: {text})" : string.Empty;
                return new HealthCheckResult(failure, string.Create(CultureInfo.InvariantCulture,
                    $"No Kafka broker is reachable: librdkafka reported all brokers of {_connection.BootstrapServers} down {seconds:0} s ago{last}, and a metadata request got no answer within {_options.BrokerProbeTimeout.TotalMilliseconds:0} ms ({probe})."), data: data);
            }
        }

        var reasons = new List<string>();
        AddQueueReasons(statistics, data, reasons);
        int failed = _connection.FailuresWithin(_options.FailureWindow);
        data["deliveries.failed"] = failed;
        if (failed >= _options.DegradedFailureCount && _connection.LastFailure is { } lastFailure)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{failed} deliveries failed in the last {_options.FailureWindow.TotalSeconds:0} s (the last to topic '{lastFailure.Topic}' at {lastFailure.At:u}: {lastFailure.Code}: {lastFailure.Reason})"));
        }

        if (reasons.Count > 0)
        {
            return new HealthCheckResult(HealthStatus.Degraded, "Producing to " + _connection.BootstrapServers + ", degraded: " + string.Join("; ", reasons) + ".", data: data);
        }

        return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture,
            $"Producing to {_connection.BootstrapServers}: {data["queue.messages"]} messages awaiting delivery, no failed delivery in the last {_options.FailureWindow.TotalSeconds:0} s."), data);
    }

    private void AddQueueReasons(LibrdkafkaStatistics? statistics, Dictionary<string, object> data, List<string> reasons)
    {
        double fraction;
        string what;
        if (statistics is not null && statistics.QueueMaxMessages > 0)
        {
            double byMessages = (double)statistics.QueueMessages / statistics.QueueMaxMessages;
            double byBytes = statistics.QueueMaxBytes > 0 ? (double)statistics.QueueBytes / statistics.QueueMaxBytes : 0;
            fraction = Math.Max(byMessages, byBytes);
            data["queue.messages"] = statistics.QueueMessages;
            data["queue.bytes"] = statistics.QueueBytes;
            what = byMessages >= byBytes
                ? $"{statistics.QueueMessages} of queue.buffering.max.messages={statistics.QueueMaxMessages} messages"
                : $"{statistics.QueueBytes} of {statistics.QueueMaxBytes} bytes (queue.buffering.max.kbytes)";
        }
        else
        {
            // Without statistics: the typed producers' messages awaiting a report (librdkafka counts the same ones).
            long limit = _connection.Options.Producer.TryGetValue("queue.buffering.max.messages", out string? configured)
                && long.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value > 0 ? value : DefaultQueueMaxMessages;
            int awaiting = _connection.InFlight.Count;
            fraction = (double)awaiting / limit;
            data["queue.messages"] = awaiting;
            what = $"{awaiting} of queue.buffering.max.messages={limit} messages";
        }

        data["queue.fraction"] = fraction;
        if (fraction >= _options.QueueDegradedFraction)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"the local queue is {fraction * 100:0}% full ({what}; degraded from {_options.QueueDegradedFraction * 100:0}%)"));
        }

        (int refused, long lastAt) = _connection.QueueFullRefusals;
        if (lastAt != 0 && Environment.TickCount64 - lastAt <= (long)_options.FailureWindow.TotalMilliseconds)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"the local queue was full and refused messages (ProducerQueueFullException) within the last {_options.FailureWindow.TotalSeconds:0} s ({refused} refusals since start)"));
        }
    }

    // Statistics no older than three intervals (and a second): older ones describe a past state.
    private LibrdkafkaStatistics? FreshStatistics()
    {
        int interval = _connection.StatisticsIntervalMs;
        LibrdkafkaStatistics? statistics = _connection.LatestStatistics;
        return interval > 0 && statistics is not null && DateTimeOffset.UtcNow - statistics.ReceivedAt <= TimeSpan.FromMilliseconds((3.0 * interval) + 1000) ? statistics : null;
    }

    // One probe at a time: concurrent checks share it.
    private Task<string?> ProbeAsync()
    {
        lock (_probeGate)
        {
            if (_probe is null || _probe.IsCompleted)
            {
                TimeSpan timeout = _options.BrokerProbeTimeout;
                _probe = Task.Run(() => _connection.ProbeBrokers(timeout));
            }

            return _probe;
        }
    }
}
