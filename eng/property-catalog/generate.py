#!/usr/bin/env python3
"""Generates src/Analyzers/Catalog/PropertyCatalog.g.cs: the librdkafka property table of the librdkafka the package
ships, with the first version of every property (and of every enum value) from the older releases' tables.

Inputs
- the CONFIGURATION.md of the shipped librdkafka (the librdkafka.redist package carries it at its root);
- a git clone of confluentinc/librdkafka, read for CONFIGURATION.md at the release tags in OLDER (git show TAG:...);
- the tables below: the hidden properties rd_kafka_conf accepts though CONFIGURATION.md omits them (src/rdkafka_conf.c,
  entries flagged _RK_HIDDEN; names and ranges only), Confluent.Kafka's own "dotnet.*" keys, and the Confluent.Kafka
  typed property that writes each key (read from the Confluent.Kafka assembly; CatalogueTests checks both).

Version gates: a property's AddedIn is the first release in OLDER (or the shipped one) whose table lists it; an enum or
CSV-flag value's AddedIn likewise; DeprecatedIn the first release that marks it **DEPRECATED**. Any other difference
between releases (a range, a type, a default) stops the generator unless listed in ACCEPTED_CHANGES with the reason no
rule depends on it, so an older target is never judged by a newer row without saying so.

Usage:
  python3 eng/property-catalog/generate.py \\
      --shipped ~/.nuget/packages/librdkafka.redist/2.16.0/CONFIGURATION.md \\
      --librdkafka-git /path/to/librdkafka/.git \\
      --facts 2.0.2=tests/TypedProducer.Analyzers.Tests/Data/librdkafka-2.0.2-properties.txt \\
      > src/Analyzers/Catalog/PropertyCatalog.g.cs

--facts writes what one older release's table lists (every key, and the values of its enum and CSV-flag keys), read
straight from that tag: the differential test's oracle for a declared older version, where no such binary is at hand.
"""
import argparse
import re
import subprocess
import sys

SHIPPED = "2.16.0"

# Releases whose CONFIGURATION.md gives the version gates, oldest first. 2.0.2 is the oldest version the analyzers
# model (an older typedproducer.librdkafka_version is treated as 2.0.2). The 2.9.0 release tag is not in the clone
# the catalogue was generated from; its last release candidate stands in for it.
OLDER = [
    ("2.0.2", "v2.0.2"), ("2.1.0", "v2.1.0"), ("2.1.1", "v2.1.1"), ("2.2.0", "v2.2.0"), ("2.3.0", "v2.3.0"),
    ("2.4.0", "v2.4.0"), ("2.5.0", "v2.5.0"), ("2.5.3", "v2.5.3"), ("2.6.0", "v2.6.0"), ("2.6.1", "v2.6.1"),
    ("2.7.0", "v2.7.0"), ("2.8.0", "v2.8.0"), ("2.9.0", "v2.9.0-RC1"), ("2.10.0", "v2.10.0"), ("2.10.1", "v2.10.1"),
    ("2.11.0", "v2.11.0"), ("2.11.1", "v2.11.1"), ("2.12.0", "v2.12.0"), ("2.12.1", "v2.12.1"), ("2.13.0", "v2.13.0"),
    ("2.13.2", "v2.13.2"), ("2.14.0", "v2.14.0"), ("2.14.1", "v2.14.1"), ("2.14.2", "v2.14.2"), ("2.15.0", "v2.15.0"),
]

# Differences between releases that no rule reads (name -> reason). Anything else stops the generator.
ACCEPTED_CHANGES = {
    ("socket.nagle.disable", "default"): "default false -> true in 2.10.0; no rule reads it",
    ("topic.metadata.refresh.fast.interval.ms", "default"): "default 250 -> 100 in 2.3.0; no rule reads it",
    ("fetch.min.bytes", "range"): "consumer property (TPK2027); range widened in 2.15.0, the shipped range is used",
    ("retry.backoff.ms", "scope"): "P -> * in 2.5.0; the producer uses it either way",
    ("retry.backoff.max.ms", "scope"): "P -> * in 2.5.0; the producer uses it either way",
}

