using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedProducer.Generator.Model;

// The parser's output: plain, equatable data (strings, enums, bools, equatable arrays). Nothing here holds a
// symbol, syntax node, semantic model or Location, so unchanged contracts stay cached across edits.

/// <summary>How a value is written in Avro.</summary>
internal enum AvroKind
{
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Uuid,
    Date,
    TimeMicros,
    TimestampMillis,
    TimestampMicros,
    Decimal,
    Enum,
    Record,
    Array,
    Map,
    /// <summary>Avro fixed from byte[]; <see cref="TypeSpec.NamedType"/> names the fixed type.</summary>
    Fixed,
    /// <summary>The decimal logical type on a fixed.</summary>
    FixedDecimal,
    /// <summary>The duration logical type (fixed 12) from AvroDuration or TimeSpan.</summary>
    Duration,
    TimeMillis,
    LocalTimestampMillis,
    LocalTimestampMicros,
    /// <summary>A union of several records (polymorphic member); <see cref="TypeSpec.Branches"/> lists them.</summary>
    Union,
}

/// <summary>How a collection is iterated.</summary>
internal enum CollectionShape
{
    None,
    /// <summary>T[]: Length and indexer.</summary>
    Array,
    /// <summary>List&lt;T&gt;, IList&lt;T&gt;, IReadOnlyList&lt;T&gt;: Count and indexer.</summary>
    Indexable,
    /// <summary>ICollection&lt;T&gt;, IReadOnlyCollection&lt;T&gt;: Count and foreach.</summary>
    Countable,
    /// <summary>Dictionary-like with string keys: Count and foreach over KeyValuePair.</summary>
    Dictionary,
}

/// <summary>Which standard Kafka key serializer a key member uses.</summary>
internal enum KeyEncoding
{
    Utf8String,
    Int32,
    Int64,
    Uuid,
    Bytes,
}

/// <summary>A member's type as the serializer sees it.</summary>
/// <param name="Kind">The Avro type.</param>
/// <param name="ClrType">The fully qualified C# type (global::...), without nullable annotation.</param>
/// <param name="IsNullable">Written as a union with null.</param>
/// <param name="NullFirst">Null is union branch 0 (the default); false when a non-null default needs the value first.</param>
/// <param name="NamedType">For records and enums: the Avro full name, the key into the contract's named types.</param>
/// <param name="Element">For arrays and maps: the item or value type.</param>
/// <param name="Shape">How a collection is iterated.</param>
/// <param name="Precision">Decimal precision.</param>
/// <param name="Scale">Decimal scale.</param>
internal sealed record TypeSpec(
    AvroKind Kind,
    string ClrType,
    bool IsNullable,
    bool NullFirst,
    string? NamedType,
    TypeSpec? Element,
    CollectionShape Shape,
    int Precision,
    int Scale)
{
    /// <summary>For fixed kinds: the size in bytes.</summary>
    public int FixedSize { get; init; }

    /// <summary>For unions of records: the records' full names in branch order (null, when nullable, is not listed).</summary>
    public EquatableArray<string> Branches { get; init; } = EquatableArray<string>.Empty;

    /// <summary>For unions of records: the branch indexes (into <see cref="Branches"/>) in the order the type tests run, most derived first.</summary>
    public EquatableArray<int> BranchTestOrder { get; init; } = EquatableArray<int>.Empty;

    /// <summary>The C# type as declared, fully qualified, with nullable annotations (<c>global::System.Collections.Generic.List&lt;string?&gt;?</c>): what deserializers declare and build.</summary>
    public string DeclaredType { get; init; } = string.Empty;
}

/// <summary>How a deserializer gives a record field's value to the C# object.</summary>
internal enum FieldAssignment
{
    /// <summary>A computed member (no setter, no backing field): read and dropped.</summary>
    Discard,
    /// <summary>A constructor parameter (<see cref="FieldSpec.ParameterName"/>).</summary>
    Constructor,
    /// <summary>Set in the object initializer (a settable or init-only property, a writable field).</summary>
    Initializer,
}

/// <summary>A record field.</summary>
internal sealed record FieldSpec(string MemberName, string AvroName, string? Doc, string? DefaultJson, TypeSpec Type)
{
    /// <summary>The field's former names ("aliases").</summary>
    public EquatableArray<string> Aliases { get; init; } = EquatableArray<string>.Empty;

    /// <summary>How the deserializer sets the member.</summary>
    public FieldAssignment Assignment { get; init; } = FieldAssignment.Initializer;

    /// <summary>For <see cref="FieldAssignment.Constructor"/>: the constructor parameter's name.</summary>
    public string? ParameterName { get; init; }
}

