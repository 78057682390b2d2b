namespace TypedProducer.Analyzers;

/// <summary>
/// Diagnostic IDs of the analyzers. <c>TPK0xxx</c> belong to the generator (TypedProducer.Generator);
/// <c>TPK1xxx</c> are contract and usage rules; <c>TPK2xxx</c> are producer-configuration safety rules;
/// <c>TPK3xxx</c> compare generated schemas with the versions kept in the project (schema evolution).
/// </summary>
internal static class RuleIdentifiers
{
    public const string IllegalTopicName = "TPK1001";
    public const string TopicMixesDotAndUnderscore = "TPK1002";
    public const string TopicClaimedIncompatibly = "TPK1003";
    public const string SeveralRecordTypesOnTopicNameSubject = "TPK1004";
    public const string AvroFullNameCollision = "TPK1005";
    public const string PartitionKeyWithoutMessageKey = "TPK1006";

    public const string IdempotenceRequiresAcksAll = "TPK2001";
    public const string IdempotenceMaxInFlight = "TPK2002";
    public const string IdempotenceRetries = "TPK2003";
    public const string IdempotenceBackpressureThreshold = "TPK2004";
    public const string IdempotenceQueuingStrategy = "TPK2005";
    public const string TransactionalIdRequiresIdempotence = "TPK2006";
    public const string SocketTimeoutAboveTransactionTimeout = "TPK2007";
    public const string MessageTimeoutAboveTransactionTimeout = "TPK2008";
    public const string MessageTimeoutNotAboveLinger = "TPK2009";
    public const string GaplessRequiresIdempotence = "TPK2010";
    public const string ReconnectBackoffMaxBelowMin = "TPK2011";
    public const string InvalidValue = "TPK2012";
    public const string UnknownProperty = "TPK2013";
    public const string PropertyNotInTargetVersion = "TPK2014";
    public const string PropertyRejectedByClient = "TPK2015";
    public const string NullValue = "TPK2016";
    public const string SaslSettingsRefused = "TPK2017";
    public const string OauthbearerSettingsRefused = "TPK2018";
    public const string KeystoreWithoutPassword = "TPK2019";

    public const string AcksNotAll = "TPK2020";
    public const string AcksNotJavaCompatible = "TPK2021";
    public const string RetriesMayReorder = "TPK2022";
    public const string IdempotenceDisabled = "TPK2023";
    public const string DeliveryTimeoutBelowLingerPlusRequest = "TPK2024";
    public const string PartitionerDiffersFromJava = "TPK2025";
    public const string LibrdkafkaDefaultsDifferFromJava = "TPK2026";
    public const string ConsumerPropertyOnProducer = "TPK2027";
    public const string DeprecatedProperty = "TPK2028";
    public const string ConflictingAliases = "TPK2029";
    public const string TransactionTimeoutAboveBrokerMax = "TPK2030";
    public const string InfiniteMessageTimeout = "TPK2031";
    public const string BatchSizeAboveMessageMaxBytes = "TPK2032";
    public const string MessageMaxBytesAboveBrokerDefault = "TPK2033";
    public const string SaslMechanismWithoutSaslProtocol = "TPK2034";
    public const string RetriesZero = "TPK2035";
    public const string EmptyTransactionalId = "TPK2036";
    public const string SaslMechanismDefaultsToGssapi = "TPK2037";

    public const string LiteralSecret = "TPK2040";
    public const string CultureSensitiveValue = "TPK2041";

    public const string IncompatibleSchemaChange = "TPK3001";
    public const string UnreadableKeptSchema = "TPK3002";
    public const string UnknownCompatibilityMode = "TPK3003";
    public const string KeptSchemaWithoutContract = "TPK3004";
    public const string SchemaChangesMeaning = "TPK3005";
}
