using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using TypedProducer.Analyzers.Catalog;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>Whose defaults apply under the user's entries.</summary>
internal enum ConfigFlavor
{
    /// <summary>Raw Confluent.Kafka: librdkafka's defaults (idempotence off).</summary>
    Librdkafka,

    /// <summary>TypedProducerOptions: enable.idempotence=true, acks=all, partitioner=murmur2_random first.</summary>
    TypedProducerRuntime,
}

/// <summary>
/// A producer configuration as one path through the code leaves it: its entries in application order, canonicalised
/// through aliases, with librdkafka's notion of "explicit" (set by the application, even to the default value).
/// Where the code cannot show what a key holds (a base created elsewhere, <c>configuration.Bind(config)</c>, a key
/// that is not a constant), the key is <em>unknown</em>: <see cref="IsExplicit"/> is null and no default is assumed,
/// so rules that need it give no verdict.
/// </summary>
internal sealed class ConfigModel
{
    private readonly Dictionary<string, ConfigEntry> _last = new(System.StringComparer.Ordinal);

    // Per exact key: the entry in effect and its place in Confluent.Kafka's enumeration (the order librdkafka gets them).
    private readonly Dictionary<string, (ConfigEntry Entry, int Place)> _byKey = new(System.StringComparer.Ordinal);
    private readonly bool _sequential;
    private int _places;
    private HashSet<string>? _unknownKeysSet;

    private bool _allUnknown;

    /// <param name="flavor">Whose defaults lie underneath.</param>
    /// <param name="baseUnknown">True when the configuration starts from content the code does not show.</param>
    /// <param name="creationLocation">Where configuration-wide findings go; null for none.</param>
    /// <param name="items">Entries and unknown changes, in source order.</param>
    /// <param name="target">The librdkafka version to judge against.</param>
    /// <param name="reachesProducer">False when judged where it stops changing, not at a producer.</param>
    /// <param name="sequential">
    /// True for key/value lists and arrays, applied in the order written; false for dictionaries and Confluent.Kafka
    /// configs (a Dictionary underneath): a key set again keeps the place of its first insertion, which decides which of
    /// two aliases librdkafka applies last.
    /// </param>
    public ConfigModel(ConfigFlavor flavor, bool baseUnknown, Location? creationLocation, IEnumerable<ConfigItem> items, LibrdkafkaVersion target, bool reachesProducer = true, bool sequential = false)
    {
        _sequential = sequential;
        Flavor = flavor;
        CreationLocation = creationLocation;
        Target = target;
        ReachesProducer = reachesProducer;
        var entries = new List<ConfigEntry>();
        if (flavor == ConfigFlavor.TypedProducerRuntime)
        {
            // Applied before the user's dictionary, so user values override (TypedProducerOptions.Producer).
            foreach (var runtimeDefault in s_runtimeDefaults)
            {
                Apply(entries, runtimeDefault);
            }
        }

        if (baseUnknown)
        {
            Havoc(null);
        }

        foreach (var item in items)
        {
            if (item.Entry is { } entry)
            {
                Apply(entries, entry);
            }
            else
            {
                Havoc(item.HavocKey);
            }
        }

        Entries = entries;
    }

    // TypedProducer's runtime defaults; shared, so their validation is cached once for all models.
    private static readonly ConfigEntry[] s_runtimeDefaults =
    {
        new("enable.idempotence", "true", true, EntrySource.RuntimeDefault, int.MinValue),
        new("acks", "all", true, EntrySource.RuntimeDefault, int.MinValue),
        new("partitioner", "murmur2_random", true, EntrySource.RuntimeDefault, int.MinValue),
    };

    public ConfigFlavor Flavor { get; }

    /// <summary>The librdkafka version the configuration is judged against.</summary>
    public LibrdkafkaVersion Target { get; }

    /// <summary>False when the configuration is judged where it stops being changed, not where it reaches a producer.</summary>
    public bool ReachesProducer { get; }

    /// <summary>Whether the project references Confluent.Kafka.OAuthBearer.Aws (for aws_iam); null when unknown.</summary>
    public bool? HasAwsOAuthBearer { get; set; }

