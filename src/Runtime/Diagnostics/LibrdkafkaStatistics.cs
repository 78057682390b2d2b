using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace TypedProducer;

/// <summary>
/// What the runtime reads of one librdkafka statistics event (librdkafka <c>STATISTICS.md</c>; emitted every
/// <c>statistics.interval.ms</c> milliseconds when that property is set): the producer queue and, per broker, requests in
/// flight, retries, round-trip time and connection state. Parsed with <see cref="Utf8JsonReader"/> (no reflection: trim
/// and AOT safe); everything else in the JSON (topics, partitions, ...) is skipped.
/// </summary>
public sealed class LibrdkafkaStatistics
{
    private LibrdkafkaStatistics(DateTimeOffset receivedAt) => ReceivedAt = receivedAt;

    /// <summary>librdkafka's instance name (<c>name</c>, for example <c>rdkafka#producer-1</c>), unique in the process.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The <c>client.id</c> property (<c>client_id</c>).</summary>
    public string ClientId { get; private set; } = string.Empty;

    /// <summary>When the event was parsed (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Messages in the producer queues, waiting to be sent or awaiting acknowledgement (<c>msg_cnt</c>).</summary>
    public long QueueMessages { get; private set; }

    /// <summary>Their size in bytes (<c>msg_size</c>).</summary>
    public long QueueBytes { get; private set; }

    /// <summary>The queue's message limit, <c>queue.buffering.max.messages</c> (<c>msg_max</c>).</summary>
    public long QueueMaxMessages { get; private set; }

    /// <summary>The queue's byte limit, <c>queue.buffering.max.kbytes</c> × 1024 (<c>msg_size_max</c>).</summary>
    public long QueueMaxBytes { get; private set; }

    /// <summary>Messages transmitted to brokers so far (<c>txmsgs</c>).</summary>
    public long TransmittedMessages { get; private set; }

    /// <summary>The brokers librdkafka knows, learned ones and bootstrap entries alike (<c>brokers</c>).</summary>
    public IReadOnlyList<LibrdkafkaBrokerStatistics> Brokers { get; private set; } = [];

    // STATISTICS.md field names and where each goes: numbers first, then strings.
    private static readonly (byte[] Name, Action<LibrdkafkaStatistics, long> Set)[] s_numbers =
    [
        ("msg_cnt"u8.ToArray(), static (s, v) => s.QueueMessages = v),
        ("msg_size"u8.ToArray(), static (s, v) => s.QueueBytes = v),
        ("msg_max"u8.ToArray(), static (s, v) => s.QueueMaxMessages = v),
        ("msg_size_max"u8.ToArray(), static (s, v) => s.QueueMaxBytes = v),
        ("txmsgs"u8.ToArray(), static (s, v) => s.TransmittedMessages = v),
    ];

    private static readonly (byte[] Name, Action<LibrdkafkaStatistics, string> Set)[] s_strings =
    [
        ("name"u8.ToArray(), static (s, v) => s.Name = v),
        ("client_id"u8.ToArray(), static (s, v) => s.ClientId = v),
    ];

    private static readonly (byte[] Name, Action<BrokerFields, long> Set)[] s_brokerNumbers =
    [
        ("nodeid"u8.ToArray(), static (b, v) => b.NodeId = (int)v),
        ("waitresp_cnt"u8.ToArray(), static (b, v) => b.InFlightRequests = v),
        ("waitresp_msg_cnt"u8.ToArray(), static (b, v) => b.InFlightMessages = v),
        ("outbuf_cnt"u8.ToArray(), static (b, v) => b.QueuedRequests = v),
        ("txretries"u8.ToArray(), static (b, v) => b.Retries = v),
        ("txerrs"u8.ToArray(), static (b, v) => b.Errors = v),
        ("req_timeouts"u8.ToArray(), static (b, v) => b.RequestTimeouts = v),
    ];

    private static readonly (byte[] Name, Action<BrokerFields, string> Set)[] s_brokerStrings =
    [
        ("name"u8.ToArray(), static (b, v) => b.Name = v),
        ("nodename"u8.ToArray(), static (b, v) => b.NodeName = v),
        ("state"u8.ToArray(), static (b, v) => b.State = v),
    ];

