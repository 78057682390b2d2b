namespace TypedProducer.Generator;

/// <summary>
/// Metadata names of the runtime's attributes and types. The generator never references the runtime
/// assembly (it must load in any Roslyn host), so the names live here as constants.
/// </summary>
internal static class KnownNames
{
    public const string KafkaMessageAttribute = "TypedProducer.KafkaMessageAttribute";
    public const string MessageKeyAttribute = "TypedProducer.MessageKeyAttribute";
    public const string PartitionKeyAttribute = "TypedProducer.PartitionKeyAttribute";
    public const string MessageIgnoreAttribute = "TypedProducer.MessageIgnoreAttribute";
    public const string MessageHeaderAttribute = "TypedProducer.MessageHeaderAttribute";
    public const string AvroFieldAttribute = "TypedProducer.AvroFieldAttribute";
    public const string AvroDecimalAttribute = "TypedProducer.AvroDecimalAttribute";
    public const string AvroTimestampAttribute = "TypedProducer.AvroTimestampAttribute";
    public const string AvroTimeAttribute = "TypedProducer.AvroTimeAttribute";
    public const string AvroFixedAttribute = "TypedProducer.AvroFixedAttribute";
    public const string AvroRecordAttribute = "TypedProducer.AvroRecordAttribute";
    public const string AvroEnumAttribute = "TypedProducer.AvroEnumAttribute";
    public const string AvroUnionAttribute = "TypedProducer.AvroUnionAttribute";
    public const string AvroDuration = "TypedProducer.AvroDuration";

    // Protobuf and JSON contracts (issue 4).
    public const string ProtoFieldAttribute = "TypedProducer.ProtoFieldAttribute";
    public const string GoogleProtobufMessageInterface = "Google.Protobuf.IMessage<T>";
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
    public const string JsonSourceGenerationOptionsAttribute = "System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute";
    public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string JsonIncludeAttribute = "System.Text.Json.Serialization.JsonIncludeAttribute";
    public const string JsonNumberHandlingAttribute = "System.Text.Json.Serialization.JsonNumberHandlingAttribute";
    public const string JsonConverterAttribute = "System.Text.Json.Serialization.JsonConverterAttribute";
    public const string JsonExtensionDataAttribute = "System.Text.Json.Serialization.JsonExtensionDataAttribute";
    public const string JsonPolymorphicAttribute = "System.Text.Json.Serialization.JsonPolymorphicAttribute";
    public const string JsonDerivedTypeAttribute = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";
    public const string JsonStringEnumMemberNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
    public const string JsonStringEnumConverter = "System.Text.Json.Serialization.JsonStringEnumConverter";
    public const string JsonStringEnumConverterOfT = "System.Text.Json.Serialization.JsonStringEnumConverter<TEnum>";

    public const string GeneratorName = "TypedProducer.Generator";
}
