using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace TypedProducer;

/// <summary>The shared producer's statistics, health state and rate-limited logs.</summary>
public sealed partial class KafkaProducerConnection : IStatisticsSource
{
    /// <summary>The window of the rate-limited log events (EventIds 4, 5, 8): their first lines are logged in full, the rest summarised once per window.</summary>
    internal static readonly TimeSpan LogWindow = TimeSpan.FromSeconds(10);

    // Per window and key: librdkafka lines per (level, facility), client errors per code, undelivered messages per (type, topic, code).
    private const int LibrdkafkaLinesPerWindow = 10;
    private const int ClientErrorsPerWindow = 5;
    private const int UndeliveredPerWindow = 3;
    private const int MaxFailureTimes = 100_000;

    private readonly object _healthGate = new();
    private readonly Queue<long> _failureTimes = new(); // TickCount64 of recent delivery failures, guarded by _healthGate
    private LogThrottle<(LogLevel Level, string Facility), LineSummary> _librdkafkaLog = null!;
    private LogThrottle<ErrorCode, LineSummary> _clientErrorLog = null!;
    private LogThrottle<(string MessageType, string Topic, ErrorCode Code), UndeliveredSummary> _undeliveredLog = null!;
    private volatile LibrdkafkaStatistics? _statistics;
    private volatile FatalProducerError? _fatalError;
    private volatile DeliveryFailure? _lastFailure;
    private long _allBrokersDownAt; // TickCount64 of librdkafka's AllBrokersDown since the last sign of a reachable broker; 0 when none
    private long _queueFullAt;
    private int _queueFullCount;
    private int _statisticsErrorLogged;

    /// <summary>
    /// The last librdkafka statistics event of this producer, parsed (<see cref="LibrdkafkaStatistics"/>); null before
    /// the first, and always when <c>statistics.interval.ms</c> is not set in <see cref="TypedProducerOptions.Producer"/>.
    /// </summary>
    public LibrdkafkaStatistics? LatestStatistics => _statistics;

    /// <summary>The first fatal librdkafka error (the producer can deliver nothing more), or null.</summary>
    internal FatalProducerError? FatalError => _fatalError;

    /// <summary>When librdkafka last reported all brokers down (<see cref="Environment.TickCount64"/>) with no sign of a reachable broker since; 0 when not.</summary>
    internal long AllBrokersDownAt => Volatile.Read(ref _allBrokersDownAt);

    /// <summary><c>statistics.interval.ms</c> as configured; 0 when statistics are off.</summary>
    internal int StatisticsIntervalMs =>
        _options.Producer.TryGetValue("statistics.interval.ms", out string? value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int ms) && ms > 0 ? ms : 0;

    /// <summary>True once <see cref="Shutdown"/> has started.</summary>
    internal bool IsShutDown => _shuttingDown;

    /// <summary>librdkafka's last broker-level error (transport, all brokers down, resolve, authentication, TLS) as text, or null.</summary>
    internal string? LastBrokerErrorText => _lastBrokerError is { } last ? $"{last.Code}: {last.Reason}" : null;

    /// <summary>The last delivery failure, or null.</summary>
    internal DeliveryFailure? LastFailure => _lastFailure;

    /// <summary>A successful delivery report: a broker is reachable. Called for every report, so it only reads in the usual case.</summary>
    internal void OnDelivered()
    {
        if (Volatile.Read(ref _allBrokersDownAt) != 0)
        {
            Volatile.Write(ref _allBrokersDownAt, 0);
        }
    }

    /// <summary>librdkafka refused a message because its queue is full (<see cref="ProducerQueueFullException"/>).</summary>
    internal void OnQueueFull()
    {
        Volatile.Write(ref _queueFullAt, Environment.TickCount64);
        Interlocked.Increment(ref _queueFullCount);
    }

