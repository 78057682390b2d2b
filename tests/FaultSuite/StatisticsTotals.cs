using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace TypedProducer.FaultSuite;

/// <summary>
/// Retry counters from librdkafka's statistics (STATISTICS.md): the latest snapshot of every producer handle, summed.
/// <c>txmsgs</c> counts messages transmitted, resends included; each broker's <c>txretries</c> counts retried requests.
/// </summary>
public sealed class StatisticsTotals
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (long TxMessages, long TxRetries)> _latest = new();

    /// <summary>Produce requests retried, over every producer handle.</summary>
    public long Retries
    {
        get
        {
            lock (_gate)
            {
                return _latest.Values.Sum(v => v.TxRetries);
            }
        }
    }

    /// <summary>Messages transmitted (resends included), over every producer handle.</summary>
    public long MessagesTransmitted
    {
        get
        {
            lock (_gate)
            {
                return _latest.Values.Sum(v => v.TxMessages);
            }
        }
    }

    /// <summary>Takes one statistics JSON document.</summary>
    public void Add(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        string name = root.GetProperty("name").GetString() ?? "?";
        long txMessages = root.TryGetProperty("txmsgs", out JsonElement tx) ? tx.GetInt64() : 0;
        long retries = 0;
        if (root.TryGetProperty("brokers", out JsonElement brokers))
        {
            foreach (JsonProperty broker in brokers.EnumerateObject())
            {
                if (broker.Value.TryGetProperty("txretries", out JsonElement r))
                {
                    retries += r.GetInt64();
                }
            }
        }

        lock (_gate)
        {
            _latest[name] = (txMessages, retries);
        }
    }
}
