using System;

namespace TypedProducer;

/// <summary>
/// Writes a contract member as a Kafka record header named <see cref="Name"/> instead of as part of the value (the value
/// schema and serializers of every format leave the member out), and the generated deserializers read it back from the
/// record's headers. Encodings (<see cref="Serialization.KafkaHeaderEncoding"/>): <c>string</c> UTF-8; <c>short</c>,
/// <c>int</c>, <c>long</c> big-endian as Kafka's Java <c>ShortSerializer</c>, <c>IntegerSerializer</c>, <c>LongSerializer</c>;
/// <c>bool</c> one byte 1 or 0 (Kafka's <c>BooleanSerializer</c>); <c>Guid</c> the UTF-8 of its canonical 36-character
/// form (Kafka's <c>UUIDSerializer</c>); enums the UTF-8 of the member's name; <c>DateTimeOffset</c> milliseconds since
/// the Unix epoch as a big-endian 64-bit integer (Java's <c>Instant.toEpochMilli()</c> through <c>LongSerializer</c>);
/// <c>byte[]</c> unchanged. A nullable member that is null is left out (no header); a non-nullable one must be present
/// when read. Another member type is generator error TPK0030; an empty, duplicate or reserved name (the trace-context
/// headers the producer writes: <c>traceparent</c>, <c>tracestate</c>, <c>baggage</c>, <c>Request-Id</c>,
/// <c>Correlation-Context</c>) is TPK0031.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class MessageHeaderAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The header name (Kafka header keys are case-sensitive UTF-8 strings).</param>
    public MessageHeaderAttribute(string name) => Name = name;

    /// <summary>The header name.</summary>
    public string Name { get; }
}