# Properties rd_kafka_conf_set() accepts that CONFIGURATION.md leaves out (_RK_HIDDEN in src/rdkafka_conf.c; all present
# since before 2.0.2). (name, type, range, default, flags). ut_handle_ProduceResponse is a pointer, yet hidden pointer
# properties may be set from text (rd_kafka_anyconf_set_prop: "Allow hidden internal unit test properties").
HIDDEN = [
    ("client.software.name", "string", "", "librdkafka", ""),
    ("client.software.version", "string", "", "", ""),
    ("metadata.request.timeout.ms", "integer", "10 .. 900000", "10", "DEPRECATED"),
    ("enable.sparse.connections", "boolean", "true, false", "true", ""),
    ("enable_sasl_queue", "boolean", "true, false", "false", ""),
    ("test.mock.num.brokers", "integer", "0 .. 10000", "0", ""),
    ("test.mock.broker.rtt", "integer", "0 .. 3600000", "0", ""),
    ("ut_handle_ProduceResponse", "string", "", "", ""),
]

# Keys rd_kafka_conf knows only to refuse them with a hint (_RK_C_INVALID, since before 2.0.2); the analyzers keep them
# with the Java-only keys (PropertyCatalog.JavaOnlyHint). Listed in the --facts files: librdkafka knows them.
INVALID = ["ssl.truststore.location", "sasl.jaas.config"]

# Keys Confluent.Kafka reads itself and removes before librdkafka sees them (Producer.cs, Config.cs):
# bool.Parse, int.TryParse (current culture), and its own list check. (name, type, range, default)
DOTNET = [
    ("dotnet.producer.enable.background.poll", "dotnet boolean", "true, false", "true"),
    ("dotnet.producer.enable.delivery.reports", "dotnet boolean", "true, false", "true"),
    ("dotnet.producer.delivery.report.fields", "string", "", "all"),
    ("dotnet.cancellation.delay.max.ms", "dotnet integer", "1 .. 10000", "100"),
]

