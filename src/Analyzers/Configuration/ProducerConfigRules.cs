using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using TypedProducer.Analyzers.Catalog;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>
/// The TPK2xxx rules over a <see cref="ConfigModel"/>, independent of where the configuration was read from (C#
/// operations or appsettings*.json). Error rules follow what librdkafka (2.0.2 to 2.16.0, <c>src/rdkafka_conf.c</c>
/// <c>rd_kafka_anyconf_set_prop</c>, <c>rd_kafka_conf_finalize</c>, <c>rd_kafka_topic_conf_finalize</c>,
/// <c>src/rdkafka.c</c> <c>rd_kafka_new</c>, <c>src/rdkafka_sasl*.c</c>) and Confluent.Kafka 2.16.0
/// (<c>Producer</c>'s constructor) refuse, condition for condition; a differential test checks them against the
/// bundled librdkafka. A rule that needs a key the code cannot show gives no verdict.
/// </summary>
internal static class ProducerConfigRules
{
    private const long IdempotenceMaxInFlight = 5; // RD_KAFKA_IDEMP_MAX_INFLIGHT, src/rdkafka_idempotence.h
    private const long BrokerDefaultMaxMessageBytes = 1048588; // 1 MiB + LOG_OVERHEAD (LogConfig.java)
    private const long BrokerDefaultTransactionMaxTimeoutMs = 900000; // TransactionStateManagerConfig.java
    private const long DefaultMessageTimeoutMs = 300000;

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

    // Properties that conflict with sasl.oauthbearer.assertion.file under the jwt-bearer grant
    // (rd_kafka_conf_finalize_oauthbearer_oidc_grant_type): set to a non-empty value, or set at all.
    private static readonly string[] s_assertionFileExclusiveValues =
    {
        "sasl.oauthbearer.assertion.private.key.file", "sasl.oauthbearer.assertion.private.key.pem",
        "sasl.oauthbearer.assertion.private.key.passphrase", "sasl.oauthbearer.assertion.jwt.template.file",
        "sasl.oauthbearer.assertion.claim.sub", "sasl.oauthbearer.assertion.claim.aud", "sasl.oauthbearer.assertion.claim.iss",
    };

    private static readonly string[] s_assertionFileExclusiveModified =
    {
        "sasl.oauthbearer.assertion.claim.jti.include", "sasl.oauthbearer.assertion.claim.exp.seconds",
        "sasl.oauthbearer.assertion.claim.nbf.seconds",
    };

    /// <summary>Runs every rule and reports through <paramref name="report"/>.</summary>
    public static void Evaluate(ConfigModel model, Action<Diagnostic> report)
    {
        var reporter = new Reporter(report, model.ReachesProducer);
        foreach (var entry in model.Entries)
        {
            if (entry.IsUser)
            {
                CheckEntry(model, entry, reporter);
            }
        }

        CheckAliases(model, reporter);
        CheckIdempotence(model, reporter);
        CheckTransactions(model, reporter);
        CheckTimeouts(model, reporter);
        CheckSecurity(model, reporter);
        CheckAssignors(model, reporter);
        CheckAdvice(model, reporter);
    }

    /// <summary>
    /// Why librdkafka (or Confluent.Kafka, for its own keys) refuses <paramref name="value"/> for
    /// <paramref name="property"/> in <paramref name="target"/>, or null when it accepts it.
    /// </summary>
    public static string? Validate(KafkaProperty property, string value, LibrdkafkaVersion target)
    {
        switch (property.Type)
        {
            case PropertyType.Pointer:
                return "it is a callback or pointer, set through the client's API (for example ProducerBuilder.SetLogHandler), not as text";
            case PropertyType.DotnetBoolean:
                return bool.TryParse(value, out _) ? null : "Confluent.Kafka reads it with bool.Parse: true or false";
            case PropertyType.DotnetInteger:
                if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number))
                {
                    return "Confluent.Kafka reads it with int.Parse: not an integer";
                }

