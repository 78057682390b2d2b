#!/usr/bin/env python3
"""Writes docs/diagnostics/TPK1xxx.md, TPK2xxx.md and README.md.

Title, severity, category, message and description come from src/Analyzers/DiagnosticDescriptors.cs
(the single source of truth); the examples and notes per rule live below.
Usage: python3 eng/diagnostic-docs/generate.py
"""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

RULES = {
"TPK1001": dict(bad='[KafkaMessage("orders/created")]\npublic partial class OrderCreated { }',
                good='[KafkaMessage("orders.created")]\npublic partial class OrderCreated { }',
                fix=None, notes="Reported on the topic argument. The rule follows Apache Kafka's `Topic.validate`: 1 to 249 characters from `[a-zA-Z0-9._-]`, not `.` or `..`."),
"TPK1002": dict(bad='[KafkaMessage("shop.order_created")]', good='[KafkaMessage("shop.order-created")]', fix=None,
                notes="Pick one separator for all topics of a cluster; `-` never collides."),
"TPK1003": dict(bad='[KafkaMessage("orders")]\npublic partial class OrderCreated { [MessageKey] public string Id { get; set; } = ""; }\n\n[KafkaMessage("orders", Format = MessageFormat.Json)]\npublic partial class OrderShipped { [MessageKey] public long Id { get; set; } }',
                good='[KafkaMessage("orders")]\npublic partial class OrderCreated { [MessageKey] public string Id { get; set; } = ""; }\n\n[KafkaMessage("orders")]\npublic partial class OrderShipped { [MessageKey] public string Id { get; set; } = ""; }',
                fix=None, notes="Compared per topic: the value format and the key type (the type of the `[MessageKey]` member, or no key). A key of a different type also hashes to different partitions, so one entity's events lose their order. Reported once the whole compilation has been analysed (in the IDE with full solution analysis)."),
"TPK1004": dict(bad='[KafkaMessage("orders")] public partial class OrderCreated { ... }\n[KafkaMessage("orders")] public partial class OrderShipped { ... }\n// SubjectNameStrategy left at TopicName',
                good='using TypedProducer.SchemaRegistry;\n\nservices.AddTypedProducerRuntime(o => o.SubjectNameStrategy = SubjectNameStrategy.TopicRecordName);\n// or in appsettings.json: "Kafka": { "SubjectNameStrategy": "TopicRecordName" }',
                fix=None, notes="The rule looks for the strategy in assignments to `TypedProducerOptions.SubjectNameStrategy` anywhere in the project and in the `Kafka:SubjectNameStrategy` value of `appsettings*.json`. It stays silent when every strategy found is `RecordName` or `TopicRecordName`."),
"TPK1005": dict(bad='[KafkaMessage("orders-created", Name = "Order", Namespace = "shop")] public partial class OrderCreated { }\n[KafkaMessage("orders-shipped", Name = "Order", Namespace = "shop")] public partial class OrderShipped { }',
                good='[KafkaMessage("orders-created", Name = "OrderCreated", Namespace = "shop")] public partial class OrderCreated { }\n[KafkaMessage("orders-shipped", Name = "OrderShipped", Namespace = "shop")] public partial class OrderShipped { }',
                fix=None, notes="The full name is `Namespace.Name`, defaulting to the C# namespace and type name. A collision inside one contract is the generator's TPK0011."),
"TPK1006": dict(bad='[KafkaMessage("order-lines")]\npublic partial class OrderLineAdded\n{\n    [PartitionKey] public string OrderId { get; set; } = "";\n}',
                good='[KafkaMessage("order-lines")]\npublic partial class OrderLineAdded\n{\n    [MessageKey] public string LineId { get; set; } = "";\n    [PartitionKey] public string OrderId { get; set; } = "";\n}',
                fix=None, notes="**How \"key required by the partitioning\" is defined.** A `[PartitionKey]` declares an ordering requirement: events with the same value must share a partition. TypedProducer honours it when producing, but the record itself carries only the message key. Without one, the ordering requirement is invisible to everything after the producer, so the rule asks for a `[MessageKey]` (often the same member: `[MessageKey, PartitionKey]` is allowed; then `[PartitionKey]` is redundant and can be dropped). Contracts without either attribute are not reported: a keyless event stream with sticky partitioning is a legitimate choice."),
"TPK2001": dict(bad='var config = new ProducerConfig { EnableIdempotence = true, Acks = Acks.Leader };',
                good='var config = new ProducerConfig { EnableIdempotence = true, Acks = Acks.All }; // or leave Acks unset',
                fix="Set acks to all.", notes="Also reported for `TypedProducerOptions.Producer[\"acks\"] = \"1\"` and `\"acks\": \"1\"` in the `Kafka:Producer` section of appsettings*.json, because TypedProducer enables idempotence by default."),
"TPK2002": dict(bad='var config = new ProducerConfig { EnableIdempotence = true, MaxInFlight = 10 };', good='var config = new ProducerConfig { EnableIdempotence = true, MaxInFlight = 5 };', fix="Lower max.in.flight to 5.", notes=None),
"TPK2003": dict(bad='config.Set("retries", "0"); // with EnableIdempotence = true', good='// leave retries unset: an idempotent producer retries until message.timeout.ms', fix="Remove the setting.", notes=None),
"TPK2004": dict(bad='new ProducerConfig { EnableIdempotence = true, QueueBufferingBackpressureThreshold = 10 }', good='new ProducerConfig { EnableIdempotence = true }', fix="Remove the setting.", notes=None),
"TPK2005": dict(bad='config.Set("queuing.strategy", "lifo"); // with EnableIdempotence = true', good='// remove queuing.strategy (deprecated and experimental anyway, see TPK2028)', fix="Remove the setting.", notes=None),
"TPK2006": dict(bad='new ProducerConfig { TransactionalId = "orders-1", EnableIdempotence = false }', good='new ProducerConfig { TransactionalId = "orders-1" } // idempotence is switched on automatically', fix="Set enable.idempotence to true.", notes=None),
"TPK2007": dict(bad='new ProducerConfig { TransactionalId = "tx", SocketTimeoutMs = 120000 }', good='new ProducerConfig { TransactionalId = "tx" } // socket.timeout.ms then follows transaction.timeout.ms - 100', fix="Remove the setting.", notes="When `socket.timeout.ms` is not set, librdkafka sets it to `MAX(transaction.timeout.ms - 100, 900)` itself."),
"TPK2008": dict(bad='var config = new ProducerConfig { TransactionalId = "tx" };\nconfig.Set("delivery.timeout.ms", "120000"); // Java default', good='var config = new ProducerConfig { TransactionalId = "tx", MessageTimeoutMs = 60000 };', fix="Set message.timeout.ms to transaction.timeout.ms.", notes=None),
"TPK2009": dict(bad='new ProducerConfig { LingerMs = 1000, MessageTimeoutMs = 500 }', good='new ProducerConfig { LingerMs = 1000, MessageTimeoutMs = 300000 }', fix="Raise message.timeout.ms (to 300000, or to transaction.timeout.ms for a transactional producer) when it is set explicitly; no fix when only linger.ms is set.",
                notes="The effective message timeout is the explicit value, else 300000, and for a transactional producer (after `rd_kafka_conf_finalize` has run) `transaction.timeout.ms`. librdkafka checks twice, and only when `linger.ms` is set: at `Build()` when some topic-level key (acks, message.timeout.ms, partitioner, compression.level, ...) created a default topic configuration, with message.timeout.ms as set or 300000; and in the topic checks, at `Build()` in that case or else at the first produce, with a transactional producer's timeout already lowered to `transaction.timeout.ms`. `message.timeout.ms = 0` (infinite) is exempt (see TPK2031)."),
"TPK2010": dict(bad='new ProducerConfig { EnableGaplessGuarantee = true }', good='new ProducerConfig { EnableIdempotence = true, EnableGaplessGuarantee = true }', fix="Set enable.idempotence to true (added next to the setting, or replacing an existing value in the same initializer).", notes=None),
"TPK2011": dict(bad='new ProducerConfig { ReconnectBackoffMs = 5000, ReconnectBackoffMaxMs = 1000 }', good='new ProducerConfig { ReconnectBackoffMs = 500, ReconnectBackoffMaxMs = 10000 }', fix=None, notes="Which of the two values is wrong is not obvious, so there is no code fix."),
"TPK2012": dict(bad='new ProducerConfig { BatchSize = 0 }   // legal in Java, out of range (1..2147483647) in librdkafka\nconfig.Set("acks", "two");\nconfig.Set("partitioner", "murmur3");', good='new ProducerConfig { BatchSize = 16384 }\nconfig.Set("acks", "all");\nconfig.Set("partitioner", "murmur2_random");', fix=None,
                notes="Values are parsed as librdkafka 2.16.0 parses them: integers with `strtol` base 0 then a C cast to `int` (`0x10` is 16, `010` is 8, trailing text ignored, 4294967297 is 1 on 64-bit Linux and macOS), floats with `strtod` (`inf`, `nan` and hexadecimal accepted), booleans exactly `true`, `t`, `false`, `f` in any case or `1`, `0` (no spaces); enum and CSV-flag names are compared in any case after a left trim only (a trailing space is refused), and an empty value is refused for every type but text. `partitioner` must be one of the seven names exactly; `sasl.mechanism` one word; callbacks and pointers (`dr_cb`, `opaque`, `interceptors`, ...) cannot be set as text. Consumer properties are checked too, as librdkafka checks them for a producer, and so are `partition.assignment.strategy` and `group.protocol.type`, which `rd_kafka_new()` uses to set up its assignors for producers as well. Confluent.Kafka's own keys follow its parsing (`bool.Parse`, `int.Parse`, the delivery report field list). Ranges and names come from the catalogue generated from librdkafka 2.16.0's table (`src/Analyzers/Catalog/PropertyCatalog.g.cs`); a value added in a later version than `typedproducer.librdkafka_version` (for example `debug=telemetry` before 2.5.0) is refused for that target. Pattern lists (`topic.blacklist`) are not compiled: an invalid regular expression is not reported."),
"TPK2013": dict(bad='config.Set("linger.msec", "5");\nconfig.Set("max.request.size", "2000000"); // Java client key', good='config.Set("linger.ms", "5");\nconfig.Set("message.max.bytes", "2000000");', fix="Use the suggested key (did-you-mean), or remove a Java-only key.",
                notes='Keys are case-sensitive in librdkafka. The catalogue includes the properties `rd_kafka_conf_set` accepts though CONFIGURATION.md leaves them out (`client.software.name`, `client.software.version`, `enable.sparse.connections`, `metadata.request.timeout.ms`, `test.mock.num.brokers`, `test.mock.broker.rtt`, `enable_sasl_queue`), so these are not reported. A `topic.` prefix is accepted before topic-level keys only (`topic.acks`, not `topic.linger.ms`). The suggestion is the known producer key equal modulo case and `_`/`-` separators, a key that extends the text (`linger` → `linger.ms`), or the closest key by Levenshtein distance (at most max(2, length/4) edits). Java client keys get the librdkafka way to achieve the same thing.'),
"TPK2014": dict(bad='new ProducerConfig { RetryBackoffMaxMs = 1000 } // added in librdkafka 2.3.0', good='// remove it, or declare the librdkafka version you deploy:\n// .globalconfig:  typedproducer.librdkafka_version = 2.6.0', fix="Remove the setting.",
                notes='The project targets the librdkafka the package ships, **2.16.0** (librdkafka.redist), by default. Teams that deploy an older librdkafka set `typedproducer.librdkafka_version` in `.globalconfig` (or in `.editorconfig` under `[*.cs]`); keys and enum values are then gated by the first release whose CONFIGURATION.md lists them (read from the release tags by `eng/property-catalog/generate.py`; 2.9.0 from its release candidate). Versions below 2.0.2 are judged as 2.0.2, the oldest the catalogue models.'),
"TPK2015": dict(bad='config.Set("delivery.report.only.error", "true");', good='// filter in the delivery handler:\nproducer.Produce(topic, message, report => { if (report.Error.IsError) { /* ... */ } });', fix="Remove the setting.", notes=None),
"TPK2016": dict(bad='config.Set("client.id", null);', good='config.ClientId = null; // typed setters remove the key', fix="Remove the setting.", notes="Not reported for Confluent.Kafka's own `dotnet.*` keys, which it reads with `FirstOrDefault(...).Value` and treats as unset when null. Also reported next to TPK2013/TPK2014 on an unknown key set to null: Confluent.Kafka's null check runs first."),
"TPK2017": dict(bad='new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.Plain, SaslUsername = "svc" }\nconfig.Set("sasl.mechanism", "plain"); // case matters',
                good='new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.Plain, SaslUsername = "svc", SaslPassword = configuration["Kafka:SaslPassword"] }',
                fix=None, notes="Checked only with security.protocol sasl_plaintext or sasl_ssl (without them no SASL provider is selected). Known mechanisms: GSSAPI, PLAIN, SCRAM-SHA-1, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, spelt exactly. An empty sasl.username or sasl.password counts as not set. A password read from configuration is not known and gets no verdict. A mock cluster (`test.mock.num.brokers` > 0) replaces the protocol with plaintext, so nothing is checked then."),
"TPK2018": dict(bad='new ProducerConfig\n{\n    SaslMechanism = SaslMechanism.OAuthBearer,\n    SaslOauthbearerMethod = SaslOauthbearerMethod.Oidc,\n    SaslOauthbearerClientId = "client",\n    // no SaslOauthbearerTokenEndpointUrl, no client secret\n}',
                good='new ProducerConfig\n{\n    SaslMechanism = SaslMechanism.OAuthBearer,\n    SaslOauthbearerMethod = SaslOauthbearerMethod.Oidc,\n    SaslOauthbearerClientId = "client",\n    SaslOauthbearerClientSecret = configuration["Kafka:ClientSecret"],\n    SaslOauthbearerTokenEndpointUrl = "https://idp.example/oauth2/token",\n}',
                fix=None, notes="The OIDC checks run when sasl.mechanism is OAUTHBEARER (in any case) and sasl.oauthbearer.method is oidc: the token endpoint URL is required unless sasl.oauthbearer.metadata.authentication.type is aws_iam, or azure_imds with a `query` in sasl.oauthbearer.config (librdkafka 2.16.0 looks it up only among the first half of the key=value pairs); with no metadata authentication the client_credentials grant needs client id and secret, and the jwt-bearer grant a private key (file or PEM, not both) or an assertion file without the assertion-building keys. Confluent.Kafka's AWS IAM wiring runs for `aws_iam` whatever the mechanism, and needs `sasl.oauthbearer.method=oidc`, a non-empty `sasl.oauthbearer.config` and the Confluent.Kafka.OAuthBearer.Aws package (checked among the project's references)."),
"TPK2019": dict(bad='new ProducerConfig { SslKeystoreLocation = "client.p12" }', good='new ProducerConfig { SslKeystoreLocation = "client.p12", SslKeystorePassword = configuration["Kafka:KeystorePassword"] }', fix=None,
                notes="Checked whatever the security.protocol. Whether the keystore file exists (checked only with ssl or sasl_ssl) is not known at compile time."),
"TPK2020": dict(bad='new ProducerConfig { Acks = Acks.Leader }', good='new ProducerConfig { Acks = Acks.All } // or leave unset: all is the default', fix="Set acks to all.", notes="Not reported together with TPK2001: on an idempotent producer acks below all is an error, not a warning."),
"TPK2021": dict(bad='config.Set("acks", "2");', good='config.Set("acks", "all");', fix="Set acks to all.", notes=None),
"TPK2022": dict(bad='new ProducerConfig { MaxInFlight = 10 } // retries default to INT32_MAX', good='new ProducerConfig { EnableIdempotence = true } // or MaxInFlight = 1', fix="Set max.in.flight to 1 when it is the setting reported, otherwise enable idempotence.",
                notes="Reported only when `retries` or `max.in.flight` is set explicitly; a configuration that leaves both at librdkafka's defaults gets TPK2026 instead."),
"TPK2023": dict(bad='services.AddTypedProducerRuntime(o => o.Producer["enable.idempotence"] = "false");', good='// leave enable.idempotence at TypedProducer\'s default (true)', fix="Set enable.idempotence to true.", notes="Not reported when `transactional.id` is set: that combination is the error TPK2006."),
"TPK2024": dict(bad='new ProducerConfig { LingerMs = 100, RequestTimeoutMs = 30000, MessageTimeoutMs = 10000 }', good='new ProducerConfig { LingerMs = 100, RequestTimeoutMs = 30000, MessageTimeoutMs = 120000 }', fix="Raise message.timeout.ms to linger.ms + request.timeout.ms.",
                notes="Reported only when `message.timeout.ms`/`delivery.timeout.ms` is set explicitly. Below `request.timeout.ms` it is a warning: librdkafka caps a produce request's timeout at the first message's remaining timeout and fails messages still in flight, which the broker may have written. Between `request.timeout.ms` and `linger.ms + request.timeout.ms` (for example `MessageTimeoutMs = 30000` with `LingerMs = 20`) only the Java client objects, so that range is reported at Hidden severity, and only for a configuration that reaches a producer. `dotnet_diagnostic.TPK2024.severity = warning` reports the whole Java rule; raise it to error for Java-parity projects."),
"TPK2025": dict(bad='new ProducerConfig { Partitioner = Partitioner.ConsistentRandom }', good='new ProducerConfig { Partitioner = Partitioner.Murmur2Random }', fix="Use murmur2_random.", notes='Hidden by default (shown as a suggestion only when enabled): its premise, Java producers writing the same topics, is not visible in code. Enable it with one line in `.editorconfig`: `dotnet_diagnostic.TPK2025.severity = suggestion`. Only explicit settings of a configuration that reaches a producer are reported. `murmur2` (null keys to one partition) is accepted too.'),
"TPK2026": dict(bad='var config = new ProducerConfig { BootstrapServers = "broker:9092" };', good='var config = new ProducerConfig\n{\n    BootstrapServers = "broker:9092",\n    EnableIdempotence = true,\n    Partitioner = Partitioner.Murmur2Random,\n};', fix="Add the missing settings to the initializer, dictionary or key/value array.",
                notes="Hidden by default: whether Java-client defaults matter (Java producers on the same topics, a team convention) is not visible in code. Enable it with one line in `.editorconfig`: `dotnet_diagnostic.TPK2026.severity = suggestion`. Reported on the `new ProducerConfig` (or dictionary) expression of a configuration that reaches a producer in the method, when `enable.idempotence` (and no `transactional.id`) or `partitioner` is left unset and nothing the code cannot see (a copied or bound base) may set them. Set them explicitly, even to librdkafka's default, to state the intent."),
"TPK2027": dict(bad='config.Set("group.id", "orders");', good='// remove it: producers have no group', fix="Remove the setting.", notes=None),
"TPK2028": dict(bad='config.Set("produce.offset.report", "true");', good='// remove it', fix="Remove the setting.", notes='Deprecated or experimental in the targeted version: `produce.offset.report`, `topic.metadata.refresh.fast.cnt`, `socket.blocking.max.ms`, `reconnect.backoff.jitter.ms`, `ssl.engine.location`, `metadata.request.timeout.ms`, `queuing.strategy`, and from 2.9.0 `api.version.request`, `api.version.fallback.ms`, `broker.version.fallback`; experimental: `enable.gapless.guarantee`, `queuing.strategy`.'),
"TPK2029": dict(bad='var config = new ProducerConfig { LingerMs = 5 };\nconfig.Set("queue.buffering.max.ms", "50");', good='var config = new ProducerConfig { LingerMs = 50 };', fix="Remove the later setting.", notes="Reported on the later spelling; the same value under two names is not reported."),
"TPK2030": dict(bad='new ProducerConfig { TransactionalId = "tx", TransactionTimeoutMs = 3600000 }', good='new ProducerConfig { TransactionalId = "tx", TransactionTimeoutMs = 60000 }', fix="Set transaction.timeout.ms to 60000.", notes="Keep it if the brokers' `transaction.max.timeout.ms` has been raised, and suppress the rule for that project."),
"TPK2031": dict(bad='new ProducerConfig { MessageTimeoutMs = 0 }', good='new ProducerConfig { MessageTimeoutMs = 300000 } // or leave unset', fix="Remove the setting.", notes=None),
"TPK2032": dict(bad='new ProducerConfig { BatchSize = 2000000 } // message.max.bytes defaults to 1000000', good='new ProducerConfig { BatchSize = 1000000 }', fix="Lower batch.size to message.max.bytes.", notes=None),
"TPK2033": dict(bad='new ProducerConfig { MessageMaxBytes = 5000000 }', good='// raise the broker/topic max.message.bytes first, then the producer', fix=None, notes="Suppress when the cluster's limits have been raised accordingly."),
"TPK2034": dict(bad='new ProducerConfig { SaslMechanism = SaslMechanism.Plain, SaslUsername = "svc", SaslPassword = secret }', good='new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.Plain, SaslUsername = "svc", SaslPassword = secret }', fix=None, notes="No fix: choosing between `sasl_ssl` and `sasl_plaintext` is a security decision."),
"TPK2035": dict(bad='new ProducerConfig { EnableIdempotence = false, MessageSendMaxRetries = 0 }', good='new ProducerConfig { EnableIdempotence = true, MessageTimeoutMs = 30000 }', fix="Remove the setting.", notes="With idempotence on, retries = 0 is the error TPK2003 instead."),
"TPK2036": dict(bad='new ProducerConfig { TransactionalId = "" }', good='new ProducerConfig { TransactionalId = $"orders-{instanceId}" }', fix="Remove the setting.", notes='An empty `transactional.id` is not a transactional producer in librdkafka (it stores empty values as unset); a value of only spaces is, with an id of spaces.'),
"TPK2037": dict(bad='new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, SaslUsername = "svc", SaslPassword = secret }', good='new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.ScramSha512, SaslUsername = "svc", SaslPassword = secret }', fix=None,
                notes="A warning, not an error: whether GSSAPI is available depends on the librdkafka build that loads (on Debian and Ubuntu the bundled Linux build without libsasl2 refuses it; Windows has SSPI). Not reported when sasl.mechanism is set, GSSAPI included."),
"TPK2040": dict(bad='new ProducerConfig { SaslPassword = "hunter2" }', good='new ProducerConfig { SaslPassword = configuration["Kafka:Producer:sasl.password"] }', fix="Read the secret from configuration: `configuration[\"Kafka:Producer:<key>\"]` when an `IConfiguration` is in scope, otherwise `Environment.GetEnvironmentVariable(\"KAFKA_<KEY>\")`.",
                notes="Keys: `sasl.password`, `ssl.key.password`, `ssl.keystore.password`, `ssl.key.pem`, `sasl.oauthbearer.client.secret`, `sasl.oauthbearer.assertion.private.key.passphrase`, `sasl.oauthbearer.assertion.private.key.pem`. A `const` counts as a literal. In appsettings*.json, empty values and placeholders (`${...}`, `#{...}`, `{{...}}`, `<...>`, `%...%`, `__...`) are not reported; keep real secrets in user secrets or the environment."),
"TPK2041": dict(bad='config.Set("linger.ms", linger.ToString());\nconfig.Set("acks", $"{acks}");\nnew ProducerConfig { LingerMs = 0.5 };', good='config.Set("linger.ms", linger.ToString(CultureInfo.InvariantCulture));\nconfig.Set("acks", FormattableString.Invariant($"{acks}"));\nconfig.Set("linger.ms", "0.5");', fix="Pass CultureInfo.InvariantCulture to ToString, or wrap the interpolated string in FormattableString.Invariant. The typed `LingerMs` property has no fix: use `Set(\"linger.ms\", ...)` with invariant text.",
                notes='Confluent.Kafka\'s typed setters format a `double` with the current culture (`Config.SetObject` → `ToString()`; checked by a test with Confluent.Kafka 2.16.0 under de-DE: `LingerMs = 0.5` writes `"0,5"`). A whole number reads the same in every culture, so only a value that may hold a fraction is reported: a fractional constant, or a `double` expression; an `int` (or `(int?)span.TotalMilliseconds`) assigned to `LingerMs` is not. Also reported for literal text such as `"0,5"` for a float property.'),

# Schema evolution (TPK3xxx). The examples are C# unless "lang" says otherwise; EVOLUTION is appended to each page.
"TPK3001": dict(bad='// schemas/Shop.Events.OrderPlaced/v1.avsc keeps {"name": "Quantity", "type": "int"}\n[KafkaMessage("orders")]\npublic partial class OrderPlaced\n{\n    [MessageKey] public string Id { get; set; } = "";\n    public long Quantity { get; set; }           // FORWARD: readers of v1 cannot read a long\n    public string Note { get; set; } = "";       // BACKWARD: added without a default\n}',
                good='[KafkaMessage("orders")]\npublic partial class OrderPlaced\n{\n    [MessageKey] public string Id { get; set; } = "";\n    public int Quantity { get; set; }\n    public string? Note { get; set; }                              // ["null","string"], default null\n    [AvroField(Default = "\\"web\\"")] public string Channel { get; set; } = "web";\n}',
                fix=None, notes="""Reported on the member the field maps to (following `[AvroField(Name = ...)]` and nested records), on the field in the kept `.avsc` file when only the kept version has it (a removed field), or on the contract (a renamed record). The message names the contract, the mode, the kept version, the field, what changed and the rule. Against several kept versions (TRANSITIVE modes) each problem is reported once, naming the newest version it breaks.

What each mode allows (Apache Avro 1.11 specification, "Schema Resolution"; the registry's compatibility types):

| Change | BACKWARD | FORWARD | FULL |
|---|---|---|---|
| Add a field with a default (a nullable member defaults to null) | ✓ | ✓ | ✓ |
| Add a field without a default | ✗ | ✓ | ✗ |
| Remove a field that has a default in the kept version | ✓ | ✓ | ✓ |
| Remove a field without a default | ✓ | ✗ | ✗ |
| Promote int → long → float → double | ✓ | ✗ | ✗ |
| Narrow long → int, double → float | ✗ | ✓ | ✗ |
| string ↔ bytes | ✓ | ✓ | ✓ |
| Make a field nullable (T → ["null", T]) | ✓ | ✗ | ✗ |
| Make a nullable field non-nullable | ✗ | ✓ | ✗ |
| Add an enum symbol | ✓ | ✗ unless the kept enum has a default | ✗ unless the kept enum has a default |
| Remove an enum symbol | ✗ unless the new enum has a default | ✓ | ✗ unless the new enum has a default |
| Rename a field, old name as an alias of the new one | ✓ | ✗ unless the old field had a default | ✗ unless the old field had a default |
| Rename a field without an alias | ✗ unless the new field has a default | ✗ unless the old field had a default | ✗ unless both have defaults |
| Rename a record, enum or fixed, old full name as an alias | ✓ | ✗ | ✗ |
| Change only the namespace | ✓ | ✓ | ✓ |
| Add a union branch | ✓ | ✗ | ✗ |
| Remove a union branch | ✗ | ✓ | ✗ |
| Change a fixed size | ✗ | ✗ | ✗ |
| Change a decimal's precision or scale | ✗ | ✗ | ✗ |

**Protobuf** (`.proto` kept versions, the generated `ProtobufSchema`): the registry's own rules
(`io.confluent.kafka.schemaregistry.protobuf.diff.SchemaDiff`), which compare the two schemas field number by
field number. BACKWARD compares the kept version to the generated one, FORWARD the other way round.

| Change | Compatible |
|---|---|
| Add or remove a field (proto3 fields are optional), rename a field (the number identifies it) | ✓ |
| int32 ↔ int64 ↔ uint32 ↔ uint64 ↔ bool ↔ enums; sint32 ↔ sint64; fixed32 ↔ sfixed32; fixed64 ↔ sfixed64; string ↔ bytes | ✓ |
| Add a message or an enum; change enum constants; add or remove a oneof; add a field to a oneof; move one field into a new oneof | ✓ (adding a message breaks FORWARD) |
| Another scalar group on the same number (int32 → sint32, int64 → double, ...) | ✗ FIELD_SCALAR_KIND_CHANGED |
| Scalar ↔ message ↔ map on the same number | ✗ FIELD_KIND_CHANGED |
| Another message type on the same number | ✗ FIELD_NAMED_TYPE_CHANGED |
| An explicit label change of a numeric field (optional ↔ repeated) | ✗ FIELD_NUMERIC_LABEL_CHANGED |
| Change the package; remove a message | ✗ PACKAGE_CHANGED, MESSAGE_REMOVED |
| Add or remove a `required` field (proto2) | ✗ REQUIRED_FIELD_ADDED / REMOVED |
| Remove a field from a oneof; move several fields into one oneof; move a field into a oneof that had fields | ✗ ONEOF_FIELD_REMOVED, MULTIPLE_FIELDS_MOVED_TO_ONEOF, FIELD_MOVED_TO_EXISTING_ONEOF |

Imported types (`google.protobuf.Timestamp`, ...) are compared by name: the registry resolves imports through schema
references, which the build does not have. Contracts on protoc-generated messages carry no schema constant (their
descriptor is read at run time) and are not compared.

The TRANSITIVE modes apply the same rules against every kept version instead of the latest. Named types match by unqualified name (or a reader alias), as Avro's Java `SchemaCompatibility` (which the registry runs) does. **Decimals**: the specification says two decimals match only when precision and scale are equal, and bytes written with scale 2 read with scale 3 are another number; Avro's Java checker does not compare logical types, so the registry accepts that change, but TPK3001 follows the specification. Other logical-type changes are TPK3005."""),
"TPK3002": dict(lang="json", bad='// schemas/Shop.Events.OrderPlaced/v1.avsc\n{"type": "record", "name": "OrderPlaced", "fields": [{"name": "Quantity", "type": "integer"}]}',
                good='{"type": "record", "name": "OrderPlaced", "fields": [{"name": "Quantity", "type": "int"}]}',
                fix=None, notes="Reported at the problem in the file. For `.avsc`: text that is not JSON, a type name that is neither a primitive nor a named type defined earlier in the schema, a record without `fields`, an enum default that is not a symbol, a name defined twice, a union directly inside a union or with two branches of one type. JSON comments and trailing commas are tolerated. Logical types that are invalid for their underlying type are ignored, as the specification requires, not reported. For `.proto`: a statement that is not proto2/proto3 syntax, an unclosed message, enum, string or comment, a field number outside 1 to 536870911; options, imports, reserved ranges, extensions, services and groups are read past."),
"TPK3003": dict(lang="ini", bad='# .globalconfig\nis_global = true\ntypedproducer.schema_compatibility = BACKWARDS',
                good='# .globalconfig\nis_global = true\ntypedproducer.schema_compatibility = BACKWARD_TRANSITIVE\ntypedproducer.schema_compatibility.Shop.Events.OrderPlaced = FULL',
                fix=None, notes="Reported on each contract the setting applies to. Mode names are case-insensitive and may use `-` for `_`."),
"TPK3004": dict(lang="text", bad='schemas/\n  Shop.Events.OrderPlace/v1.avsc      # typo: the contract is Shop.Events.OrderPlaced\n  orders_value/v1.avsc                # the TopicName subject is orders-value',
                good='schemas/\n  Shop.Events.OrderPlaced/v1.avsc\n  orders-value/v1.avsc',
                fix=None, notes="Reported at the start of the file, once the whole compilation has been analysed (in the IDE with full solution analysis). A contract in a format that has no checker yet (Protobuf, JSON) still claims its subject names, so its files are not reported. Delete the files of a contract you removed, or silence the rule for a folder shared by several projects."),
"TPK3005": dict(bad='// kept: {"name": "At", "type": {"type": "long", "logicalType": "timestamp-millis"}}\n[AvroTimestamp(AvroTimestampPrecision.Micros)] public DateTimeOffset At { get; set; }',
                good='public DateTimeOffset At { get; set; }   // timestamp-millis, as kept\n// or a new field (with a default) for the new precision, and the old one kept until consumers have moved',
                fix=None, notes="Reported on the member. Covers a logical type that changes (timestamp-millis ↔ timestamp-micros, date → timestamp), is added (a plain long becomes a timestamp) or is dropped (uuid, decimal), in any mode other than NONE. A decimal whose precision or scale changes is TPK3001 instead."),
}

