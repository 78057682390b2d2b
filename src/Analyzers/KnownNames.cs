namespace TypedProducer.Analyzers;

/// <summary>Metadata names the analyzers look for. The analyzers never reference the runtime or Confluent.Kafka assemblies.</summary>
internal static class KnownNames
{
    public const string ConfluentConfig = "Confluent.Kafka.Config";
    public const string ProducerConfig = "Confluent.Kafka.ProducerConfig";
    public const string ClientConfig = "Confluent.Kafka.ClientConfig";
    public const string ProducerBuilder = "Confluent.Kafka.ProducerBuilder`2";
    public const string TypedProducerOptions = "TypedProducer.TypedProducerOptions";
    public const string SubjectNameStrategy = "TypedProducer.SchemaRegistry.SubjectNameStrategy";
    public const string KafkaMessageAttribute = "TypedProducer.KafkaMessageAttribute";
    public const string MessageKeyAttribute = "TypedProducer.MessageKeyAttribute";
    public const string PartitionKeyAttribute = "TypedProducer.PartitionKeyAttribute";
    public const string MessageIgnoreAttribute = "TypedProducer.MessageIgnoreAttribute";
    public const string AvroFieldAttribute = "TypedProducer.AvroFieldAttribute";
    public const string ProtoFieldAttribute = "TypedProducer.ProtoFieldAttribute";
    public const string AvroRecordAttribute = "TypedProducer.AvroRecordAttribute";
    public const string KeyValuePair = "System.Collections.Generic.KeyValuePair`2";
    public const string IEnumerableOfT = "System.Collections.Generic.IEnumerable`1";

    /// <summary>The assembly Confluent.Kafka loads for sasl.oauthbearer.metadata.authentication.type=aws_iam (AwsAutoWireDispatcher).</summary>
    public const string AwsOAuthBearerAssembly = "Confluent.Kafka.OAuthBearer.Aws";

    /// <summary>The <c>.editorconfig</c>/<c>.globalconfig</c> key naming the librdkafka version deployed with the application.</summary>
    public const string LibrdkafkaVersionOption = "typedproducer.librdkafka_version";

    /// <summary>The configuration section TypedProducer binds by convention (TypedProducerOptions.DefaultSectionName).</summary>
    public const string KafkaSection = "Kafka";

    /// <summary>
    /// The <c>.editorconfig</c>/<c>.globalconfig</c> key of the schema compatibility mode; suffixed with
    /// <c>.{FullName}</c> it applies to one contract.
    /// </summary>
    public const string SchemaCompatibilityOption = "typedproducer.schema_compatibility";

    /// <summary>The MSBuild property <c>TypedProducerSchemaCompatibility</c>, made visible to analyzers by the package's props.</summary>
    public const string SchemaCompatibilityBuildProperty = "build_property.TypedProducerSchemaCompatibility";

    /// <summary>The suffix of the generated contract class: <c>{Name}KafkaContract</c>.</summary>
    public const string ContractClassSuffix = "KafkaContract";
}
