using System;

namespace TypedProducer;

/// <summary>Excludes a property or field from the message value and its schema.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class MessageIgnoreAttribute : Attribute
{
}
