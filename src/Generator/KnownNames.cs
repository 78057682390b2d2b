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
    public const string AvroFieldAttribute = "TypedProducer.AvroFieldAttribute";
    public const string AvroDecimalAttribute = "TypedProducer.AvroDecimalAttribute";
    public const string AvroTimestampAttribute = "TypedProducer.AvroTimestampAttribute";
    public const string AvroTimeAttribute = "TypedProducer.AvroTimeAttribute";
    public const string AvroFixedAttribute = "TypedProducer.AvroFixedAttribute";
    public const string AvroRecordAttribute = "TypedProducer.AvroRecordAttribute";
    public const string AvroEnumAttribute = "TypedProducer.AvroEnumAttribute";
    public const string AvroUnionAttribute = "TypedProducer.AvroUnionAttribute";
    public const string AvroDuration = "TypedProducer.AvroDuration";

    public const string GeneratorName = "TypedProducer.Generator";
}
