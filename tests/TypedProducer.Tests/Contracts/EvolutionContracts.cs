namespace TypedProducer.Tests.Contracts;

// Versions of one record on purpose: every contract here is named evolution.Shipment (TPK1005 warns about that).
#pragma warning disable TPK1005

// Two versions of one Avro record (evolution.Shipment), as two contracts on two topics: data written with the first
// is read with the second through schema resolution (Apache Avro 1.11 specification, "Schema Resolution").

[AvroEnum(Name = "ShipmentStatus")]
public enum ShipmentStatusV1
{
    Created,
    Shipped,
    Lost,
}

[AvroEnum(Name = "ShipmentStatus", Default = nameof(Unknown))]
public enum ShipmentStatusV2
{
    Unknown,
    Shipped,
    Created,
}

[AvroRecord(Name = "Parcel", Namespace = "evolution")]
public sealed record ParcelV1(string Label, int Grams);

[AvroRecord(Name = "Parcel", Namespace = "evolution")]
public sealed record ParcelV2(long Grams, [property: AvroField(Default = "\"standard\"")] string Handling);

/// <summary>The writer's version.</summary>
[KafkaMessage("evolution.v1", Name = "Shipment", Namespace = "evolution")]
public sealed partial record ShipmentV1(
    [property: MessageKey] string Id,
    int Weight,
    float Price,
    string Note,
    ShipmentStatusV1 Status,
    string Removed,
    byte[] Blob,
    int? Maybe,
    [property: AvroField(Name = "OldName")] string Renamed,
    ParcelV1 Parcel,
    List<int> Counts,
    Dictionary<string, int> Totals,
    string? Optional);

/// <summary>The reader's version: promotions, an enum with a default and reordered symbols, a removed, a renamed and added fields.</summary>
[KafkaMessage("evolution.v2", Name = "Shipment", Namespace = "evolution")]
public sealed partial record ShipmentV2(
    [property: MessageKey] string Id,
    long Weight,
    double Price,
    byte[] Note,
    ShipmentStatusV2 Status,
    string Blob,
    long? Maybe,
    [property: AvroField(Aliases = new[] { "OldName" })] string NewName,
    ParcelV2 Parcel,
    List<double> Counts,
    Dictionary<string, long> Totals,
    string Optional,
    [property: AvroField(Default = "\"none\"")] string Added,
    [property: AvroField(Default = "42")] int AddedNumber,
    string? AddedNullable,
    [property: AvroField(Default = "[1, 2]")] int[] AddedList);

/// <summary>A reader with a field the writer lacks and no default: cannot read <see cref="ShipmentV1"/>.</summary>
[KafkaMessage("evolution.v3", Name = "Shipment", Namespace = "evolution")]
public sealed partial record ShipmentV3([property: MessageKey] string Id, string Carrier);

/// <summary>A reader whose enum has no default: reads every <see cref="ShipmentV1"/> except those with status Lost.</summary>
[KafkaMessage("evolution.v4", Name = "Shipment", Namespace = "evolution")]
public sealed partial record ShipmentV4([property: MessageKey] string Id, ShipmentStatusV4 Status);

[AvroEnum(Name = "ShipmentStatus")]
public enum ShipmentStatusV4
{
    Created,
    Shipped,
}

/// <summary>A record renamed with an alias of its old name.</summary>
[KafkaMessage("evolution.v5", Name = "Consignment", Namespace = "logistics")]
[AvroRecord(Aliases = new[] { "evolution.Shipment" })]
public sealed partial record ConsignmentV5([property: MessageKey] string Id, int Weight);
