using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TypedProducer.Analyzers.Catalog;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>Whose defaults apply under the user's entries.</summary>
internal enum ConfigFlavor
{
    /// <summary>Raw Confluent.Kafka: librdkafka 2.0.2's defaults (idempotence off).</summary>
    Librdkafka,

    /// <summary>TypedProducerOptions: enable.idempotence=true, acks=all, partitioner=murmur2_random first.</summary>
    TypedProducerRuntime,
}

/// <summary>
/// A producer configuration: its entries in application order, canonicalised through aliases, with
/// librdkafka's notion of "explicit" (set by the application, even to the default value).
/// </summary>
internal sealed class ConfigModel
{
    private readonly Dictionary<string, ConfigEntry> _last = new(System.StringComparer.Ordinal);

    public ConfigModel(ConfigFlavor flavor, bool partial, Location? creationLocation, IEnumerable<ConfigEntry> userEntries)
    {
        Flavor = flavor;
        Partial = partial;
        CreationLocation = creationLocation;
        var entries = new List<ConfigEntry>();
        if (flavor == ConfigFlavor.TypedProducerRuntime)
        {
            // Applied before the user's dictionary, so user values override (TypedProducerOptions.Producer).
            entries.Add(new ConfigEntry("enable.idempotence", "true", true, EntrySource.RuntimeDefault, int.MinValue));
            entries.Add(new ConfigEntry("acks", "all", true, EntrySource.RuntimeDefault, int.MinValue));
            entries.Add(new ConfigEntry("partitioner", "murmur2_random", true, EntrySource.RuntimeDefault, int.MinValue));
        }

        var sorted = new List<ConfigEntry>(userEntries);
        sorted.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        entries.AddRange(sorted);
        Entries = entries;
        foreach (var entry in entries)
        {
            if (entry.RemovesKey)
            {
                _last.Remove(entry.Canonical);
            }
            else
            {
                _last[entry.Canonical] = entry;
            }
        }
    }

    public ConfigFlavor Flavor { get; }

    /// <summary>
    /// True when the configuration's creation was not seen (a parameter, or a field created elsewhere):
    /// only rules about single entries run, never rules that rely on defaults.
    /// </summary>
    public bool Partial { get; }

    /// <summary>Where configuration-wide findings go (the <c>new ProducerConfig</c> expression).</summary>
    public Location? CreationLocation { get; }

    public IReadOnlyList<ConfigEntry> Entries { get; }

    /// <summary>The entry in effect for a canonical key, or null when not set.</summary>
    public ConfigEntry? Get(string canonical) => _last.TryGetValue(canonical, out var entry) ? entry : null;

    /// <summary>True when the key (or an alias) is set.</summary>
    public bool IsExplicit(string canonical) => _last.ContainsKey(canonical);

    /// <summary>The effective value text: the entry's, or the catalogue default; null when not a constant.</summary>
    public string? ValueOrDefault(string canonical, out bool known)
    {
        var entry = Get(canonical);
        if (entry is not null)
        {
            known = entry.ValueKnown && !entry.IsNull;
            return entry.Value;
        }

        known = true;
        return PropertyCatalog.Find(canonical)?.DefaultValue;
    }

    /// <summary>The effective integer value (acks 'all' is -1); false when unknown or not a number.</summary>
    public bool TryGetInteger(string canonical, out long value)
    {
        value = 0;
        string? text = ValueOrDefault(canonical, out bool known);
        if (!known || text is null)
        {
            return false;
        }

        if (canonical == "request.required.acks" && string.Equals(text.Trim(), "all", System.StringComparison.OrdinalIgnoreCase))
        {
            value = -1;
            return true;
        }

        return ValueText.TryParseStrtol(text, out value);
    }

    /// <summary>The effective float value; false when unknown or not a number.</summary>
    public bool TryGetFloat(string canonical, out double value)
    {
        value = 0;
        string? text = ValueOrDefault(canonical, out bool known);
        return known && text is not null && ValueText.TryParseStrtod(text, out value, out _);
    }

    /// <summary>The effective boolean value; null when unknown or not a boolean.</summary>
    public bool? GetBoolean(string canonical)
    {
        string? text = ValueOrDefault(canonical, out bool known);
        return known && text is not null && ValueText.TryParseBool(text, out bool value) ? value : null;
    }

    /// <summary>True when <c>transactional.id</c> is set.</summary>
    public bool IsTransactional => IsExplicit("transactional.id");

    /// <summary>
    /// Whether librdkafka runs the producer as idempotent: enable.idempotence explicitly true, or
    /// transactional.id set and enable.idempotence not set (rdk-2.0.2 L3810–3817). Null when unknown.
    /// </summary>
    public bool? IsIdempotent
    {
        get
        {
            if (IsExplicit("enable.idempotence"))
            {
                return GetBoolean("enable.idempotence");
            }

            return IsTransactional;
        }
    }
}
