using System;
using System.Text;

namespace TypedProducer.Native;

/// <summary>
/// Record headers for <see cref="NativeKafkaProducer.Produce"/>, built once and reused: names (UTF-8, NUL-terminated, as
/// <c>RD_KAFKA_VTYPE_HEADER</c> takes them) and values go into one growable buffer, so a list cleared and refilled for each
/// message allocates nothing once its buffers are large enough. librdkafka copies every header while producing
/// (<c>rd_kafka_header_add</c>), so the list may be changed as soon as <c>Produce</c> returns. Not thread-safe.
/// </summary>
internal sealed class NativeHeaderList
{
    private byte[] _bytes = new byte[256];
    private (int Name, int Value, int Length)[] _entries = new (int, int, int)[8];
    private int _used;

    /// <summary>The number of headers.</summary>
    public int Count { get; private set; }

    /// <summary>Removes every header (keeps the buffers).</summary>
    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    /// <summary>Adds a header; names may repeat (Kafka headers are an ordered list, KIP-82).</summary>
    /// <param name="name">The header name: not empty, no NUL character (librdkafka takes a C string).</param>
    /// <param name="value">The value bytes (copied).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or contains a NUL character.</exception>
    public void Add(string name, ReadOnlySpan<byte> value) => Add(name, value, isNull: false);

    /// <summary>Adds a header whose value is null (not empty: Kafka distinguishes the two).</summary>
    /// <param name="name">The header name: not empty, no NUL character.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or contains a NUL character.</exception>
    public void AddNull(string name) => Add(name, default, isNull: true);

    internal byte[] Buffer => _bytes;

    /// <summary>Offsets into <see cref="Buffer"/>: the NUL-terminated name, the value, its length (-1: null).</summary>
    internal (int Name, int Value, int Length) this[int index] => _entries[index];

    private void Add(string name, ReadOnlySpan<byte> value, bool isNull)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Header name '{name.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character, which librdkafka's C-string header names cannot hold.", nameof(name));
        }

        int nameBytes = Encoding.UTF8.GetByteCount(name);
        Reserve(nameBytes + 1 + value.Length);
        int nameOffset = _used;
        _used += Encoding.UTF8.GetBytes(name, _bytes.AsSpan(_used));
        _bytes[_used++] = 0;
        int valueOffset = _used;
        value.CopyTo(_bytes.AsSpan(_used));
        _used += value.Length;
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Count * 2);
        }

        _entries[Count++] = (nameOffset, valueOffset, isNull ? -1 : value.Length);
    }

    private void Reserve(int bytes)
    {
        if (_bytes.Length - _used < bytes)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + bytes));
        }
    }
}
