namespace TypedProducer.Generator.Model;

// The Protobuf model of one contract: plain, equatable data (see Specs.cs).

/// <summary>How a single Protobuf value is written.</summary>
internal enum ProtoKind
{
    Bool,
    Int32,
    Int64,
    UInt32,
    UInt64,
    Float,
    Double,
    String,
    Bytes,
    /// <summary>Guid as a string (canonical 36-character form).</summary>
    Guid,
    /// <summary>DateTime/DateTimeOffset as google.protobuf.Timestamp.</summary>
    Timestamp,
    /// <summary>TimeSpan as google.protobuf.Duration.</summary>
    Duration,
    /// <summary>DateOnly as google.type.Date.</summary>
    Date,
    /// <summary>TimeOnly as google.type.TimeOfDay.</summary>
    TimeOfDay,
    /// <summary>decimal as google.type.Decimal (a decimal string).</summary>
    Decimal,
    Enum,
    Message,
}

/// <summary>Whether a field holds one value, a repeated list or a map.</summary>
internal enum ProtoLabel
{
    Single,
    Repeated,
    Map,
}

/// <summary>One Protobuf value type.</summary>
/// <param name="Kind">How it is written.</param>
/// <param name="ClrType">The fully qualified C# type (global::...), without nullable annotation.</param>
/// <param name="IsNullable">For single fields: null is possible (written as absence: a wrapper type, <c>optional</c> or an absent message).</param>
/// <param name="NamedType">For enums and messages: the Protobuf name (unique in the contract's package).</param>
/// <param name="CheckedEnumCast">For enums whose underlying type is wider than int: the cast to int32 is checked.</param>
/// <param name="IsValueType">The C# type is a value type (no null check before writing it).</param>
internal sealed record ProtoValueSpec(ProtoKind Kind, string ClrType, bool IsNullable, string? NamedType, bool CheckedEnumCast, bool IsValueType);

/// <summary>A message field.</summary>
/// <param name="MemberName">The C# member.</param>
/// <param name="FieldName">The field's name in the .proto.</param>
/// <param name="Number">The field number.</param>
/// <param name="Label">Single, repeated or map.</param>
/// <param name="Value">The value (single), the element (repeated) or the map value.</param>
/// <param name="Key">The map key, for maps.</param>
/// <param name="Shape">How a repeated field or map is iterated.</param>
/// <param name="CollectionNullable">The repeated field or map may be null in C# (written as empty).</param>
internal sealed record ProtoFieldSpec(
    string MemberName,
    string FieldName,
    int Number,
    ProtoLabel Label,
    ProtoValueSpec Value,
    ProtoValueSpec? Key,
    CollectionShape Shape,
    bool CollectionNullable)
{
    /// <summary>How the deserializer sets the member.</summary>
    public FieldAssignment Assignment { get; init; } = FieldAssignment.Initializer;

    /// <summary>For <see cref="FieldAssignment.Constructor"/>: the constructor parameter's name.</summary>
    public string? ParameterName { get; init; }
}

/// <summary>A message and the C# type it comes from.</summary>
internal sealed record ProtoMessageSpec(string Name, string ClrType, string ClrName, bool IsValueType, string? Doc, EquatableArray<ProtoFieldSpec> Fields)
{
    /// <summary>Why a deserializer cannot build the C# type (no usable constructor, a get-only member no constructor sets), or null.</summary>
    public string? NotConstructible { get; init; }

    /// <summary>For the contract's message: constructor parameters of <c>[MessageHeader]</c> members, passed <c>default!</c> (the headers set them afterwards).</summary>
    public EquatableArray<string> HeaderParameters { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>An enum value: its .proto name and number.</summary>
internal sealed record ProtoEnumValueSpec(string Name, long Number);

/// <summary>An enum and the C# enum it comes from.</summary>
/// <param name="Name">The Protobuf enum name.</param>
/// <param name="ClrType">The C# enum type.</param>
/// <param name="AllowAlias">Two values share a number (<c>option allow_alias = true;</c>).</param>
/// <param name="Values">The values, the one numbered 0 first (proto3 requires it).</param>
internal sealed record ProtoEnumSpec(string Name, string ClrType, bool AllowAlias, EquatableArray<ProtoEnumValueSpec> Values);

/// <summary>The Protobuf side of a contract.</summary>
/// <param name="IsGeneratedMessage">A protoc-generated Google.Protobuf message: encoded by its own WriteTo, schema from its descriptor at run time.</param>
/// <param name="Package">The .proto package; empty for none.</param>
/// <param name="RootName">The contract's message name (the first message of the .proto, message index [0]).</param>
/// <param name="Messages">The messages, the contract's first.</param>
/// <param name="Enums">The enums.</param>
internal sealed record ProtobufSpec(
    bool IsGeneratedMessage,
    string Package,
    string RootName,
    EquatableArray<ProtoMessageSpec> Messages,
    EquatableArray<ProtoEnumSpec> Enums);
