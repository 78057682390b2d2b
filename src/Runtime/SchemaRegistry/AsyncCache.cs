using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// A bounded cache of asynchronous lookups: one fetch per key, shared by concurrent callers; a failed or cancelled
/// fetch is forgotten so the next call tries again; a full cache is emptied (as Confluent.SchemaRegistry's
/// CachedSchemaRegistryClient does when it reaches <c>schema.registry.max.cached.schemas</c>).
/// </summary>
internal sealed class AsyncCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _entries = new();
    private readonly int _capacity;

    public AsyncCache(int capacity) => _capacity = capacity;

    public int Count => _entries.Count;

    /// <summary>
    /// The cached value of <paramref name="key"/>, or the result of <paramref name="fetch"/>. The fetch does not take
    /// the caller's token (other callers may be waiting on it); <paramref name="cancellationToken"/> only stops this
    /// caller's wait.
    /// </summary>
    public async Task<TValue> GetOrFetchAsync<TState>(TKey key, Func<TKey, TState, Task<TValue>> fetch, TState state, CancellationToken cancellationToken)
    {
        if (!_entries.TryGetValue(key, out Lazy<Task<TValue>>? entry))
        {
            if (_entries.Count >= _capacity)
            {
                _entries.Clear();
            }

            entry = _entries.GetOrAdd(key, new Lazy<Task<TValue>>(() => fetch(key, state), LazyThreadSafetyMode.ExecutionAndPublication));
        }

        Task<TValue> task = entry.Value;
        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (task.IsFaulted || task.IsCanceled)
        {
            _entries.TryRemove(new KeyValuePair<TKey, Lazy<Task<TValue>>>(key, entry));
            throw;
        }
    }
}
