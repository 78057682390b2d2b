using System.ComponentModel;
using System;
using TypedProducer.SchemaRegistry;

namespace TypedProducer.Serialization;

/// <summary>Parses a Protobuf message from its bytes: a protoc-generated message's <c>Parser.ParseFrom</c>, or a plain contract's generated reader. For generated code.</summary>
/// <typeparam name="TMessage">The message type.</typeparam>
/// <param name="message">The message bytes, after the Confluent header and message indexes.</param>
/// <returns>The message.</returns>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate TMessage ProtobufParseFunc<TMessage>(ReadOnlySpan<byte> message);

/// <summary>
/// Reads the Confluent Protobuf wire format (magic byte 0, 4-byte schema id, message-index array, message) as a contract
/// (a protoc-generated message's parser, or the generated reader of a plain contract):
/// the message-index array must be the contract's (its message's path in the writer's <c>.proto</c>; Confluent
/// Schema Registry documentation, "Wire format"), then the parser reads the message, skipping fields it does not know
/// (Protocol Buffers "Updating A Message Type": unknown fields are ignored by proto3 parsers). For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ProtobufMessageReader
{
    /// <summary>A reader of values written with <paramref name="writer"/>.</summary>
    /// <typeparam name="TMessage">The contract type.</typeparam>
    /// <param name="writer">The writer's schema.</param>
    /// <param name="contractName">The contract's C# type name.</param>
    /// <param name="schema">The contract's value schema.</param>
    /// <param name="messageIndexes">The contract's message-index array, encoded.</param>
    /// <param name="parse">The message parser.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="SchemaResolutionException">The writer's schema is not Protobuf.</exception>
    public static MessageValueReader<TMessage> Create<TMessage>(WriterSchema writer, string contractName, MessageSchema schema, byte[] messageIndexes, ProtobufParseFunc<TMessage> parse)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(schema);
        if (writer.SchemaType != SchemaType.Protobuf)
        {
            throw new SchemaResolutionException(contractName, writer.Id, new[] { $"the value was written as {writer.SchemaType}, the contract is Protobuf" });
        }

        int position = 0;
        int[] expected = messageIndexes.Length == 1 && messageIndexes[0] == 0 ? [0] : Decode(messageIndexes, ref position);
        return new Reader<TMessage>(contractName, writer.Id, string.Equals(writer.Schema, schema.Schema, StringComparison.Ordinal), expected, parse);
    }

    private static int[] Decode(byte[] encoded, ref int position)
    {
        // The encoding of ProtobufWireFormat.EncodeMessageIndexes: a count, then the indexes (zig-zag varints); read back by
        // the same header reader as values (prefixed with a dummy header).
        byte[] framed = new byte[5 + encoded.Length + 1];
        encoded.CopyTo(framed, 5);
        ProtobufWireFormat.ReadConfluentHeader(framed, out _, out int[] indexes);
        position = encoded.Length;
        return indexes;
    }

    private sealed class Reader<TMessage>(string contractName, int schemaId, bool same, int[] expected, ProtobufParseFunc<TMessage> parse) : MessageValueReader<TMessage>(schemaId)
    {
        public override bool IsContractSchema => same;

        public override TMessage Read(ReadOnlySpan<byte> value)
        {
            ReadOnlySpan<byte> message = ProtobufWireFormat.ReadConfluentHeader(value, out int id, out int[] indexes);
            if (id != SchemaId)
            {
                throw new FormatException($"The value was written with schema id {id}; this reader reads schema id {SchemaId}.");
            }

            if (!indexes.AsSpan().SequenceEqual(expected))
            {
                throw new SchemaResolutionException(contractName, SchemaId, new[] { $"the value's message indexes [{string.Join(", ", indexes)}] name another message of the writer's schema than the contract's [{string.Join(", ", expected)}]" });
            }

            try
            {
                return parse(message);
            }
            catch (MessageDeserializationException ex)
            {
                throw ex.WithSchemaId(SchemaId); // a generated reader's error names the member; the id is known here
            }
            catch (Exception ex) when (ex is not (MessageDeserializationException or SchemaResolutionException))
            {
                throw new MessageDeserializationException(contractName, SchemaId, ex.Message, ex);
            }
        }
    }
}