    /// <summary>Parses one statistics event.</summary>
    /// <param name="json">The JSON librdkafka emitted (Confluent.Kafka's statistics handler argument).</param>
    /// <param name="receivedAt">When it arrived; now when null.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a JSON object, or a field of the shape STATISTICS.md gives has another type.</exception>
    public static LibrdkafkaStatistics Parse(string json, DateTimeOffset? receivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var statistics = new LibrdkafkaStatistics(receivedAt ?? DateTimeOffset.UtcNow);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            Expect(ref reader, JsonTokenType.StartObject);
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("brokers"u8))
                {
                    statistics.Brokers = ReadBrokers(ref reader);
                }
                else if (!TryReadField(ref reader, statistics, s_numbers, s_strings))
                {
                    Skip(ref reader);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"librdkafka statistics are not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"librdkafka statistics do not have the shape of STATISTICS.md: {ex.Message}", ex);
        }

        return statistics;
    }

    private static List<LibrdkafkaBrokerStatistics> ReadBrokers(ref Utf8JsonReader reader)
    {
        var brokers = new List<LibrdkafkaBrokerStatistics>();
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            reader.Read();
            Expect(ref reader, JsonTokenType.StartObject, read: false);
            var broker = new BrokerFields();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("rtt"u8))
                {
                    broker.RoundTripMicroseconds = ReadRttAverage(ref reader);
                }
                else if (!TryReadField(ref reader, broker, s_brokerNumbers, s_brokerStrings))
                {
                    Skip(ref reader);
                }
            }

            brokers.Add(new LibrdkafkaBrokerStatistics(
                broker.Name, broker.NodeId, broker.NodeName, broker.State, broker.InFlightRequests, broker.InFlightMessages,
                broker.QueuedRequests, broker.Retries, broker.Errors, broker.RequestTimeouts, broker.RoundTripMicroseconds));
        }

        return brokers;
    }

    // The property at the reader is one of the named number or string fields: read its value into target.
    private static bool TryReadField<T>(ref Utf8JsonReader reader, T target, (byte[] Name, Action<T, long> Set)[] numbers, (byte[] Name, Action<T, string> Set)[] strings)
    {
        foreach ((byte[] name, Action<T, long> set) in numbers)
        {
            if (reader.ValueTextEquals(name))
            {
                set(target, ReadInt64(ref reader));
                return true;
            }
        }

        foreach ((byte[] name, Action<T, string> set) in strings)
        {
            if (reader.ValueTextEquals(name))
            {
                set(target, ReadString(ref reader));
                return true;
            }
        }

        return false;
    }

    // The "rtt" window: avg in microseconds over cnt samples; no average when the window had none.
    private static double? ReadRttAverage(ref Utf8JsonReader reader)
    {
        reader.Read();
        Expect(ref reader, JsonTokenType.StartObject, read: false);
        long average = 0, count = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("avg"u8))
            {
                average = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("cnt"u8))
            {
                count = ReadInt64(ref reader);
            }
            else
            {
                Skip(ref reader);
            }
        }

        return count > 0 ? average : null;
    }

    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
        {
            return false;
        }

        Expect(ref reader, JsonTokenType.PropertyName, read: false);
        return true;
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString() ?? string.Empty;
    }

    private static long ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : throw new InvalidOperationException($"expected a number at byte {reader.TokenStartIndex}, found {reader.TokenType}");
    }

    private static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, bool read = true)
    {
        if (read)
        {
            reader.Read();
        }

        if (reader.TokenType != type)
        {
            throw new InvalidOperationException($"expected {type} at byte {reader.TokenStartIndex}, found {reader.TokenType}");
        }
    }

    private sealed class BrokerFields
    {
        public string Name { get; set; } = string.Empty;

        public string NodeName { get; set; } = string.Empty;

        public string State { get; set; } = string.Empty;

        public int NodeId { get; set; } = -1;

        public long InFlightRequests { get; set; }

        public long InFlightMessages { get; set; }

        public long QueuedRequests { get; set; }

        public long Retries { get; set; }

        public long Errors { get; set; }

        public long RequestTimeouts { get; set; }

        public double? RoundTripMicroseconds { get; set; }
    }
}
