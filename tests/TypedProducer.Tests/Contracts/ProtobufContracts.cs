using System;
using System.Collections.Generic;

namespace TypedProducer.Tests.Contracts;

public enum Priority
{
    Low,
    Normal,
    High,
}

/// <summary>An enum without a zero member: the .proto gets LEVEL_UNSPECIFIED = 0.</summary>
public enum Level
{
    One = 1,
    Two = 2,
}

/// <summary>A nested message of <see cref="EveryProtoType"/>.</summary>
public sealed record ProtoAddress([property: ProtoField(1)] string Street, [property: ProtoField(2)] int? Number);

/// <summary>A recursive message: a tree of labels.</summary>
public sealed class ProtoTreeNode
{
    [ProtoField(1)]
    public string Label { get; set; } = "";

    [ProtoField(2)]
    public List<ProtoTreeNode> Children { get; set; } = new();
}

/// <summary>
/// One member of every supported Protobuf shape. Its .proto (EveryProtoTypeKafkaContract.ProtobufSchema) is checked in
/// as Interop/Protos/every_type.proto and compiled by protoc, whose parser reads what the generated encoder writes.
/// </summary>
[KafkaMessage("proto.every.type", Format = MessageFormat.Protobuf, Namespace = "interop.every", Doc = "Every supported member type")]
public sealed partial class EveryProtoType
{
    [MessageKey]
    [ProtoField(1)]
    public string Id { get; set; } = "";

    [ProtoField(2)]
    public bool Flag { get; set; }

    [ProtoField(3)]
    public int Int { get; set; }

    [ProtoField(4)]
    public long Long { get; set; }

    [ProtoField(5)]
    public uint UInt { get; set; }

    [ProtoField(6)]
    public ulong ULong { get; set; }

    [ProtoField(7)]
    public float Float { get; set; }

    [ProtoField(8)]
    public double Double { get; set; }

    [ProtoField(9)]
    public byte[] Bytes { get; set; } = [];

    [ProtoField(10)]
    public string Text { get; set; } = "";

    [ProtoField(11)]
    public Guid Uuid { get; set; }

    [ProtoField(12)]
    public DateTimeOffset At { get; set; }

    [ProtoField(13)]
    public DateTime AtUtc { get; set; } = DateTime.UnixEpoch;

    [ProtoField(14)]
    public TimeSpan Elapsed { get; set; }

    [ProtoField(15)]
    public DateOnly Day { get; set; }

    [ProtoField(16)]
    public TimeOnly Time { get; set; }

    [ProtoField(17)]
    public decimal Amount { get; set; }

    [ProtoField(18)]
    public Priority Priority { get; set; }

    [ProtoField(19)]
    public Level Level { get; set; } = Level.One;

    [ProtoField(20)]
    public double? MaybeDouble { get; set; }

    [ProtoField(21)]
    public string? MaybeText { get; set; }

    [ProtoField(22)]
    public int? MaybeInt { get; set; }

    [ProtoField(23)]
    public bool? MaybeFlag { get; set; }

    [ProtoField(24)]
    public long? MaybeLong { get; set; }

    [ProtoField(25)]
    public float? MaybeFloat { get; set; }

    [ProtoField(26)]
    public byte[]? MaybeBytes { get; set; }

    [ProtoField(27)]
    public Guid? MaybeUuid { get; set; }

    [ProtoField(28)]
    public Priority? MaybePriority { get; set; }

    [ProtoField(29)]
    public DateTimeOffset? MaybeAt { get; set; }

    [ProtoField(30)]
    public ProtoAddress Home { get; set; } = new("", null);

    [ProtoField(31)]
    public ProtoAddress? Work { get; set; }

    [ProtoField(32)]
    public int[] Numbers { get; set; } = [];

    [ProtoField(33)]
    public List<string> Tags { get; set; } = new();

    [ProtoField(34)]
    public IReadOnlyList<ProtoAddress> History { get; set; } = Array.Empty<ProtoAddress>();

    [ProtoField(35)]
    public Dictionary<string, long> Counters { get; set; } = new();

    [ProtoField(36)]
    public Dictionary<int, ProtoAddress> AddressesById { get; set; } = new();

    [ProtoField(37)]
    public List<Priority> Priorities { get; set; } = new();

    [ProtoField(38)]
    public List<double> Samples { get; set; } = new();

    [ProtoField(39)]
    public List<DateTimeOffset> Times { get; set; } = new();

    [ProtoField(40)]
    public short Short { get; set; }

    [ProtoField(41)]
    public byte Byte { get; set; }

    [ProtoField(42)]
    public uint? MaybeUInt { get; set; }

    [ProtoField(43)]
    public ulong? MaybeULong { get; set; }

    [ProtoField(44)]
    public decimal? MaybeAmount { get; set; }

    [ProtoField(45)]
    public ProtoTreeNode? Tree { get; set; }

    [ProtoField(46)]
    public ICollection<bool> Switches { get; set; } = new List<bool>();

    [ProtoField(47)]
    public Dictionary<string, string>? Labels { get; set; }

    [ProtoField(2000, Name = "far_field")]
    public int FarAway { get; set; }

    [ProtoField(300000)]
    public long VeryFar { get; set; }

    [MessageIgnore]
    public string NotSent { get; set; } = "";
}

/// <summary>Version 1 of an evolving message (message <c>interop.items.Item</c>): the reader of the unknown-field tests.</summary>
[KafkaMessage("proto.items.v1", Format = MessageFormat.Protobuf, Namespace = "interop.items", Name = "Item")]
public sealed partial record ProtoItemV1([property: MessageKey, ProtoField(1)] string Id, [property: ProtoField(5)] int Count);

/// <summary>Version 2 of <see cref="ProtoItemV1"/>: fields of every wire type added around V1's.</summary>
[KafkaMessage("proto.items.v2", Format = MessageFormat.Protobuf, Namespace = "interop.items", Name = "Item")]
public sealed partial record ProtoItemV2(
    [property: MessageKey, ProtoField(1)] string Id,
    [property: ProtoField(2)] long Big,
    [property: ProtoField(3)] double Ratio,
    [property: ProtoField(4)] float Weight,
    [property: ProtoField(5)] int Count,
    [property: ProtoField(6)] ProtoAddress Where,
    [property: ProtoField(7)] List<int> Codes,
    [property: ProtoField(8)] Dictionary<string, string> Notes,
    [property: ProtoField(20000)] string Far);

/// <summary>A Protobuf contract with <c>[MessageHeader]</c> members, one of them a constructor parameter.</summary>
[KafkaMessage("proto.parcels", Format = MessageFormat.Protobuf, Namespace = "interop.parcels")]
public sealed partial record ProtoParcelScanned(
    [property: MessageKey, ProtoField(1)] string ParcelId,
    [property: ProtoField(2)] int WeightGrams,
    [property: MessageHeader("scanner")] string? Scanner,
    [property: MessageHeader("attempt")] int Attempt);