    /// <summary>Queue-full refusals so far and when the last one happened (<see cref="Environment.TickCount64"/>; 0 for none).</summary>
    internal (int Count, long LastAt) QueueFullRefusals => (Volatile.Read(ref _queueFullCount), Volatile.Read(ref _queueFullAt));

    /// <summary>The number of delivery failures within the last <paramref name="window"/> (at most 100,000 are kept).</summary>
    internal int FailuresWithin(TimeSpan window)
    {
        long since = Environment.TickCount64 - (long)window.TotalMilliseconds;
        lock (_healthGate)
        {
            while (_failureTimes.Count > 0 && _failureTimes.Peek() < since)
            {
                _failureTimes.Dequeue();
            }

            return _failureTimes.Count;
        }
    }

    /// <summary>
    /// Asks a broker for metadata (one topic this connection produced to, else every topic), bounded by
    /// <paramref name="timeout"/>: an answer proves a broker reachable and clears the all-brokers-down state.
    /// </summary>
    /// <returns>Null when a broker answered, else why not.</returns>
    internal string? ProbeBrokers(TimeSpan timeout)
    {
        IAdminClient admin = AdminClient();

        try
        {
            string? topic = _partitionCounts.Keys.FirstOrDefault();
            Metadata metadata = topic is null ? admin.GetMetadata(timeout) : admin.GetMetadata(topic, timeout);
            if (metadata.Brokers.Count == 0)
            {
                return "the metadata answer lists no broker";
            }

            Volatile.Write(ref _allBrokersDownAt, 0);
            return null;
        }
        catch (KafkaException ex)
        {
            return $"{ex.Error.Code}: {ex.Error.Reason}";
        }
    }

    private void InitializeDiagnostics()
    {
        _librdkafkaLog = new LogThrottle<(LogLevel Level, string Facility), LineSummary>(
            LogWindow,
            LibrdkafkaLinesPerWindow,
            static () => new LineSummary(),
            (key, summary, window) => LogLibrdkafkaSuppressed(key.Level, summary.Count, key.Facility, window.TotalSeconds, summary.Last));
        _clientErrorLog = new LogThrottle<ErrorCode, LineSummary>(
            LogWindow,
            ClientErrorsPerWindow,
            static () => new LineSummary(),
            (code, summary, window) => LogClientErrorsSuppressed(summary.Count, code, window.TotalSeconds, summary.Last));
        _undeliveredLog = new LogThrottle<(string MessageType, string Topic, ErrorCode Code), UndeliveredSummary>(
            LogWindow,
            UndeliveredPerWindow,
            static () => new UndeliveredSummary(),
            (key, summary, window) => LogUndeliveredSuppressed(
                summary.Count, key.MessageType, key.Topic, window.TotalSeconds, key.Code, summary.LastReason, summary.PossiblyPersisted, summary.NotPersisted, summary.SampleKeys.Count > 0 ? string.Join(", ", summary.SampleKeys) : "(none)"));
    }

    private void DisposeDiagnostics()
    {
        LibrdkafkaStatisticsInstruments.Remove(this);
        _undeliveredLog.Dispose();
        _clientErrorLog.Dispose();
        _librdkafkaLog.Dispose();
    }

    private void OnStatistics(string json)
    {
        try
        {
            LibrdkafkaStatistics statistics = LibrdkafkaStatistics.Parse(json);
            _statistics = statistics;
            if (statistics.Brokers.Any(static b => b.IsUp))
            {
                Volatile.Write(ref _allBrokersDownAt, 0);
            }
        }
        catch (FormatException ex)
        {
            if (Interlocked.Exchange(ref _statisticsErrorLogged, 1) == 0)
            {
                LogStatisticsUnreadable(ex.Message);
            }
        }

        StatisticsReceived?.Invoke(this, json);
    }

