using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Text;

namespace TypedProducer.Testing;

/// <summary>
/// The offsets of one partition that belong to aborted transactions, found the way a broker builds its aborted
/// transaction index: by reading the record batch headers (KIP-98; Kafka protocol, "Record Batch": attributes bit 4
/// transactional, bit 5 control; a control record's key is version int16 and type int16, 0 = ABORT, 1 = COMMIT) with
/// plain Fetch v4 requests at <c>read_uncommitted</c>.
/// </summary>
/// <remarks>
/// Why the reader does this itself: librdkafka's mock cluster (2.16.0) writes COMMIT and ABORT markers but its Fetch
/// answers carry no aborted-transactions list, so a <c>read_committed</c> consumer is served aborted records; a real
/// broker lists them and librdkafka drops them. Hiding the same offsets on the client gives the same result on
/// both. Plaintext connections only (the mock's; the reader skips the scan for other <c>security.protocol</c> values and
/// relies on the broker).
/// </remarks>
internal sealed class AbortedTransactionScan
{
    private const short FetchApiKey = 1;
    private const short FetchVersion = 4;
    private const int MaxBytes = 8 * 1024 * 1024;
    private const short TransactionalAttribute = 0x10;
    private const short ControlAttribute = 0x20;
    private const short AbortMarker = 0;

    // (first, last) offset ranges of aborted data batches, in offset order per producer id, merged at the end.
    private readonly List<(long First, long Last)> _aborted = new();

    private AbortedTransactionScan()
    {
    }

    /// <summary>The number of offset ranges (record batches) of aborted transactions found.</summary>
    public int AbortedBatches => _aborted.Count;

    /// <summary>
    /// The first offset of a transaction with no marker before the scan's end, or null: the last stable offset a real
    /// broker would report, where a <c>read_committed</c> read ends.
    /// </summary>
    public long? FirstOpenOffset { get; private set; }

    /// <summary>Reads the batch headers of <paramref name="topic"/>[<paramref name="partition"/>] from <paramref name="low"/> up to <paramref name="high"/> (exclusive) on its leader.</summary>
    /// <param name="host">The leader's host.</param>
    /// <param name="port">The leader's port.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="low">The first offset to read.</param>
    /// <param name="high">The offset to stop at.</param>
    /// <param name="timeout">Bounds the connection and each answer.</param>
    /// <returns>The scan.</returns>
    /// <exception cref="IOException">The connection failed or an answer was malformed or carried an error code.</exception>
    public static AbortedTransactionScan Read(string host, int port, string topic, int partition, long low, long high, TimeSpan timeout)
    {
        var scan = new AbortedTransactionScan();
        var open = new Dictionary<long, List<(long First, long Last)>>();
        using var client = new TcpClient { ReceiveTimeout = (int)timeout.TotalMilliseconds, SendTimeout = (int)timeout.TotalMilliseconds };
        if (!client.ConnectAsync(host, port).Wait(timeout))
        {
            throw new IOException($"Cannot connect to {host}:{port} within {timeout.TotalSeconds:0} s to scan {topic}[{partition}] for transaction markers.");
        }

        NetworkStream stream = client.GetStream();
        long offset = low;
        int correlationId = 0;
        while (offset < high)
        {
            ReadOnlyMemory<byte> records = Fetch(stream, ++correlationId, topic, partition, offset);
            long next = scan.Parse(records.Span, open, high);
            if (next <= offset)
            {
                throw new IOException($"No record batch of {topic}[{partition}] at offset {offset} in the broker's answer (expected offsets up to {high - 1}).");
            }

            offset = next;
        }

        foreach (List<(long First, long Last)> batches in open.Values)
        {
            long first = batches[0].First;
            scan.FirstOpenOffset = scan.FirstOpenOffset is { } earlier && earlier < first ? earlier : first;
        }

        return scan;
    }

    /// <summary>Whether <paramref name="offset"/> holds a record of an aborted transaction.</summary>
    /// <param name="offset">The offset.</param>
    /// <returns>True when the offset is in an aborted batch.</returns>
    public bool IsAborted(long offset)
    {
        foreach ((long first, long last) in _aborted)
        {
            if (offset >= first && offset <= last)
            {
                return true;
            }
        }

        return false;
    }

