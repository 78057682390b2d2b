using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsCheck;
using TypedProducer.Analyzers.Catalog;

namespace TypedProducer.Analyzers.Tests.Infrastructure;

/// <summary>
/// CsCheck generators of producer configurations for the differential test: values drawn from the property catalogue
/// (each type's edge cases: range ends and one past them, librdkafka's parsing quirks, empty and white space, case,
/// null), groups of interacting properties (idempotence, acks, in-flight, retries, transactions, timeouts, SASL/SSL,
/// OAUTHBEARER/OIDC), hidden properties, Confluent.Kafka's own keys, unknown and Java-only keys, and random properties
/// of the whole table. Deterministic: the same seed gives the same configurations.
/// </summary>
internal static class GeneratedConfigurations
{
    /// <summary>
    /// Keys whose verdict depends on the machine (files, certificates, plugins, signals, which optional libraries the
    /// librdkafka build links) rather than on the configuration: not generated. The analyzers do not judge them.
    /// </summary>
    public static readonly HashSet<string> EnvironmentDependent = new(StringComparer.Ordinal)
    {
        "plugin.library.paths", "internal.termination.signal", "builtin.features", "enabled_events",
        "ssl.key.location", "ssl.key.pem", "ssl.key.password", "ssl.certificate.location", "ssl.certificate.pem",
        "ssl.ca.location", "ssl.ca.pem", "ssl.crl.location", "ssl.keystore.location", "ssl.keystore.password",
        "ssl.engine.location", "ssl.engine.id", "ssl.cipher.suites", "ssl.curves.list", "ssl.sigalgs.list",
        "ssl.providers", "ssl.ca.certificate.stores", "https.ca.location", "https.ca.pem", "test.mock.num.brokers",
        "debug", "log.queue", "dotnet.producer.enable.background.poll", "topic.blacklist",
        "sasl.oauthbearer.token.endpoint.url", "sasl.oauthbearer.metadata.authentication.type",
    };

    private static readonly string[] s_properties = PropertyCatalog.All
        .Where(static p => !EnvironmentDependent.Contains(p.Name))
        .Select(static p => p.Name)
        .OrderBy(static n => n, StringComparer.Ordinal)
        .ToArray();

    private static Gen<List<KeyValuePair<string, string?>>>? s_configuration;

    /// <summary>A configuration: entries in order, without an exact key twice (aliases may appear together).</summary>
    public static Gen<List<KeyValuePair<string, string?>>> Configuration => s_configuration ??=
        Gen.Frequency(
            (4, Idempotence),
            (3, Transactions),
            (3, Timeouts),
            (3, Sasl),
            (2, Oauthbearer),
            (1, Hidden),
            (1, Dotnet),
            (2, Gen.Const(static () => new List<KeyValuePair<string, string?>>())))
        .SelectMany(group => Gen.Int[0, 4].SelectMany(extra => AnyEntry.Array[extra].Select(more =>
        {
            var all = new List<KeyValuePair<string, string?>>(group);
            all.AddRange(more);
            return Distinct(all);
        })));

    /// <summary>Generates <paramref name="count"/> configurations from <paramref name="seed"/>.</summary>
    public static List<List<KeyValuePair<string, string?>>> Sample(int count, ulong seed)
    {
        var pcg = new PCG(1, seed);
        var result = new List<List<KeyValuePair<string, string?>>>(count);
        for (int i = 0; i < count; i++)
        {
            result.Add(Configuration.Generate(pcg, null, out _));
        }

        return result;
    }

    private static Gen<KeyValuePair<string, string?>> Entry(string key, params string?[] values) =>
        Gen.OneOf(values).Select(v => new KeyValuePair<string, string?>(key, v));

    private static Gen<KeyValuePair<string, string?>> Entry(string[] spellings, params string?[] values) =>
        Gen.OneOf(spellings).SelectMany(key => Gen.OneOf(values).Select(v => new KeyValuePair<string, string?>(key, v)));

