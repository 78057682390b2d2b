using System;
using System.Collections.Generic;

namespace TypedProducer.Analyzers.Catalog;

/// <summary>
/// Lookup over the librdkafka property table (<see cref="CreateProperties"/>, generated), the Java-only
/// producer keys librdkafka does not know, and the Confluent.Kafka typed-property-to-key map.
/// </summary>
internal static partial class PropertyCatalog
{
    private static readonly Dictionary<string, KafkaProperty> s_byName = BuildByName();
    private static readonly Dictionary<string, string> s_keyByCSharpProperty = BuildKeyByCSharpProperty();
    private static readonly List<KeyValuePair<string, string>> s_normalizedNames = BuildNormalizedNames();

    /// <summary>
    /// Producer keys of the Java client (ak-trunk <c>ProducerConfig</c>, <c>CommonClientConfigs</c>) that
    /// librdkafka does not know, with the librdkafka way to get the same effect. <c>ssl.truststore.location</c>
    /// and <c>sasl.jaas.config</c> are known to librdkafka only to reject them with a hint (rdk-2.0.2
    /// <c>src/rdkafka_conf.c</c> L896–905).
    /// </summary>
    private static readonly Dictionary<string, string> s_javaOnly = new(StringComparer.Ordinal)
    {
        ["buffer.memory"] = "use 'queue.buffering.max.kbytes'",
        ["max.request.size"] = "use 'message.max.bytes'",
        ["max.block.ms"] = "librdkafka does not block: Produce throws when 'queue.buffering.max.messages' or 'queue.buffering.max.kbytes' is reached",
        ["key.serializer"] = "use ProducerBuilder.SetKeySerializer",
        ["value.serializer"] = "use ProducerBuilder.SetValueSerializer",
        ["partitioner.class"] = "use 'partitioner' or ProducerBuilder.SetPartitioner",
        ["partitioner.ignore.keys"] = "use 'partitioner' = 'random'",
        ["partitioner.adaptive.partitioning.enable"] = "librdkafka has no adaptive partitioning",
        ["partitioner.availability.timeout.ms"] = "librdkafka has no adaptive partitioning",
        ["interceptor.classes"] = "use 'plugin.library.paths'",
        ["metadata.max.idle.ms"] = "use 'metadata.max.age.ms'",
        ["send.buffer.bytes"] = "use 'socket.send.buffer.bytes'",
        ["receive.buffer.bytes"] = "use 'socket.receive.buffer.bytes'",
        ["compression.gzip.level"] = "use 'compression.level'",
        ["compression.lz4.level"] = "use 'compression.level'",
        ["compression.zstd.level"] = "use 'compression.level'",
        ["security.providers"] = "librdkafka uses OpenSSL providers: 'ssl.providers'",
        ["metric.reporters"] = "use 'statistics.interval.ms' and a statistics handler",
        ["metrics.sample.window.ms"] = "use 'statistics.interval.ms'",
        ["metrics.num.samples"] = "use 'statistics.interval.ms'",
        ["socket.connection.setup.timeout.max.ms"] = "use 'socket.connection.setup.timeout.ms'",
        ["ssl.truststore.location"] = "Java TrustStores are not supported, use 'ssl.ca.location' and a certificate file instead",
        ["ssl.truststore.password"] = "Java TrustStores are not supported, use 'ssl.ca.location'",
        ["ssl.truststore.type"] = "Java TrustStores are not supported, use 'ssl.ca.location'",
        ["ssl.keystore.type"] = "librdkafka reads PKCS#12 keystores only: 'ssl.keystore.location'",
        ["sasl.jaas.config"] = "Java JAAS configuration is not supported, use 'sasl.username' and 'sasl.password'",
        ["sasl.login.callback.handler.class"] = "use ProducerBuilder.SetOAuthBearerTokenRefreshHandler",
        ["sasl.client.callback.handler.class"] = "use ProducerBuilder.SetOAuthBearerTokenRefreshHandler",
    };

    /// <summary>All rows, aliases included.</summary>
    public static IEnumerable<KafkaProperty> All => s_byName.Values;

