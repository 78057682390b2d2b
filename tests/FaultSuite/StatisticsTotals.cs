using System.Collections.Generic;
using System.Linq;

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

    /// <summary>Takes one statistics JSON document (read with the runtime's <see cref="LibrdkafkaStatistics"/>).</summary>
    public void Add(string json)
    {
        LibrdkafkaStatistics statistics = LibrdkafkaStatistics.Parse(json);
        long retries = statistics.Brokers.Sum(b => b.Retries);
        lock (_gate)
        {
            _latest[statistics.Name] = (statistics.TransmittedMessages, retries);
        }
    }
}
