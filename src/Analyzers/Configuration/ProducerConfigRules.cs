using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using TypedProducer.Analyzers.Catalog;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>
/// The TPK2xxx rules over a <see cref="ConfigModel"/>, independent of where the configuration was read
/// from (C# operations or appsettings*.json). Conditions follow librdkafka 2.0.2's
/// <c>rd_kafka_conf_finalize</c>/<c>rd_kafka_topic_conf_finalize</c> exactly (see the descriptors).
/// </summary>
internal static class ProducerConfigRules
{
    private const long IdempotenceMaxInFlight = 5; // RD_KAFKA_IDEMP_MAX_INFLIGHT, src/rdkafka_idempotence.h L38
    private const long BrokerDefaultMaxMessageBytes = 1048588; // 1 MiB + LOG_OVERHEAD (LogConfig.java L171)
    private const long BrokerDefaultTransactionMaxTimeoutMs = 900000; // TransactionStateManagerConfig.java L32

    private static readonly HashSet<string> s_partitioners = new(StringComparer.Ordinal)
    {
        "random", "consistent", "consistent_random", "murmur2", "murmur2_random", "fnv1a", "fnv1a_random",
    };

    private static readonly HashSet<string> s_deliveryReportFields = new(StringComparer.Ordinal)
    {
        "key", "value", "timestamp", "headers", "status",
    };

    private static readonly HashSet<string> s_secretKeys = new(StringComparer.Ordinal)
    {
        "sasl.password", "ssl.key.password", "ssl.keystore.password", "ssl.key.pem",
        "sasl.oauthbearer.client.secret", "sasl.oauthbearer.assertion.private.key.passphrase",
        "sasl.oauthbearer.assertion.private.key.pem",
    };

    /// <summary>Runs every rule and reports through <paramref name="report"/>.</summary>
    public static void Evaluate(ConfigModel model, LibrdkafkaVersion target, Action<Diagnostic> report)
    {
        var reporter = new Reporter(report);
        foreach (var entry in model.Entries)
        {
            if (entry.IsUser)
            {
                CheckEntry(model, entry, target, reporter);
            }
        }

        CheckAliases(model, reporter);
        if (!model.Partial)
        {
            CheckCrossProperty(model, reporter);
        }
    }

