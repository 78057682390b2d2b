using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TypedProducer.Generator;

/// <summary>
/// The generator's diagnostics (TPK0xxx): contract shapes it cannot generate code for. They are errors because
/// the contract would otherwise produce no producer at all. Docs: docs/diagnostics/{id}.md.
/// </summary>
internal static class DiagnosticDescriptors
{

    public static readonly DiagnosticDescriptor ContractNotPartial = Create(
        "TPK0001",
        "Kafka message contract must be partial",
        "Contract '{0}' must be declared partial: the generator adds its IKafkaMessage implementation to it",
        "Usage",
        "The generator implements TypedProducer.IKafkaMessage<T> on the contract type, which needs a partial declaration. Without it no producer is generated.");

    public static readonly DiagnosticDescriptor ContractNestedOrGeneric = Create(
        "TPK0002",
        "Kafka message contract must be a top-level, non-generic type",
        "Contract '{0}' is {1}; declare it as a non-generic type directly in a namespace",
        "Usage",
        "Producers are generated as top-level types named after the contract; nested and generic contracts are not supported.");

    public static readonly DiagnosticDescriptor FormatNotGenerated = Create(
        "TPK0003",
        "Unknown message format",
        "Contract '{0}' uses format '{1}', which is not a MessageFormat this generator knows; use MessageFormat.Avro, MessageFormat.Protobuf or MessageFormat.Json",
        "Usage",
        "The generator writes the Avro, Protobuf and JSON Schema wire formats. A format value outside the MessageFormat enum (a cast integer, or a member added by a newer runtime than the generator) gets no serializer, so the contract produces no code.");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(
        "TPK0004",
        "Member type cannot be serialized",
        "Member '{0}' of type '{1}' cannot be serialized to Avro: {2}",
        "Usage",
        "Supported: string, bool, byte/short/int/long (and unsigned up to uint), float, double, byte[] (bytes, or fixed with [AvroFixed]), Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan and AvroDuration (duration), decimal with [AvroDecimal], enums, nullable forms of these, nested classes/records/structs, abstract types and interfaces with [AvroUnion], arrays and lists, and dictionaries with string keys. Mark other members [MessageIgnore].");

    public static readonly DiagnosticDescriptor DecimalWithoutPrecision = Create(
        "TPK0005",
        "Decimal member needs precision and scale",
        "Decimal member '{0}' needs [AvroDecimal(precision, scale)]: the Avro decimal logical type has no default precision",
        "Usage",
        "The Avro decimal logical type writes an unscaled integer; readers need the precision and scale from the schema to read it back.");

    public static readonly DiagnosticDescriptor InvalidDecimalPrecision = Create(
        "TPK0006",
        "Invalid decimal precision or scale",
        "Member '{0}' has precision {1} and scale {2}; required: 1 <= precision <= 38 and 0 <= scale <= min(precision, 28)",
        "Usage",
        "Avro requires 0 <= scale <= precision; System.Decimal holds at most 28 fractional digits, and the serializer supports up to 38 digits.");

    public static readonly DiagnosticDescriptor MultipleKeys = Create(
        "TPK0007",
        "Several members claim the same key role",
        "Contract '{0}' has more than one [{1}] member ('{2}' and '{3}'); keep one",
        "Usage",
        "A Kafka record has one key and one partition.");

    public static readonly DiagnosticDescriptor UnsupportedKeyType = Create(
        "TPK0008",
        "Key member type has no standard Kafka serializer",
        "Key member '{0}' has type '{1}'; use string, int, long, Guid or byte[] (the types with a standard Java/Confluent key serializer)",
        "Usage",
        "Keys are serialized as the Java client's StringSerializer, IntegerSerializer, LongSerializer, UUIDSerializer or ByteArraySerializer do, so that other clients put a key on the same partition.");

    public static readonly DiagnosticDescriptor InvalidAvroName = Create(
        "TPK0009",
        "Invalid Avro name",
        "'{0}' is not a valid Avro {1} name; names must match [A-Za-z_][A-Za-z0-9_]* (namespaces: such names separated by dots)",
        "Usage",
        "Apache Avro 1.11 specification, \"Names\": the name portion of a fullname, record field names and enum symbols must match [A-Za-z_][A-Za-z0-9_]*.");

    public static readonly DiagnosticDescriptor DuplicateFieldName = Create(
        "TPK0010",
        "Duplicate Avro field name",
        "Record '{0}' has two fields named '{1}'",
        "Usage",
        "Field names must be unique within a record (Apache Avro 1.11 specification, \"Complex Types: Records\").");

