using System;
using System.Buffers;
using Microsoft.Extensions.DependencyInjection;

namespace TypedProducer;

/// <summary>
/// What the runtime knows about one message contract, independent of its CLR type. Generated code
/// derives from <see cref="MessageContract{TMessage}"/>; user code rarely needs this type.
/// </summary>
public abstract class MessageContract
{
    private SendInstrumentation? _sendInstrumentation;

    /// <summary>The contract's CLR type.</summary>
    public abstract Type MessageType { get; }

    /// <summary>The Kafka topic the contract's messages are produced to.</summary>
    public abstract string Topic { get; }

    /// <summary>The value's wire format.</summary>
    public abstract MessageFormat Format { get; }

    /// <summary>The value schema, registered with the schema registry at start-up.</summary>
    public abstract MessageSchema ValueSchema { get; }

    /// <summary>True when a <see cref="PartitionKeyAttribute"/> member chooses the partition.</summary>
    public virtual bool HasPartitionKey => false;

    /// <summary>
    /// True when the key has a canonical string form (string, <c>int</c>, <c>long</c> and <c>Guid</c> keys), which
    /// <see cref="MessageContract{TMessage}.DescribeKey"/> returns, so that traces may record it as
    /// <c>messaging.kafka.message.key</c>; false for <c>byte[]</c> keys (described in hex) and contracts without a key
    /// (OpenTelemetry <c>docs/messaging/kafka.md</c>: "If the key has no unambiguous, canonical string form, don't include its value").
    /// </summary>
    public virtual bool HasTextKey => false;

    /// <summary>The send span and delivery metrics of this contract's topic.</summary>
    internal SendInstrumentation SendInstrumentation => _sendInstrumentation ??= new SendInstrumentation(Topic);

    /// <summary>Registers the contract's generated producer types in <paramref name="services"/> as singletons.</summary>
    /// <param name="services">The service collection.</param>
    public abstract void AddProducerServices(IServiceCollection services);
}

/// <summary>The generated serializers and metadata of contract <typeparamref name="TMessage"/>.</summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
public abstract class MessageContract<TMessage> : MessageContract
{
    /// <inheritdoc />
    public sealed override Type MessageType => typeof(TMessage);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    /// <summary>
    /// Writes the message key as the Java/Confluent key serializers do (<see cref="Serialization.KafkaKeySerializer"/>)
    /// to <paramref name="destination"/>, or writes nothing and returns false when the contract has no key member or the
    /// key is null (a null key: the producer then uses sticky partitioning). The produce path calls it with a buffer reused
    /// per thread, so producing allocates no key array.
    /// </summary>
    /// <param name="message">The message; not null.</param>
    /// <param name="destination">Receives the key bytes.</param>
    /// <returns>True when a key was written (an empty one included); false for a null key.</returns>
    /// <exception cref="MessageSerializationException">The key cannot be encoded (for example a string with an unpaired surrogate).</exception>
    public abstract bool WriteKey(TMessage message, IBufferWriter<byte> destination);

    /// <summary>
    /// Writes the bytes hashed to choose the partition when the contract has a <see cref="PartitionKeyAttribute"/>
    /// member (encoded as a key of its type); returns false and writes nothing otherwise, or when the member is null
    /// (then the message key's bytes are hashed by the producer).
    /// </summary>
    /// <param name="message">The message; not null.</param>
    /// <param name="destination">Receives the partition key bytes.</param>
    /// <returns>True when a partition key was written.</returns>
    /// <exception cref="MessageSerializationException">The partition key cannot be encoded.</exception>
    public virtual bool WritePartitionKey(TMessage message, IBufferWriter<byte> destination) => false;

    /// <summary>
    /// Writes the value in the contract's wire format, with <paramref name="schemaId"/> in its header (Confluent wire
    /// format: magic byte 0, the 4-byte big-endian schema id, for Protobuf the message indexes, then the encoding), to
    /// <paramref name="destination"/>. Allocates nothing once the thread's writer buffers have grown to the message's size
    /// (protoc-generated messages: what their own <c>WriteTo</c> allocates).
    /// </summary>
    /// <param name="message">The message; not null.</param>
    /// <param name="schemaId">The schema registry id of <see cref="MessageContract.ValueSchema"/>.</param>
    /// <param name="destination">Receives the serialized value.</param>
    /// <exception cref="MessageSerializationException">A member's value cannot be encoded; the message names the member.</exception>
    public abstract void WriteValue(TMessage message, int schemaId, IBufferWriter<byte> destination);

    /// <summary><see cref="WriteKey"/> into a new array.</summary>
    /// <param name="message">The message; not null.</param>
    /// <returns>The key bytes, or null for a null key.</returns>
    /// <exception cref="MessageSerializationException">The key cannot be encoded.</exception>
    public byte[]? SerializeKey(TMessage message)
    {
        ArrayBufferWriter<byte> scratch = Scratch();
        return WriteKey(message, scratch) ? scratch.WrittenSpan.ToArray() : null;
    }

