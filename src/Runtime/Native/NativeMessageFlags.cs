using System;

namespace TypedProducer.Native;

/// <summary>
/// What a span cannot say: that the key or the value is null (absent) rather than empty. Kafka keeps the two apart (a
/// null value is a tombstone for log compaction; a null key makes the partitioner choose freely, KIP-480).
/// </summary>
[Flags]
internal enum NativeMessageFlags
{
    /// <summary>Key and value are the given spans, empty ones included.</summary>
    None = 0,

    /// <summary>The key is null; the key span is ignored.</summary>
    NullKey = 1,

    /// <summary>The value is null (a tombstone); the value span is ignored.</summary>
    NullValue = 2,
}