    /// <summary>Each entry is kept with probability 1/2, in a random order.</summary>
    private static Gen<List<KeyValuePair<string, string?>>> SubsetOf(params Gen<KeyValuePair<string, string?>>[] entries)
    {
        Gen<List<KeyValuePair<string, string?>>> picked = Gen.Const(static () => new List<KeyValuePair<string, string?>>());
        foreach (var entry in entries)
        {
            picked = picked.SelectMany(list => Gen.Bool.SelectMany(keep => keep
                ? entry.Select(e => new List<KeyValuePair<string, string?>>(list) { e })
                : Gen.Const(list)));
        }

        return picked.SelectMany(static list => Gen.Shuffle(list.ToArray())).Select(static a => a.ToList());
    }

    private static readonly string[] s_acks = { "acks", "request.required.acks", "topic.acks" };
    private static readonly string[] s_inFlight = { "max.in.flight", "max.in.flight.requests.per.connection" };
    private static readonly string[] s_retries = { "retries", "message.send.max.retries" };
    private static readonly string[] s_messageTimeout = { "message.timeout.ms", "delivery.timeout.ms", "topic.message.timeout.ms" };
    private static readonly string[] s_linger = { "linger.ms", "queue.buffering.max.ms" };
    private static readonly string[] s_mechanism = { "sasl.mechanism", "sasl.mechanisms" };
    private static readonly string?[] s_bools = { "true", "false", "True", "FALSE", "t", "f", "1", "0", " true", "true ", "yes", "", null };

    private static Gen<List<KeyValuePair<string, string?>>> Idempotence => SubsetOf(
        Entry("enable.idempotence", s_bools),
        Entry(s_acks, "all", "-1", "0", "1", "2", " all", "ALL", "1000", "1001", "two", " 1"),
        Entry(s_inFlight, "1", "5", "6", "1000000", "0", "0x5", "06"),
        Entry(s_retries, "0", "1", "2147483647", "-1", "3"),
        Entry("queue.buffering.backpressure.threshold", "1", "2", "0", "1000000"),
        Entry("queuing.strategy", "fifo", "lifo", "FIFO", " lifo", "lifo ", " ", "bogus"),
        Entry("enable.gapless.guarantee", "true", "false"));

    private static Gen<List<KeyValuePair<string, string?>>> Transactions => SubsetOf(
        Entry("transactional.id", "tx", "", " ", "orders-1", null),
        Entry("transaction.timeout.ms", "1000", "60000", "900000", "999", "10000", "abc"),
        Entry("socket.timeout.ms", "10", "900", "10100", "10101", "60000", "300000", "300001"),
        Entry(s_messageTimeout, "0", "1", "100", "10000", "60000", "60001", "120000", "300000", "400000"),
        Entry(s_linger, "5", "9999", "10000", "70000", "400000"),
        Entry("enable.idempotence", "true", "false"),
        Entry(s_acks, "all", "1"));

    private static Gen<List<KeyValuePair<string, string?>>> Timeouts => SubsetOf(
        Entry(s_linger, "0", "5", "0.5", "100", "299999.9", "300000", "400000", "900000", "900001", "inf", "nan", "abc", "0,5", " 5", "1e3", "0x1p3", "-0.1", ""),
        Entry(s_messageTimeout, "0", "1", "100", "1000", "30000", "30020", "299999", "300000", "400000", "2147483647", "-1"),
        Entry("request.timeout.ms", "1", "30000", "60000", "900000", "0", "900001"),
        Entry("reconnect.backoff.ms", "0", "100", "5000", "3600000", "3600001"),
        Entry("reconnect.backoff.max.ms", "0", "50", "10000", "4000"),
        Entry("transactional.id", "tx"),
        Entry("compression.level", "-1", "3", "13"),
        Entry("partitioner", "murmur2_random", "consistent_random", "Murmur2", " murmur2", "murmur2 ", "", "fnv1a"));