    /// <summary>True when some key's state cannot be seen (an unknown base or mutation).</summary>
    public bool HasUnknowns => _allUnknown || _unknownKeysSet is { Count: > 0 };

    /// <summary>Where configuration-wide findings go (the <c>new ProducerConfig</c> expression).</summary>
    public Location? CreationLocation { get; }

    /// <summary>The visible entries in application order.</summary>
    public IReadOnlyList<ConfigEntry> Entries { get; }

    /// <summary>The entry in effect for a canonical key, or null when no visible code set it (or set it before an unknown change).</summary>
    public ConfigEntry? Get(string canonical) => _last.TryGetValue(canonical, out var entry) ? entry : null;

    /// <summary>True when the key (or an alias) is set; false when it is not; null when the code cannot show it.</summary>
    public bool? IsExplicit(string canonical)
    {
        if (_last.ContainsKey(canonical))
        {
            return true;
        }

        return IsUnknown(canonical) ? null : false;
    }

    /// <summary>
    /// The effective value text: the entry's, or the catalogue default; null when not a constant. librdkafka stores an
    /// empty value as "not set" (<c>rd_kafka_anyconf_set</c>), so an empty string reads as the default.
    /// </summary>
    public string? ValueOrDefault(string canonical, out bool known)
    {
        var entry = Get(canonical);
        if (entry is not null)
        {
            known = entry.ValueKnown && !entry.IsNull;
            if (known && entry.Value!.Length == 0)
            {
                return PropertyCatalog.Find(canonical)?.DefaultValue;
            }

            return entry.Value;
        }

        if (IsUnknown(canonical))
        {
            known = false;
            return null;
        }

        known = true;
        return PropertyCatalog.Find(canonical)?.DefaultValue;
    }

    /// <summary>
    /// The effective string of a text property, as librdkafka holds it: null when unset or set to "" (C NULL), else the
    /// value with leading white space removed. <paramref name="known"/> is false when the code cannot show it.
    /// </summary>
    public string? StringValue(string canonical, out bool known)
    {
        var entry = Get(canonical);
        if (entry is null)
        {
            known = !IsUnknown(canonical);
            string? fallback = PropertyCatalog.Find(canonical)?.DefaultValue;
            return known && !string.IsNullOrEmpty(fallback) ? fallback : null;
        }

        known = entry.ValueKnown && !entry.IsNull;
        if (!known || entry.Value!.Length == 0)
        {
            return null;
        }

        return entry.Value.TrimStart();
    }