EVOLUTION = """## How kept versions are found

Kept versions are schema files committed with the project. The package feeds `schemas/**/*.avsc` (Avro),
`*.proto` (Protobuf) and `*.json` (JSON Schema, not compared yet) to the analyzers as AdditionalFiles; set
`<TypedProducerSchemaDirectory>` to use another folder. Files are grouped by Schema Registry **subject name**:

- a folder per subject holds its versions, oldest first by the number in the file name
  (`schemas/Shop.Events.OrderPlaced/v1.avsc`, `v2.avsc`, ..., `v10.avsc`); the last one is the latest;
- or a single file `schemas/{subject}.avsc` is the subject's only (latest) version.

A contract's subjects are its record's full name (`Shop.Events.OrderPlaced`, the RecordName strategy; also
each alias of the record; for Protobuf the first message's `package.Message`), `{topic}-value` (TopicName) and
`{topic}-{full name}` (TopicRecordName). Each subject
that has files is checked on its own, as the registry checks each subject.

## Compatibility mode

BACKWARD by default (the registry's default). Set it, case-insensitively, in this order of precedence:

```ini
# .editorconfig ([*.cs] section of the contract's file) or .globalconfig (is_global = true)
typedproducer.schema_compatibility.Shop.Events.OrderPlaced = FULL   # one contract, by Avro full name
typedproducer.schema_compatibility = BACKWARD_TRANSITIVE            # every contract
```

or the MSBuild property `<TypedProducerSchemaCompatibility>FORWARD</TypedProducerSchemaCompatibility>` (also
`dotnet build -p:TypedProducerSchemaCompatibility=NONE`). Modes: BACKWARD (the new schema reads data written with
the latest kept version), FORWARD (the latest kept version reads data written with the new schema), FULL (both),
their TRANSITIVE variants (against every kept version) and NONE.

## Writing the versions

`dotnet build -p:TypedProducerWriteSchemas=true` writes each contract's generated schema as the next version of
its subject folder (`schemas/{full name}/v{n}.avsc`, indented; `.proto` as generated) when it differs from the
latest one; a subject
kept as a single file is updated in place. `-p:TypedProducerSchemaSubjectNameStrategy=TopicName` (or
`TopicRecordName`) files them under `{topic}-value/` (`{topic}-{full name}/`). A breaking change stops the build
before anything is written; to record one on purpose, build once with `-p:TypedProducerSchemaCompatibility=NONE`
(as one would set the registry subject to NONE)."""