    /// <summary>Why <paramref name="value"/> is invalid for <paramref name="property"/>, or null when librdkafka accepts it.</summary>
    public static string? Validate(KafkaProperty property, string value)
    {
        string name = property.Name;
        if (property.Canonical == "partitioner")
        {
            return s_partitioners.Contains(value) ? null : "allowed values are random, consistent, consistent_random, murmur2, murmur2_random, fnv1a, fnv1a_random";
        }

        if (name == "dotnet.producer.delivery.report.fields")
        {
            if (value == "all" || value == "none")
            {
                return null;
            }

            foreach (string part in value.Split(','))
            {
                if (!s_deliveryReportFields.Contains(part.Trim()))
                {
                    return "unknown delivery report field '" + part.Trim() + "' (allowed: all, none, or a list of key, value, timestamp, headers, status)";
                }
            }

            return null;
        }

        switch (property.Type)
        {
            case PropertyType.Integer:
                if (value.Length == 0)
                {
                    return "an integer property cannot be empty";
                }

                if (property.Canonical == "request.required.acks" && string.Equals(value.Trim(), "all", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                if (!ValueText.TryParseStrtol(value, out long integer))
                {
                    return "not an integer" + (property.Canonical == "request.required.acks" ? " (allowed: all, -1, 0, 1)" : string.Empty);
                }

                return OutOfRange(property, integer);
            case PropertyType.Float:
                if (!ValueText.TryParseStrtod(value, out double number, out _))
                {
                    return "not a number";
                }

                return OutOfRange(property, number);
            case PropertyType.Boolean:
                return ValueText.TryParseBool(value, out _) ? null : "expected true or false";
            case PropertyType.Enum:
                foreach (string allowed in property.AllowedValues)
                {
                    if (string.Equals(allowed, value.Trim(), StringComparison.OrdinalIgnoreCase))
                    {
                        return null;
                    }
                }

                return "allowed values are " + property.DescribeAllowed();
            case PropertyType.CsvFlags:
                foreach (string part in value.Split(','))
                {
                    bool found = false;
                    foreach (string allowed in property.AllowedValues)
                    {
                        found |= string.Equals(allowed, part.Trim(), StringComparison.OrdinalIgnoreCase);
                    }

                    if (!found && part.Trim().Length > 0)
                    {
                        return "'" + part.Trim() + "' is not one of " + property.DescribeAllowed();
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string? OutOfRange(KafkaProperty property, double value)
    {
        if ((property.Min.HasValue && value < property.Min.Value) || (property.Max.HasValue && value > property.Max.Value))
        {
            return "outside the allowed range " + property.DescribeAllowed();
        }

        return null;
    }

    private static void CheckEntry(ConfigModel model, ConfigEntry entry, LibrdkafkaVersion target, Reporter reporter)
    {
        var property = entry.Property;
        if (property is null)
        {
            string? hint = PropertyCatalog.JavaOnlyHint(entry.Key);
            if (hint is not null)
            {
                reporter.Report(DiagnosticDescriptors.UnknownProperty, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key, " (Java client property: " + hint + ")");
                return;
            }

            string? suggestion = PropertyCatalog.SuggestSimilar(entry.Key);
            if (suggestion is not null)
            {
                reporter.Report(DiagnosticDescriptors.UnknownProperty, entry.KeyLocation, Fix(FixProperties.KindRenameKey, suggestion), entry.Key, "; did you mean '" + suggestion + "'?");
            }
            else
            {
                reporter.Report(DiagnosticDescriptors.UnknownProperty, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key, string.Empty);
            }

            return;
        }

        if (property.AddedIn.CompareTo(target) > 0)
        {
            reporter.Report(DiagnosticDescriptors.PropertyNotInTargetVersion, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key, property.AddedIn.ToString(), target.ToString());
            return;
        }

        if (property.Scope == PropertyScope.Consumer)
        {
            reporter.Report(DiagnosticDescriptors.ConsumerPropertyOnProducer, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key);
            return;
        }

        if (property.Name == "delivery.report.only.error")
        {
            reporter.Report(DiagnosticDescriptors.PropertyRejectedByClient, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key);
            return;
        }

        if (property.Flags != PropertyFlags.None)
        {
            string flags = property.Flags == (PropertyFlags.Deprecated | PropertyFlags.Experimental)
                ? "deprecated and experimental"
                : property.Flags == PropertyFlags.Deprecated ? "deprecated" : "experimental";
            reporter.Report(DiagnosticDescriptors.DeprecatedProperty, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key, flags);
        }

        if (entry.IsNull)
        {
            reporter.Report(DiagnosticDescriptors.NullValue, entry.ValueLocation, Fix(FixProperties.KindRemove), entry.Key);
            return;
        }

        if (entry.CultureSensitive)
        {
            reporter.Report(DiagnosticDescriptors.CultureSensitiveValue, entry.ValueLocation, Fix(FixProperties.KindInvariantCulture), entry.Key);
        }

        if (!entry.ValueKnown || entry.Value is null || entry.RemovesKey)
        {
            return;
        }

        string value = entry.Value;
        if (property.Type == PropertyType.Float && ValueText.TryParseStrtod(value, out _, out bool stoppedAtComma) && stoppedAtComma && !entry.CultureSensitive)
        {
            // "0,5": strtod in the C locale stops at the comma and reads 0.
            reporter.Report(DiagnosticDescriptors.CultureSensitiveValue, entry.ValueLocation, null, entry.Key);
        }

        string? invalid = Validate(property, value);
        if (invalid is not null)
        {
            reporter.Report(DiagnosticDescriptors.InvalidValue, entry.ValueLocation, null, entry.Key, value, invalid);
            return;
        }

        if (s_secretKeys.Contains(property.Canonical) && entry.IsLiteral && !LooksLikePlaceholder(value))
        {
            reporter.Report(DiagnosticDescriptors.LiteralSecret, entry.ValueLocation, Fix(FixProperties.KindReadSecret), entry.Key);
        }

        bool? idempotent = model.Partial ? null : model.IsIdempotent;
        switch (property.Canonical)
        {
            case "request.required.acks":
                if (ParseAcks(value) is long acks)
                {
                    if ((acks == 0 || acks == 1) && idempotent != true)
                    {
                        reporter.Report(DiagnosticDescriptors.AcksNotAll, entry.ValueLocation, Fix(FixProperties.KindSetValue, "all", entry.Key), value);
                    }
                    else if (acks > 1)
                    {
                        reporter.Report(DiagnosticDescriptors.AcksNotJavaCompatible, entry.ValueLocation, Fix(FixProperties.KindSetValue, "all", entry.Key), value);
                    }
                }

                break;
            case "transactional.id":
                if (value.Length == 0)
                {
                    reporter.Report(DiagnosticDescriptors.EmptyTransactionalId, entry.ValueLocation, Fix(FixProperties.KindRemove));
                }

                break;
            case "transaction.timeout.ms":
                if (ValueText.TryParseStrtol(value, out long transactionTimeout) && transactionTimeout > BrokerDefaultTransactionMaxTimeoutMs)
                {
                    reporter.Report(DiagnosticDescriptors.TransactionTimeoutAboveBrokerMax, entry.ValueLocation, Fix(FixProperties.KindSetValue, "60000", entry.Key), Text(transactionTimeout));
                }

                break;
            case "message.timeout.ms":
                if (ValueText.TryParseStrtol(value, out long messageTimeout) && messageTimeout == 0)
                {
                    reporter.Report(DiagnosticDescriptors.InfiniteMessageTimeout, entry.ValueLocation, Fix(FixProperties.KindRemove), entry.Key);
                }

                break;
            case "message.max.bytes":
                if (ValueText.TryParseStrtol(value, out long maxBytes) && maxBytes > BrokerDefaultMaxMessageBytes)
                {
                    reporter.Report(DiagnosticDescriptors.MessageMaxBytesAboveBrokerDefault, entry.ValueLocation, null, Text(maxBytes));
                }

                break;
            case "partitioner":
                if (value != "murmur2_random" && value != "murmur2")
                {
                    reporter.Report(DiagnosticDescriptors.PartitionerDiffersFromJava, entry.ValueLocation, Fix(FixProperties.KindSetValue, "murmur2_random", entry.Key), value);
                }

                break;
            case "enable.idempotence":
                if (ValueText.TryParseBool(value, out bool enabled) && !enabled && !(model.IsTransactional && !model.Partial))
                {
                    reporter.Report(DiagnosticDescriptors.IdempotenceDisabled, entry.ValueLocation, Fix(FixProperties.KindSetValue, "true", entry.Key), value);
                }

                break;
            case "message.send.max.retries":
                if (ValueText.TryParseStrtol(value, out long retries) && retries == 0 && idempotent == false)
                {
                    reporter.Report(DiagnosticDescriptors.RetriesZero, entry.ValueLocation, Fix(FixProperties.KindRemove));
                }

                break;
        }
    }

    private static void CheckAliases(ConfigModel model, Reporter reporter)
    {
        var firstByCanonical = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        foreach (var entry in model.Entries)
        {
            if (!entry.IsUser || entry.Property is null || !entry.ValueKnown || entry.Value is null)
            {
                continue;
            }

            if (firstByCanonical.TryGetValue(entry.Canonical, out var earlier))
            {
                if (earlier.Key != entry.Key && earlier.Value != entry.Value)
                {
                    reporter.Report(DiagnosticDescriptors.ConflictingAliases, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key, entry.Value, earlier.Key, earlier.Value!);
                }
            }
            else
            {
                firstByCanonical[entry.Canonical] = entry;
            }
        }
    }

    private static void CheckCrossProperty(ConfigModel model, Reporter reporter)
    {
        bool? idempotent = model.IsIdempotent;
        if (idempotent == true)
        {
            var acks = model.Get("request.required.acks");
            if (acks is { ValueKnown: true, Value: not null } && ParseAcks(acks.Value) is long acksValue && acksValue != -1)
            {
                reporter.Report(DiagnosticDescriptors.IdempotenceRequiresAcksAll, acks.ValueLocation, Fix(FixProperties.KindSetValue, "all", acks.Key), acks.Value);
            }

            var inFlight = model.Get("max.in.flight.requests.per.connection");
            if (inFlight is not null && model.TryGetInteger(inFlight.Canonical, out long inFlightValue) && inFlightValue > IdempotenceMaxInFlight)
            {
                reporter.Report(DiagnosticDescriptors.IdempotenceMaxInFlight, inFlight.ValueLocation, Fix(FixProperties.KindSetValue, "5", inFlight.Key), Text(inFlightValue));
            }

            var retries = model.Get("message.send.max.retries");
            if (retries is not null && model.TryGetInteger(retries.Canonical, out long retriesValue) && retriesValue < 1)
            {
                reporter.Report(DiagnosticDescriptors.IdempotenceRetries, retries.ValueLocation, Fix(FixProperties.KindRemove), Text(retriesValue));
            }

            var threshold = model.Get("queue.buffering.backpressure.threshold");
            if (threshold is not null && model.TryGetInteger(threshold.Canonical, out long thresholdValue) && thresholdValue > 1)
            {
                reporter.Report(DiagnosticDescriptors.IdempotenceBackpressureThreshold, threshold.ValueLocation, Fix(FixProperties.KindRemove), Text(thresholdValue));
            }

            var queuing = model.Get("queuing.strategy");
            if (queuing is { ValueKnown: true, Value: not null } && !string.Equals(queuing.Value.Trim(), "fifo", StringComparison.OrdinalIgnoreCase))
            {
                reporter.Report(DiagnosticDescriptors.IdempotenceQueuingStrategy, queuing.ValueLocation, Fix(FixProperties.KindRemove), queuing.Value);
            }
        }

        if (model.IsTransactional)
        {
            var idempotence = model.Get("enable.idempotence");
            if (idempotence is not null && model.GetBoolean("enable.idempotence") == false)
            {
                reporter.Report(DiagnosticDescriptors.TransactionalIdRequiresIdempotence, idempotence.ValueLocation, Fix(FixProperties.KindSetValue, "true", idempotence.Key), idempotence.Value ?? "false");
            }

            if (model.TryGetInteger("transaction.timeout.ms", out long transactionTimeout))
            {
                var socketTimeout = model.Get("socket.timeout.ms");
                if (socketTimeout is not null && model.TryGetInteger("socket.timeout.ms", out long socketValue) && transactionTimeout + 100 < socketValue)
                {
                    reporter.Report(DiagnosticDescriptors.SocketTimeoutAboveTransactionTimeout, socketTimeout.ValueLocation, Fix(FixProperties.KindRemove), Text(socketValue), Text(transactionTimeout + 100));
                }

                var messageTimeout = model.Get("message.timeout.ms");
                if (idempotent == true && messageTimeout is not null && model.TryGetInteger("message.timeout.ms", out long messageValue) && messageValue > transactionTimeout)
                {
                    reporter.Report(DiagnosticDescriptors.MessageTimeoutAboveTransactionTimeout, messageTimeout.ValueLocation, Fix(FixProperties.KindSetValue, Text(transactionTimeout), messageTimeout.Key), Text(messageValue), Text(transactionTimeout));
                }
            }
        }

        CheckTimeouts(model, idempotent, reporter);

        var gapless = model.Get("enable.gapless.guarantee");
        if (gapless is not null && model.GetBoolean("enable.gapless.guarantee") == true && idempotent == false)
        {
            reporter.Report(DiagnosticDescriptors.GaplessRequiresIdempotence, gapless.ValueLocation, Fix(FixProperties.KindSetValue, "true", "enable.idempotence"));
        }

        var backoff = model.Get("reconnect.backoff.ms");
        var backoffMax = model.Get("reconnect.backoff.max.ms");
        if ((backoff is not null || backoffMax is not null)
            && model.TryGetInteger("reconnect.backoff.ms", out long backoffValue)
            && model.TryGetInteger("reconnect.backoff.max.ms", out long backoffMaxValue)
            && backoffMaxValue < backoffValue)
        {
            var at = backoffMax ?? backoff!;
            reporter.Report(DiagnosticDescriptors.ReconnectBackoffMaxBelowMin, at.ValueLocation, null, Text(backoffMaxValue), Text(backoffValue));
        }

        if (idempotent == false
            && model.TryGetInteger("message.send.max.retries", out long retriesEffective) && retriesEffective > 0
            && model.TryGetInteger("max.in.flight.requests.per.connection", out long inFlightEffective) && inFlightEffective > 1)
        {
            var inFlight = model.Get("max.in.flight.requests.per.connection");
            var retries = model.Get("message.send.max.retries");
            var at = inFlight ?? retries;
            if (at is not null)
            {
                var properties = at == inFlight ? Fix(FixProperties.KindSetValue, "1", at.Key) : Fix(FixProperties.KindSetValue, "true", "enable.idempotence");
                reporter.Report(DiagnosticDescriptors.RetriesMayReorder, at.ValueLocation, properties, at.Key, at.Value ?? "?");
            }
        }

        var batchSize = model.Get("batch.size");
        if (batchSize is not null
            && model.TryGetInteger("batch.size", out long batchValue)
            && model.TryGetInteger("message.max.bytes", out long maxBytes)
            && batchValue > maxBytes)
        {
            reporter.Report(DiagnosticDescriptors.BatchSizeAboveMessageMaxBytes, batchSize.ValueLocation, Fix(FixProperties.KindSetValue, Text(maxBytes), batchSize.Key), Text(batchValue), Text(maxBytes));
        }

        var mechanism = model.Get("sasl.mechanisms");
        if (mechanism is { ValueKnown: true, Value: not null })
        {
            string? protocol = model.ValueOrDefault("security.protocol", out bool protocolKnown);
            if (protocolKnown && protocol is not null && !protocol.Trim().StartsWith("sasl_", StringComparison.OrdinalIgnoreCase))
            {
                reporter.Report(DiagnosticDescriptors.SaslMechanismWithoutSaslProtocol, mechanism.ValueLocation, null, mechanism.Value, protocol);
            }
        }

        if (model.Flavor == ConfigFlavor.Librdkafka && model.CreationLocation is not null)
        {
            var missing = new List<string>();
            var fixes = new List<string>();
            if (!model.IsExplicit("enable.idempotence") && !model.IsTransactional)
            {
                missing.Add("enable.idempotence (false)");
                fixes.Add("enable.idempotence=true");
            }

            if (!model.IsExplicit("partitioner"))
            {
                missing.Add("partitioner (consistent_random)");
                fixes.Add("partitioner=murmur2_random");
            }

            if (missing.Count > 0)
            {
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(FixProperties.Kind, FixProperties.KindAddEntries)
                    .Add(FixProperties.Entries, string.Join(";", fixes));
                reporter.Report(DiagnosticDescriptors.LibrdkafkaDefaultsDifferFromJava, model.CreationLocation, properties, string.Join(" and ", missing));
            }
        }
    }

    private static void CheckTimeouts(ConfigModel model, bool? idempotent, Reporter reporter)
    {
        var linger = model.Get("queue.buffering.max.ms");
        var messageTimeout = model.Get("message.timeout.ms");
        if (!model.TryGetFloat("queue.buffering.max.ms", out double lingerValue))
        {
            return;
        }

        long messageValue;
        if (messageTimeout is not null)
        {
            if (!model.TryGetInteger("message.timeout.ms", out messageValue))
            {
                return;
            }
        }
        else if (model.IsTransactional && idempotent == true)
        {
            // T3b: an unset message.timeout.ms follows transaction.timeout.ms before T4 runs.
            if (!model.TryGetInteger("transaction.timeout.ms", out messageValue))
            {
                return;
            }
        }
        else
        {
            messageValue = 300000;
        }

        bool transactionalCap = model.IsTransactional && idempotent == true;
        model.TryGetInteger("transaction.timeout.ms", out long transactionTimeout);
        if (linger is not null && messageValue != 0 && messageValue <= lingerValue)
        {
            var at = messageTimeout ?? linger;
            ImmutableDictionary<string, string?>? fix = null;
            if (messageTimeout is not null)
            {
                long raised = transactionalCap ? transactionTimeout : Math.Max(300000, (long)Math.Ceiling(lingerValue) + 30000);
                if (raised > lingerValue)
                {
                    fix = Fix(FixProperties.KindSetValue, Text(raised), messageTimeout.Key);
                }
            }

            reporter.Report(DiagnosticDescriptors.MessageTimeoutNotAboveLinger, at.ValueLocation, fix, Text(messageValue), ValueText.Format(lingerValue));
            return;
        }

        if (messageTimeout is not null && messageValue != 0 && model.TryGetInteger("request.timeout.ms", out long requestTimeout))
        {
            long minimum = (long)Math.Ceiling(lingerValue) + requestTimeout;
            if (messageValue < minimum)
            {
                ImmutableDictionary<string, string?>? fix = !transactionalCap || minimum <= transactionTimeout
                    ? Fix(FixProperties.KindSetValue, Text(minimum), messageTimeout.Key)
                    : null;
                reporter.Report(DiagnosticDescriptors.DeliveryTimeoutBelowLingerPlusRequest, messageTimeout.ValueLocation, fix, messageTimeout.Key, Text(messageValue), Text(minimum));
            }
        }
    }

    private static long? ParseAcks(string value)
    {
        if (string.Equals(value.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        return ValueText.TryParseStrtol(value, out long acks) ? acks : null;
    }

    private static bool LooksLikePlaceholder(string value)
    {
        string trimmed = value.Trim();
        return trimmed.Length == 0
            || trimmed.StartsWith("${", StringComparison.Ordinal)
            || trimmed.StartsWith("#{", StringComparison.Ordinal)
            || trimmed.StartsWith("{{", StringComparison.Ordinal)
            || trimmed.StartsWith("<", StringComparison.Ordinal)
            || trimmed.StartsWith("%", StringComparison.Ordinal)
            || trimmed.StartsWith("__", StringComparison.Ordinal);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static ImmutableDictionary<string, string?> Fix(string kind, string? value = null, string? key = null)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder.Add(FixProperties.Kind, kind);
        if (kind == FixProperties.KindRenameKey)
        {
            builder.Add(FixProperties.Key, value);
        }
        else
        {
            if (value is not null)
            {
                builder.Add(FixProperties.Value, value);
            }

            if (key is not null)
            {
                builder.Add(FixProperties.Key, key);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>Reports once per (ID, location): aliases and merged sources can reach one entry twice.</summary>
    private sealed class Reporter
    {
        private readonly Action<Diagnostic> _report;
        private readonly HashSet<(string, Location)> _seen = new();

        public Reporter(Action<Diagnostic> report) => _report = report;

        public void Report(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?>? properties, params string[] args)
        {
            if (location is null || !_seen.Add((descriptor.Id, location)))
            {
                return;
            }

            _report(Diagnostic.Create(descriptor, location, properties, args));
        }
    }
}