# key -> the Confluent.Kafka 2.16.0 ClientConfig/ProducerConfig property that writes it.
CSHARP = {
    "acks": "Acks",
    "allow.auto.create.topics": "AllowAutoCreateTopics",
    "api.version.fallback.ms": "ApiVersionFallbackMs",
    "api.version.request": "ApiVersionRequest",
    "api.version.request.timeout.ms": "ApiVersionRequestTimeoutMs",
    "batch.num.messages": "BatchNumMessages",
    "batch.size": "BatchSize",
    "bootstrap.servers": "BootstrapServers",
    "broker.address.family": "BrokerAddressFamily",
    "broker.address.ttl": "BrokerAddressTtl",
    "broker.version.fallback": "BrokerVersionFallback",
    "client.dns.lookup": "ClientDnsLookup",
    "client.id": "ClientId",
    "client.rack": "ClientRack",
    "compression.level": "CompressionLevel",
    "compression.type": "CompressionType",
    "connections.max.idle.ms": "ConnectionsMaxIdleMs",
    "debug": "Debug",
    "dotnet.cancellation.delay.max.ms": "CancellationDelayMaxMs",
    "dotnet.producer.delivery.report.fields": "DeliveryReportFields",
    "dotnet.producer.enable.background.poll": "EnableBackgroundPoll",
    "dotnet.producer.enable.delivery.reports": "EnableDeliveryReports",
    "enable.gapless.guarantee": "EnableGaplessGuarantee",
    "enable.idempotence": "EnableIdempotence",
    "enable.metrics.push": "EnableMetricsPush",
    "enable.random.seed": "EnableRandomSeed",
    "enable.sasl.oauthbearer.unsecure.jwt": "EnableSaslOauthbearerUnsecureJwt",
    "enable.ssl.certificate.verification": "EnableSslCertificateVerification",
    "https.ca.location": "HttpsCaLocation",
    "https.ca.pem": "HttpsCaPem",
    "internal.termination.signal": "InternalTerminationSignal",
    "linger.ms": "LingerMs",
    "log.connection.close": "LogConnectionClose",
    "log.queue": "LogQueue",
    "log.thread.name": "LogThreadName",
    "max.in.flight": "MaxInFlight",
    "message.copy.max.bytes": "MessageCopyMaxBytes",
    "message.max.bytes": "MessageMaxBytes",
    "message.send.max.retries": "MessageSendMaxRetries",
    "message.timeout.ms": "MessageTimeoutMs",
    "metadata.max.age.ms": "MetadataMaxAgeMs",
    "metadata.recovery.rebootstrap.trigger.ms": "MetadataRecoveryRebootstrapTriggerMs",
    "metadata.recovery.strategy": "MetadataRecoveryStrategy",
    "partitioner": "Partitioner",
    "plugin.library.paths": "PluginLibraryPaths",
    "queue.buffering.backpressure.threshold": "QueueBufferingBackpressureThreshold",
    "queue.buffering.max.kbytes": "QueueBufferingMaxKbytes",
    "queue.buffering.max.messages": "QueueBufferingMaxMessages",
    "receive.message.max.bytes": "ReceiveMessageMaxBytes",
    "reconnect.backoff.max.ms": "ReconnectBackoffMaxMs",
    "reconnect.backoff.ms": "ReconnectBackoffMs",
    "request.timeout.ms": "RequestTimeoutMs",
    "retry.backoff.max.ms": "RetryBackoffMaxMs",
    "retry.backoff.ms": "RetryBackoffMs",
    "sasl.kerberos.keytab": "SaslKerberosKeytab",
    "sasl.kerberos.kinit.cmd": "SaslKerberosKinitCmd",
    "sasl.kerberos.min.time.before.relogin": "SaslKerberosMinTimeBeforeRelogin",
    "sasl.kerberos.principal": "SaslKerberosPrincipal",
    "sasl.kerberos.service.name": "SaslKerberosServiceName",
    "sasl.mechanism": "SaslMechanism",
    "sasl.oauthbearer.assertion.algorithm": "SaslOauthbearerAssertionAlgorithm",
    "sasl.oauthbearer.assertion.claim.aud": "SaslOauthbearerAssertionClaimAud",
    "sasl.oauthbearer.assertion.claim.exp.seconds": "SaslOauthbearerAssertionClaimExpSeconds",
    "sasl.oauthbearer.assertion.claim.iss": "SaslOauthbearerAssertionClaimIss",
    "sasl.oauthbearer.assertion.claim.jti.include": "SaslOauthbearerAssertionClaimJtiInclude",
    "sasl.oauthbearer.assertion.claim.nbf.seconds": "SaslOauthbearerAssertionClaimNbfSeconds",
    "sasl.oauthbearer.assertion.claim.sub": "SaslOauthbearerAssertionClaimSub",
    "sasl.oauthbearer.assertion.file": "SaslOauthbearerAssertionFile",
    "sasl.oauthbearer.assertion.jwt.template.file": "SaslOauthbearerAssertionJwtTemplateFile",
    "sasl.oauthbearer.assertion.private.key.file": "SaslOauthbearerAssertionPrivateKeyFile",
    "sasl.oauthbearer.assertion.private.key.passphrase": "SaslOauthbearerAssertionPrivateKeyPassphrase",
    "sasl.oauthbearer.assertion.private.key.pem": "SaslOauthbearerAssertionPrivateKeyPem",
    "sasl.oauthbearer.client.id": "SaslOauthbearerClientId",
    "sasl.oauthbearer.client.secret": "SaslOauthbearerClientSecret",
    "sasl.oauthbearer.config": "SaslOauthbearerConfig",
    "sasl.oauthbearer.extensions": "SaslOauthbearerExtensions",
    "sasl.oauthbearer.grant.type": "SaslOauthbearerGrantType",
    "sasl.oauthbearer.metadata.authentication.type": "SaslOauthbearerMetadataAuthenticationType",
    "sasl.oauthbearer.method": "SaslOauthbearerMethod",
    "sasl.oauthbearer.scope": "SaslOauthbearerScope",
    "sasl.oauthbearer.sub.claim.name": "SaslOauthbearerSubClaimName",
    "sasl.oauthbearer.token.endpoint.url": "SaslOauthbearerTokenEndpointUrl",
    "sasl.password": "SaslPassword",
    "sasl.username": "SaslUsername",
    "security.protocol": "SecurityProtocol",
    "socket.connection.setup.timeout.ms": "SocketConnectionSetupTimeoutMs",
    "socket.keepalive.enable": "SocketKeepaliveEnable",
    "socket.max.fails": "SocketMaxFails",
    "socket.nagle.disable": "SocketNagleDisable",
    "socket.receive.buffer.bytes": "SocketReceiveBufferBytes",
    "socket.send.buffer.bytes": "SocketSendBufferBytes",
    "socket.timeout.ms": "SocketTimeoutMs",
    "ssl.ca.certificate.stores": "SslCaCertificateStores",
    "ssl.ca.location": "SslCaLocation",
    "ssl.ca.pem": "SslCaPem",
    "ssl.certificate.location": "SslCertificateLocation",
    "ssl.certificate.pem": "SslCertificatePem",
    "ssl.cipher.suites": "SslCipherSuites",
    "ssl.crl.location": "SslCrlLocation",
    "ssl.curves.list": "SslCurvesList",
    "ssl.endpoint.identification.algorithm": "SslEndpointIdentificationAlgorithm",
    "ssl.engine.id": "SslEngineId",
    "ssl.engine.location": "SslEngineLocation",
    "ssl.key.location": "SslKeyLocation",
    "ssl.key.password": "SslKeyPassword",
    "ssl.key.pem": "SslKeyPem",
    "ssl.keystore.location": "SslKeystoreLocation",
    "ssl.keystore.password": "SslKeystorePassword",
    "ssl.providers": "SslProviders",
    "ssl.sigalgs.list": "SslSigalgsList",
    "statistics.interval.ms": "StatisticsIntervalMs",
    "sticky.partitioning.linger.ms": "StickyPartitioningLingerMs",
    "topic.blacklist": "TopicBlacklist",
    "topic.metadata.propagation.max.ms": "TopicMetadataPropagationMaxMs",
    "topic.metadata.refresh.fast.interval.ms": "TopicMetadataRefreshFastIntervalMs",
    "topic.metadata.refresh.interval.ms": "TopicMetadataRefreshIntervalMs",
    "topic.metadata.refresh.sparse": "TopicMetadataRefreshSparse",
    "transaction.timeout.ms": "TransactionTimeoutMs",
    "transactional.id": "TransactionalId",
}