    public static readonly DiagnosticDescriptor NamedTypeCollision = Create(
        "TPK0011",
        "Two types map to one Avro name",
        "Types '{0}' and '{1}' both map to the Avro name '{2}' in contract '{3}'; rename one or set a distinct namespace",
        "Usage",
        "A schema defines each named type once (Apache Avro 1.11 specification, \"Names\"); two C# types with one Avro full name cannot both be written.");

    public static readonly DiagnosticDescriptor ContractCannotImplementInterface = Create(
        "TPK0012",
        "Kafka message contract cannot implement the generated interface",
        "Contract '{0}' is {1}, which cannot implement TypedProducer.IKafkaMessage<T>; use a non-static class, record or struct",
        "Usage",
        "The generator adds IKafkaMessage<T> to the contract. Static classes cannot implement interfaces, ref structs cannot be type arguments, and a file-local type is not visible to the generated producer.");

    public static readonly DiagnosticDescriptor InvalidFieldDefault = Create(
        "TPK0013",
        "Invalid Avro field default",
        "The default of field '{0}' is invalid: {1}",
        "Usage",
        "[AvroField(Default = ...)] is written verbatim into the schema as the field's \"default\". It must be a JSON literal that matches the field's type (Apache Avro 1.11 specification, \"Complex Types: Records\", field default values); otherwise the schema is invalid or readers reject the default.");

    public static readonly DiagnosticDescriptor AttributeDoesNotApply = Create(
        "TPK0014",
        "Avro attribute does not apply to the member's type",
        "[{0}] on member '{1}' does not apply to its type '{2}': {3}",
        "Usage",
        "[AvroFixed], [AvroTime], [AvroTimestamp] and [AvroUnion] choose how a member of one particular kind of type is written. On any other type the attribute would be silently ignored and the schema would not say what its author meant, so it is an error.");

    public static readonly DiagnosticDescriptor InvalidEnumDefault = Create(
        "TPK0015",
        "Invalid Avro enum default",
        "Enum '{0}' has the default symbol '{1}', which is not one of its symbols: {2}",
        "Usage",
        "The enum schema's \"default\" must be one of its symbols (Apache Avro 1.11 specification, \"Complex Types: Enums\"); readers use it for symbols they do not know, and schema parsers reject an enum whose default is not a symbol.");

    public static readonly DiagnosticDescriptor InvalidFixedSize = Create(
        "TPK0016",
        "Invalid Avro fixed size",
        "Member '{0}' has a fixed size of {1} bytes: {2}",
        "Usage",
        "A fixed holds at least 1 byte; the duration logical type is a fixed of exactly 12 bytes; the decimal logical type on a fixed of n bytes holds at most floor(log10(2^(8n-1) - 1)) digits (Apache Avro 1.11 specification, \"Complex Types: Fixed\" and \"Logical Types\").");

    public static readonly DiagnosticDescriptor InvalidUnionBranch = Create(
        "TPK0017",
        "Invalid Avro union branch",
        "[AvroUnion] for member '{0}' of type '{1}' is invalid: {2}",
        "Usage",
        "Each type listed in [AvroUnion] becomes one record branch of the member's union: it must be a concrete, non-generic class, record or struct assignable to the member's type, listed once. A union may not contain two records with the same name (Apache Avro 1.11 specification, \"Complex Types: Unions\").");

    // Protobuf and JSON contracts (issue 4): TPK0020 upward.

    public static readonly DiagnosticDescriptor ProtoFieldNumberMissing = Create(
        "TPK0020",
        "Protobuf member without a field number",
        "Member '{0}' of Protobuf message '{1}' has no [ProtoField(number)]; give it a field number or mark it [MessageIgnore]",
        "Usage",
        "A Protocol Buffers field is identified on the wire by its number, not its name. Numbers are part of the contract and must never change, so the generator does not invent them: every serialized member of a Protobuf contract, and of the classes, records and structs it contains, needs [ProtoField(n)].");

    public static readonly DiagnosticDescriptor ProtoFieldNumberDuplicate = Create(
        "TPK0021",
        "Duplicate Protobuf field number",
        "Members '{0}' and '{1}' of Protobuf message '{2}' both use field number {3}",
        "Usage",
        "Field numbers must be unique within a message (Protocol Buffers Language Guide (proto3), \"Assigning Field Numbers\"); protoc refuses such a .proto, and a reader could not tell the two fields apart.");

    public static readonly DiagnosticDescriptor ProtoFieldNumberInvalid = Create(
        "TPK0022",
        "Invalid Protobuf field number",
        "Member '{0}' has field number {1}; use 1 to 536,870,911, except 19,000 to 19,999 (reserved for the Protocol Buffers implementation)",
        "Usage",
        "Protocol Buffers Language Guide (proto3), \"Assigning Field Numbers\": the smallest field number is 1 and the largest 2^29 - 1 = 536,870,911; 19,000 to 19,999 are reserved. protoc and the schema registry reject other numbers.");

