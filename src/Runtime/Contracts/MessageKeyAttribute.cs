using System;

namespace TypedProducer;

/// <summary>
/// Marks the property or field whose value becomes the Kafka message key. The key is serialized as the
/// standard Java/Confluent key serializers do, byte for byte: <see cref="string"/> as UTF-8
/// (<c>StringSerializer</c>), <see cref="int"/> and <see cref="long"/> big-endian
/// (<c>IntegerSerializer</c>, <c>LongSerializer</c>), <see cref="Guid"/> as the UTF-8 of its canonical
/// 36-character string (<c>UUIDSerializer</c>), <c>byte[]</c> unchanged. Unless a
/// <see cref="PartitionKeyAttribute"/> member exists, the partition is chosen from these bytes as the
/// Java client does: <c>toPositive(murmur2(keyBytes)) % partitions</c>; a null key is left to sticky
/// partitioning (KIP-480).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class MessageKeyAttribute : Attribute
{
}
