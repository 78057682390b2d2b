using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System;
using TypedProducer.SchemaRegistry;
using TypedProducer.Schemas.Avro;
using TypedProducer.Schemas;

namespace TypedProducer.Serialization;

/// <summary>Reads a contract's record with the contract's own schema (the writer's schema encodes identically). Generated per contract.</summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
/// <param name="reader">The Avro datum.</param>
/// <returns>The message.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate TMessage AvroReadFunc<TMessage>(ref AvroReader reader);

/// <summary>Reads a contract's record from a writer's record through its resolution plan. Generated per contract.</summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
/// <param name="reader">The Avro datum.</param>
/// <param name="plan">The plan of the writer's record.</param>
/// <returns>The message.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate TMessage AvroResolveFunc<TMessage>(ref AvroReader reader, AvroResolvedRecord plan);

/// <summary>
/// The Avro deserialization of one contract, for its generated code: picks, per writer schema, the generated reader of
/// the contract's own schema (when the writer's schema is the contract's: same text, or the same encoding and logical
/// types) or a resolution plan of the writer's schema against the contract's (Apache Avro 1.11 specification, "Schema
/// Resolution"; see <see cref="MessageContract{TMessage}.CreateValueReader"/>), which the generated per-field readers follow.
/// </summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AvroContractReader<TMessage>
{
    private readonly string _contractName;
    private readonly string _schema;
    private readonly AvroReadFunc<TMessage> _read;
    private readonly AvroResolveFunc<TMessage> _resolve;
    private AvroType? _readerSchema;

    /// <summary>Creates the contract's reader.</summary>
    /// <param name="contractName">The contract's C# type name, for messages.</param>
    /// <param name="schema">The contract's Avro schema (JSON).</param>
    /// <param name="read">The generated reader of the contract's own schema.</param>
    /// <param name="resolve">The generated reader that follows a resolution plan.</param>
    public AvroContractReader(string contractName, string schema, AvroReadFunc<TMessage> read, AvroResolveFunc<TMessage> resolve)
    {
        _contractName = contractName;
        _schema = schema;
        _read = read;
        _resolve = resolve;
    }

    /// <summary>A reader of the values written with <paramref name="writer"/>.</summary>
    /// <param name="writer">The writer's schema.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="SchemaResolutionException">The writer's schema is not Avro, not valid, or cannot be resolved against the contract's.</exception>
    public MessageValueReader<TMessage> Create(WriterSchema writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer.SchemaType != SchemaType.Avro)
        {
            throw new SchemaResolutionException(_contractName, writer.Id, new[] { $"the value was written as {writer.SchemaType}, the contract is Avro" });
        }

        if (writer.ReferencedSchemas.Count == 0 && string.Equals(writer.Schema, _schema, StringComparison.Ordinal))
        {
            return new Exact(_contractName, writer.Id, _read);
        }

        var named = new Dictionary<string, AvroType>(StringComparer.Ordinal);
        foreach (string referenced in writer.ReferencedSchemas)
        {
            Parse(referenced, named, writer.Id);
        }

        AvroType writerSchema = Parse(writer.Schema, named, writer.Id);
        AvroType readerSchema = ReaderSchema;
        if (AvroResolutionRules.SameEncoding(readerSchema, writerSchema))
        {
            return new Exact(_contractName, writer.Id, _read);
        }

        return new Resolving(_contractName, writer.Id, _resolve, AvroResolution.Plan(_contractName, writer.Id, readerSchema, writerSchema));
    }

    private AvroType ReaderSchema
    {
        get
        {
            if (Volatile.Read(ref _readerSchema) is { } parsed)
            {
                return parsed;
            }

            AvroType schema = AvroSchemaParser.Parse(_schema, out SchemaProblem? problem)
                ?? throw new InvalidOperationException($"The generated Avro schema of {_contractName} does not parse: {problem!.Message}");
            Volatile.Write(ref _readerSchema, schema);
            return schema;
        }
    }

    private AvroType Parse(string text, Dictionary<string, AvroType> named, int schemaId) =>
        AvroSchemaParser.Parse(text, named, out SchemaProblem? problem)
        ?? throw new SchemaResolutionException(_contractName, schemaId, new[] { $"the writer's schema is not a valid Avro schema: {problem!.Message} (at character {problem.Span.Start})" });

    private static TMessage ReadValue(string contractName, int schemaId, ReadOnlySpan<byte> value, AvroResolvedValue? plan, AvroReadFunc<TMessage>? read, AvroResolveFunc<TMessage>? resolve)
    {
        ReadOnlySpan<byte> body = AvroGenericReader.ReadConfluentHeader(value, out int id);
        if (id != schemaId)
        {
            throw new FormatException($"The value was written with schema id {id}; this reader reads schema id {schemaId}.");
        }

        var reader = new AvroReader(body);
        try
        {
            TMessage message = plan is null ? read!(ref reader) : resolve!(ref reader, plan.ReadRecord(ref reader));
            reader.EnsureEnd();
            return message;
        }
        catch (MessageDeserializationException ex)
        {
            throw ex.WithSchemaId(schemaId);
        }
        catch (FormatException ex)
        {
            throw new MessageDeserializationException(contractName, schemaId, ex.Message, ex);
        }
    }

    private sealed class Exact(string contractName, int schemaId, AvroReadFunc<TMessage> read) : MessageValueReader<TMessage>(schemaId)
    {
        public override bool IsContractSchema => true;

        public override TMessage Read(ReadOnlySpan<byte> value) => ReadValue(contractName, SchemaId, value, null, read, null);
    }

    private sealed class Resolving(string contractName, int schemaId, AvroResolveFunc<TMessage> resolve, AvroResolvedValue plan) : MessageValueReader<TMessage>(schemaId)
    {
        public override bool IsContractSchema => false;

        public override TMessage Read(ReadOnlySpan<byte> value) => ReadValue(contractName, SchemaId, value, plan, null, resolve);
    }
}
