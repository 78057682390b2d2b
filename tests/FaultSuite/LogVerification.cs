using System;
using System.Collections.Generic;
using TypedProducer.Partitioning;
using TypedProducer.Testing;

namespace TypedProducer.FaultSuite;

/// <summary>
/// Checks the log, as a read_committed reader returns it, against what was produced: each event exactly once, no record of
/// an aborted transaction attempt (counted in <see cref="AbortedRecordsVisible"/>), where its delivery report said, with
/// the key, record type and time it was produced with, on the key's Java partition, and per key in produce order.
/// </summary>
public sealed class LogVerification(IReadOnlyList<FaultEvent> events, DeliveryLedger ledger, IReadOnlySet<int> abortedAttempts, string attemptHeader, long firstTransactional, int maxBatch)
{
    private HashSet<(string Topic, int Partition)>? _duplicateAcknowledged;
    private readonly int[] _seen = new int[events.Count];
    private readonly Dictionary<(string Topic, string Key), long> _lastSequence = new();

    /// <summary>Details of the first problems found, for the log.</summary>
    public List<string> Diagnostics { get; } = new();

    /// <summary>Events never found in the log.</summary>
    public int Lost { get; private set; }

    /// <summary>Records of an event already found.</summary>
    public int Duplicated { get; private set; }

    /// <summary>Records that come after a later event of the same key.</summary>
    public int OrderViolations { get; private set; }

    /// <summary>Events whose delivery report is missing, failed, or names another partition or offset.</summary>
    public int OffsetMismatches { get; private set; }

    /// <summary>Records whose key, record type, sequence or event time differ from the event's.</summary>
    public int ValueMismatches { get; private set; }

    /// <summary>Records not on their key's Java-client partition.</summary>
    public int PartitionMismatches { get; private set; }

    /// <summary>Records of aborted transaction attempts that the read_committed read returned (skipped, and a failure).</summary>
    public int AbortedRecordsVisible { get; private set; }

    /// <summary>Whether <paramref name="record"/> was produced by an aborted transaction attempt (its attempt header).</summary>
    /// <param name="record">A record.</param>
    /// <returns>True for a record of an aborted attempt.</returns>
    public bool IsOfAbortedAttempt(KafkaRecord record) =>
        record.Headers.TryGetLastBytes(attemptHeader, out byte[] attempt) && abortedAttempts.Contains(BitConverter.ToInt32(attempt));

    /// <summary>
    /// Events of transactions whose batch was acknowledged as a duplicate of one already appended (after a lost
    /// acknowledgement): the mock answers such a retry with base offset -1 instead of the original batch's offset, so
    /// librdkafka reports offsets -1, 0, 1, ... for it. A real broker answers with the original offsets (Kafka keeps the
    /// last five batches per producer and partition). Counted here, not as mismatches, when the record itself is in the
    /// log exactly once.
    /// </summary>
    public int OffsetsUnknown { get; private set; }

    /// <summary>Checks the records of one topic, in partition then offset order.</summary>
    public void Check(IReadOnlyList<KafkaRecord> records, int partitions)
    {
        foreach (KafkaRecord record in records)
        {
            if (IsOfAbortedAttempt(record))
            {
                AbortedRecordsVisible++;
                continue;
            }

            if (!record.Fields.TryGetValue("Sequence", out object? value) || value is not long sequence || sequence < 0 || sequence >= events.Count)
            {
                ValueMismatches++;
                continue;
            }

            if (_seen[sequence]++ > 0)
            {
                Duplicated++;
                continue;
            }

            FaultEvent produced = events[(int)sequence];
            if (record.KeyText != produced.Key || record.SchemaName != produced.RecordName
                || !record.Fields.TryGetValue(produced.TimeField, out object? time) || !Equals(time, produced.At))
            {
                ValueMismatches++;
            }

            if (record.Key is null || JavaCompatiblePartitioner.Partition(record.Key, partitions) != record.Partition)
            {
                PartitionMismatches++;
            }

            DeliveryOutcome? final = ledger.Final(sequence);
            if (final is { Success: true } matched && matched.Partition == record.Partition && matched.Offset == record.Offset)
            {
                // The delivery report names where the record is.
            }
            else if (final is { Success: true } acknowledged && acknowledged.Partition == record.Partition && IsDuplicateAcknowledgement(produced.Topic, acknowledged))
            {
                OffsetsUnknown++;
            }
            else
            {
                OffsetMismatches++;
                if (OffsetMismatches <= 30)
                {
                    DeliveryOutcome? r = ledger.Final(sequence);
                    Diagnostics.Add($"  offset mismatch: #{sequence} {produced.TypeName} key {produced.Key} is at {record.Topic}[{record.Partition}]@{record.Offset}; delivery report: {(r is { } x ? $"{(x.Success ? "delivered" : "failed " + x.Error)} at [{x.Partition}]@{x.Offset} ({x.Status})" : "none")}");
                }
            }

            (string, string) key = (record.Topic, produced.Key);
            if (_lastSequence.TryGetValue(key, out long last) && last > sequence)
            {
                OrderViolations++;
            }
            else
            {
                _lastSequence[key] = sequence;
            }
        }
    }

    // The partitions with a transactional delivery report at offset -1 (the mock's answer to a duplicate batch), and the
    // run of offsets such a batch gets (-1 up to the largest transaction).
    private bool IsDuplicateAcknowledgement(string topic, DeliveryOutcome report)
    {
        _duplicateAcknowledged ??= FindDuplicateAcknowledgements();
        return report.Offset >= -1 && report.Offset < -1 + maxBatch && _duplicateAcknowledged.Contains((topic, report.Partition));
    }

    private HashSet<(string Topic, int Partition)> FindDuplicateAcknowledgements()
    {
        var partitions = new HashSet<(string, int)>();
        for (long sequence = firstTransactional; sequence < events.Count; sequence++)
        {
            if (ledger.Final(sequence) is { Success: true, Offset: -1 } report)
            {
                partitions.Add((events[(int)sequence].Topic, report.Partition));
            }
        }

        return partitions;
    }

    /// <summary>Counts the events never found.</summary>
    public void Complete(System.Action<string>? log = null)
    {
        foreach (string line in Diagnostics)
        {
            log?.Invoke(line);
        }

        for (int sequence = 0; sequence < _seen.Length; sequence++)
        {
            if (_seen[sequence] == 0)
            {
                Lost++;
                if (Lost <= 20 && log is not null)
                {
                    FaultEvent e = events[sequence];
                    DeliveryOutcome? report = ledger.Final(sequence);
                    log($"  lost: #{sequence} {e.TypeName} key {e.Key}; delivery report: {(report is { } r ? $"{(r.Success ? "delivered" : "failed " + r.Error)} at {e.Topic}[{r.Partition}]@{r.Offset}" : "none")}");
                }
            }
        }
    }
}
