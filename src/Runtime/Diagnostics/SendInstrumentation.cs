using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// The send span and delivery metrics of one topic's messages (OpenTelemetry messaging semantic conventions for Kafka):
/// span <c>send {topic}</c> of kind <see cref="ActivityKind.Producer"/>, from the hand-over to librdkafka to the delivery
/// report, its context injected into the record's headers through <see cref="DistributedContextPropagator.Current"/>.
/// One per contract (<see cref="MessageContract.SendInstrumentation"/>), shared by every producer of the topic.
/// </summary>
internal sealed class SendInstrumentation
{
    private static readonly DistributedContextPropagator.PropagatorSetterCallback s_setHeader = static (carrier, name, value) =>
        ((Headers)carrier!).Add(name, Encoding.UTF8.GetBytes(value));

    private static readonly DistributedContextPropagator.PropagatorGetterCallback s_getHeader = static (object? carrier, string name, out string? value, out IEnumerable<string>? values) =>
    {
        values = null;
        value = ((Headers)carrier!).TryGetLastBytes(name, out byte[] bytes) && bytes is not null ? Encoding.UTF8.GetString(bytes) : null;
    };

    // messaging-spans.md / kafka.md: the attributes samplers may use are given at creation time.
    private readonly KeyValuePair<string, object?>[] _creationTags;

    public SendInstrumentation(string topic)
    {
        Topic = topic;
        SpanName = MessagingAttributes.Send + " " + topic;
        _creationTags =
        [
            new(MessagingAttributes.System, MessagingAttributes.Kafka),
            new(MessagingAttributes.DestinationName, topic),
            new(MessagingAttributes.OperationName, MessagingAttributes.Send),
            new(MessagingAttributes.OperationType, MessagingAttributes.Send),
        ];
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary><c>send {topic}</c>.</summary>
    public string SpanName { get; }

    /// <summary>
    /// Starts the send span of <paramref name="record"/> when a listener samples it, and injects its context into the
    /// record's headers: into a copy of the caller's <see cref="Headers"/> (which are not changed, so one instance may be
    /// passed with many messages), or into new ones. When the caller's headers carry a creation context already
    /// (the propagator finds a trace id in them), it is kept as it is and the span links to it (messaging-spans.md:
    /// "If a user provides a custom creation context in a message, this context SHOULD NOT be modified").
    /// <see cref="Activity.Current"/> is left as it was: the span ends with the delivery report, not with the call.
    /// </summary>
    /// <param name="contract">The contract, for the key's text.</param>
    /// <param name="message">The message.</param>
    /// <param name="record">The record about to be handed to librdkafka; its headers may be replaced.</param>
    /// <param name="partition">The partition chosen by a <c>[PartitionKey]</c>, or <see cref="Partition.Any"/>.</param>
    /// <param name="clientName">The producer's librdkafka instance name (<c>rd_kafka_name</c>): <c>messaging.client.id</c>.</param>
    /// <param name="tombstoneKey">For a tombstone (a record whose value is null, so there is no message): the key's text.</param>
    /// <returns>The trace; empty when nothing listens.</returns>
    public SendTrace Start<TMessage>(MessageContract<TMessage> contract, TMessage message, OutgoingRecord record, int partition, string clientName, string? tombstoneKey = null)
    {
        SendTrace trace = default;
        if (TypedProducerTelemetry.Source.HasListeners())
        {
            trace.Activity = StartActivity(contract, message, record, partition, clientName, tombstoneKey);
        }

        if (trace.Activity is null && TypedProducerTelemetry.OperationDuration.Enabled)
        {
            trace.StartedAt = Stopwatch.GetTimestamp();
        }

        return trace;
    }

    /// <summary>
    /// Ends a message's telemetry with its delivery report (or its failure at shutdown): the span gets the partition,
    /// offset and, on failure, <c>error.type</c> and status Error; the sent-messages counter and the duration histogram
    /// are recorded. Called on librdkafka's polling thread; <see cref="Activity.Current"/> is left as it was there.
    /// </summary>
    public void Complete(in SendTrace trace, int partition, long offset, Error error)
    {
        Activity? activity = trace.Activity;
        bool counted = TypedProducerTelemetry.SentMessages.Enabled;
        if (activity is null && trace.StartedAt == 0 && !counted)
        {
            return;
        }

        string? errorType = error.IsError ? MessagingAttributes.ErrorTypeOf(error.Code) : null;
        double? seconds = null;
        if (activity is not null)
        {
            if (activity.IsAllDataRequested)
            {
                if (partition >= 0)
                {
                    activity.SetTag(MessagingAttributes.PartitionId, MessagingAttributes.PartitionIdText(partition));
                }

                if (offset >= 0)
                {
                    activity.SetTag(MessagingAttributes.KafkaOffset, offset);
                }

                if (errorType is not null)
                {
                    activity.SetTag(MessagingAttributes.ErrorType, errorType);
                    activity.SetStatus(ActivityStatusCode.Error, error.Reason);
                }
            }

            Stop(activity);
            seconds = activity.Duration.TotalSeconds;
        }
        else if (trace.StartedAt != 0)
        {
            seconds = Stopwatch.GetElapsedTime(trace.StartedAt).TotalSeconds;
        }

        TagList tags = MetricTags(MessagingAttributes.Send, Topic, partition, errorType);
        if (seconds is { } duration && TypedProducerTelemetry.OperationDuration.Enabled)
        {
            TypedProducerTelemetry.OperationDuration.Record(duration, in tags);
        }

        if (counted)
        {
            TypedProducerTelemetry.SentMessages.Add(1, in tags);
        }
    }

    /// <summary>
    /// The attributes of the delivery metrics (messaging-metrics.md): <c>messaging.system</c>,
    /// <c>messaging.operation.name</c>, and when given <c>messaging.destination.name</c>,
    /// <c>messaging.destination.partition.id</c> and <c>error.type</c>. At most five: a <see cref="TagList"/> keeps them inline.
    /// </summary>
    internal static TagList MetricTags(string operation, string? topic, int partition, string? errorType)
    {
        var tags = new TagList
        {
            { MessagingAttributes.System, MessagingAttributes.Kafka },
            { MessagingAttributes.OperationName, operation },
        };
        if (topic is not null)
        {
            tags.Add(MessagingAttributes.DestinationName, topic);
        }

        if (partition >= 0)
        {
            tags.Add(MessagingAttributes.PartitionId, MessagingAttributes.PartitionIdText(partition));
        }

        if (errorType is not null)
        {
            tags.Add(MessagingAttributes.ErrorType, errorType);
        }

        return tags;
    }

    /// <summary>Ends the span of a message librdkafka refused synchronously (never sent: not counted, no duration).</summary>
    public static void Refused(in SendTrace trace, ErrorCode code, string reason)
    {
        if (trace.Activity is { } activity)
        {
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(MessagingAttributes.ErrorType, MessagingAttributes.ErrorTypeOf(code));
                activity.SetStatus(ActivityStatusCode.Error, reason);
            }

            Stop(activity);
        }
    }

