using System;

namespace TypedProducer;

/// <summary>
/// Reads values written with one writer schema as contract <typeparamref name="TMessage"/>: created once per schema id by
/// <see cref="MessageContract{TMessage}.CreateValueReader"/> (which resolves the writer's schema against the contract's
/// then), used for every value with that id. Thread-safe.
/// </summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
public abstract class MessageValueReader<TMessage>
{
    /// <summary>Creates the reader.</summary>
    /// <param name="schemaId">The writer schema id it reads.</param>
    protected MessageValueReader(int schemaId) => SchemaId = schemaId;

    /// <summary>The writer schema id this reader reads.</summary>
    public int SchemaId { get; }

    /// <summary>True when the writer's schema is the contract's own (same encoding): values are read without resolution.</summary>
    public abstract bool IsContractSchema { get; }

    /// <summary>Reads one value in the contract's wire format, Confluent header included.</summary>
    /// <param name="value">The value bytes as consumed.</param>
    /// <returns>The message.</returns>
    /// <exception cref="FormatException">The value is not in the Confluent wire format, or its schema id is not <see cref="SchemaId"/>.</exception>
    /// <exception cref="MessageDeserializationException">The value does not match the writer's schema or a member's C# type; names the member and the schema id.</exception>
    /// <exception cref="SchemaResolutionException">The value uses a part of the writer's schema that the contract cannot read (a union branch, an enum symbol).</exception>
    public abstract TMessage Read(ReadOnlySpan<byte> value);
}