    // Returns the offset after the last complete batch.
    private long Parse(ReadOnlySpan<byte> records, Dictionary<long, List<(long First, long Last)>> open, long high)
    {
        long next = -1;
        // Batch header: baseOffset int64, batchLength int32, partitionLeaderEpoch int32, magic int8, crc int32,
        // attributes int16, lastOffsetDelta int32, baseTimestamp int64, maxTimestamp int64, producerId int64,
        // producerEpoch int16, baseSequence int32, recordCount int32: 61 bytes, then the records.
        while (records.Length >= 61)
        {
            long baseOffset = BinaryPrimitives.ReadInt64BigEndian(records);
            int batchLength = BinaryPrimitives.ReadInt32BigEndian(records[8..]);
            if (records.Length < 12 + batchLength)
            {
                break; // A partial batch at the end of the answer: fetched again from its start.
            }

            ReadOnlySpan<byte> batch = records[..(12 + batchLength)];
            records = records[(12 + batchLength)..];
            if (batch[16] != 2)
            {
                throw new IOException($"Record batch at offset {baseOffset} has magic {batch[16]}; only v2 batches carry transactions.");
            }

            short attributes = BinaryPrimitives.ReadInt16BigEndian(batch[21..]);
            long lastOffset = baseOffset + BinaryPrimitives.ReadInt32BigEndian(batch[23..]);
            long producerId = BinaryPrimitives.ReadInt64BigEndian(batch[43..]);
            next = lastOffset + 1;
            if (baseOffset >= high || (attributes & TransactionalAttribute) == 0)
            {
                continue;
            }

            if ((attributes & ControlAttribute) == 0)
            {
                if (!open.TryGetValue(producerId, out List<(long, long)>? batches))
                {
                    open[producerId] = batches = new List<(long, long)>();
                }

                batches.Add((baseOffset, lastOffset));
                continue;
            }

            // The control record: length varint, attributes int8, timestampDelta varint, offsetDelta varint, keyLength
            // varint, key (version int16, type int16).
            ReadOnlySpan<byte> record = batch[61..];
            ReadVarint(ref record);
            record = record[1..];
            ReadVarint(ref record);
            ReadVarint(ref record);
            ReadVarint(ref record);
            short type = BinaryPrimitives.ReadInt16BigEndian(record[2..]);
            if (open.Remove(producerId, out List<(long First, long Last)>? ended) && type == AbortMarker)
            {
                _aborted.AddRange(ended);
            }
        }

        return next;
    }

    private static ReadOnlyMemory<byte> Fetch(NetworkStream stream, int correlationId, string topic, int partition, long offset)
    {
        byte[] topicName = Encoding.UTF8.GetBytes(topic);
        byte[] clientId = "typedproducer-testing-scan"u8.ToArray();
        int size = 2 + 2 + 4 + 2 + clientId.Length + 4 + 4 + 4 + 4 + 1 + 4 + 2 + topicName.Length + 4 + 4 + 8 + 4;
        byte[] request = new byte[4 + size];
        var writer = new BigEndianWriter(request);
        writer.Int32(size);
        writer.Int16(FetchApiKey);
        writer.Int16(FetchVersion);
        writer.Int32(correlationId);
        writer.String(clientId);
        writer.Int32(-1); // replica id: a consumer
        writer.Int32(0); // max wait ms: answer with what is there
        writer.Int32(0); // min bytes
        writer.Int32(MaxBytes);
        writer.Int8(0); // isolation level: read_uncommitted, to see aborted data and markers
        writer.Int32(1);
        writer.String(topicName);
        writer.Int32(1);
        writer.Int32(partition);
        writer.Int64(offset);
        writer.Int32(MaxBytes);
        stream.Write(request);

        byte[] length = new byte[4];
        stream.ReadExactly(length);
        byte[] response = new byte[BinaryPrimitives.ReadInt32BigEndian(length)];
        stream.ReadExactly(response);
        var reader = new BigEndianReader(response);
        if (reader.Int32() != correlationId)
        {
            throw new IOException("Fetch answer with another correlation id.");
        }

        reader.Int32(); // throttle time
        reader.Int32(); // topics: one
        reader.Skip(reader.Int16()); // topic name
        reader.Int32(); // partitions: one
        reader.Int32(); // partition
        short error = reader.Int16();
        if (error != 0)
        {
            throw new IOException($"Fetch of {topic}[{partition}] at offset {offset} answered error code {error}.");
        }

        reader.Int64(); // high watermark
        reader.Int64(); // last stable offset
        int aborted = reader.Int32();
        reader.Skip(Math.Max(aborted, 0) * 16);
        int recordsLength = reader.Int32();
        return recordsLength <= 0 ? ReadOnlyMemory<byte>.Empty : response.AsMemory(reader.Position, recordsLength);
    }

    private static long ReadVarint(ref ReadOnlySpan<byte> span)
    {
        ulong value = 0;
        int shift = 0;
        int i = 0;
        byte b;
        do
        {
            b = span[i++];
            value |= (ulong)(b & 0x7f) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        span = span[i..];
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    private ref struct BigEndianWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;
        private int _position;

        public void Int8(byte value) => _buffer[_position++] = value;

        public void Int16(short value) => Advance(2, BinaryPrimitives.TryWriteInt16BigEndian(_buffer[_position..], value));

        public void Int32(int value) => Advance(4, BinaryPrimitives.TryWriteInt32BigEndian(_buffer[_position..], value));

        public void Int64(long value) => Advance(8, BinaryPrimitives.TryWriteInt64BigEndian(_buffer[_position..], value));

        public void String(ReadOnlySpan<byte> value)
        {
            Int16(checked((short)value.Length));
            value.CopyTo(_buffer[_position..]);
            _position += value.Length;
        }

        private void Advance(int count, bool written) => _position += written ? count : throw new InvalidOperationException("Request buffer too small.");
    }

    private ref struct BigEndianReader(ReadOnlySpan<byte> buffer)
    {
        private readonly ReadOnlySpan<byte> _buffer = buffer;

        public int Position { get; private set; }

        public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

        public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

        public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

        public void Skip(int count) => Take(count);

        private ReadOnlySpan<byte> Take(int count)
        {
            ReadOnlySpan<byte> taken = _buffer.Slice(Position, count);
            Position += count;
            return taken;
        }
    }
}
