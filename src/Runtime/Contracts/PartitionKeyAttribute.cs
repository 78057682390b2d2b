using System;

namespace TypedProducer;

/// <summary>
/// Marks the property or field that chooses the partition when it should differ from the message key
/// (for example: key by order line, partition by order so an order's events stay in order). Its value is
/// serialized with the same rules as <see cref="MessageKeyAttribute"/> and hashed as the Java client
/// hashes keys: <c>toPositive(murmur2(bytes)) % partitions</c>. The partition count is read from the
/// cluster's metadata and cached per topic.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class PartitionKeyAttribute : Attribute
{
}