    /// <summary>The effective integer value as librdkafka reads it (acks 'all' is -1); false when unknown or not a number.</summary>
    public bool TryGetInteger(string canonical, out long value)
    {
        value = 0;
        string? text = ValueOrDefault(canonical, out bool known);
        if (!known || text is null)
        {
            return false;
        }

        if (canonical == "request.required.acks" && string.Equals(text, "all", System.StringComparison.OrdinalIgnoreCase))
        {
            value = -1;
            return true;
        }

        return ValueText.TryParseInt(text, out value);
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

    /// <summary>
    /// Whether <c>transactional.id</c> is set (librdkafka: non-NULL; an empty value is NULL, white space is not); null
    /// when unknown.
    /// </summary>
    public bool? IsTransactional => _transactional ??= ComputeTransactional();

    /// <summary>
    /// Whether librdkafka runs the producer as idempotent: enable.idempotence explicitly true, or
    /// transactional.id set and enable.idempotence not set (<c>rd_kafka_conf_finalize</c>). Null when unknown.
    /// </summary>
    public bool? IsIdempotent => _idempotent ??= ComputeIdempotent();

    // Computed on first use (the model does not change after construction); Tri.Unset means "not computed yet".
    private Tri? _transactional;
    private Tri? _idempotent;

    private Tri ComputeTransactional()
    {
        {
            var entry = Get("transactional.id");
            if (entry is null)
            {
                return IsUnknown("transactional.id") ? Tri.Unknown : Tri.False;
            }

            if (!entry.ValueKnown || entry.IsNull)
            {
                return Tri.Unknown;
            }

            return entry.Value!.Length > 0 ? Tri.True : Tri.False;
        }
    }

    private Tri ComputeIdempotent()
    {
        switch (IsExplicit("enable.idempotence"))
        {
            case true:
                return GetBoolean("enable.idempotence");
            case null:
                return Tri.Unknown;
            default:
                return IsTransactional;
        }
    }

    /// <summary>
    /// Whether a default topic configuration exists when the producer is built (some topic-level key was set), which
    /// moves librdkafka's topic checks from the first produce to <c>Build()</c> and adds the linger check there. Null when unknown.
    /// </summary>
    public bool? HasTopicConfig
    {
        get
        {
            foreach (var entry in _last.Values)
            {
                if (entry.IsUser && entry.Property is { TopicLevel: true })
                {
                    return true;
                }
            }

            return HasUnknowns ? null : false;
        }
    }

    private bool IsUnknown(string canonical) => _allUnknown || (_unknownKeysSet?.Contains(canonical) ?? false);

    private void Apply(List<ConfigEntry> entries, ConfigEntry entry)
    {
        entries.Add(entry);
        if (entry.RemovesKey)
        {
            // A typed property set to null removes its own key (Config.SetObject), not an alias.
            // After an unknown change an alias may still be set: the key stays unknown unless set again.
            _byKey.Remove(entry.Key);
        }
        else
        {
            int place = !_sequential && _byKey.TryGetValue(entry.Key, out var existing) ? existing.Place : _places++;
            _byKey[entry.Key] = (entry, place);
            _unknownKeysSet?.Remove(entry.Canonical);

            if (!_last.TryGetValue(entry.Canonical, out var current) || current.Key == entry.Key || _byKey[current.Key].Place < place)
            {
                _last[entry.Canonical] = entry; // the usual case: no other spelling of the key applied after it
                return;
            }
        }

        // The alias applied last is in effect.
        ConfigEntry? effective = null;
        int best = int.MinValue;
        foreach (var pair in _byKey.Values)
        {
            if (pair.Entry.Canonical == entry.Canonical && pair.Place > best)
            {
                best = pair.Place;
                effective = pair.Entry;
            }
        }

        if (effective is null)
        {
            _last.Remove(entry.Canonical);
        }
        else
        {
            _last[entry.Canonical] = effective;
        }
    }

    private void Havoc(string? canonical)
    {
        if (canonical is null)
        {
            _allUnknown = true;
            _last.Clear();
            _byKey.Clear();
            _unknownKeysSet?.Clear();
        }
        else
        {
            _last.Remove(canonical);
            (_unknownKeysSet ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(canonical);
            var stale = new List<string>();
            foreach (var pair in _byKey)
            {
                if (pair.Value.Entry.Canonical == canonical)
                {
                    stale.Add(pair.Key);
                }
            }

            foreach (string key in stale)
            {
                _byKey.Remove(key);
            }
        }
    }
}

/// <summary>A cached three-valued answer (bool? cannot tell "not computed" from "unknown").</summary>
internal readonly struct Tri
{
    public static readonly Tri True = new(true);
    public static readonly Tri False = new(false);
    public static readonly Tri Unknown = new(null);

    private readonly bool? _value;

    private Tri(bool? value) => _value = value;

    public static implicit operator bool?(Tri value) => value._value;

    public static implicit operator Tri(bool? value) => value is null ? Unknown : value.Value ? True : False;
}

/// <summary>One step of a configuration's history: an entry, or a change the code cannot show (one key, or every key).</summary>
internal readonly struct ConfigItem
{
    private ConfigItem(ConfigEntry? entry, string? havocKey)
    {
        Entry = entry;
        HavocKey = havocKey;
    }

    /// <summary>The entry, or null for an unknown change.</summary>
    public ConfigEntry? Entry { get; }

    /// <summary>For an unknown change: the canonical key it affects, or null for every key.</summary>
    public string? HavocKey { get; }

    public static ConfigItem Of(ConfigEntry entry) => new(entry, null);

    public static ConfigItem UnknownChange(string? canonicalKey) => new(null, canonicalKey);
}