    private static Gen<List<KeyValuePair<string, string?>>> Sasl => Gen.OneOf(
            "plaintext", "ssl", "sasl_plaintext", "sasl_ssl", "SASL_SSL", " sasl_plaintext", "sasl", "tls", "")
        .SelectMany(protocol => SubsetOf(
                Entry(s_mechanism, "PLAIN", "plain", "SCRAM-SHA-256", "SCRAM-SHA-512", "SCRAM-SHA-1", "SCRAM-SHA-384", "OAUTHBEARER", "oauthbearer", "GSSAPI", "PLAIN,SCRAM-SHA-256", " PLAIN", "", "KERBEROS"),
                Entry("sasl.username", "svc", "", " ", null),
                Entry("sasl.password", "${SECRET}", "", null),
                Entry("enable.sasl.oauthbearer.unsecure.jwt", "true", "false"),
                Entry("test.mock.num.brokers", "0", "1"),
                // File checks only run with an ssl protocol: keystore keys are generated with plaintext ones only.
                protocol.Contains("ssl", StringComparison.OrdinalIgnoreCase)
                    ? Entry("ssl.endpoint.identification.algorithm", "none", "https", "HTTPS", "bogus")
                    : Entry("ssl.keystore.location", "/nonexistent/client.p12"),
                protocol.Contains("ssl", StringComparison.OrdinalIgnoreCase)
                    ? Entry("enable.ssl.certificate.verification", "false", "true")
                    : Entry("ssl.keystore.password", "${KEYSTORE_PASSWORD}", ""))
            .Select(rest =>
            {
                var list = new List<KeyValuePair<string, string?>> { new("security.protocol", protocol) };
                list.AddRange(rest);
                return list;
            }));

