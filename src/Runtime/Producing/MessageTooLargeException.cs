using System;
using System.Globalization;
using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// A message is larger than the producer's <c>message.max.bytes</c> (librdkafka default 1 000 000 bytes), so
/// librdkafka refused it before sending (<see cref="ErrorCode.MsgSizeTooLarge"/>). The message names the contract,
/// topic, sizes and limit. Raise <c>message.max.bytes</c> (and the topic's <c>max.message.bytes</c> on the brokers)
/// or send smaller values.
/// </summary>
public sealed class MessageTooLargeException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="messageType">The contract type's name.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="keyBytes">The serialized key's size in bytes.</param>
    /// <param name="valueBytes">The serialized value's size in bytes.</param>
    /// <param name="headerBytes">The headers' size in bytes (names and values).</param>
    /// <param name="limitBytes">The producer's <c>message.max.bytes</c>.</param>
    /// <param name="innerException">The Confluent.Kafka exception, if any.</param>
    public MessageTooLargeException(string messageType, string topic, int keyBytes, int valueBytes, int headerBytes, int limitBytes, Exception? innerException = null)
        : base(new Error(ErrorCode.MsgSizeTooLarge, Describe(messageType, topic, keyBytes, valueBytes, headerBytes, limitBytes)), innerException)
    {
        MessageType = messageType;
        Topic = topic;
        SizeBytes = keyBytes + valueBytes + headerBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>The contract type's name.</summary>
    public string MessageType { get; }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>Key, value and header bytes together (librdkafka adds the record overhead to this).</summary>
    public int SizeBytes { get; }

    /// <summary>The producer's <c>message.max.bytes</c>.</summary>
    public int LimitBytes { get; }

    /// <summary>The effective <c>message.max.bytes</c> of a configuration: the configured value or librdkafka's default, 1 000 000.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The limit in bytes.</returns>
    public static int GetLimit(TypedProducerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Producer.TryGetValue("message.max.bytes", out string? text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int limit)
            ? limit
            : 1_000_000;
    }

    internal static MessageTooLargeException Create(string messageType, string topic, int keyBytes, int valueBytes, Headers? headers, TypedProducerOptions options, Exception innerException)
    {
        int headerBytes = 0;
        if (headers is not null)
        {
            foreach (IHeader header in headers)
            {
                headerBytes += System.Text.Encoding.UTF8.GetByteCount(header.Key) + (header.GetValueBytes()?.Length ?? 0);
            }
        }

        return new MessageTooLargeException(messageType, topic, keyBytes, valueBytes, headerBytes, GetLimit(options), innerException);
    }

    private static string Describe(string messageType, string topic, int keyBytes, int valueBytes, int headerBytes, int limitBytes) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{messageType} to topic '{topic}' is {keyBytes + valueBytes + headerBytes} bytes (key {keyBytes}, value {valueBytes}, headers {headerBytes}, before the record overhead), more than message.max.bytes = {limitBytes}; librdkafka refused it before sending.");
}