    /// <summary><see cref="WritePartitionKey"/> into a new array.</summary>
    /// <param name="message">The message; not null.</param>
    /// <returns>The partition key bytes, or null when there is none.</returns>
    /// <exception cref="MessageSerializationException">The partition key cannot be encoded.</exception>
    public byte[]? SerializePartitionKey(TMessage message)
    {
        ArrayBufferWriter<byte> scratch = Scratch();
        return WritePartitionKey(message, scratch) ? scratch.WrittenSpan.ToArray() : null;
    }

    /// <summary><see cref="WriteValue"/> into a new array: allocates exactly that array.</summary>
    /// <param name="message">The message; not null.</param>
    /// <param name="schemaId">The schema registry id of <see cref="MessageContract.ValueSchema"/>.</param>
    /// <returns>The serialized value.</returns>
    /// <exception cref="MessageSerializationException">A member's value cannot be encoded; the message names the member.</exception>
    public byte[] SerializeValue(TMessage message, int schemaId)
    {
        ArrayBufferWriter<byte> scratch = Scratch();
        WriteValue(message, schemaId, scratch);
        return scratch.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A reader of values written with <paramref name="writerSchema"/> (the schema their header's schema id names) as
    /// <typeparamref name="TMessage"/>; create one per schema id and keep it (<see cref="TypedDeserializer{TMessage}"/> does).
    /// Avro: the writer's schema is resolved against the contract's (Apache Avro 1.11 specification, "Schema Resolution":
    /// fields matched by name or alias, added fields from their defaults, removed fields skipped, int → long → float →
    /// double and string ↔ bytes promotions, enum symbols by name or the enum's default, union branches); when the two
    /// encode identically, the generated reader of the contract's own schema reads the values directly. Protobuf: the
    /// message index must name the contract's message (<see cref="SchemaResolutionException"/> from
    /// <see cref="MessageValueReader{TMessage}.Read"/> otherwise); protoc-generated messages read through their parser,
    /// plain <c>[ProtoField]</c> contracts through a generated reader (Protocol Buffers "Encoding": packed and unpacked
    /// repeated fields, absent fields as their proto3 defaults); unknown fields are skipped. JSON: the contract's
    /// System.Text.Json context reads the document.
    /// </summary>
    /// <param name="writerSchema">The writer's schema.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="SchemaResolutionException">Values written with <paramref name="writerSchema"/> cannot be read as the contract; the message names the field and the schema id.</exception>
    /// <exception cref="NotSupportedException">The contract cannot be deserialized (a member the generated code cannot set); the message names it.</exception>
    public virtual MessageValueReader<TMessage> CreateValueReader(WriterSchema writerSchema) =>
        throw new NotSupportedException($"The contract {typeof(TMessage).Name} has no generated deserializer.");

    /// <summary>
    /// The record headers of <paramref name="message"/>: the caller's <paramref name="headers"/> followed by one header per
    /// <see cref="MessageHeaderAttribute"/> member (a nullable member that is null adds none), in a new
    /// <see cref="Confluent.Kafka.Headers"/> (the caller's instance is not changed). A reader taking the last header of a
    /// name (as <see cref="ReadHeaders"/> does) sees the member's value over a caller header of the same name. Without
    /// header members, <paramref name="headers"/> itself.
    /// </summary>
    /// <param name="message">The message; not null.</param>
    /// <param name="headers">The caller's headers, or null.</param>
    /// <returns>The headers to send, or null.</returns>
    /// <exception cref="MessageSerializationException">A header member's value cannot be encoded (null but not nullable, an undeclared enum value, an unpaired surrogate); names the member.</exception>
    public virtual Confluent.Kafka.Headers? WriteHeaders(TMessage message, Confluent.Kafka.Headers? headers) => headers;

    /// <summary>
    /// <paramref name="message"/>, as read from a record's value, with its <see cref="MessageHeaderAttribute"/> members set
    /// from <paramref name="headers"/> (the last header of each name); <paramref name="message"/> itself for a contract
    /// without header members.
    /// </summary>
    /// <param name="message">The message read from the value.</param>
    /// <param name="headers">The record's headers, or null.</param>
    /// <returns>The message with its header members.</returns>
    /// <exception cref="MessageDeserializationException">A header is missing for a non-nullable member, or its value is not in the member's encoding; names the member.</exception>
    public virtual TMessage ReadHeaders(TMessage message, Confluent.Kafka.Headers? headers) => message;

    private static ArrayBufferWriter<byte> Scratch()
    {
        ArrayBufferWriter<byte> scratch = t_scratch ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        return scratch;
    }

    /// <summary>A short, human-readable rendering of the message's key for logs and errors, or null.</summary>
    /// <param name="message">The message; not null.</param>
    /// <returns>The key as text, or null when there is none.</returns>
    public virtual string? DescribeKey(TMessage message) => null;
}