    private static Gen<List<KeyValuePair<string, string?>>> Oauthbearer => SubsetOf(
        Entry(s_mechanism, "OAUTHBEARER", "oauthbearer", "OAUTHBEARER"),
        Entry("security.protocol", "sasl_ssl", "sasl_plaintext", "plaintext"),
        Entry("sasl.oauthbearer.method", "default", "oidc", "OIDC", "oidc", "oidc"),
        Entry("sasl.oauthbearer.token.endpoint.url", "http://127.0.0.1:9/token", "", "http://127.0.0.1:9/token"),
        Entry(new[] { "sasl.oauthbearer.client.id", "sasl.oauthbearer.client.credentials.client.id" }, "client", ""),
        Entry(new[] { "sasl.oauthbearer.client.secret", "sasl.oauthbearer.client.credentials.client.secret" }, "${CLIENT_SECRET}", ""),
        Entry("enable.sasl.oauthbearer.unsecure.jwt", "true", "false"),
        Entry("sasl.oauthbearer.metadata.authentication.type", "none", "azure_imds", "aws_iam", "AWS_IAM"),
        Entry("sasl.oauthbearer.config", "", "query=api-version=2018-02-01", "scope=kafka", "principal=admin", "a=b,query=x"),
        Entry("sasl.oauthbearer.grant.type", "client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
        Entry("sasl.oauthbearer.assertion.file", "/nonexistent/assertion.jwt", ""),
        Entry("sasl.oauthbearer.assertion.private.key.file", "/nonexistent/key.pem"),
        Entry("sasl.oauthbearer.assertion.private.key.pem", "-----BEGIN PRIVATE KEY-----"),
        Entry("sasl.oauthbearer.assertion.claim.sub", "svc"),
        Entry("sasl.oauthbearer.assertion.claim.exp.seconds", "300"),
        Entry("sasl.oauthbearer.sub.claim.name", "sub", "  ", ""),
        Entry("https.ca.pem", "-----BEGIN CERTIFICATE-----"),
        Entry("https.ca.location", "probe"));

    private static Gen<List<KeyValuePair<string, string?>>> Hidden => SubsetOf(
        Entry("client.software.name", "my-app", "a b", ""),
        Entry("client.software.version", "1.0.0"),
        Entry("metadata.request.timeout.ms", "60000", "5", "900001"),
        Entry("enable.sparse.connections", "false", "maybe"),
        Entry("enable_sasl_queue", "true"),
        Entry("test.mock.broker.rtt", "10", "-1"),
        Entry("ut_handle_ProduceResponse", "x"));

    private static Gen<List<KeyValuePair<string, string?>>> Dotnet => SubsetOf(
        Entry("dotnet.producer.enable.background.poll", "false", "False", " false ", "0", "maybe", null),
        Entry("dotnet.producer.enable.delivery.reports", "true", "false", "yes", ""),
        Entry("dotnet.producer.delivery.report.fields", "all", "none", "key,value", " key , value", "offset", "key,", ""),
        Entry("dotnet.cancellation.delay.max.ms", "100", "0", "10001", " 50 ", "abc", "+5"),
        Entry("delivery.report.only.error", "true"));

    /// <summary>Any entry: a random catalogue property with a value for its type, or an unknown or Java-only key.</summary>
    private static Gen<KeyValuePair<string, string?>> AnyEntry => Gen.Frequency(
        (8, Gen.OneOf(s_properties).SelectMany(name => Values(PropertyCatalog.Find(name)!).Select(v => new KeyValuePair<string, string?>(name, v)))),
        (1, Entry(new[] { "lingr.ms", "buffer.memory", "max.request.size", "Linger.ms", "sasl.jaas.config", "ssl.truststore.location", "topic.linger.ms", "foo", "key.serializer" }, "5", "x", null)),
        (1, Entry(new[] { "group.id", "auto.offset.reset", "session.timeout.ms", "enable.auto.commit" }, "earliest", "orders", "abc", "6000", "true")));

    /// <summary>Values for a property: its range's ends and one past them, the default, parsing edge cases, empty, null.</summary>
    private static Gen<string?> Values(KafkaProperty property)
    {
        var values = new List<string?> { string.Empty, null };
        switch (property.Type)
        {
            case PropertyType.Integer:
                foreach (double bound in new[] { property.Min, property.Max }.Where(static b => b.HasValue).Select(static b => b!.Value))
                {
                    values.Add(Text(bound));
                    values.Add(Text(bound == property.Min ? bound - 1 : bound + 1));
                }

                values.AddRange(new[] { property.DefaultValue, "7", " 7", "7ms", "0x10", "010", "abc", "2147483648", "4294967297", "-99999999999999999999" });
                break;
            case PropertyType.Float:
                values.AddRange(new[] { Text(property.Min ?? 0), Text(property.Max ?? 0), Text((property.Max ?? 0) + 1), "0.5", "0,5", "inf", "nan", "1e3", "0x1p3", "abc" });
                break;
            case PropertyType.Boolean:
                values.AddRange(new[] { "true", "false", "T", "0", " true", "yes" });
                break;
            case PropertyType.Enum:
            case PropertyType.CsvFlags:
                values.AddRange(property.AllowedValues);
                string first = property.AllowedValues[0];
                values.AddRange(new[] { first.ToUpperInvariant(), " " + first, first + " ", "bogus", " " });
                if (property.Type == PropertyType.CsvFlags && property.AllowedValues.Length > 1)
                {
                    string second = property.AllowedValues[1];
                    values.AddRange(new[] { first + "," + second, first + " ," + second, "+" + first, "-" + second, "," });
                }

                break;
            case PropertyType.DotnetBoolean:
                values.AddRange(new[] { "true", "false", "1", "maybe" });
                break;
            case PropertyType.DotnetInteger:
                values.AddRange(new[] { "1", "10000", "0", "10001", "abc" });
                break;
            default:
                values.AddRange(new[] { "x", " x", property.DefaultValue });
                if (property.Canonical == "partitioner")
                {
                    values.AddRange(new[] { "murmur2_random", "Murmur2", "murmur3" });
                }
                else if (property.Canonical == "broker.version.fallback")
                {
                    values.AddRange(new[] { "0.10.0", "0.7.1", "0.6", "2.0" });
                }

                break;
        }

        return Gen.OneOf(values.Distinct().ToArray());
    }

    private static string Text(double value) => ValueText.Format(value);

    private static List<KeyValuePair<string, string?>> Distinct(List<KeyValuePair<string, string?>> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<KeyValuePair<string, string?>>(entries.Count);
        foreach (var entry in entries)
        {
            if (seen.Add(entry.Key))
            {
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>Readable form of a configuration for failure messages.</summary>
    public static string Describe(IEnumerable<KeyValuePair<string, string?>> config) =>
        "{ " + string.Join(", ", config.Select(static p => p.Key + "=" + (p.Value is null ? "null" : "'" + p.Value + "'"))) + " }";

    /// <summary>Invariant text for counts in the report.</summary>
    public static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
