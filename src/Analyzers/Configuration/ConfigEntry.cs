using Microsoft.CodeAnalysis;
using TypedProducer.Analyzers.Catalog;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>Where a configuration entry was written.</summary>
internal enum EntrySource
{
    /// <summary>A Confluent.Kafka typed property (<c>Acks = Acks.Leader</c>).</summary>
    TypedProperty,

    /// <summary>A string key: <c>Set("k", "v")</c>, a dictionary entry or a key/value pair.</summary>
    StringKey,

    /// <summary>A property of the <c>"Kafka:Producer"</c> section of an appsettings*.json file.</summary>
    Json,

    /// <summary>A default TypedProducer's runtime applies before the user's values.</summary>
    RuntimeDefault,
}

/// <summary>One key/value written to a producer configuration.</summary>
internal sealed class ConfigEntry
{
    public ConfigEntry(string key, string? value, bool valueKnown, EntrySource source, int order)
    {
        Key = key;
        Property = PropertyCatalog.Find(key);
        Value = value;
        ValueKnown = valueKnown;
        Source = source;
        Order = order;
    }

    /// <summary>The key as written.</summary>
    public string Key { get; }

    /// <summary>The catalogue row, or null for an unknown key.</summary>
    public KafkaProperty? Property { get; }

    /// <summary>The canonical key (aliases resolved), or the key itself when unknown.</summary>
    public string Canonical => Property?.Canonical ?? Key;

    /// <summary>The value as librdkafka receives it; null when <see cref="ValueKnown"/> is false or <see cref="IsNull"/>.</summary>
    public string? Value { get; }

    /// <summary>False when the value is not a compile-time constant.</summary>
    public bool ValueKnown { get; }

    /// <summary>True when a string-keyed entry is given a null value (Confluent.Kafka throws).</summary>
    public bool IsNull { get; set; }

    /// <summary>True when a typed property is set to null: Confluent.Kafka removes the key.</summary>
    public bool RemovesKey { get; set; }

    public EntrySource Source { get; }

    /// <summary>Source order inside its configuration; later entries win.</summary>
    public int Order { get; }

    /// <summary>Where rules about the key (unknown, deprecated, consumer-only) are reported.</summary>
    public Location? KeyLocation { get; set; }

    /// <summary>Where rules about the value (range, cross-property conflicts) are reported.</summary>
    public Location? ValueLocation { get; set; }

    /// <summary>The Confluent.Kafka property name for typed entries.</summary>
    public string? CSharpProperty { get; set; }

    /// <summary>True when the value text was produced with the current culture (e.g. <c>x.ToString()</c>, <c>LingerMs = d</c>).</summary>
    public bool CultureSensitive { get; set; }

    /// <summary>True when the value is a literal written in source or in a configuration file.</summary>
    public bool IsLiteral { get; set; }

    /// <summary>True for user-written entries (not runtime defaults).</summary>
    public bool IsUser => Source != EntrySource.RuntimeDefault;

    // One reference, written at once: entries (TypedProducer's runtime defaults) are shared between concurrent blocks.
    private Validation? _validation;

    /// <summary>
    /// Why librdkafka refuses the value for <paramref name="target"/>, or null (also for an unknown key or value);
    /// computed once: one entry is judged in every path and at every point its configuration is judged.
    /// </summary>
    public string? InvalidReason(LibrdkafkaVersion target)
    {
        if (Property is null || !ValueKnown || IsNull || Value is null)
        {
            return null;
        }

        var validation = _validation;
        if (validation is null || !validation.Target.Equals(target))
        {
            validation = new Validation(target, ProducerConfigRules.Validate(Property, Value, target));
            _validation = validation;
        }

        return validation.Reason;
    }

    private sealed class Validation
    {
        public Validation(LibrdkafkaVersion target, string? reason)
        {
            Target = target;
            Reason = reason;
        }

        public LibrdkafkaVersion Target { get; }

        public string? Reason { get; }
    }
}