    public static readonly DiagnosticDescriptor ProtoUnsupportedMemberType = Create(
        "TPK0023",
        "Member type has no Protobuf mapping",
        "Member '{0}' of type '{1}' cannot be serialized to Protobuf: {2}",
        "Usage",
        "Supported: bool, integers (sbyte/short/int as int32, byte/ushort/uint as uint32, long as int64, ulong as uint64), float, double, string, byte[], Guid (string), DateTime and DateTimeOffset (google.protobuf.Timestamp), TimeSpan (google.protobuf.Duration), DateOnly (google.type.Date), TimeOnly (google.type.TimeOfDay), decimal (google.type.Decimal), enums, nested classes, records and structs (messages), nullable scalars (google.protobuf wrappers), arrays and lists (repeated, without null elements) and dictionaries with string, bool or integer keys (map). Mark other members [MessageIgnore].");

    public static readonly DiagnosticDescriptor ProtoGeneratedMessageFormat = Create(
        "TPK0024",
        "protoc-generated message needs the Protobuf format",
        "Contract '{0}' is a protoc-generated Google.Protobuf message; declare it with Format = MessageFormat.Protobuf",
        "Usage",
        "A class that implements Google.Protobuf.IMessage<T> is encoded by its own generated WriteTo, and its schema is its .proto file descriptor. Serializing its generated members as Avro or JSON would describe protoc's implementation, not the message.");

    public static readonly DiagnosticDescriptor ProtoInvalidName = Create(
        "TPK0025",
        "Invalid or duplicate Protobuf name",
        "Protobuf {0} name '{1}' in contract '{2}' {3}",
        "Usage",
        "Protocol Buffers identifiers match [A-Za-z_][A-Za-z0-9_]* (package: such identifiers separated by dots), and messages, enums and enum values share one scope per package, fields one scope per message (Protocol Buffers Language Specification). protoc and the schema registry reject a .proto that breaks these rules.");

    public static readonly DiagnosticDescriptor JsonContextMissing = Create(
        "TPK0026",
        "JSON contract needs a JsonSerializerContext",
        "JSON contract '{0}' needs a System.Text.Json source-generation context: {1}",
        "Usage",
        "JSON values are written by System.Text.Json's source-generated metadata, never by reflection. Source generators cannot see each other's output, so TypedProducer cannot declare the context itself: declare a partial class deriving from JsonSerializerContext with [JsonSerializable(typeof(TheContract))] and name it in [KafkaMessage(JsonContext = typeof(...))].");

    public static readonly DiagnosticDescriptor JsonContextMissingType = Create(
        "TPK0027",
        "JsonSerializerContext does not include the contract",
        "JsonSerializerContext '{0}' has no [JsonSerializable(typeof({1}))]; add it so that System.Text.Json generates the metadata that writes the contract",
        "Usage",
        "Without [JsonSerializable(typeof(TheContract))] the context has no metadata for the contract, and every produce would fail with NotSupportedException at run time.");

    public static readonly DiagnosticDescriptor JsonUnsupportedMember = Create(
        "TPK0028",
        "Member has no JSON Schema mapping",
        "Member '{0}' of type '{1}' cannot be described in the generated JSON Schema: {2}",
        "Usage",
        "The generator derives the JSON Schema (draft-07) from the same rules System.Text.Json's source generator uses to write the value. Custom converters, polymorphic types and some key types write JSON whose shape is not known at compile time, so no schema can be registered for it. Supported: strings, char, bool, integers, float, double, decimal, DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Guid, byte[] (base64), enums (numbers, or strings with JsonStringEnumConverter/UseStringEnumConverter), nested classes, records and structs, arrays, lists, sets, dictionaries with string, integer, Guid or enum keys, JsonElement/JsonNode and object (any JSON).");

    public static readonly DiagnosticDescriptor KeyMemberNotFound = Create(
        "TPK0029",
        "Key member not found",
        "{0} = \"{1}\" on contract '{2}' names no public instance property or field",
        "Usage",
        "[KafkaMessage(KeyMember = ..., PartitionKeyMember = ...)] names the member that is the message key or partition key, for types whose members cannot carry [MessageKey] (protoc-generated messages). Without that member the contract would be produced without a key, and records with equal keys would no longer share a partition.");