TYPES = {
    "string": "String", "integer": "Integer", "float": "Float", "boolean": "Boolean", "enum value": "Enum",
    "CSV flags": "CsvFlags", "pattern list": "PatternList", "see dedicated API": "Pointer",
    "dotnet boolean": "DotnetBoolean", "dotnet integer": "DotnetInteger",
}


def parse_configuration(text):
    """Rows of CONFIGURATION.md: name -> dict. A name in both tables keeps its global row (rd_kafka_conf_set
    looks a key up in the global table first)."""
    rows = {}
    level = None
    for line in text.splitlines():
        if line.startswith("## Global"):
            level = "global"
            continue
        if line.startswith("## Topic"):
            level = "topic"
            continue
        if level is None or "|" not in line or line.startswith("Property") or line.startswith("---"):
            continue
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 6:
            continue
        name, cp, rng, default = cells[0], cells[1], cells[2], cells[3]
        desc = "|".join(cells[5:])
        m = re.search(r"\*Type: ([^*]+)\*\s*$", desc)
        if not m:
            raise SystemExit("no type for " + name)
        flags = []
        if "**DEPRECATED**" in desc:
            flags.append("DEPRECATED")
        if "**EXPERIMENTAL**" in desc:
            flags.append("EXPERIMENTAL")
        alias = re.match(r"Alias for `([^`]+)`", desc)
        if name in rows:
            continue
        rows[name] = dict(name=name, topic=level == "topic", cp=cp, range=rng, default=default, type=m.group(1),
                          flags=flags, alias=alias.group(1) if alias else None)
    return rows


