using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace TypedProducer;

/// <summary>The transactional producer's commit and abort spans, statistics and rate-limited logs.</summary>
public sealed partial class TypedTransactionalProducer : IStatisticsSource
{
    private const int LinesPerWindow = 10;

    private LogThrottle<(LogLevel Level, string What), LineCount>? _logThrottle;
    private volatile LibrdkafkaStatistics? _statistics;

    /// <summary>The last statistics event of the current Confluent producer (null before the first, when statistics are off, or once it was discarded).</summary>
    public LibrdkafkaStatistics? LatestStatistics => Volatile.Read(ref _producer) is null ? null : _statistics;

    /// <summary>
    /// Runs a commit or an abort (<paramref name="operation"/>) in a span of its own when a listener samples it: name
    /// <paramref name="operation"/>, kind <see cref="ActivityKind.Client"/>, <c>messaging.system=kafka</c>,
    /// <c>messaging.operation.name</c>, <c>messaging.client.id</c>, <c>typedproducer.transactional_id</c>,
    /// <c>messaging.batch.message_count</c> (the transaction's messages) and, on failure, <c>error.type</c> (the Kafka error's
    /// name) and status Error. Its duration is recorded in <c>messaging.client.operation.duration</c>.
    /// </summary>
    internal async Task TraceAsync(string operation, string clientName, int messageCount, Func<Task> run)
    {
        Activity? activity = null;
        if (TypedProducerTelemetry.Source.HasListeners())
        {
            activity = TypedProducerTelemetry.Source.StartActivity(operation, ActivityKind.Client, default(ActivityContext), [
                new(MessagingAttributes.System, MessagingAttributes.Kafka),
                new(MessagingAttributes.OperationName, operation),
            ]);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(MessagingAttributes.ClientId, clientName);
                activity.SetTag(MessagingAttributes.TransactionalId, TransactionalId);
                activity.SetTag(MessagingAttributes.BatchMessageCount, messageCount);
            }
        }

        long started = activity is null && TypedProducerTelemetry.OperationDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        string? errorType = null;
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            errorType = ex is KafkaException kafka ? MessagingAttributes.ErrorTypeOf(kafka.Error.Code) : ex.GetType().FullName ?? "_OTHER";
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(MessagingAttributes.ErrorType, errorType);
                activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            }

            throw;
        }
        finally
        {
            double? seconds = null;
            if (activity is not null)
            {
                activity.Stop();
                seconds = activity.Duration.TotalSeconds;
            }
            else if (started != 0)
            {
                seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            }

            if (seconds is { } duration && TypedProducerTelemetry.OperationDuration.Enabled)
            {
                TagList tags = SendInstrumentation.MetricTags(operation, null, -1, errorType);
                TypedProducerTelemetry.OperationDuration.Record(duration, in tags);
            }
        }
    }

    private void OnStatistics(string json)
    {
        try
        {
            _statistics = LibrdkafkaStatistics.Parse(json);
            LibrdkafkaStatisticsInstruments.Add(this);
        }
        catch (FormatException)
        {
            // The shared producer logs unreadable statistics (EventId 15); these have the same shape.
        }

        StatisticsReceived?.Invoke(this, json);
    }

    // syslog levels (librdkafka's log_cb): 0 emergency .. 7 debug.
    private void OnLog(int syslogLevel, string facility, string text)
    {
        var syslog = (SyslogLevel)syslogLevel;
        LogLevel level = syslog <= SyslogLevel.Error ? LogLevel.Error : syslog == SyslogLevel.Warning ? LogLevel.Warning : LogLevel.Debug;
        if (_logger.IsEnabled(level) && Throttle().TryLog((level, facility), 0, static (count, _) => count.Count++))
        {
            LogLibrdkafka(level, TransactionalId, facility, text);
        }
    }

    // A delivery handler threw on librdkafka's poll thread, where it cannot propagate.
    private void OnHandlerException(Exception exception) => LogHandlerException(TransactionalId, exception);

    private void OnClientError(Error error)
    {
        if (error.IsFatal || Throttle().TryLog((LogLevel.Warning, error.Code.ToString()), 0, static (count, _) => count.Count++))
        {
            LogClientError(TransactionalId, error.Code, error.Reason, error.IsFatal);
        }
    }

    // librdkafka lines per (level, facility) and client errors per code: the first few per window, then one count.
    private LogThrottle<(LogLevel Level, string What), LineCount> Throttle() =>
        _logThrottle ?? LazyInitializer.EnsureInitialized(ref _logThrottle, () => new LogThrottle<(LogLevel Level, string What), LineCount>(
            KafkaProducerConnection.LogWindow,
            LinesPerWindow,
            static () => new LineCount(),
            (key, count, window) => LogSuppressed(key.Level, count.Count, TransactionalId, key.What, window.TotalSeconds)));

    [LoggerMessage(EventId = 46, Level = LogLevel.Error, Message = "A delivery report handler of transactional producer '{TransactionalId}' threw on librdkafka's poll thread")]
    private partial void LogHandlerException(string transactionalId, Exception exception);

    [LoggerMessage(EventId = 45, Message = "{Count} more librdkafka lines or client errors ({What}) of transactional producer '{TransactionalId}' in the last {WindowSeconds} s were not logged")]
    private partial void LogSuppressed(LogLevel level, int count, string transactionalId, string what, double windowSeconds);

    private sealed class LineCount
    {
        public int Count { get; set; }
    }
}
