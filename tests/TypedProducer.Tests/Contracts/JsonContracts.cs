using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypedProducer.Tests.Contracts;

public enum Mood
{
    Happy,
    Sad,
}

/// <summary>Written as a string by its converter attribute, even where the context writes enums as numbers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Shade>))]
public enum Shade
{
    Light,
    Dark,
}

/// <summary>A nested object of <see cref="EveryJsonType"/>.</summary>
public sealed record JsonAddress(string Street, int? Number);

/// <summary>A recursive object.</summary>
public sealed class JsonTreeNode
{
    public string Label { get; set; } = "";

    public List<JsonTreeNode> Children { get; set; } = new();
}

/// <summary>One member of every supported JSON shape, written by <see cref="EveryJsonContext"/> (camelCase names).</summary>
[KafkaMessage("json.every.type", Format = MessageFormat.Json, JsonContext = typeof(EveryJsonContext), Namespace = "interop.json", Doc = "Every supported member type")]
public sealed partial class EveryJsonType
{
    [MessageKey]
    public string Id { get; set; } = "";

    public bool Flag { get; set; }

    public int Int { get; set; }

    public long Long { get; set; }

    public ulong ULong { get; set; }

    public byte Byte { get; set; }

    public short Short { get; set; }

    public float Float { get; set; }

    public double Double { get; set; }

    public decimal Amount { get; set; }

    public string Text { get; set; } = "";

    public string? MaybeText { get; set; }

    public char Letter { get; set; } = 'a';

    public byte[] Bytes { get; set; } = [];

    public Guid Uuid { get; set; }

    public DateTimeOffset At { get; set; }

    public DateTime AtUtc { get; set; } = DateTime.UnixEpoch;

    public DateOnly Day { get; set; }

    public TimeOnly Time { get; set; }

    public TimeSpan Elapsed { get; set; }

    public Mood Mood { get; set; }

    public Shade Shade { get; set; }

    public Mood? MaybeMood { get; set; }

    public double? MaybeDouble { get; set; }

    public JsonAddress Home { get; set; } = new("", null);

    public JsonAddress? Work { get; set; }

    public int[] Numbers { get; set; } = [];

    public List<string> Tags { get; set; } = new();

    public IReadOnlyList<JsonAddress> History { get; set; } = Array.Empty<JsonAddress>();

    public Dictionary<string, long> Counters { get; set; } = new();

    public Dictionary<int, string> ByNumber { get; set; } = new();

    public Dictionary<Guid, int> ByGuid { get; set; } = new();

    public HashSet<string> Set { get; set; } = new();

    public JsonElement Extra { get; set; }

    public JsonTreeNode? Tree { get; set; }

    [JsonPropertyName("renamed")]
    public string Original { get; set; } = "";

    [JsonIgnore]
    public string NotSent { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sometimes { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public long AsString { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EveryJsonType))]
internal sealed partial class EveryJsonContext : JsonSerializerContext
{
}

/// <summary>
/// The context options that change the shape: snake_case names, nulls left out, every enum as a string, NaN and
/// infinities as strings.
/// </summary>
[KafkaMessage("json.sensor.reading", Format = MessageFormat.Json, JsonContext = typeof(SensorJsonContext))]
public sealed partial record SensorReading(
    [property: MessageKey] long SensorId,
    double Value,
    float? Secondary,
    string? Unit,
    Mood Mood,
    DateTimeOffset TakenAt,
    IReadOnlyDictionary<string, double> Calibration);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(SensorReading))]
internal sealed partial class SensorJsonContext : JsonSerializerContext
{
}