/// <summary>An Avro named type (record, enum or fixed) and the C# type it comes from.</summary>
/// <remarks>For enums, <c>Symbols</c> lists every member name in declaration order (the symbol index is the
/// written value) and <c>EnumCases</c> the members that are the first with their constant value. A fixed has
/// <c>FixedSize</c> above 0 and no C# type of its own (<c>ClrType</c> describes it).</remarks>
internal sealed record NamedTypeSpec(
    string FullName,
    string Name,
    string Namespace,
    string? Doc,
    string ClrType,
    string ClrName,
    bool IsEnum,
    bool IsValueType,
    EquatableArray<FieldSpec> Fields,
    EquatableArray<string> Symbols,
    EquatableArray<string> EnumCases)
{
    /// <summary>The type's former names ("aliases").</summary>
    public EquatableArray<string> Aliases { get; init; } = EquatableArray<string>.Empty;

    /// <summary>For enums: the default symbol, or null.</summary>
    public string? EnumDefault { get; init; }

    /// <summary>For fixed types: the size in bytes (0 for records and enums).</summary>
    public int FixedSize { get; init; }

    /// <summary>For fixed types: the logical type ("decimal", "duration") or null.</summary>
    public string? LogicalType { get; init; }

    /// <summary>For a fixed decimal: the precision.</summary>
    public int Precision { get; init; }

    /// <summary>For a fixed decimal: the scale.</summary>
    public int Scale { get; init; }

    /// <summary>For records: why a deserializer cannot build the C# type (no usable constructor, a get-only member no constructor sets), or null.</summary>
    public string? NotConstructible { get; init; }

    /// <summary>For the contract's record: constructor parameters of <c>[MessageHeader]</c> members, passed <c>default!</c> (the headers set them afterwards).</summary>
    public EquatableArray<string> HeaderParameters { get; init; } = EquatableArray<string>.Empty;

    /// <summary>A fixed type (no serializer method of its own).</summary>
    public bool IsFixed => FixedSize > 0;
}

/// <summary>How a <c>[MessageHeader]</c> member's value is encoded (TypedProducer.Serialization.KafkaHeaderEncoding).</summary>
internal enum HeaderEncoding
{
    Utf8String,
    Int16,
    Int32,
    Int64,
    Boolean,
    Uuid,
    /// <summary>The UTF-8 of the enum member's name.</summary>
    Enum,
    /// <summary>A DateTimeOffset as big-endian epoch milliseconds.</summary>
    TimestampMillis,
    Bytes,
}

/// <summary>A <c>[MessageHeader]</c> member: written as a record header, left out of the value.</summary>
/// <param name="MemberName">The C# member.</param>
/// <param name="HeaderName">The header name.</param>
/// <param name="Encoding">The value encoding.</param>
/// <param name="ClrType">The fully qualified member type without nullable annotation (for enums, the enum).</param>
/// <param name="IsNullable">Null leaves the header out; an absent header reads as null.</param>
internal sealed record HeaderSpec(string MemberName, string HeaderName, HeaderEncoding Encoding, string ClrType, bool IsNullable)
{
    /// <summary>For enums: the member names that are the first with their constant value (what is written).</summary>
    public EquatableArray<string> EnumCases { get; init; } = EquatableArray<string>.Empty;

    /// <summary>For enums: every member name (what is read).</summary>
    public EquatableArray<string> EnumNames { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>A key or partition-key member.</summary>
internal sealed record KeySpec(string MemberName, KeyEncoding Encoding, bool IsNullable);

/// <summary>
/// Everything the emitter needs for one contract. Avro contracts fill <c>NamedTypes</c>; Protobuf and JSON contracts
/// leave it empty and fill <c>Protobuf</c> or <c>Json</c> instead (Model/ProtobufSpecs.cs, Model/JsonSpecs.cs).
/// </summary>
internal sealed record ContractSpec(
    string Namespace,
    string TypeName,
    string FullyQualifiedType,
    string Accessibility,
    string DeclarationKeyword,
    string Topic,
    string HintName,
    KeySpec? Key,
    KeySpec? PartitionKey,
    EquatableArray<NamedTypeSpec> NamedTypes,
    ProtobufSpec? Protobuf = null,
    JsonSpec? Json = null)
{
    /// <summary>The <c>[MessageHeader]</c> members, in declaration order.</summary>
    public EquatableArray<HeaderSpec> Headers { get; init; } = EquatableArray<HeaderSpec>.Empty;

    /// <summary>Header members are set on a read message with <c>with { ... }</c> (records and structs) rather than by assignment.</summary>
    public bool HeadersByWith { get; init; }
}

/// <summary>A source position without a Location object: file path and spans are equatable values.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || !location.IsInSource ? null : new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>A diagnostic to report, as data.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments);

/// <summary>The transform's result: a spec when the contract can be generated, and diagnostics either way.</summary>
internal sealed record ContractResult(ContractSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
