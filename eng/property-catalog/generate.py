#!/usr/bin/env python3
"""Generates src/Analyzers/Catalog/PropertyCatalog.g.cs from the librdkafka 2.0.2 property table.

Input: the reference notes' section 1a.6 ("Producer-relevant and global properties in librdkafka
2.0.2", generated there from CONFIGURATION.md at tag v2.0.2). Supplementary rows below add what that
table leaves out on purpose: consumer-only keys (so TPK2027 can name them), keys added after 2.0.2
(so TPK2014 can say which version introduced them) and Confluent.Kafka's own "dotnet.*" keys.

Usage: python3 eng/property-catalog/generate.py <path to kafka-config-rules.md> > src/Analyzers/Catalog/PropertyCatalog.g.cs
"""
import re
import sys

BASELINE = "2.0.2"

# Consumer-only ("C") rows of CONFIGURATION.md at v2.0.2 (global and topic tables). Range/default are
# not needed: any value is reported as "ignored by a producer".
CONSUMER_ONLY_2_0_2 = [
    "group.id", "group.instance.id", "partition.assignment.strategy", "session.timeout.ms",
    "heartbeat.interval.ms", "group.protocol.type", "coordinator.query.interval.ms",
    "max.poll.interval.ms", "enable.auto.commit", "auto.commit.interval.ms",
    "enable.auto.offset.store", "queued.min.messages", "queued.max.messages.kbytes",
    "fetch.wait.max.ms", "fetch.message.max.bytes", "max.partition.fetch.bytes", "fetch.max.bytes",
    "fetch.min.bytes", "fetch.error.backoff.ms", "offset.store.method", "isolation.level",
    "enable.partition.eof", "check.crcs", "auto.commit.enable", "auto.offset.reset",
    "offset.store.path", "offset.store.sync.interval.ms", "consume.callback.max.messages",
]
CONSUMER_ALIASES = {"max.partition.fetch.bytes": "fetch.message.max.bytes"}

# Consumer-only keys added after 2.0.2 (first version per librdkafka CHANGELOG; approximate where marked).
CONSUMER_ONLY_LATER = [
    ("fetch.queue.backoff.ms", "2.1.0"),
    ("group.protocol", "2.4.0"),
    ("group.remote.assignor", "2.4.0"),
]

# Global keys added after 2.0.2 (reference 1a.5 and the "Changes in rdk-HEAD" table). The first
# version of the OAUTHBEARER JWT-assertion keys is given as 2.11.0 (approximate); every rule only needs
# "later than the targeted version", which holds for the default target 2.0.2.
# (name, added_in, type, range, default, alias_of, csharp_property)
LATER_GLOBAL = [
    ("client.dns.lookup", "2.2.0", "enum value", "use_all_dns_ips, resolve_canonical_bootstrap_servers_only", "use_all_dns_ips", None, "ClientDnsLookup"),
    ("retry.backoff.max.ms", "2.3.0", "integer", "1 .. 300000", "1000", None, "RetryBackoffMaxMs"),
    ("enable.metrics.push", "2.5.0", "boolean", "true, false", "true", None, "EnableMetricsPush"),
    ("metadata.recovery.strategy", "2.10.0", "enum value", "none, rebootstrap", "rebootstrap", None, "MetadataRecoveryStrategy"),
    ("metadata.recovery.rebootstrap.trigger.ms", "2.11.0", "integer", "0 .. 2147483647", "300000", None, "MetadataRecoveryRebootstrapTriggerMs"),
    ("https.ca.location", "2.11.0", "string", "", "", None, "HttpsCaLocation"),
    ("https.ca.pem", "2.11.0", "string", "", "", None, "HttpsCaPem"),
    ("sasl.oauthbearer.grant.type", "2.11.0", "enum value", "client_credentials, urn:ietf:params:oauth:grant-type:jwt-bearer", "client_credentials", None, "SaslOauthbearerGrantType"),
    ("sasl.oauthbearer.assertion.algorithm", "2.11.0", "enum value", "RS256, ES256", "RS256", None, "SaslOauthbearerAssertionAlgorithm"),
    ("sasl.oauthbearer.assertion.private.key.file", "2.11.0", "string", "", "", None, "SaslOauthbearerAssertionPrivateKeyFile"),
    ("sasl.oauthbearer.assertion.private.key.passphrase", "2.11.0", "string", "", "", None, "SaslOauthbearerAssertionPrivateKeyPassphrase"),
    ("sasl.oauthbearer.assertion.private.key.pem", "2.11.0", "string", "", "", None, "SaslOauthbearerAssertionPrivateKeyPem"),
    ("sasl.oauthbearer.assertion.file", "2.11.0", "string", "", "", None, "SaslOauthbearerAssertionFile"),
    ("sasl.oauthbearer.assertion.claim.aud", "2.11.0", "string", "", "", None, "SaslOauthbearerAssertionClaimAud"),
    ("sasl.oauthbearer.assertion.claim.exp.seconds", "2.11.0", "integer", "1 .. 2147483647", "300", None, "SaslOauthbearerAssertionClaimExpSeconds"),
    ("sasl.oauthbearer.assertion.claim.iss", "2.11.0", "string", "", "", None, "SaslOauthbearerAssertionClaimIss"),
    ("sasl.oauthbearer.assertion.claim.jti.include", "2.11.0", "boolean", "true, false", "false", None, "SaslOauthbearerAssertionClaimJtiInclude"),
    ("sasl.oauthbearer.assertion.claim.nbf.seconds", "2.11.0", "integer", "0 .. 2147483647", "60", None, "SaslOauthbearerAssertionClaimNbfSeconds"),
    ("sasl.oauthbearer.assertion.claim.sub", "2.11.0", "string", "", "", None, "SaslOauthbearerAssertionClaimSub"),
    ("sasl.oauthbearer.assertion.jwt.template.file", "2.11.0", "string", "", "", None, "SaslOauthbearerAssertionJwtTemplateFile"),
    ("sasl.oauthbearer.metadata.authentication.type", "2.11.0", "enum value", "none, azure_imds", "none", None, "SaslOauthbearerMetadataAuthenticationType"),
    ("sasl.oauthbearer.sub.claim.name", "2.11.0", "string", "", "sub", None, "SaslOauthbearerSubClaimName"),
    ("sasl.oauthbearer.client.credentials.client.id", "2.11.0", "string", "", "", "sasl.oauthbearer.client.id", None),
    ("sasl.oauthbearer.client.credentials.client.secret", "2.11.0", "string", "", "", "sasl.oauthbearer.client.secret", None),
]