                return OutOfRange(property, number);
        }

        if (property.Name == "dotnet.producer.delivery.report.fields")
        {
            return ValidateDeliveryReportFields(value);
        }

        // rd_kafka_anyconf_set: an empty value is NULL.
        if (value.Length == 0)
        {
            switch (property.Type)
            {
                case PropertyType.String when property.Canonical is "partitioner" or "sasl.mechanisms" or "broker.version.fallback":
                    return "it cannot be empty";
                case PropertyType.String:
                case PropertyType.PatternList:
                    return null;
                default:
                    return "it cannot be empty";
            }
        }

        switch (property.Type)
        {
            case PropertyType.Integer:
                if (property.Canonical == "request.required.acks" && string.Equals(value, "all", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                if (!ValueText.TryParseInt(value, out long integer))
                {
                    return "not an integer" + (property.Canonical == "request.required.acks" ? " (allowed: all, -1, 0, 1)" : string.Empty);
                }

                return OutOfRange(property, integer);
            case PropertyType.Float:
                if (!ValueText.TryParseStrtod(value, out double real, out _))
                {
                    return "not a number";
                }

                return OutOfRange(property, real);
            case PropertyType.Boolean:
                return ValueText.TryParseBool(value, out _) ? null : "expected true, false, t, f, 1 or 0 (nothing else, no spaces)";
            case PropertyType.Enum:
                return ValidateNames(property, value, target, flags: false);
            case PropertyType.CsvFlags:
                return ValidateNames(property, value, target, flags: true);
            case PropertyType.String:
                return ValidateString(property, ValueText.TrimCStart(value));
            default:
                return null;
        }
    }

    /// <summary>The canonical (catalogue) spelling of an enum value as librdkafka matches it (left trim, any case), or null.</summary>
    public static string? EnumValue(KafkaProperty property, string value)
    {
        string trimmed = ValueText.TrimCStart(value);
        foreach (string allowed in property.AllowedValues)
        {
            if (string.Equals(allowed, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return allowed;
            }
        }

        return null;
    }

    private static string? ValidateString(KafkaProperty property, string value)
    {
        switch (property.Canonical)
        {
            case "partitioner":
                return s_partitioners.Contains(value) ? null : "allowed values are random, consistent, consistent_random, murmur2, murmur2_random, fnv1a, fnv1a_random (exact spelling)";
            case "sasl.mechanisms":
                return value.IndexOf(',') >= 0 || value.IndexOf(' ') >= 0 ? "one mechanism only, without ',' or spaces" : null;
            case "broker.version.fallback":
                return value.StartsWith("0.7.", StringComparison.Ordinal) || value.StartsWith("0.6.", StringComparison.Ordinal) ? "brokers before 0.8 are not supported" : null;
            default:
                return null;
        }
    }

    private static string? ValidateDeliveryReportFields(string value)
    {
        // Producer.cs: spaces removed, then "all", "none" or a list of known fields.
        string fields = value.Replace(" ", string.Empty);
        if (fields == "all" || fields == "none")
        {
            return null;
        }

        foreach (string part in fields.Split(','))
        {
            if (!s_deliveryReportFields.Contains(part))
            {
                return "unknown delivery report field '" + part + "' (allowed: all, none, or a list of key, value, timestamp, headers, status)";
            }
        }

        return null;
    }

    /// <summary>
    /// S2I/S2F parsing (<c>rd_kafka_anyconf_set_prop</c>): flags split on ',', each part left-trimmed (the right trim
    /// never removes anything), an optional +/- before a flag, empty parts skipped; names compared in any case, with
    /// the exact length. A value that did not exist in <paramref name="target"/> yet is refused there.
    /// </summary>
    private static string? ValidateNames(KafkaProperty property, string value, LibrdkafkaVersion target, bool flags)
    {
        foreach (string raw in flags ? value.Split(',') : new[] { value })
        {
            string part = ValueText.TrimCStart(raw);
            if (flags && part.Length > 0 && (part[0] == '+' || part[0] == '-'))
            {
                part = part.Substring(1);
            }

            if (part.Length == 0)
            {
                continue;
            }

            int index = Array.FindIndex(property.AllowedValues, a => string.Equals(a, part, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                string shown = flags ? "'" + part + "' is not one of " : "allowed values are ";
                return shown + property.DescribeAllowed() + (part != part.TrimEnd() ? " (trailing spaces are not removed)" : string.Empty);
            }

            if (!property.HasValueAt(index, target))
            {
                return "'" + property.AllowedValues[index] + "' was added in librdkafka " + property.ValueAddedIn(index) + "; this project targets librdkafka " + target;
            }
        }

        return null;
    }

    private static string? OutOfRange(KafkaProperty property, double value)
    {
        // NaN compares false both ways: librdkafka accepts it.
        if ((property.Min.HasValue && value < property.Min.Value) || (property.Max.HasValue && value > property.Max.Value))
        {
            return "outside the allowed range " + property.DescribeAllowed();
        }

        return null;
    }

    private static void CheckEntry(ConfigModel model, ConfigEntry entry, Reporter reporter)
    {
        var property = entry.Property;
        var target = model.Target;
        if (property is null)
        {
            string? hint = PropertyCatalog.JavaOnlyHint(entry.Key);
            if (hint is not null)
            {
                reporter.Report(DiagnosticDescriptors.UnknownProperty, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key, " (Java client property: " + hint + ")");
                ReportNull(entry, reporter);
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

            ReportNull(entry, reporter);
            return;
        }

        if (property.AddedIn.CompareTo(target) > 0)
        {
            reporter.Report(DiagnosticDescriptors.PropertyNotInTargetVersion, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key, property.AddedIn.ToString(), target.ToString());
            ReportNull(entry, reporter);
            return;
        }

        if (property.Scope == PropertyScope.Consumer)
        {
            reporter.Report(DiagnosticDescriptors.ConsumerPropertyOnProducer, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key);
        }

        if (property.Name == "delivery.report.only.error")
        {
            reporter.Report(DiagnosticDescriptors.PropertyRejectedByClient, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key);
            return;
        }

        var flags = property.FlagsAt(target);
        if (flags != PropertyFlags.None)
        {
            string text = flags == (PropertyFlags.Deprecated | PropertyFlags.Experimental)
                ? "deprecated and experimental"
                : flags == PropertyFlags.Deprecated ? "deprecated" : "experimental";
            reporter.Report(DiagnosticDescriptors.DeprecatedProperty, entry.KeyLocation, Fix(FixProperties.KindRemove), entry.Key, text);
        }

        if (entry.IsNull)
        {
            // Confluent.Kafka reads its own keys with FirstOrDefault(...).Value: null means "not set", not an error.
            if (property.Type is not (PropertyType.DotnetBoolean or PropertyType.DotnetInteger) && property.Name != "dotnet.producer.delivery.report.fields")
            {
                ReportNull(entry, reporter);
            }

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

        string? invalid = entry.InvalidReason(target);
        if (invalid is not null)
        {
            reporter.Report(DiagnosticDescriptors.InvalidValue, entry.ValueLocation, null, entry.Key, value, invalid);
            return;
        }

        if (s_secretKeys.Contains(property.Canonical) && entry.IsLiteral && !LooksLikePlaceholder(value))
        {
            reporter.Report(DiagnosticDescriptors.LiteralSecret, entry.ValueLocation, Fix(FixProperties.KindReadSecret), entry.Key);
        }

        if (model.Get(property.Canonical) != entry)
        {
            // Overridden later: the value-specific advice below concerns the value in effect.
            return;
        }

        bool? idempotent = model.IsIdempotent;
        switch (property.Canonical)
        {
            case "request.required.acks":
                if (model.TryGetInteger(property.Canonical, out long acks))
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
                if (ValueText.TryParseInt(value, out long transactionTimeout) && transactionTimeout > BrokerDefaultTransactionMaxTimeoutMs)
                {
                    reporter.Report(DiagnosticDescriptors.TransactionTimeoutAboveBrokerMax, entry.ValueLocation, Fix(FixProperties.KindSetValue, "60000", entry.Key), Text(transactionTimeout));
                }

                break;
            case "message.timeout.ms":
                if (ValueText.TryParseInt(value, out long messageTimeout) && messageTimeout == 0)
                {
                    reporter.Report(DiagnosticDescriptors.InfiniteMessageTimeout, entry.ValueLocation, Fix(FixProperties.KindRemove), entry.Key);
                }

                break;
            case "message.max.bytes":
                if (ValueText.TryParseInt(value, out long maxBytes) && maxBytes > BrokerDefaultMaxMessageBytes)
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
                if (ValueText.TryParseBool(value, out bool enabled) && !enabled && model.IsTransactional != true)
                {
                    reporter.Report(DiagnosticDescriptors.IdempotenceDisabled, entry.ValueLocation, Fix(FixProperties.KindSetValue, "true", entry.Key), value);
                }

                break;
            case "message.send.max.retries":
                if (ValueText.TryParseInt(value, out long retries) && retries == 0 && idempotent == false)
                {
                    reporter.Report(DiagnosticDescriptors.RetriesZero, entry.ValueLocation, Fix(FixProperties.KindRemove));
                }

                break;
        }
    }

    /// <summary>TPK2016: Confluent.Kafka checks for null while it copies the keys, before librdkafka sees any of them.</summary>
    private static void ReportNull(ConfigEntry entry, Reporter reporter)
    {
        if (entry.IsNull)
        {
            reporter.Report(DiagnosticDescriptors.NullValue, entry.ValueLocation, Fix(FixProperties.KindRemove), entry.Key);
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

    /// <summary>An entry set in visible code to a value librdkafka accepts (an invalid value leaves the key as it was, and is TPK2012).</summary>
    private static ConfigEntry? Valid(ConfigModel model, string canonical)
    {
        var entry = model.Get(canonical);
        if (entry?.Property is null || !entry.ValueKnown || entry.IsNull || entry.Value is null)
        {
            return null;
        }

        return entry.InvalidReason(model.Target) is null ? entry : null;
    }

    // rd_kafka_conf_finalize (producer branch) and rd_kafka_topic_conf_finalize: the idempotence checks.
    private static void CheckIdempotence(ConfigModel model, Reporter reporter)
    {
        bool? idempotent = model.IsIdempotent;
        if (idempotent == true)
        {
            var acks = Valid(model, "request.required.acks");
            if (acks is not null && model.TryGetInteger(acks.Canonical, out long acksValue) && acksValue != -1)
            {
                reporter.Report(DiagnosticDescriptors.IdempotenceRequiresAcksAll, acks.ValueLocation, Fix(FixProperties.KindSetValue, "all", acks.Key), acks.Value!);
            }

            var inFlight = Valid(model, "max.in.flight.requests.per.connection");
            if (inFlight is not null && model.TryGetInteger(inFlight.Canonical, out long inFlightValue) && inFlightValue > IdempotenceMaxInFlight)
            {
                reporter.Report(DiagnosticDescriptors.IdempotenceMaxInFlight, inFlight.ValueLocation, Fix(FixProperties.KindSetValue, "5", inFlight.Key), Text(inFlightValue));
            }

            var retries = Valid(model, "message.send.max.retries");
            if (retries is not null && model.TryGetInteger(retries.Canonical, out long retriesValue) && retriesValue < 1)
            {
                reporter.Report(DiagnosticDescriptors.IdempotenceRetries, retries.ValueLocation, Fix(FixProperties.KindRemove), Text(retriesValue));
            }

            var threshold = Valid(model, "queue.buffering.backpressure.threshold");
            if (threshold is not null && model.TryGetInteger(threshold.Canonical, out long thresholdValue) && thresholdValue > 1)
            {
                reporter.Report(DiagnosticDescriptors.IdempotenceBackpressureThreshold, threshold.ValueLocation, Fix(FixProperties.KindRemove), Text(thresholdValue));
            }

            // A value of only white space matches nothing and sets nothing: the key stays unmodified.
            var queuing = Valid(model, "queuing.strategy");
            if (queuing is not null && EnumValue(queuing.Property!, queuing.Value!) is { } strategy && strategy != "fifo")
            {
                reporter.Report(DiagnosticDescriptors.IdempotenceQueuingStrategy, queuing.ValueLocation, Fix(FixProperties.KindRemove), queuing.Value!);
            }
        }

        var gapless = Valid(model, "enable.gapless.guarantee");
        if (gapless is not null && model.GetBoolean("enable.gapless.guarantee") == true && idempotent == false)
        {
            reporter.Report(DiagnosticDescriptors.GaplessRequiresIdempotence, gapless.ValueLocation, Fix(FixProperties.KindSetValue, "true", "enable.idempotence"));
        }
    }

    private static void CheckTransactions(ConfigModel model, Reporter reporter)
    {
        if (model.IsTransactional != true)
        {
            return;
        }

        var idempotence = Valid(model, "enable.idempotence");
        if (idempotence is not null && model.GetBoolean("enable.idempotence") == false)
        {
            reporter.Report(DiagnosticDescriptors.TransactionalIdRequiresIdempotence, idempotence.ValueLocation, Fix(FixProperties.KindSetValue, "true", idempotence.Key), idempotence.Value!);
        }

        if (!model.TryGetInteger("transaction.timeout.ms", out long transactionTimeout))
        {
            return;
        }

        var socketTimeout = Valid(model, "socket.timeout.ms");
        if (socketTimeout is not null && model.TryGetInteger("socket.timeout.ms", out long socketValue) && transactionTimeout + 100 < socketValue)
        {
            reporter.Report(DiagnosticDescriptors.SocketTimeoutAboveTransactionTimeout, socketTimeout.ValueLocation, Fix(FixProperties.KindRemove), Text(socketValue), Text(transactionTimeout + 100));
        }

        var messageTimeout = Valid(model, "message.timeout.ms");
        if (model.IsIdempotent == true && messageTimeout is not null && model.TryGetInteger("message.timeout.ms", out long messageValue) && messageValue > transactionTimeout)
        {
            reporter.Report(DiagnosticDescriptors.MessageTimeoutAboveTransactionTimeout, messageTimeout.ValueLocation, Fix(FixProperties.KindSetValue, Text(transactionTimeout), messageTimeout.Key), Text(messageValue), Text(transactionTimeout));
        }
    }

    /// <summary>
    /// TPK2009, TPK2011, TPK2024. librdkafka checks "message.timeout.ms must be greater than linger.ms" twice, both only
    /// when linger.ms was set: in <c>rd_kafka_conf_finalize</c> when a topic-level key created a default topic conf
    /// (with message.timeout.ms as set, else 300000), and in <c>rd_kafka_topic_conf_finalize</c> (at Build() with a
    /// default topic conf, else at the first produce) after a transactional producer's unset message.timeout.ms has
    /// become transaction.timeout.ms.
    /// </summary>
    private static void CheckTimeouts(ConfigModel model, Reporter reporter)
    {
        var linger = Valid(model, "queue.buffering.max.ms");
        var messageTimeout = model.Get("message.timeout.ms") is null ? null : Valid(model, "message.timeout.ms");
        bool? messageExplicit = model.IsExplicit("message.timeout.ms");
        bool refusedLinger = false;
        if (linger is not null && model.TryGetFloat("queue.buffering.max.ms", out double lingerValue) && !(messageExplicit == true && messageTimeout is null))
        {
            long? raw = null;
            long? final = null;
            if (messageTimeout is not null)
            {
                if (model.TryGetInteger("message.timeout.ms", out long value))
                {
                    raw = value;
                    final = value;
                }
            }
            else if (messageExplicit == false)
            {
                raw = DefaultMessageTimeoutMs;
                bool? transactionalDefault = And(model.IsTransactional, model.IsIdempotent);
                if (transactionalDefault == false)
                {
                    final = DefaultMessageTimeoutMs;
                }
                else if (transactionalDefault == true && model.TryGetInteger("transaction.timeout.ms", out long transactionTimeout))
                {
                    final = transactionTimeout;
                }
            }

            bool? atBuild = And(model.HasTopicConfig, raw is null ? null : raw != 0 && raw <= lingerValue);
            bool? atTopic = final is null ? null : final != 0 && final <= lingerValue;
            if (Or(atBuild, atTopic) == true)
            {
                long shown = atTopic == true ? final!.Value : raw!.Value;
                var at = messageTimeout ?? linger;
                ImmutableDictionary<string, string?>? fix = null;
                if (messageTimeout is not null)
                {
                    long raised = model.IsTransactional == true && model.TryGetInteger("transaction.timeout.ms", out long cap)
                        ? cap
                        : Math.Max(DefaultMessageTimeoutMs, (long)Math.Ceiling(lingerValue) + 30000);
                    if (raised > lingerValue)
                    {
                        fix = Fix(FixProperties.KindSetValue, Text(raised), messageTimeout.Key);
                    }
                }

                reporter.Report(DiagnosticDescriptors.MessageTimeoutNotAboveLinger, at.ValueLocation, fix, Text(shown), ValueText.Format(lingerValue));
                refusedLinger = true;
            }
        }

        var backoff = Valid(model, "reconnect.backoff.ms");
        var backoffMax = Valid(model, "reconnect.backoff.max.ms");
        if ((backoff is not null || backoffMax is not null)
            && model.TryGetInteger("reconnect.backoff.ms", out long backoffValue)
            && model.TryGetInteger("reconnect.backoff.max.ms", out long backoffMaxValue)
            && backoffMaxValue < backoffValue)
        {
            var at = backoffMax ?? backoff!;
            reporter.Report(DiagnosticDescriptors.ReconnectBackoffMaxBelowMin, at.ValueLocation, null, Text(backoffMaxValue), Text(backoffValue));
        }

        if (!refusedLinger && messageTimeout is not null && model.TryGetInteger("message.timeout.ms", out long messageMs) && messageMs != 0
            && model.TryGetInteger("request.timeout.ms", out long requestTimeout) && model.TryGetFloat("queue.buffering.max.ms", out double lingerMs))
        {
            long minimum = (long)Math.Ceiling(lingerMs) + requestTimeout;
            if (messageMs < minimum)
            {
                bool transactionalCap = model.IsTransactional == true;
                model.TryGetInteger("transaction.timeout.ms", out long transactionTimeout);
                ImmutableDictionary<string, string?>? fix = !transactionalCap || minimum <= transactionTimeout
                    ? Fix(FixProperties.KindSetValue, Text(minimum), messageTimeout.Key)
                    : null;

                // Below request.timeout.ms librdkafka itself fails messages whose request is still in flight (the
                // broker may have written them); between that and linger.ms + request.timeout.ms only the Java client
                // objects (a Java-client rule: hidden unless enabled).
                reporter.Report(DiagnosticDescriptors.DeliveryTimeoutBelowLingerPlusRequest, messageTimeout.ValueLocation, fix, advisory: messageMs >= requestTimeout, messageTimeout.Key, Text(messageMs), Text(minimum));
            }
        }
    }

    // The keys CheckSecurity reads; with none of them set (and nothing unknown) librdkafka's defaults pass every check.
    private static readonly string[] s_securityKeys =
    {
        "security.protocol", "sasl.mechanisms", "ssl.keystore.location", "sasl.oauthbearer.metadata.authentication.type",
        "sasl.oauthbearer.method", "https.ca.location", "https.ca.pem",
    };

    /// <summary>TPK2017, TPK2018, TPK2019, TPK2034, TPK2037: what rd_kafka_new and rd_kafka_conf_finalize check for SASL and TLS.</summary>
    private static void CheckSecurity(ConfigModel model, Reporter reporter)
    {
        if (!model.HasUnknowns && !Array.Exists(s_securityKeys, key => model.Get(key) is not null))
        {
            return;
        }

        string? protocol = EffectiveEnum(model, "security.protocol", out bool protocolKnown);
        if (model.TryGetInteger("test.mock.num.brokers", out long mockBrokers))
        {
            if (mockBrokers > 0)
            {
                // rd_kafka_new: a mock cluster replaces security.protocol with plaintext before SASL is set up.
                protocol = "plaintext";
                protocolKnown = true;
            }
        }
        else
        {
            protocolKnown = false;
        }

        var mechanismEntry = Valid(model, "sasl.mechanisms");
        string? mechanism = model.StringValue("sasl.mechanisms", out bool mechanismKnown);
        if (model.Get("sasl.mechanisms") is not null && mechanismEntry is null)
        {
            mechanismKnown = false; // an invalid value is TPK2012
        }

        var protocolEntry = model.Get("security.protocol");
        bool? sasl = protocolKnown ? protocol is "sasl_plaintext" or "sasl_ssl" : null;
        if (sasl == true && mechanismKnown && mechanism is not null)
        {
            var at = mechanismEntry?.ValueLocation ?? protocolEntry?.ValueLocation;
            string? problem = null;
            bool needsCredentials = false;
            if (mechanism == "GSSAPI")
            {
                if (model.IsExplicit("sasl.mechanisms") == false)
                {
                    reporter.Report(DiagnosticDescriptors.SaslMechanismDefaultsToGssapi, protocolEntry?.ValueLocation ?? model.CreationLocation, null, protocol!);
                }
            }
            else if (mechanism == "PLAIN" || mechanism == "SCRAM-SHA-1" || mechanism == "SCRAM-SHA-256" || mechanism == "SCRAM-SHA-512")
            {
                needsCredentials = true;
            }
            else if (mechanism.StartsWith("SCRAM-SHA-", StringComparison.Ordinal))
            {
                problem = "librdkafka knows SCRAM-SHA-1, SCRAM-SHA-256 and SCRAM-SHA-512 only ('Unsupported hash function')";
            }
            else if (mechanism != "OAUTHBEARER")
            {
                problem = "sasl.mechanism '" + mechanism + "' is not GSSAPI, PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER (librdkafka compares it case-sensitively: 'Unsupported SASL mechanism')";
            }

            if (needsCredentials)
            {
                string? user = model.StringValue("sasl.username", out bool userKnown);
                string? password = model.StringValue("sasl.password", out bool passwordKnown);
                if ((userKnown && user is null) || (passwordKnown && password is null))
                {
                    problem = "sasl.mechanism " + mechanism + " needs sasl.username and sasl.password, and " + (user is null && userKnown ? "sasl.username" : "sasl.password") + " is not set (an empty value is not set)";
                }
            }

            if (problem is not null)
            {
                reporter.Report(DiagnosticDescriptors.SaslSettingsRefused, at ?? model.CreationLocation, null, problem);
            }
        }

        var mechanismOnly = model.Get("sasl.mechanisms");
        if (mechanismOnly is { ValueKnown: true, Value: not null } && protocolKnown && protocol is not null && sasl == false && mechanismEntry is not null)
        {
            reporter.Report(DiagnosticDescriptors.SaslMechanismWithoutSaslProtocol, mechanismOnly.ValueLocation, null, mechanismOnly.Value, protocol);
        }

        CheckOauthbearer(model, mechanism, mechanismKnown, reporter);

        string? keystore = model.StringValue("ssl.keystore.location", out bool keystoreKnown);
        string? keystorePassword = model.StringValue("ssl.keystore.password", out bool keystorePasswordKnown);
        if (keystoreKnown && keystore is not null && keystorePasswordKnown && keystorePassword is null && model.Get("ssl.keystore.location") is { } keystoreEntry)
        {
            reporter.Report(DiagnosticDescriptors.KeystoreWithoutPassword, keystoreEntry.ValueLocation, null);
        }
    }

    /// <summary>
    /// TPK2018: <c>rd_kafka_conf_finalize</c> (https.ca.*, and with sasl.mechanism OAUTHBEARER in any case,
    /// <c>rd_kafka_conf_finalize_oauthbearer_oidc</c>) and Confluent.Kafka's AWS IAM wiring
    /// (<c>SaslOauthbearerConfigHelper</c>), which runs whatever the mechanism.
    /// </summary>
    private static void CheckOauthbearer(ConfigModel model, string? mechanism, bool mechanismKnown, Reporter reporter)
    {
        string? caLocation = model.StringValue("https.ca.location", out bool caLocationKnown);
        string? caPem = model.StringValue("https.ca.pem", out bool caPemKnown);
        if (caLocationKnown && caPemKnown && caLocation is not null && caPem is not null && model.Get("https.ca.pem") is { } pem)
        {
            reporter.Report(DiagnosticDescriptors.OauthbearerSettingsRefused, pem.ValueLocation, null, "https.ca.location and https.ca.pem are mutually exclusive");
        }

        string? metadataType = EffectiveEnum(model, "sasl.oauthbearer.metadata.authentication.type", out bool metadataKnown);
        string? method = EffectiveEnum(model, "sasl.oauthbearer.method", out bool methodKnown);
        var metadataEntry = model.Get("sasl.oauthbearer.metadata.authentication.type");
        if (metadataEntry is { ValueKnown: true, Value: { } awsText } && string.Equals(awsText, "aws_iam", StringComparison.OrdinalIgnoreCase))
        {
            // Confluent.Kafka compares the raw texts, before librdkafka sees them.
            var methodEntry = model.Get("sasl.oauthbearer.method");
            bool? oidc = methodEntry is null ? (model.IsExplicit("sasl.oauthbearer.method") == false ? false : null)
                : methodEntry.ValueKnown && !methodEntry.IsNull ? string.Equals(methodEntry.Value, "oidc", StringComparison.OrdinalIgnoreCase) : null;
            string? config = model.StringValue("sasl.oauthbearer.config", out bool configKnown);
            var configEntry = model.Get("sasl.oauthbearer.config");
            string? problem = null;
            if (oidc == false)
            {
                problem = "Confluent.Kafka's AWS IAM support requires sasl.oauthbearer.method=oidc";
            }
            else if (oidc == true && configKnown && string.IsNullOrEmpty(configEntry?.Value ?? config))
            {
                problem = "Confluent.Kafka's AWS IAM support requires sasl.oauthbearer.config";
            }
            else if (oidc == true && configKnown && model.HasAwsOAuthBearer == false)
            {
                problem = "aws_iam needs the Confluent.Kafka.OAuthBearer.Aws package, which this project does not reference";
            }

            if (problem is not null)
            {
                reporter.Report(DiagnosticDescriptors.OauthbearerSettingsRefused, metadataEntry.ValueLocation, null, problem);
                return;
            }
        }

        if (!mechanismKnown || mechanism is null || !string.Equals(mechanism, "OAUTHBEARER", StringComparison.OrdinalIgnoreCase) || !methodKnown || method != "oidc")
        {
            return;
        }

        var anchor = model.Get("sasl.oauthbearer.method")?.ValueLocation ?? model.CreationLocation;
        if (model.GetBoolean("enable.sasl.oauthbearer.unsecure.jwt") == true && Valid(model, "enable.sasl.oauthbearer.unsecure.jwt") is not null)
        {
            reporter.Report(DiagnosticDescriptors.OauthbearerSettingsRefused, anchor, null, "enable.sasl.oauthbearer.unsecure.jwt and sasl.oauthbearer.method=oidc are mutually exclusive");
            return;
        }

        string? tokenUrl = model.StringValue("sasl.oauthbearer.token.endpoint.url", out bool tokenUrlKnown);
        if (!tokenUrlKnown || !metadataKnown)
        {
            return;
        }

        if (tokenUrl is null)
        {
            bool? missing = metadataType switch
            {
                "azure_imds" => AzureQueryMissing(model),
                "aws_iam" => false,
                _ => true,
            };
            if (missing == true)
            {
                reporter.Report(DiagnosticDescriptors.OauthbearerSettingsRefused, anchor, null, "sasl.oauthbearer.token.endpoint.url is required with sasl.oauthbearer.method=oidc" + (metadataType == "azure_imds" ? " unless sasl.oauthbearer.config has a 'query'" : string.Empty));
                return;
            }

            if (missing is null)
            {
                return;
            }
        }

        if (metadataType == "none")
        {
            string? grant = EffectiveEnum(model, "sasl.oauthbearer.grant.type", out bool grantKnown);
            string? problem = grantKnown ? GrantTypeProblem(model, grant) : null;
            if (problem is not null)
            {
                reporter.Report(DiagnosticDescriptors.OauthbearerSettingsRefused, anchor, null, problem);
                return;
            }
        }

        if (model.Get("sasl.oauthbearer.sub.claim.name") is { ValueKnown: true, Value: { Length: > 0 } subClaim } subEntry && ValueText.TrimCStart(subClaim).Length == 0)
        {
            reporter.Report(DiagnosticDescriptors.OauthbearerSettingsRefused, subEntry.ValueLocation, null, "sasl.oauthbearer.sub.claim.name is blank");
        }
    }

    /// <summary>
    /// Whether <c>rd_kafka_conf_kv_get(sasl.oauthbearer.config, "query", ',')</c> finds nothing. It splits the text on
    /// unescaped commas (elements trimmed, empty ones dropped), splits each at '=' and, as librdkafka 2.16.0's loop is
    /// written, compares only the keys of the first half of the pairs (<c>i &lt; count / 2; i += 2</c> over keys and values).
    /// Null (no verdict) when a pair has no '=' (librdkafka then reads an uninitialised count).
    /// </summary>
    private static bool? AzureQueryMissing(ConfigModel model)
    {
        string? config = model.StringValue("sasl.oauthbearer.config", out bool known);
        if (!known)
        {
            return null;
        }

        if (config is null)
        {
            return true;
        }

        var pairs = SplitEscaped(config, ',');
        for (int i = 0; i < pairs.Count; i++)
        {
            int equals = pairs[i].IndexOf('=');
            if (equals <= 0)
            {
                return null;
            }

            if (2 * i < pairs.Count && pairs[i].Substring(0, equals) == "query")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>rd_string_split(input, separator, skip_empty: true)</c>: backslash escapes, elements trimmed of C white space.</summary>
    private static List<string> SplitEscaped(string input, char separator)
    {
        var result = new List<string>();
        var element = new System.Text.StringBuilder();
        bool escaped = false;
        for (int i = 0; i <= input.Length; i++)
        {
            if (i < input.Length)
            {
                char c = input[i];
                if (!escaped && c == '\\')
                {
                    escaped = true;
                    continue;
                }

                bool wasEscaped = escaped;
                escaped = false;
                if (!wasEscaped && element.Length == 0 && ValueText.IsCSpace(c))
                {
                    continue;
                }

                if (wasEscaped || c != separator)
                {
                    element.Append(wasEscaped ? c switch { 't' => '\t', 'n' => '\n', 'r' => '\r', '0' => '\0', _ => c } : c);
                    continue;
                }
            }

            int length = element.Length;
            while (length > 0 && ValueText.IsCSpace(element[length - 1]))
            {
                length--;
            }

            if (length > 0)
            {
                result.Add(element.ToString(0, length));
            }

            element.Clear();
        }

        return result;
    }

    /// <summary>
    /// TPK2012 on partition.assignment.strategy and group.protocol.type: rd_kafka_new() sets up the consumer group
    /// assignors for producers too (<c>rd_kafka_assignors_init</c>). It registers range, roundrobin and
    /// cooperative-sticky only when group.protocol.type is exactly "consumer", then looks each listed strategy up
    /// (leading spaces and commas skipped, nothing trimmed at the end, case-sensitive), and refuses eager and
    /// cooperative strategies together.
    /// </summary>
    private static void CheckAssignors(ConfigModel model, Reporter reporter)
    {
        if (model.Get("partition.assignment.strategy") is null && model.Get("group.protocol.type") is null)
        {
            return; // the defaults (range,roundrobin; consumer) are valid, and unknown values give no verdict
        }

        var strategyEntry = Valid(model, "partition.assignment.strategy");
        string? strategy = model.StringValue("partition.assignment.strategy", out bool strategyKnown);
        var protocolEntry = Valid(model, "group.protocol.type");
        string? protocolType = model.ValueOrDefault("group.protocol.type", out bool protocolKnown);
        if (!strategyKnown || !protocolKnown || strategy is null || (model.Get("partition.assignment.strategy") is not null && strategyEntry is null))
        {
            return;
        }

        var names = new List<string>();
        int i = 0;
        while (i < strategy.Length)
        {
            while (i < strategy.Length && (strategy[i] == ' ' || strategy[i] == ','))
            {
                i++;
            }

            int comma = strategy.IndexOf(',', i);
            names.Add(comma < 0 ? strategy.Substring(i) : strategy.Substring(i, comma - i));
            i = comma < 0 ? strategy.Length : comma + 1;
        }

        if (names.Count == 0)
        {
            return;
        }

        if (protocolType != "consumer" && protocolEntry is not null)
        {
            reporter.Report(DiagnosticDescriptors.InvalidValue, protocolEntry.ValueLocation, null, protocolEntry.Key, protocolEntry.Value!,
                "librdkafka registers its partition assignors for group.protocol.type 'consumer' only, so any other value makes rd_kafka_new() fail ('Unsupported partition.assignment.strategy'), for producers too");
            return;
        }

        var at = strategyEntry ?? model.Get("partition.assignment.strategy");
        if (at is null)
        {
            return;
        }

        bool eager = false;
        bool cooperative = false;
        foreach (string name in names)
        {
            switch (name)
            {
                case "range":
                case "roundrobin":
                    eager = true;
                    break;
                case "cooperative-sticky":
                    cooperative = true;
                    break;
                default:
                    reporter.Report(DiagnosticDescriptors.InvalidValue, at.ValueLocation, null, at.Key, at.Value!,
                        "'" + name + "' is not range, roundrobin or cooperative-sticky (exact spelling; rd_kafka_new() checks it for producers too)");
                    return;
            }
        }

        if (eager && cooperative)
        {
            reporter.Report(DiagnosticDescriptors.InvalidValue, at.ValueLocation, null, at.Key, at.Value!, "eager (range, roundrobin) and cooperative (cooperative-sticky) assignors cannot be combined");
        }
    }

    private static string? GrantTypeProblem(ConfigModel model, string? grant)
    {
        if (grant == "client_credentials")
        {
            foreach (string key in new[] { "sasl.oauthbearer.client.id", "sasl.oauthbearer.client.secret" })
            {
                if (model.StringValue(key, out bool known) is null && known)
                {
                    return key + " is required with sasl.oauthbearer.method=oidc and the client_credentials grant";
                }

                if (!known)
                {
                    return null;
                }
            }

            return null;
        }

        if (grant != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            return null;
        }

        string? file = model.StringValue("sasl.oauthbearer.assertion.file", out bool fileKnown);
        if (!fileKnown)
        {
            return null;
        }

        if (file is not null)
        {
            foreach (string key in s_assertionFileExclusiveValues)
            {
                if (model.StringValue(key, out bool known) is not null && known)
                {
                    return "sasl.oauthbearer.assertion.file and " + key + " cannot both be set";
                }
            }

            foreach (string key in s_assertionFileExclusiveModified)
            {
                if (model.IsExplicit(key) == true)
                {
                    return "sasl.oauthbearer.assertion.file and " + key + " cannot both be set";
                }
            }

            return null;
        }

        string? keyFile = model.StringValue("sasl.oauthbearer.assertion.private.key.file", out bool keyFileKnown);
        string? keyPem = model.StringValue("sasl.oauthbearer.assertion.private.key.pem", out bool keyPemKnown);
        if (keyFileKnown && keyPemKnown)
        {
            if (keyFile is not null && keyPem is not null)
            {
                return "sasl.oauthbearer.assertion.private.key.file and sasl.oauthbearer.assertion.private.key.pem cannot both be set";
            }

            if (keyFile is null && keyPem is null)
            {
                return "the jwt-bearer grant needs sasl.oauthbearer.assertion.private.key.file or sasl.oauthbearer.assertion.private.key.pem";
            }
        }

        return null;
    }

    /// <summary>The effective value of an enum property (catalogue spelling), the default when unset; null when not valid.</summary>
    private static string? EffectiveEnum(ConfigModel model, string canonical, out bool known)
    {
        var entry = model.Get(canonical);
        if (entry is not null && Valid(model, canonical) is null)
        {
            known = false;
            return null;
        }

        string? text = model.ValueOrDefault(canonical, out known);
        if (!known || text is null)
        {
            return null;
        }

        var property = PropertyCatalog.Find(canonical)!;
        string? value = EnumValue(property, text);
        if (value is null && entry is not null)
        {
            // Only white space: nothing set, the default stays.
            value = property.DefaultValue is { } fallback ? EnumValue(property, fallback) : null;
        }

        return value;
    }

    /// <summary>Warnings and advice that need the whole configuration.</summary>
    private static void CheckAdvice(ConfigModel model, Reporter reporter)
    {
        bool? idempotent = model.IsIdempotent;
        if (idempotent == false
            && model.TryGetInteger("message.send.max.retries", out long retriesEffective) && retriesEffective > 0
            && model.TryGetInteger("max.in.flight.requests.per.connection", out long inFlightEffective) && inFlightEffective > 1)
        {
            var inFlight = Valid(model, "max.in.flight.requests.per.connection");
            var retries = Valid(model, "message.send.max.retries");
            var at = inFlight ?? retries;
            if (at is not null)
            {
                var properties = at == inFlight ? Fix(FixProperties.KindSetValue, "1", at.Key) : Fix(FixProperties.KindSetValue, "true", "enable.idempotence");
                reporter.Report(DiagnosticDescriptors.RetriesMayReorder, at.ValueLocation, properties, at.Key, at.Value ?? "?");
            }
        }

        var batchSize = Valid(model, "batch.size");
        if (batchSize is not null
            && model.TryGetInteger("batch.size", out long batchValue)
            && model.TryGetInteger("message.max.bytes", out long maxBytes)
            && batchValue > maxBytes)
        {
            reporter.Report(DiagnosticDescriptors.BatchSizeAboveMessageMaxBytes, batchSize.ValueLocation, Fix(FixProperties.KindSetValue, Text(maxBytes), batchSize.Key), Text(batchValue), Text(maxBytes));
        }

        if (model.Flavor == ConfigFlavor.Librdkafka && model.CreationLocation is not null)
        {
            var missing = new List<string>();
            var fixes = new List<string>();
            if (model.IsExplicit("enable.idempotence") == false && model.IsTransactional == false)
            {
                missing.Add("enable.idempotence (false)");
                fixes.Add("enable.idempotence=true");
            }

            if (model.IsExplicit("partitioner") == false)
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

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;

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

    /// <summary>
    /// Reports once per (ID, location): aliases and merged sources can reach one entry twice. Advisory findings
    /// (rules that are Hidden by default, and TPK2024's Java-only range) are reported at Hidden severity, and only for a
    /// configuration that reaches a producer.
    /// </summary>
    private sealed class Reporter
    {
        private readonly Action<Diagnostic> _report;
        private readonly bool _reachesProducer;
        private readonly HashSet<(string, Location)> _seen = new();

        public Reporter(Action<Diagnostic> report, bool reachesProducer)
        {
            _report = report;
            _reachesProducer = reachesProducer;
        }

        public void Report(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?>? properties, params string[] args) =>
            Report(descriptor, location, properties, advisory: descriptor.DefaultSeverity == DiagnosticSeverity.Hidden, args);

        public void Report(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?>? properties, bool advisory, params string[] args)
        {
            if (location is null || (advisory && !_reachesProducer) || !_seen.Add((descriptor.Id, location)))
            {
                return;
            }

            var severity = advisory ? DiagnosticSeverity.Hidden : descriptor.DefaultSeverity;
            _report(Diagnostic.Create(descriptor, location, severity, additionalLocations: null, properties, args));
        }
    }
}
