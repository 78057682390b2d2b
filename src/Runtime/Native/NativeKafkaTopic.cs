using System;

namespace TypedProducer.Native;

/// <summary>
/// A topic handle (<c>rd_kafka_topic_t</c>) of one <see cref="NativeKafkaProducer"/>, from
/// <see cref="NativeKafkaProducer.Topic"/>: producing with it (<c>RD_KAFKA_VTYPE_RKT</c>) skips librdkafka's lookup of
/// the topic by name and the name's UTF-8 encoding on every message. Owned and destroyed by its producer.
/// </summary>
internal sealed class NativeKafkaTopic
{
    internal NativeKafkaTopic(NativeKafkaProducer producer, string name, IntPtr handle)
    {
        Producer = producer;
        Name = name;
        Handle = handle;
    }

    /// <summary>The topic name.</summary>
    public string Name { get; }

    internal NativeKafkaProducer Producer { get; }

    internal IntPtr Handle { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