# Keys handled by Confluent.Kafka itself and removed before librdkafka sees them (Producer.cs).
DOTNET_PRODUCER = [
    ("dotnet.producer.enable.background.poll", "boolean", "true, false", "true", "EnableBackgroundPoll"),
    ("dotnet.producer.enable.delivery.reports", "boolean", "true, false", "true", "EnableDeliveryReports"),
    ("dotnet.producer.delivery.report.fields", "string", "", "all", "DeliveryReportFields"),
]

TYPES = {
    "string": "String", "integer": "Integer", "float": "Float", "boolean": "Boolean",
    "enum value": "Enum", "CSV flags": "CsvFlags", "pattern list": "PatternList",
}


def cs(s):
    if s is None:
        return "null"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_range(typ, rng):
    lo = hi = None
    allowed = []
    m = re.match(r"^(-?[0-9.]+) \.\. (-?[0-9.]+)$", rng)
    if m and typ in ("Integer", "Float"):
        lo, hi = m.group(1), m.group(2)
    elif rng and typ in ("Enum", "CsvFlags"):
        allowed = [a.strip() for a in rng.split(",")]
    return lo, hi, allowed


def row(name, alias, scope, topic, typ, rng, default, flags, added, csprop):
    lo, hi, allowed = parse_range(typ, rng)
    flag_parts = []
    if "DEPRECATED" in flags:
        flag_parts.append("PropertyFlags.Deprecated")
    if "EXPERIMENTAL" in flags:
        flag_parts.append("PropertyFlags.Experimental")
    flag_expr = " | ".join(flag_parts) if flag_parts else "PropertyFlags.None"
    allowed_expr = "new[] { " + ", ".join(cs(a) for a in allowed) + " }" if allowed else "NoValues"
    return (f"            new({cs(name)}, {cs(alias)}, PropertyScope.{scope}, topicLevel: {'true' if topic else 'false'}, "
            f"PropertyType.{typ}, min: {lo or 'null'}, max: {hi or 'null'}, {allowed_expr}, {cs(default)}, {flag_expr}, "
            f"addedIn: {cs(added)}, csharpProperty: {cs(csprop)}),")


def main(path):
    text = open(path, encoding="utf-8").read()
    section = text.split("### 1a.6", 1)[1].split("**Changes in rdk-HEAD", 1)[0]
    rows = []
    seen = {}
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.replace("\\|", "\u0001").strip().strip("|").split("|")]
        cells = [c.replace("\u0001", "|") for c in cells]
        m = re.match(r"`([^`]+)` \((global|topic)\)", cells[0])
        name, level = m.group(1), m.group(2)
        cp, rng, default, typ, alias, flags, csharp = cells[1:8]
        alias = alias.strip("`") or None
        typ = TYPES[typ]
        scope = "Producer" if cp == "P" else "Both"
        cm = re.match(r"(?:ClientConfig|ProducerConfig)\.(\w+)", csharp)
        csprop = cm.group(1) if cm else None
        if name in seen:
            # compression.codec/compression.type appear twice (global and topic level): keep the global row.
            continue
        seen[name] = True
        rows.append(row(name, alias, scope, level == "topic", typ, rng, default, flags, BASELINE, csprop))
    for name in CONSUMER_ONLY_2_0_2:
        rows.append(row(name, CONSUMER_ALIASES.get(name), "Consumer", False, "String", "", None, "", BASELINE, None))
    for name, added in CONSUMER_ONLY_LATER:
        rows.append(row(name, None, "Consumer", False, "String", "", None, "", added, None))
    for name, added, typ, rng, default, alias, csprop in LATER_GLOBAL:
        rows.append(row(name, alias, "Both", False, TYPES[typ], rng, default, "", added, csprop))
    for name, typ, rng, default, csprop in DOTNET_PRODUCER:
        rows.append(row(name, None, "Producer", False, TYPES[typ], rng, default, "", BASELINE, csprop))

    out = []
    out.append("// <auto-generated/>")
    out.append("// Generated by eng/property-catalog/generate.py from the librdkafka 2.0.2 property table")
    out.append("// (CONFIGURATION.md at tag v2.0.2, via the reference notes' section 1a.6). Do not edit by hand.")
    out.append("#nullable enable")
    out.append("")
    out.append("namespace TypedProducer.Analyzers.Catalog;")
    out.append("")
    out.append("internal static partial class PropertyCatalog")
    out.append("{")
    out.append("    /// <summary>The librdkafka version whose properties the baseline rows describe.</summary>")
    out.append(f"    public const string BaselineVersion = {cs(BASELINE)};")
    out.append("")
    out.append("    private static readonly string[] NoValues = new string[0];")
    out.append("")
    out.append("    private static KafkaProperty[] CreateProperties() => new KafkaProperty[]")
    out.append("        {")
    out.extend(rows)
    out.append("        };")
    out.append("}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
