using Microsoft.CodeAnalysis;

namespace TypedProducer.Analyzers;

/// <summary>
/// Every diagnostic the analyzers report. Error texts quoted in descriptions are librdkafka 2.16.0's
/// (<c>src/rdkafka_conf.c</c>, <c>rd_kafka_conf_finalize</c>/<c>rd_kafka_topic_conf_finalize</c>, <c>src/rdkafka.c</c>,
/// <c>src/rdkafka_sasl*.c</c>) and Confluent.Kafka 2.16.0's, as the bundled library prints them; every Error is a
/// refusal by <c>ProducerBuilder.Build()</c> or the first produce. Rules at Hidden severity are advisory: their premise
/// (a Java producer on the same topic, Java-client parity) is not visible in code; one line enables each
/// (<c>dotnet_diagnostic.TPK2026.severity = suggestion</c>).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Usage = "Usage";
    private const string Reliability = "Reliability";
    private const string Performance = "Performance";
    private const string Security = "Security";
    private const string Design = "Design";

    public static readonly DiagnosticDescriptor IllegalTopicName = Create(
        RuleIdentifiers.IllegalTopicName,
        "Topic name is not a legal Kafka topic name",
        "Topic name '{0}' is not a legal Kafka topic name: {1}",
        Usage,
        DiagnosticSeverity.Error,
        "Kafka accepts topic names of 1 to 249 characters from [a-zA-Z0-9._-], except '.' and '..' (org.apache.kafka.common.internals.Topic.validate). Producing to an illegal name fails every delivery with 'Broker: Invalid topic' (INVALID_TOPIC_EXCEPTION); with auto-creation off the topic can never be created.");

    public static readonly DiagnosticDescriptor TopicMixesDotAndUnderscore = Create(
        RuleIdentifiers.TopicMixesDotAndUnderscore,
        "Topic name mixes '.' and '_'",
        "Topic name '{0}' mixes '.' and '_'",
        Usage,
        DiagnosticSeverity.Warning,
        "Kafka replaces '.' with '_' in metric names, so 'a.b_c' and 'a_b.c' collide. The broker refuses to create a topic whose name collides with an existing one this way ('Topic ... collides with existing topics'), and tools warn on creation.");

    public static readonly DiagnosticDescriptor TopicClaimedIncompatibly = Create(
        RuleIdentifiers.TopicClaimedIncompatibly,
        "Contracts share a topic with incompatible settings",
        "Contracts '{0}' and '{1}' both produce to topic '{2}' but differ in {3}",
        Design,
        DiagnosticSeverity.Error,
        "Consumers of one topic use one key deserializer and one value deserializer. Two contracts that write different value formats, or different key types, to the same topic produce records that these consumers cannot read (deserialization exceptions, or keys hashed to different partitions).", CompilationEnd);

    public static readonly DiagnosticDescriptor SeveralRecordTypesOnTopicNameSubject = Create(
        RuleIdentifiers.SeveralRecordTypesOnTopicNameSubject,
        "Several record types on one topic with the TopicName subject strategy",
        "Contracts '{0}' and '{1}' write different Avro records to topic '{2}', but the subject name strategy is TopicName: both register under subject '{2}-value'",
        Design,
        DiagnosticSeverity.Warning,
        "With the TopicName strategy a topic has a single value subject. The second record type is registered as a new version of the first one's schema, which the registry rejects under the default BACKWARD compatibility (409 'Schema being registered is incompatible with an earlier schema'), or, with compatibility NONE, silently breaks consumers. Use SubjectNameStrategy.TopicRecordName (or RecordName).", CompilationEnd);

    public static readonly DiagnosticDescriptor AvroFullNameCollision = Create(
        RuleIdentifiers.AvroFullNameCollision,
        "Two contracts use the same Avro full name",
        "Contracts '{0}' and '{1}' both use the Avro full name '{2}'",
        Design,
        DiagnosticSeverity.Warning,
        "The Avro full name (namespace.name) identifies a record schema. Two different contracts with one full name share a subject under the RecordName and TopicRecordName strategies (the second registration fails or overwrites), and consumers that map full names to classes (SpecificRecord) deserialize one as the other.", CompilationEnd);

    public static readonly DiagnosticDescriptor PartitionKeyWithoutMessageKey = Create(
        RuleIdentifiers.PartitionKeyWithoutMessageKey,
        "[PartitionKey] without [MessageKey]",
        "Contract '{0}' chooses partitions by '{1}' but has no [MessageKey]: its records are written with a null key",
        Design,
        DiagnosticSeverity.Warning,
        "A [PartitionKey] says that events with the same value must stay in one partition, in order. Without a [MessageKey] the records carry a null key, so nothing downstream can see that grouping: log compaction rejects null-keyed records, re-partitioning (Kafka Streams, ksqlDB, MirrorMaker with the default partitioner) scatters them, and consumers cannot tell which entity a record belongs to.");

    public static readonly DiagnosticDescriptor IdempotenceRequiresAcksAll = Create(
        RuleIdentifiers.IdempotenceRequiresAcksAll,
        "Idempotence requires acks=all",
        "acks is '{0}' but the producer is idempotent: librdkafka requires acks=all",
        Reliability,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create the producer: InvalidOperationException '`acks` must be set to `all` when `enable.idempotence` is true'. Idempotence is on when enable.idempotence is true, when transactional.id is set, and in TypedProducer's options by default.");

    public static readonly DiagnosticDescriptor IdempotenceMaxInFlight = Create(
        RuleIdentifiers.IdempotenceMaxInFlight,
        "Idempotence allows at most 5 in-flight requests",
        "max.in.flight is '{0}' but the producer is idempotent: librdkafka allows at most 5",
        Reliability,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create the producer: InvalidOperationException '`max.in.flight` must be set <= 5 when `enable.idempotence` is true'. The broker tracks sequence numbers for at most 5 in-flight batches per partition.");

    public static readonly DiagnosticDescriptor IdempotenceRetries = Create(
        RuleIdentifiers.IdempotenceRetries,
        "Idempotence requires retries",
        "retries is '{0}' but the producer is idempotent: librdkafka requires at least 1",
        Reliability,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create the producer: InvalidOperationException '`retries` must be set >= 1 when `enable.idempotence` is true'. Left unset, an idempotent producer retries up to INT32_MAX times within message.timeout.ms.");

    public static readonly DiagnosticDescriptor IdempotenceBackpressureThreshold = Create(
        RuleIdentifiers.IdempotenceBackpressureThreshold,
        "Idempotence requires queue.buffering.backpressure.threshold=1",
        "queue.buffering.backpressure.threshold is '{0}' but the producer is idempotent: librdkafka requires 1",
        Reliability,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create the producer: InvalidOperationException '`queue.buffering.backpressure.threshold` must be set to 1 when `enable.idempotence` is true'.");

    public static readonly DiagnosticDescriptor IdempotenceQueuingStrategy = Create(
        RuleIdentifiers.IdempotenceQueuingStrategy,
        "Idempotence requires queuing.strategy=fifo",
        "queuing.strategy is '{0}' but the producer is idempotent: librdkafka requires fifo",
        Reliability,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create the producer: InvalidOperationException '`queuing.strategy` must be set to `fifo` when `enable.idempotence` is true'. LIFO reorders messages, which idempotent sequencing cannot allow.");

    public static readonly DiagnosticDescriptor TransactionalIdRequiresIdempotence = Create(
        RuleIdentifiers.TransactionalIdRequiresIdempotence,
        "transactional.id requires idempotence",
        "enable.idempotence is '{0}' but transactional.id is set: transactions require idempotence",
        Reliability,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create the producer: InvalidOperationException '`transactional.id` requires `enable.idempotence=true`'. The Java client: 'Cannot set a transactional.id without also enabling idempotence'.");

    public static readonly DiagnosticDescriptor SocketTimeoutAboveTransactionTimeout = Create(
        RuleIdentifiers.SocketTimeoutAboveTransactionTimeout,
        "socket.timeout.ms exceeds transaction.timeout.ms + 100",
        "socket.timeout.ms is {0} but a transactional producer allows at most transaction.timeout.ms + 100 = {1}",
        Reliability,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create a transactional producer: InvalidOperationException '`socket.timeout.ms` must be set <= `transaction.timeout.ms` + 100'. transaction.timeout.ms defaults to 60000.");

    public static readonly DiagnosticDescriptor MessageTimeoutAboveTransactionTimeout = Create(
        RuleIdentifiers.MessageTimeoutAboveTransactionTimeout,
        "message.timeout.ms exceeds transaction.timeout.ms",
        "message.timeout.ms is {0} but a transactional producer allows at most transaction.timeout.ms = {1}",
        Reliability,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create a transactional producer: InvalidOperationException '`message.timeout.ms` must be set <= `transaction.timeout.ms`'. delivery.timeout.ms is an alias of message.timeout.ms; the Java default 120000 and the librdkafka default 300000 both exceed the default transaction.timeout.ms of 60000.");

    public static readonly DiagnosticDescriptor MessageTimeoutNotAboveLinger = Create(
        RuleIdentifiers.MessageTimeoutNotAboveLinger,
        "message.timeout.ms must be greater than linger.ms",
        "message.timeout.ms ({0}) is not greater than linger.ms ({1})",
        Reliability,
        DiagnosticSeverity.Error,
        "librdkafka refuses the configuration: InvalidOperationException '`message.timeout.ms` must be greater than `linger.ms`' from Build() when any topic-level property is set, otherwise every produce to a topic fails with Local_InvalidArg. A message could never wait linger.ms before it times out.");

    public static readonly DiagnosticDescriptor GaplessRequiresIdempotence = Create(
        RuleIdentifiers.GaplessRequiresIdempotence,
        "enable.gapless.guarantee requires idempotence",
        "enable.gapless.guarantee is true but the producer is not idempotent",
        Reliability,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create the producer: InvalidOperationException '`enable.gapless.guarantee` requires `enable.idempotence` to be enabled'.");

    public static readonly DiagnosticDescriptor ReconnectBackoffMaxBelowMin = Create(
        RuleIdentifiers.ReconnectBackoffMaxBelowMin,
        "reconnect.backoff.max.ms is below reconnect.backoff.ms",
        "reconnect.backoff.max.ms ({0}) is below reconnect.backoff.ms ({1})",
        Usage,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create the client: InvalidOperationException '`reconnect.backoff.max.ms` must be >= `reconnect.backoff.ms`' (librdkafka 2.0.2 printed `reconnect.max.ms`). Defaults: 100 and 10000.");

    public static readonly DiagnosticDescriptor InvalidValue = Create(
        RuleIdentifiers.InvalidValue,
        "Invalid value for a librdkafka property",
        "'{0}' cannot be '{1}': {2}",
        Usage,
        DiagnosticSeverity.Error,
        "librdkafka checks each value when the producer is built: ArgumentException 'Configuration property \"<key>\" value <v> is outside allowed range <min>..<max>', 'Invalid value for configuration property \"<key>\"', 'Expected bool value for \"<key>\": true or false', '... cannot be set to empty value', or 'Property \"<key>\" must be set through dedicated .._set_..() function'. Consumer properties are checked too. Confluent.Kafka checks its own keys: FormatException from bool.Parse, 'Unknown delivery report field name ...', 'dotnet.cancellation.delay.max.ms must be in the range 1 <= ... <= 10000'.");

    public static readonly DiagnosticDescriptor UnknownProperty = Create(
        RuleIdentifiers.UnknownProperty,
        "Unknown librdkafka property",
        "'{0}' is not a librdkafka property{1}",
        Usage,
        DiagnosticSeverity.Error,
        "librdkafka refuses unknown keys when the producer is built: InvalidOperationException 'No such configuration property: \"<key>\"'. Keys are case-sensitive. Java client keys such as buffer.memory or max.request.size do not exist in librdkafka; ssl.truststore.location and sasl.jaas.config are refused with an explanation (ArgumentException).");

    public static readonly DiagnosticDescriptor PropertyNotInTargetVersion = Create(
        RuleIdentifiers.PropertyNotInTargetVersion,
        "Property unknown to the targeted librdkafka version",
        "'{0}' was added in librdkafka {1}; this project targets librdkafka {2}",
        Usage,
        DiagnosticSeverity.Error,
        "The native librdkafka loaded at run time does not know the key and refuses it: InvalidOperationException 'No such configuration property: \"<key>\"'. The analyzers target the librdkafka the package ships (librdkafka.redist 2.16.0) unless 'typedproducer.librdkafka_version' in .globalconfig or .editorconfig names an older one that you deploy; Confluent.Kafka's typed properties compile either way.");

    public static readonly DiagnosticDescriptor PropertyRejectedByClient = Create(
        RuleIdentifiers.PropertyRejectedByClient,
        "Property rejected by Confluent.Kafka",
        "'{0}' is not supported by Confluent.Kafka",
        Usage,
        DiagnosticSeverity.Error,
        "Confluent.Kafka refuses the key when the producer is built: ArgumentException 'The 'delivery.report.only.error' property is not supported by this client'. Filter delivery reports in the handler instead.");

    public static readonly DiagnosticDescriptor NullValue = Create(
        RuleIdentifiers.NullValue,
        "Configuration value is null",
        "'{0}' is set to null",
        Usage,
        DiagnosticSeverity.Error,
        "Confluent.Kafka refuses null values when the producer is built: ArgumentNullException ''<key>' configuration parameter must not be null.' Typed properties remove the key when set to null; Set(key, null) and dictionary entries do not.");

    public static readonly DiagnosticDescriptor SaslSettingsRefused = Create(
        RuleIdentifiers.SaslSettingsRefused,
        "SASL settings librdkafka refuses",
        "librdkafka refuses this SASL configuration: {0}",
        Security,
        DiagnosticSeverity.Error,
        "With security.protocol sasl_plaintext or sasl_ssl, rd_kafka_new() picks the SASL provider by sasl.mechanism, compared case-sensitively, and validates it: InvalidOperationException 'Unsupported SASL mechanism: <m>', 'Unsupported hash function: <m> (try SCRAM-SHA-512)', or for PLAIN and SCRAM 'sasl.username and sasl.password must be set' (an empty value counts as not set). The producer is never created.");

    public static readonly DiagnosticDescriptor OauthbearerSettingsRefused = Create(
        RuleIdentifiers.OauthbearerSettingsRefused,
        "OAUTHBEARER/OIDC settings incomplete or conflicting",
        "The OAUTHBEARER configuration is refused: {0}",
        Security,
        DiagnosticSeverity.Error,
        "librdkafka's rd_kafka_conf_finalize() refuses an OIDC configuration (sasl.mechanism OAUTHBEARER, sasl.oauthbearer.method=oidc) without sasl.oauthbearer.token.endpoint.url, without client id and secret for the client_credentials grant, with an unusable jwt-bearer assertion set-up, or with enable.sasl.oauthbearer.unsecure.jwt; and https.ca.location together with https.ca.pem. Confluent.Kafka refuses sasl.oauthbearer.metadata.authentication.type=aws_iam without sasl.oauthbearer.method=oidc and sasl.oauthbearer.config ('SaslOauthbearerMethod = SaslOauthbearerMethod.Oidc is required', 'SaslOauthbearerConfig is missing or empty.').");

    public static readonly DiagnosticDescriptor KeystoreWithoutPassword = Create(
        RuleIdentifiers.KeystoreWithoutPassword,
        "ssl.keystore.location without ssl.keystore.password",
        "ssl.keystore.location is set but ssl.keystore.password is not",
        Security,
        DiagnosticSeverity.Error,
        "librdkafka refuses to create the client, whatever the security.protocol: InvalidOperationException '`ssl.keystore.password` is mandatory when `ssl.keystore.location` is set'.");

    public static readonly DiagnosticDescriptor AcksNotAll = Create(
        RuleIdentifiers.AcksNotAll,
        "acks below all can lose messages",
        "acks is '{0}': acknowledged messages are lost when the partition leader fails",
        Reliability,
        DiagnosticSeverity.Warning,
        "With acks=1 the leader acknowledges before followers replicate; if it fails right after, the acknowledged record is lost. With acks=0 the producer gets no acknowledgement at all: retries never happen and offsets are reported as -1. Use acks=all (the librdkafka and Java default).");

    public static readonly DiagnosticDescriptor AcksNotJavaCompatible = Create(
        RuleIdentifiers.AcksNotJavaCompatible,
        "acks value the broker rejects",
        "acks is '{0}': brokers accept only all/-1, 0 and 1",
        Reliability,
        DiagnosticSeverity.Warning,
        "librdkafka accepts acks from -1 to 1000, but brokers since KIP-1 reject values above 1 (every produce fails with INVALID_REQUIRED_ACKS), and the Java client refuses them: 'Invalid value <v> for configuration acks: String must be one of: all, -1, 0, 1'.");

    public static readonly DiagnosticDescriptor RetriesMayReorder = Create(
        RuleIdentifiers.RetriesMayReorder,
        "Retries with several requests in flight reorder messages",
        "{0} is '{1}' on a producer without idempotence: retried batches can overtake later ones",
        Reliability,
        DiagnosticSeverity.Warning,
        "librdkafka: 'if max.in.flight > 1 and retries > 0, retried messages may be produced out of order, since a sub-sequent message in a sub-sequent ProduceRequest may already be in-flight (and accepted by the broker) by the time the retry for the failing message is sent'. Enable idempotence (which keeps order with up to 5 requests in flight) or set max.in.flight to 1.");

    public static readonly DiagnosticDescriptor IdempotenceDisabled = Create(
        RuleIdentifiers.IdempotenceDisabled,
        "Idempotence is turned off",
        "enable.idempotence is '{0}': retries can write duplicates and reorder messages",
        Reliability,
        DiagnosticSeverity.Warning,
        "Without idempotence, a retry after a lost acknowledgement ('Timed out in flight') writes the message again, and retries with several requests in flight reorder messages. TypedProducer and the Java client enable idempotence by default; librdkafka does not.");

    public static readonly DiagnosticDescriptor DeliveryTimeoutBelowLingerPlusRequest = Create(
        RuleIdentifiers.DeliveryTimeoutBelowLingerPlusRequest,
        "delivery.timeout.ms below linger.ms + request.timeout.ms",
        "{0} is {1}, below linger.ms + request.timeout.ms = {2}",
        Reliability,
        DiagnosticSeverity.Warning,
        "Below request.timeout.ms, librdkafka fails messages whose produce request is still waiting for the broker's acknowledgement ('Timed out in flight'): the broker may have written them, so an application that retries writes duplicates. Between request.timeout.ms and linger.ms + request.timeout.ms only the Java client objects ('delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms'; librdkafka accepts it): that range is reported at Hidden severity unless the rule's severity is set.");

    public static readonly DiagnosticDescriptor PartitionerDiffersFromJava = Create(
        RuleIdentifiers.PartitionerDiffersFromJava,
        "Partitioner places keys differently from the Java client",
        "partitioner '{0}' places keys differently from the Java client (murmur2)",
        Design,
        DiagnosticSeverity.Hidden,
        "The Java client hashes keys with murmur2. With random, consistent, consistent_random (CRC32, librdkafka's default) or fnv1a(_random), a key produced from .NET lands on a different partition than the same key produced from Java, so one key's events are split across partitions and lose their order. Use murmur2_random.");

    public static readonly DiagnosticDescriptor LibrdkafkaDefaultsDifferFromJava = Create(
        RuleIdentifiers.LibrdkafkaDefaultsDifferFromJava,
        "Producer relies on librdkafka defaults that differ from the Java client",
        "This producer configuration leaves {0} at librdkafka's default",
        Reliability,
        DiagnosticSeverity.Hidden,
        "librdkafka's defaults are enable.idempotence=false (retries can duplicate and reorder messages) and partitioner=consistent_random (keys land on other partitions than with the Java client). The Java client defaults to idempotence and murmur2; TypedProducer's own options do too.");

    public static readonly DiagnosticDescriptor ConsumerPropertyOnProducer = Create(
        RuleIdentifiers.ConsumerPropertyOnProducer,
        "Consumer property on a producer",
        "'{0}' is a consumer property and is ignored by a producer",
        Usage,
        DiagnosticSeverity.Warning,
        "librdkafka logs 'Configuration property <key> is a consumer property and will be ignored by this producer instance' and ignores the value: whatever the setting was meant to achieve does not happen.");

    public static readonly DiagnosticDescriptor DeprecatedProperty = Create(
        RuleIdentifiers.DeprecatedProperty,
        "Deprecated or experimental property",
        "'{0}' is {1} in librdkafka",
        Usage,
        DiagnosticSeverity.Warning,
        "librdkafka logs 'Configuration property <key> is deprecated/experimental' at start-up. Deprecated properties are no longer used or will be removed; experimental ones may change or disappear.");

    public static readonly DiagnosticDescriptor ConflictingAliases = Create(
        RuleIdentifiers.ConflictingAliases,
        "One setting given twice under different names",
        "'{0}' is '{1}' but its alias '{2}' is '{3}': only the last one applied takes effect",
        Usage,
        DiagnosticSeverity.Warning,
        "Aliases (linger.ms/queue.buffering.max.ms, retries/message.send.max.retries, acks/request.required.acks, max.in.flight/max.in.flight.requests.per.connection, delivery.timeout.ms/message.timeout.ms, compression.type/compression.codec, ...) write the same librdkafka field. Confluent.Kafka applies keys in dictionary order, so which value wins depends on insertion order.");

    public static readonly DiagnosticDescriptor TransactionTimeoutAboveBrokerMax = Create(
        RuleIdentifiers.TransactionTimeoutAboveBrokerMax,
        "transaction.timeout.ms above the broker's default maximum",
        "transaction.timeout.ms is {0}, above the broker default transaction.max.timeout.ms (900000)",
        Reliability,
        DiagnosticSeverity.Warning,
        "InitTransactions fails with INVALID_TRANSACTION_TIMEOUT unless the broker's transaction.max.timeout.ms has been raised.");

    public static readonly DiagnosticDescriptor InfiniteMessageTimeout = Create(
        RuleIdentifiers.InfiniteMessageTimeout,
        "message.timeout.ms is 0 (infinite)",
        "{0} is 0: messages never time out",
        Reliability,
        DiagnosticSeverity.Warning,
        "A message timeout of 0 is infinite: when the cluster is unreachable, messages stay queued forever, the queue fills, Flush and disposal block until their own timeout, and the application never learns that delivery failed.");

    public static readonly DiagnosticDescriptor BatchSizeAboveMessageMaxBytes = Create(
        RuleIdentifiers.BatchSizeAboveMessageMaxBytes,
        "batch.size above message.max.bytes has no effect",
        "batch.size is {0} but message.max.bytes is {1}: batches are capped at {1} bytes",
        Performance,
        DiagnosticSeverity.Warning,
        "librdkafka caps a batch at MIN(message.max.bytes, batch.size) (src/rdkafka_msgset_writer.c), so the larger batch.size is silently ineffective.");

    public static readonly DiagnosticDescriptor MessageMaxBytesAboveBrokerDefault = Create(
        RuleIdentifiers.MessageMaxBytesAboveBrokerDefault,
        "message.max.bytes above the broker's default limit",
        "message.max.bytes is {0}, above the broker default max.message.bytes (1048588)",
        Performance,
        DiagnosticSeverity.Warning,
        "Requests larger than the broker's or topic's max.message.bytes fail with MSG_SIZE_TOO_LARGE (a permanent error: the messages are not retried) unless the broker and topic limits have been raised too.");

    public static readonly DiagnosticDescriptor SaslMechanismWithoutSaslProtocol = Create(
        RuleIdentifiers.SaslMechanismWithoutSaslProtocol,
        "SASL mechanism without a SASL security protocol",
        "sasl.mechanism is '{0}' but security.protocol is '{1}': SASL is not used",
        Security,
        DiagnosticSeverity.Warning,
        "Without security.protocol sasl_ssl or sasl_plaintext the client never authenticates; librdkafka only logs a CONFWARN. The credentials are ignored and connections to a SASL listener fail.");

    public static readonly DiagnosticDescriptor RetriesZero = Create(
        RuleIdentifiers.RetriesZero,
        "retries=0 fails messages on the first transient error",
        "retries is 0: any transient broker error fails the message",
        Reliability,
        DiagnosticSeverity.Warning,
        "Leader elections, throttling and request timeouts are routine; with no retries each one becomes a failed delivery report. Leave retries unset and bound delivery time with message.timeout.ms instead.");

    public static readonly DiagnosticDescriptor EmptyTransactionalId = Create(
        RuleIdentifiers.EmptyTransactionalId,
        "transactional.id is empty",
        "transactional.id is empty",
        Usage,
        DiagnosticSeverity.Warning,
        "librdkafka stores an empty value as not set, so the producer is not transactional: InitTransactions throws 'The Transactional API requires transactional.id to be configured', and produced messages are not part of any transaction. The Java client refuses it ('String must be non-empty').");

    public static readonly DiagnosticDescriptor SaslMechanismDefaultsToGssapi = Create(
        RuleIdentifiers.SaslMechanismDefaultsToGssapi,
        "SASL protocol without sasl.mechanism uses GSSAPI (Kerberos)",
        "security.protocol is '{0}' but sasl.mechanism is not set: librdkafka uses GSSAPI (Kerberos)",
        Security,
        DiagnosticSeverity.Warning,
        "sasl.mechanism defaults to GSSAPI. librdkafka builds without Kerberos refuse it when the producer is built: the Linux librdkafka.redist build that loads without libsasl2 (Debian, Ubuntu, Alpine) says 'No provider for SASL mechanism GSSAPI: recompile librdkafka with libsasl2 or openssl support'. Where Kerberos is available, librdkafka runs kinit with sasl.kerberos.* defaults and authentication fails unless Kerberos was meant. Set sasl.mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER), or GSSAPI explicitly.");

    public static readonly DiagnosticDescriptor LiteralSecret = Create(
        RuleIdentifiers.LiteralSecret,
        "Secret written as a literal",
        "'{0}' is a literal secret",
        Security,
        DiagnosticSeverity.Warning,
        "Passwords, key passphrases and client secrets written in source code or committed configuration files end up in version control, build logs and binaries. Read them from configuration (user secrets, environment variables, a key vault) at run time.");

    public static readonly DiagnosticDescriptor CultureSensitiveValue = Create(
        RuleIdentifiers.CultureSensitiveValue,
        "Configuration value formatted with the current culture",
        "The value of '{0}' is formatted with the current culture; librdkafka reads invariant text",
        Usage,
        DiagnosticSeverity.Warning,
        "librdkafka parses numbers in the C locale. A value formatted with the current culture reads differently on some machines: under de-DE 0.5 becomes \"0,5\", which librdkafka reads as 0, and under cultures with a Unicode minus sign -1 becomes \"\u22121\", which is refused. Format with CultureInfo.InvariantCulture.");

    public static readonly DiagnosticDescriptor IncompatibleSchemaChange = Create(
        RuleIdentifiers.IncompatibleSchemaChange,
        "Schema change breaks compatibility with a kept version",
        "'{0}' is not {1} compatible with {2}: {3}",
        Design,
        DiagnosticSeverity.Error,
        "The schema generated from the contract cannot be resolved against a schema version kept in the project (schemas/**), under the configured compatibility mode (Confluent Schema Registry semantics; default BACKWARD). The registry refuses to register it (409 'Schema being registered is incompatible with an earlier schema'), so start-up fails; with compatibility NONE in the registry, consumers fail to deserialize instead. The rules are the Apache Avro 1.11 specification's 'Schema Resolution' for Avro, and the registry's own Protobuf rules (which field changes keep the wire format readable) for Protobuf.");

    public static readonly DiagnosticDescriptor UnreadableKeptSchema = Create(
        RuleIdentifiers.UnreadableKeptSchema,
        "Kept schema file is not a valid schema",
        "Kept schema file '{0}' is not a valid {1} schema: {2}",
        Usage,
        DiagnosticSeverity.Warning,
        "A schema file under schemas/ (.avsc, .proto) that cannot be parsed takes no part in compatibility checks, so a breaking change against that version goes unnoticed.");

    public static readonly DiagnosticDescriptor UnknownCompatibilityMode = Create(
        RuleIdentifiers.UnknownCompatibilityMode,
        "Unknown schema compatibility mode",
        "'{0}' (from {1}) is not a schema compatibility mode; BACKWARD is used. Use BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE or NONE.",
        Usage,
        DiagnosticSeverity.Warning,
        "The compatibility mode names the Confluent Schema Registry compatibility types. A misspelt mode would silently check less or more than intended, so the default BACKWARD is used and this warning is reported.");

    public static readonly DiagnosticDescriptor KeptSchemaWithoutContract = Create(
        RuleIdentifiers.KeptSchemaWithoutContract,
        "Kept schema file matches no contract",
        "Kept schema file '{0}' matches no contract: neither its folder nor its file name is a subject of a [KafkaMessage] contract of this project (the record's full name, '<topic>-value' or '<topic>-<full name>')",
        Usage,
        DiagnosticSeverity.Warning,
        "Kept versions are found by subject name: a folder schemas/{subject}/ of versions, or a file schemas/{subject}.avsc (.proto). A file whose names match no contract (a typo, a renamed topic or record, a contract that was removed) is never compared, so its schema no longer protects consumers.", CompilationEnd);

    public static readonly DiagnosticDescriptor SchemaChangesMeaning = Create(
        RuleIdentifiers.SchemaChangesMeaning,
        "Schema change alters the meaning of kept data",
        "'{0}' changes how data written with {1} is read: {2}",
        Design,
        DiagnosticSeverity.Warning,
        "The change resolves under Avro's rules, and the registry accepts it, but values change meaning: a logical type changed or was added or dropped (timestamp-millis to timestamp-micros reads times 1000 times too large or small; a dropped decimal reads raw bytes). Consumers that were not changed in step misread the data silently.");

    /// <summary>Rules reported once the whole compilation is seen (they compare contracts across files).</summary>
    private static readonly string[] CompilationEnd = { WellKnownDiagnosticTags.CompilationEnd };

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, string[]? customTags = null) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id), customTags: customTags ?? System.Array.Empty<string>());

    /// <summary>The documentation page of a rule.</summary>
    /// <param name="id">The diagnostic ID.</param>
    /// <returns>The URL.</returns>
    public static string HelpLink(string id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, RepositoryInfo.DiagnosticHelpLinkFormat, id);
}