    /// <summary>Finds a property by its exact (case-sensitive, as librdkafka) name; a <c>topic.</c> prefix is stripped for topic-level keys.</summary>
    public static KafkaProperty? Find(string name)
    {
        if (s_byName.TryGetValue(name, out var property))
        {
            return property;
        }

        // rd_kafka_topic_conf_set() strips a "topic." prefix (reference 0.1).
        if (name.StartsWith("topic.", StringComparison.Ordinal)
            && s_byName.TryGetValue(name.Substring(6), out property)
            && property.TopicLevel)
        {
            return property;
        }

        return null;
    }

    /// <summary>The canonical name of <paramref name="name"/> (aliases resolved), or null when unknown.</summary>
    public static string? Canonicalize(string name) => Find(name)?.Canonical;

    /// <summary>The hint for a Java-client-only key, or null.</summary>
    public static string? JavaOnlyHint(string name) => s_javaOnly.TryGetValue(name, out var hint) ? hint : null;

    /// <summary>The librdkafka key written by a Confluent.Kafka typed config property, or null.</summary>
    public static string? KeyForCSharpProperty(string propertyName) =>
        s_keyByCSharpProperty.TryGetValue(propertyName, out var key) ? key : null;

    /// <summary>All typed-property-to-key pairs (for tests).</summary>
    public static IEnumerable<KeyValuePair<string, string>> CSharpPropertyKeys => s_keyByCSharpProperty;

    /// <summary>
    /// The closest known producer key to <paramref name="name"/>: same name modulo case and <c>_</c>/<c>-</c>
    /// separators, a key that extends it (<c>linger</c> → <c>linger.ms</c>), or the key at the smallest
    /// Levenshtein distance within max(2, length/4). Null when nothing is close.
    /// </summary>
    public static string? SuggestSimilar(string name)
    {
        string normalized = Normalize(name);
        if (normalized.Length == 0)
        {
            return null;
        }

        string? best = null;
        int bestDistance = int.MaxValue;
        int limit = Math.Max(2, normalized.Length / 4);
        foreach (var pair in s_normalizedNames)
        {
            if (pair.Key == normalized)
            {
                return pair.Value;
            }

            int distance;
            if (normalized.Length >= 4 && pair.Key.StartsWith(normalized + ".", StringComparison.Ordinal))
            {
                distance = 1;
            }
            else
            {
                if (Math.Abs(pair.Key.Length - normalized.Length) > limit)
                {
                    continue;
                }

                distance = Levenshtein(normalized, pair.Key, limit);
            }

            if (distance <= limit && distance < bestDistance)
            {
                bestDistance = distance;
                best = pair.Value;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance, giving up (returning limit + 1) once every cell of a row exceeds <paramref name="limit"/>.</summary>
    public static int Levenshtein(string a, string b, int limit)
    {
        int[] previous = new int[b.Length + 1];
        int[] current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                current[j] = value;
                if (value < rowMin)
                {
                    rowMin = value;
                }
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            int[] swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }

    private static string Normalize(string name)
    {
        char[] chars = name.Trim().ToLowerInvariant().ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '_' || chars[i] == '-')
            {
                chars[i] = '.';
            }
        }

        return new string(chars);
    }

    private static Dictionary<string, KafkaProperty> BuildByName()
    {
        var map = new Dictionary<string, KafkaProperty>(StringComparer.Ordinal);
        foreach (var property in CreateProperties())
        {
            map[property.Name] = property;
        }

        return map;
    }

    private static Dictionary<string, string> BuildKeyByCSharpProperty()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in CreateProperties())
        {
            if (property.CSharpProperty is not null)
            {
                map[property.CSharpProperty] = property.Name;
            }
        }

        return map;
    }

    private static List<KeyValuePair<string, string>> BuildNormalizedNames()
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var property in CreateProperties())
        {
            // Suggest only names a producer may use; consumer keys would lead from one mistake to another.
            if (property.Scope != PropertyScope.Consumer)
            {
                list.Add(new KeyValuePair<string, string>(Normalize(property.Name), property.Name));
            }
        }

        return list;
    }
}