    /// <summary>A failed delivery report, counted for the health check before the caller hears of it.</summary>
    internal void RecordFailure(string topic, Error error)
    {
        _lastFailure = new DeliveryFailure(topic, error.Code, error.Reason, DateTimeOffset.UtcNow);
        lock (_healthGate)
        {
            if (_failureTimes.Count == MaxFailureTimes)
            {
                _failureTimes.Dequeue();
            }

            _failureTimes.Enqueue(Environment.TickCount64);
        }
    }

    private void LogUndeliveredThrottled(string messageType, string topic, string? key, Error error, PersistenceStatus status)
    {
        if (_undeliveredLog.TryLog((messageType, topic, error.Code), (key, error.Reason, status), static (summary, item) => summary.Add(item.key, item.Reason, item.status)))
        {
            LogUndelivered(messageType, topic, key ?? "(none)", error.Code, error.Reason, status);
        }
    }

    private void LogLibrdkafkaThrottled(LogLevel level, string facility, string text)
    {
        if (_logger.IsEnabled(level) && _librdkafkaLog.TryLog((level, facility), text, static (summary, line) => summary.Add(line)))
        {
            LogLibrdkafka(level, facility, text);
        }
    }

    private void LogClientErrorThrottled(Error error)
    {
        if (_clientErrorLog.TryLog(error.Code, error.Reason, static (summary, reason) => summary.Add(reason)))
        {
            LogClientError(error.Code, error.Reason);
        }
    }

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "{Count} more {MessageType} messages to topic '{Topic}' were not delivered in the last {WindowSeconds} s with {Code} (last: {Reason}): {PossiblyPersisted} possibly persisted, {NotPersisted} not persisted; keys include {SampleKeys}")]
    private partial void LogUndeliveredSuppressed(int count, string messageType, string topic, double windowSeconds, ErrorCode code, string reason, int possiblyPersisted, int notPersisted, string sampleKeys);

    [LoggerMessage(EventId = 13, Message = "{Count} more librdkafka {Facility} lines in the last {WindowSeconds} s were not logged; the last: {Text}")]
    private partial void LogLibrdkafkaSuppressed(LogLevel level, int count, string facility, double windowSeconds, string text);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "{Count} more Kafka client errors {Code} in the last {WindowSeconds} s were not logged; the last: {Reason}")]
    private partial void LogClientErrorsSuppressed(int count, ErrorCode code, double windowSeconds, string reason);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "librdkafka statistics could not be read ({Reason}); the statistics instruments and health details stay empty (logged once)")]
    private partial void LogStatisticsUnreadable(string reason);

    /// <summary>The first fatal error: librdkafka's producer instance can deliver nothing more (rdkafka.h, "Fatal errors").</summary>
    internal sealed record FatalProducerError(ErrorCode Code, string Reason, DateTimeOffset At);

    /// <summary>A failed delivery, as the health check describes the last one.</summary>
    internal sealed record DeliveryFailure(string Topic, ErrorCode Code, string Reason, DateTimeOffset At);

    private sealed class LineSummary
    {
        public int Count { get; private set; }

        public string Last { get; private set; } = string.Empty;

        public void Add(string line)
        {
            Count++;
            Last = line;
        }
    }

    private sealed class UndeliveredSummary
    {
        private const int MaxSampleKeys = 5;
        private readonly List<string> _sampleKeys = new(MaxSampleKeys);

        public int Count { get; private set; }

        public int PossiblyPersisted { get; private set; }

        public int NotPersisted { get; private set; }

        public string LastReason { get; private set; } = string.Empty;

        public IReadOnlyList<string> SampleKeys => _sampleKeys;

        public void Add(string? key, string reason, PersistenceStatus status)
        {
            Count++;
            LastReason = reason;
            if (status == PersistenceStatus.NotPersisted)
            {
                NotPersisted++;
            }
            else
            {
                PossiblyPersisted++;
            }

            if (key is not null && _sampleKeys.Count < MaxSampleKeys)
            {
                _sampleKeys.Add(key);
            }
        }
    }
}