def descriptors():
    text = open(os.path.join(ROOT, "src/Analyzers/DiagnosticDescriptors.cs"), encoding="utf-8").read()
    consts = dict(re.findall(r'public const string (\w+) = "(TPK\d+)";', open(os.path.join(ROOT, "src/Analyzers/RuleIdentifiers.cs")).read()))
    out = {}
    pattern = r'Create\(\s*RuleIdentifiers\.(\w+),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)",\s*(\w+),\s*DiagnosticSeverity\.(\w+),\s*"((?:[^"\\]|\\.)*)"'
    for m in re.finditer(pattern, text):
        unescape = lambda s: s.replace('\\"', '"').replace('\\u2212', '\u2212')
        out[consts[m.group(1)]] = dict(title=unescape(m.group(2)), message=unescape(m.group(3)), category=m.group(4), severity=m.group(5), description=unescape(m.group(6)))
    return out


def page(rule_id, d, r):
    lines = [f"# {rule_id}: {d['title']}", "",
             "| | |", "|---|---|",
             f"| ID | `{rule_id}` |", f"| Category | {d['category']} |", f"| Default severity | {d['severity']} |",
             "| Message | " + d['message'].replace('|', '\\|') + " |",
             f"| Code fix | {'Yes' if r['fix'] else 'No'} |", "",
             "## Why", "", d["description"], ""]
    if r.get("notes"):
        lines += [r["notes"], ""]
    lang = r.get("lang", "csharp")
    lines += ["## Bad", "", "```" + lang, r["bad"], "```", "", "## Good", "", "```" + lang, r["good"], "```", ""]
    if r["fix"]:
        lines += ["## Code fix", "", r["fix"], ""]
    if rule_id.startswith("TPK2"):
        lines += ["## Where it is checked", "",
                  "`new ProducerConfig { ... }` initializers and later assignments to the same local, field, property, parameter or member chain in the same method, judged where the configuration reaches a producer and path by path through branches (see [Decisions](README.md#decisions)); `Set(\"key\", \"value\")`; dictionaries and `KeyValuePair<string, string>` collections passed to `new ProducerBuilder<K, V>(...)` or `new ProducerConfig(dictionary)`; `TypedProducerOptions.Producer` (with TypedProducer's defaults `enable.idempotence=true`, `acks=all`, `partitioner=murmur2_random` underneath); and the `Kafka:Producer` section of `appsettings*.json` (an `appsettings.{Environment}.json` is checked merged over `appsettings.json`). Aliases are canonicalised first (`linger.ms` = `queue.buffering.max.ms`, `retries` = `message.send.max.retries`, `acks` = `request.required.acks`, ...). Code fixes apply to C# only.", ""]
    if rule_id.startswith("TPK3"):
        lines += [EVOLUTION, ""]
    if d["severity"] == "Hidden":
        lines += ["## Enable", "", "Hidden by default. One line in `.editorconfig` (or `.globalconfig`) shows it:", "", "```ini", "[*.cs]", f"dotnet_diagnostic.{rule_id}.severity = suggestion   # or warning, error", "```", ""]
    lines += ["## Configure severity", "", "In `.editorconfig`:", "", "```ini", "[*.cs]", f"dotnet_diagnostic.{rule_id}.severity = none   # or error, warning, suggestion, silent", "```", "",
              f"For all {d['category']} rules at once: `dotnet_analyzer_diagnostic.category-{d['category']}.severity = warning`. To silence one occurrence: `#pragma warning disable {rule_id}`."]
    if rule_id.startswith("TPK2"):
        lines += ["", "Diagnostics in `appsettings*.json` follow the `.globalconfig` severity (`is_global = true` then `dotnet_diagnostic." + rule_id + ".severity = ...`)."]
    if rule_id in ("TPK3001", "TPK3002", "TPK3004"):
        lines += ["", "Diagnostics located in a kept `.avsc` file follow the `.globalconfig` severity (`is_global = true` then `dotnet_diagnostic." + rule_id + ".severity = ...`); `#pragma` does not apply there."]
    return "\n".join(lines) + "\n"


def main():
    ds = descriptors()
    missing = sorted(set(ds) ^ set(RULES))
    if missing:
        raise SystemExit("descriptor/doc mismatch: " + ", ".join(missing))
    out_dir = os.path.join(ROOT, "docs", "diagnostics")
    os.makedirs(out_dir, exist_ok=True)
    for rule_id in sorted(ds):
        with open(os.path.join(out_dir, rule_id + ".md"), "w", encoding="utf-8") as f:
            f.write(page(rule_id, ds[rule_id], RULES[rule_id]))
    table = ["| ID | Severity | Category | Title | Fix |", "|---|---|---|---|---|"]
    for rule_id in sorted(ds):
        d = ds[rule_id]
        table.append(f"| [{rule_id}]({rule_id}.md) | {d['severity']} | {d['category']} | {d['title']} | {'✓' if RULES[rule_id]['fix'] else ''} |")
    readme = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.template.md"), encoding="utf-8").read()
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme.replace("{{RULE_TABLE}}", "\n".join(table)))


main()
