namespace TypedProducer.Generator.Model;

// The JSON Schema model of one contract: plain, equatable data (see Specs.cs).

/// <summary>What a JSON value is, as System.Text.Json writes it.</summary>
internal enum JsonKind
{
    /// <summary>Any JSON (object, JsonElement, JsonNode).</summary>
    Any,
    String,
    /// <summary>A one-character string.</summary>
    Char,
    Boolean,
    Integer,
    Number,
    /// <summary>DateTime: an ISO 8601 string whose offset depends on DateTime.Kind.</summary>
    DateTime,
    /// <summary>DateTimeOffset: an RFC 3339 date-time.</summary>
    DateTimeOffset,
    /// <summary>DateOnly: yyyy-MM-dd.</summary>
    Date,
    /// <summary>TimeOnly: HH:mm:ss[.fffffff].</summary>
    Time,
    /// <summary>TimeSpan: [-][d.]hh:mm:ss[.fffffff].</summary>
    Duration,
    /// <summary>Guid: the 36-character "D" form.</summary>
    Uuid,
    /// <summary>byte[]: base64.</summary>
    Base64,
    Enum,
    Object,
    Array,
    Map,
    /// <summary>JsonObject.</summary>
    AnyObject,
    /// <summary>JsonArray.</summary>
    AnyArray,
}

/// <summary>One JSON value's schema.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="IsNullable">null is written for it.</param>
/// <param name="Ref">For objects: the definition key ("" for the root: <c>#</c>).</param>
/// <param name="Element">For arrays and maps: the item or value schema.</param>
/// <param name="Minimum">For integers: the smallest value, as a JSON number.</param>
/// <param name="Maximum">For integers: the largest value, as a JSON number.</param>
/// <param name="AsString">For numbers: written as strings (JsonNumberHandling.WriteAsString).</param>
/// <param name="NamedLiterals">For float and double: NaN and ±Infinity written as strings (AllowNamedFloatingPointLiterals).</param>
/// <param name="EnumNames">For enums written as strings: the names; empty for enums written as numbers or [Flags] enums.</param>
/// <param name="EnumAsString">For enums: written as strings.</param>
/// <param name="MapKeyPattern">For maps whose keys are not strings: the pattern keys match; null for string and enum keys.</param>
internal sealed record JsonTypeSpec(
    JsonKind Kind,
    bool IsNullable,
    string? Ref,
    JsonTypeSpec? Element,
    string? Minimum,
    string? Maximum,
    bool AsString,
    bool NamedLiterals,
    EquatableArray<string> EnumNames,
    bool EnumAsString,
    string? MapKeyPattern);

/// <summary>An object property.</summary>
/// <param name="JsonName">The property name as written.</param>
/// <param name="Required">Always written (no ignore condition can leave it out).</param>
/// <param name="Type">The value's schema.</param>
internal sealed record JsonPropertySpec(string JsonName, bool Required, JsonTypeSpec Type);

/// <summary>An object type: the contract (key "") or a definition.</summary>
/// <param name="Key">The key under "definitions"; "" for the contract itself.</param>
/// <param name="ClrName">The C# type name.</param>
/// <param name="Properties">The properties in declaration order.</param>
/// <param name="AdditionalProperties">A [JsonExtensionData] member writes further properties.</param>
internal sealed record JsonObjectSpec(string Key, string ClrName, EquatableArray<JsonPropertySpec> Properties, bool AdditionalProperties);

/// <summary>The JSON side of a contract.</summary>
/// <param name="ContextType">The fully qualified JsonSerializerContext type.</param>
/// <param name="FullName">The schema's title and record name: namespace + "." + name.</param>
/// <param name="Doc">The schema's description.</param>
/// <param name="Objects">The contract's object first, then the definitions.</param>
internal sealed record JsonSpec(string ContextType, string FullName, string? Doc, EquatableArray<JsonObjectSpec> Objects);