    /// <summary>Stops <paramref name="activity"/> without changing this thread's <see cref="Activity.Current"/>.</summary>
    internal static void Stop(Activity activity)
    {
        // Activity.Stop restores the Current of the thread that started it, which is not this one.
        Activity? current = Activity.Current;
        activity.Stop();
        if (Activity.Current != current)
        {
            Activity.Current = current;
        }
    }

    private Activity? StartActivity<TMessage>(MessageContract<TMessage> contract, TMessage message, OutgoingRecord record, int partition, string clientName, string? tombstoneKey)
    {
        DistributedContextPropagator propagator = DistributedContextPropagator.Current;
        Headers? callerHeaders = record.Headers;
        ActivityLink[]? links = null;
        if (callerHeaders is { Count: > 0 })
        {
            propagator.ExtractTraceIdAndState(callerHeaders, s_getHeader, out string? traceParent, out string? traceState);
            if (traceParent is not null)
            {
                links = ActivityContext.TryParse(traceParent, traceState, isRemote: true, out ActivityContext created) ? [new ActivityLink(created)] : [];
            }
        }

        Activity? previous = Activity.Current;
        Activity? activity = TypedProducerTelemetry.Source.StartActivity(SpanName, ActivityKind.Producer, default(ActivityContext), _creationTags, links);
        if (activity is null)
        {
            return null;
        }

        Activity.Current = previous;
        if (!activity.Recorded)
        {
            // Sampled out (a propagation-only span): ended at once, nothing injected (issue 12: nothing is written into
            // headers unless a listener samples the span). A consumer then starts its own trace, as with no listener.
            Stop(activity);
            return null;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(MessagingAttributes.ClientId, clientName);
            bool tombstone = record.IsTombstone;
            if (tombstone)
            {
                // A tombstone has no body; kafka.md's messaging.kafka.message.tombstone says what it is.
                activity.SetTag(MessagingAttributes.KafkaTombstone, true);
            }
            else
            {
                activity.SetTag(MessagingAttributes.BodySize, record.Value.WrittenCount);
            }

            if (partition >= 0)
            {
                activity.SetTag(MessagingAttributes.PartitionId, MessagingAttributes.PartitionIdText(partition));
            }

            // kafka.md: a key without an unambiguous, canonical string form (bytes) is not recorded; a null key neither.
            if (contract.HasTextKey && (tombstone ? tombstoneKey : contract.DescribeKey(message)) is { } key)
            {
                activity.SetTag(MessagingAttributes.KafkaMessageKey, key);
            }
        }

        if (links is null)
        {
            var headers = new Headers();
            if (callerHeaders is not null)
            {
                foreach (IHeader header in callerHeaders)
                {
                    headers.Add(header.Key, header.GetValueBytes());
                }
            }

            propagator.Inject(activity, headers, s_setHeader);
            record.Headers = headers;
        }

        return activity;
    }
}
