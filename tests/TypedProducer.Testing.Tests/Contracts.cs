namespace TypedProducer.Testing.Tests;

public enum ScanKind
{
    Pickup,
    Hub,
    Van,
}

/// <summary>Two contracts on one topic, for the reader's filtering by record type.</summary>
[KafkaMessage("parcels", Namespace = "logistics")]
public sealed partial record ParcelScanned(
    [property: MessageKey] string ParcelId,
    ScanKind Kind,
    DateTimeOffset At,
    [property: AvroDecimal(8, 3)] decimal WeightKg,
    string? Note);

[KafkaMessage("parcels", Namespace = "logistics")]
public sealed partial record ParcelDelivered([property: MessageKey] string ParcelId, DateTimeOffset At);
