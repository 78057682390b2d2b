using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;
using System.Threading;
using System;
using Confluent.Kafka;
using TypedProducer.SchemaRegistry;

namespace TypedProducer;

/// <summary>
/// Deserializes contract <typeparamref name="TMessage"/>'s values in the Confluent wire format with the generated
/// deserializer: the schema id in each value's header names the writer's schema, fetched once from the registry
/// (<c>GET /schemas/ids/{id}</c>, with its references), and the contract's reader for that schema id is built once
/// (<see cref="MessageContract{TMessage}.CreateValueReader"/>: Avro schema resolution, Protobuf message indexes, JSON through
/// the contract's System.Text.Json context). A Confluent.Kafka value deserializer
/// (<c>ConsumerBuilder.SetValueDeserializer</c>; a null value, a tombstone, gives <c>default</c>). Thread-safe.
/// </summary>
/// <typeparam name="TMessage">A <c>[KafkaMessage]</c> contract.</typeparam>
public sealed class TypedDeserializer<TMessage> : IDeserializer<TMessage>, IAsyncDeserializer<TMessage>
    where TMessage : IKafkaMessage<TMessage>
{
    private readonly ISchemaRegistryClient _schemaRegistry;
    private readonly MessageContract<TMessage> _contract = TMessage.KafkaContract;
    private readonly ConcurrentDictionary<int, MessageValueReader<TMessage>> _readers = new();
    private readonly ConcurrentDictionary<int, Task<MessageValueReader<TMessage>>> _pending = new();

    /// <summary>Creates the deserializer.</summary>
    /// <param name="schemaRegistry">The registry the writers registered their schemas with.</param>
    public TypedDeserializer(ISchemaRegistryClient schemaRegistry) =>
        _schemaRegistry = schemaRegistry ?? throw new ArgumentNullException(nameof(schemaRegistry));

    /// <summary>Deserializes one value (Confluent header included). Blocks on the registry the first time a schema id is seen.</summary>
    /// <param name="value">The value bytes.</param>
    /// <returns>The message.</returns>
    /// <exception cref="FormatException">The value is not in the Confluent wire format (magic byte 0, 4-byte schema id).</exception>
    /// <exception cref="SchemaRegistryException">The registry does not know the schema id, or did not answer.</exception>
    /// <exception cref="SchemaResolutionException">Values of that schema id cannot be read as the contract; names the field and the id.</exception>
    /// <exception cref="MessageDeserializationException">The value does not match its schema; names the member and the id.</exception>
    public TMessage Deserialize(ReadOnlySpan<byte> value)
    {
        int schemaId = ReadSchemaId(value);
        MessageValueReader<TMessage> reader = _readers.TryGetValue(schemaId, out MessageValueReader<TMessage>? known)
            ? known
            : GetReaderAsync(schemaId).GetAwaiter().GetResult();
        return reader.Read(value);
    }

    /// <summary>
    /// Deserializes one record: its value (Confluent header included), then the contract's <see cref="MessageHeaderAttribute"/>
    /// members from <paramref name="headers"/> (<see cref="MessageContract{TMessage}.ReadHeaders"/>).
    /// </summary>
    /// <param name="value">The value bytes.</param>
    /// <param name="headers">The record's headers, or null.</param>
    /// <returns>The message.</returns>
    /// <exception cref="FormatException">The value is not in the Confluent wire format.</exception>
    /// <exception cref="SchemaRegistryException">The registry does not know the schema id, or did not answer.</exception>
    /// <exception cref="SchemaResolutionException">Values of that schema id cannot be read as the contract.</exception>
    /// <exception cref="MessageDeserializationException">The value does not match its schema, or a header member's header is missing or malformed.</exception>
    public TMessage Deserialize(ReadOnlySpan<byte> value, Headers? headers) => _contract.ReadHeaders(Deserialize(value), headers);

    /// <summary>Deserializes one value (Confluent header included).</summary>
    /// <param name="value">The value bytes.</param>
    /// <param name="cancellationToken">Cancels the registry call.</param>
    /// <returns>The message.</returns>
    /// <exception cref="FormatException">The value is not in the Confluent wire format.</exception>
    /// <exception cref="SchemaRegistryException">The registry does not know the schema id, or did not answer.</exception>
    /// <exception cref="SchemaResolutionException">Values of that schema id cannot be read as the contract.</exception>
    /// <exception cref="MessageDeserializationException">The value does not match its schema.</exception>
    public async Task<TMessage> DeserializeAsync(ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        MessageValueReader<TMessage> reader = await GetReaderAsync(ReadSchemaId(value.Span), cancellationToken).ConfigureAwait(false);
        return reader.Read(value.Span);
    }

    /// <summary>The reader of values written with schema <paramref name="schemaId"/>, built on first use and kept.</summary>
    /// <param name="schemaId">The writer's schema id.</param>
    /// <param name="cancellationToken">Cancels the registry call.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="SchemaRegistryException">The registry does not know the id, or did not answer (not kept: the next call asks again).</exception>
    /// <exception cref="SchemaResolutionException">Values of that schema id cannot be read as the contract (kept: the same answer every time).</exception>
    public Task<MessageValueReader<TMessage>> GetReaderAsync(int schemaId, CancellationToken cancellationToken = default)
    {
        if (_readers.TryGetValue(schemaId, out MessageValueReader<TMessage>? known))
        {
            return Task.FromResult(known);
        }

        Task<MessageValueReader<TMessage>> task = _pending.GetOrAdd(schemaId, id => CreateReaderAsync(id, CancellationToken.None));
        return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
    }

    TMessage IDeserializer<TMessage>.Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        isNull ? default! : Deserialize(data, context.Headers);

    async Task<TMessage> IAsyncDeserializer<TMessage>.DeserializeAsync(ReadOnlyMemory<byte> data, bool isNull, SerializationContext context) =>
        isNull ? default! : _contract.ReadHeaders(await DeserializeAsync(data).ConfigureAwait(false), context.Headers);

    private async Task<MessageValueReader<TMessage>> CreateReaderAsync(int schemaId, CancellationToken cancellationToken)
    {
        try
        {
            RegisteredSchema registered = await _schemaRegistry.GetSchemaAsync(schemaId, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> referenced = await SchemaReferenceTexts.FetchAsync(_schemaRegistry, registered.References, cancellationToken).ConfigureAwait(false);
            MessageValueReader<TMessage> reader = _contract.CreateValueReader(new WriterSchema(schemaId, registered.SchemaType, registered.Schema, referenced));
            _readers[schemaId] = reader;
            return reader;
        }
        catch (SchemaRegistryException)
        {
            _pending.TryRemove(schemaId, out _); // a registry failure may pass: ask again next time
            throw;
        }
    }

    private static int ReadSchemaId(ReadOnlySpan<byte> value)
    {
        if (value.Length < 5 || value[0] != 0)
        {
            throw new FormatException($"Not the Confluent wire format: {(value.Length < 5 ? $"{value.Length} bytes" : $"magic byte {value[0]}")}.");
        }

        return BinaryPrimitives.ReadInt32BigEndian(value.Slice(1));
    }
}