    public static readonly DiagnosticDescriptor UnsupportedHeaderMember = Create(
        "TPK0030",
        "Member cannot be a message header",
        "Member '{0}' of type '{1}' cannot be a [MessageHeader]: {2}",
        "Usage",
        "A [MessageHeader] member is written as a Kafka record header with a standard encoding and read back by the generated deserializer. Supported: string (UTF-8), short, int and long (big-endian, as Kafka's Java ShortSerializer, IntegerSerializer and LongSerializer), bool (one byte), Guid (its 36-character string, as UUIDSerializer), enums (the member's name), DateTimeOffset (big-endian epoch milliseconds) and byte[] (raw), and nullable forms of these. The member must belong to the contract type itself and be settable after the value is read (a record's or struct's member, or a property with a setter). Another type would have no encoding a consumer could read, so the contract gets no code.");

    public static readonly DiagnosticDescriptor InvalidHeaderName = Create(
        "TPK0031",
        "Invalid message header name",
        "Header name \"{0}\" of member '{1}' {2}",
        "Usage",
        "Each [MessageHeader] name must be non-empty and used by one member only, and must not be one of the trace-context headers the producer writes itself when tracing (traceparent, tracestate, baggage, Request-Id, Correlation-Context; DistributedContextPropagator's fields, compared ignoring case as HTTP header names are): a consumer reading the last header of that name would read the other value.");

    public static readonly DiagnosticDescriptor ProtoMessageWithoutParser = Create(
        "TPK0032",
        "Protobuf message lacks protoc's static members",
        "Contract '{0}' implements Google.Protobuf.IMessage<T> but has no {1}, which protoc-generated messages have",
        "Usage",
        "An IMessage<T> contract is encoded with its own CalculateSize/WriteTo, read back with its static Parser (MessageParser<T>.ParseFrom), and registered from its static Descriptor (the .proto file descriptor and the message-index path). protoc's C# code declares both; a message written by hand without them cannot be read or registered, so the contract gets no code (rather than generated code that does not compile). Generate the class with protoc, add the two static properties, or drop IMessage<T> and use [ProtoField] members.");

    /// <summary>Every descriptor, by id.</summary>
    public static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ById = new Dictionary<string, DiagnosticDescriptor>
    {
        [ContractNotPartial.Id] = ContractNotPartial,
        [ContractNestedOrGeneric.Id] = ContractNestedOrGeneric,
        [FormatNotGenerated.Id] = FormatNotGenerated,
        [UnsupportedMemberType.Id] = UnsupportedMemberType,
        [DecimalWithoutPrecision.Id] = DecimalWithoutPrecision,
        [InvalidDecimalPrecision.Id] = InvalidDecimalPrecision,
        [MultipleKeys.Id] = MultipleKeys,
        [UnsupportedKeyType.Id] = UnsupportedKeyType,
        [InvalidAvroName.Id] = InvalidAvroName,
        [DuplicateFieldName.Id] = DuplicateFieldName,
        [NamedTypeCollision.Id] = NamedTypeCollision,
        [ContractCannotImplementInterface.Id] = ContractCannotImplementInterface,
        [InvalidFieldDefault.Id] = InvalidFieldDefault,
        [AttributeDoesNotApply.Id] = AttributeDoesNotApply,
        [InvalidEnumDefault.Id] = InvalidEnumDefault,
        [InvalidFixedSize.Id] = InvalidFixedSize,
        [InvalidUnionBranch.Id] = InvalidUnionBranch,
        [ProtoFieldNumberMissing.Id] = ProtoFieldNumberMissing,
        [ProtoFieldNumberDuplicate.Id] = ProtoFieldNumberDuplicate,
        [ProtoFieldNumberInvalid.Id] = ProtoFieldNumberInvalid,
        [ProtoUnsupportedMemberType.Id] = ProtoUnsupportedMemberType,
        [ProtoGeneratedMessageFormat.Id] = ProtoGeneratedMessageFormat,
        [ProtoInvalidName.Id] = ProtoInvalidName,
        [JsonContextMissing.Id] = JsonContextMissing,
        [JsonContextMissingType.Id] = JsonContextMissingType,
        [JsonUnsupportedMember.Id] = JsonUnsupportedMember,
        [KeyMemberNotFound.Id] = KeyMemberNotFound,
        [UnsupportedHeaderMember.Id] = UnsupportedHeaderMember,
        [InvalidHeaderName.Id] = InvalidHeaderName,
        [ProtoMessageWithoutParser.Id] = ProtoMessageWithoutParser,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, string description) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: description, helpLinkUri: string.Format(System.Globalization.CultureInfo.InvariantCulture, RepositoryInfo.DiagnosticHelpLinkFormat, id));
}