def values_of(row):
    if row["type"] not in ("enum value", "CSV flags"):
        return []
    text = row["range"] or (row["default"] if row["name"] == "builtin.features" else "")
    return [v.strip() for v in text.split(",") if v.strip()]


def version_key(v):
    return [int(x) for x in v.split(".")]


def cs(s):
    if s is None:
        return "null"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shipped", required=True)
    ap.add_argument("--librdkafka-git", required=True)
    ap.add_argument("--facts", action="append", default=[])
    args = ap.parse_args()

    tables = []
    commits = []
    for version, tag in OLDER:
        text = subprocess.run(["git", "--git-dir", args.librdkafka_git, "show", tag + ":CONFIGURATION.md"],
                              check=True, capture_output=True, text=True).stdout
        commit = subprocess.run(["git", "--git-dir", args.librdkafka_git, "rev-parse", tag + "^{commit}"],
                                check=True, capture_output=True, text=True).stdout.strip()
        tables.append((version, parse_configuration(text)))
        commits.append((version, tag, commit))
    shipped = parse_configuration(open(args.shipped, encoding="utf-8").read())
    tables.append((SHIPPED, shipped))

    for spec in args.facts:
        version, path = spec.split("=", 1)
        table = dict(tables)[version]
        with open(path, "w", encoding="utf-8") as facts:
            facts.write(f"# librdkafka {version}: keys of CONFIGURATION.md at {dict(OLDER)[version]}, the hidden ones and the refused ones;\n")
            facts.write("# after a tab, the values of enum and CSV-flag keys. Generated by eng/property-catalog/generate.py.\n")
            for name in sorted(set(table) | {h[0] for h in HIDDEN} | set(INVALID)):
                values = values_of(table[name]) if name in table else []
                facts.write(name + ("\t" + ",".join(values) if values else "") + "\n")

    out_rows = []
    for name, row in shipped.items():
        added = None
        deprecated_in = None
        value_added = {}
        previous = None
        for version, table in tables:
            old = table.get(name)
            if old is None:
                if added is not None:
                    raise SystemExit(name + " disappears in " + version)
                continue
            if added is None:
                added = version
            if "DEPRECATED" in old["flags"] and deprecated_in is None:
                deprecated_in = version
            for value in values_of(old):
                value_added.setdefault(value, version)
            if previous is not None:
                for field, key in (("default", "default"), ("range", "range"), ("type", "type"), ("cp", "scope"),
                                   ("alias", "alias"), ("topic", "level")):
                    if field == "range" and old["type"] in ("enum value", "CSV flags"):
                        continue  # value additions are gated per value
                    if old[field] != previous[field] and (name, key) not in ACCEPTED_CHANGES:
                        raise SystemExit(f"{name}: {key} changes in {version}: {previous[field]!r} -> {old[field]!r}")
                if ("EXPERIMENTAL" in old["flags"]) != ("EXPERIMENTAL" in previous["flags"]):
                    raise SystemExit(name + ": experimental flag changes in " + version)
            previous = old
        if deprecated_in == added:
            deprecated_in = None  # deprecated from the first modelled version on: the flag alone says it
        for value in values_of(row):
            if value not in value_added:
                raise SystemExit(name + ": value " + value + " not found")
        out_rows.append(dict(row, added=added, deprecated_in=deprecated_in,
                             value_added=[value_added[v] for v in values_of(row)], hidden=False, values=values_of(row)))

    for name, typ, rng, default, flags in HIDDEN:
        if name in shipped:
            raise SystemExit(name + " is documented now")
        out_rows.append(dict(name=name, topic=False, cp="*", range=rng, default=default, type=typ,
                             flags=[flags] if flags else [], alias=None, added=OLDER[0][0], deprecated_in=None,
                             value_added=[], hidden=True, values=[]))
    for name, typ, rng, default in DOTNET:
        out_rows.append(dict(name=name, topic=False, cp="P", range=rng, default=default, type=typ, flags=[],
                             alias=None, added=OLDER[0][0], deprecated_in=None, value_added=[], hidden=False, values=[]))

    for key in CSHARP:
        if not any(r["name"] == key for r in out_rows):
            raise SystemExit("typed property for unknown key " + key)

    lines = []
    for r in out_rows:
        typ = TYPES[r["type"]]
        lo = hi = None
        m = re.match(r"^(-?[0-9.]+) \.\. (-?[0-9.]+)$", r["range"])
        if m and typ in ("Integer", "Float", "DotnetInteger"):
            lo, hi = m.group(1), m.group(2)
        scope = {"*": "Both", "P": "Producer", "C": "Consumer"}[r["cp"]]
        flag_parts = []
        if "DEPRECATED" in r["flags"] or r["deprecated_in"]:
            flag_parts.append("PropertyFlags.Deprecated")
        if "EXPERIMENTAL" in r["flags"]:
            flag_parts.append("PropertyFlags.Experimental")
        if r["hidden"]:
            flag_parts.append("PropertyFlags.Hidden")
        flag_expr = " | ".join(flag_parts) if flag_parts else "PropertyFlags.None"
        values = "new[] { " + ", ".join(cs(v) for v in r["values"]) + " }" if r["values"] else "NoValues"
        gates = None
        if any(version_key(v) > version_key(r["added"]) for v in r["value_added"]):
            gates = "new[] { " + ", ".join(cs(v) for v in r["value_added"]) + " }"
        lines.append(
            f"            new({cs(r['name'])}, {cs(r['alias'])}, PropertyScope.{scope}, topicLevel: {'true' if r['topic'] else 'false'}, "
            f"PropertyType.{typ}, min: {lo or 'null'}, max: {hi or 'null'}, {values}, {cs(r['default'])}, {flag_expr}, "
            f"addedIn: {cs(r['added'])}, csharpProperty: {cs(CSHARP.get(r['name']))}"
            + (f", deprecatedIn: {cs(r['deprecated_in'])}" if r["deprecated_in"] else "")
            + (f", valueAddedIn: {gates}" if gates else "") + "),")

    out = ["// <auto-generated/>",
           f"// Generated by eng/property-catalog/generate.py from the CONFIGURATION.md of librdkafka {SHIPPED} (the",
           "// librdkafka.redist package), the hidden rd_kafka_conf properties, Confluent.Kafka's dotnet.* keys, and for the",
           "// version gates CONFIGURATION.md at these confluentinc/librdkafka tags:"]
    for version, tag, commit in commits:
        out.append(f"//   {version}: {tag} {commit}")
    out += ["// Do not edit by hand.", "#nullable enable", "", "namespace TypedProducer.Analyzers.Catalog;", "",
            "internal static partial class PropertyCatalog", "{",
            "    /// <summary>The librdkafka version the package ships (librdkafka.redist): the analyzers' default target.</summary>",
            f"    public const string ShippedVersion = {cs(SHIPPED)};", "",
            "    /// <summary>The oldest version the catalogue models; an older target is checked as this one.</summary>",
            f"    public const string OldestVersion = {cs(OLDER[0][0])};", "",
            "    private static readonly string[] NoValues = new string[0];", "",
            "    private static KafkaProperty[] CreateProperties() => new KafkaProperty[]", "        {"]
    out += lines
    out += ["        };", "}"]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
