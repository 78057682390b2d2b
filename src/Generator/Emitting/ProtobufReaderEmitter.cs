using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Emitting;

/// <summary>
/// The deserializer of a plain Protobuf contract, the counterpart of the writers <see cref="ProtobufContractEmitter"/>
/// emits: per message, an unrolled <c>ReadMessage_*</c> that switches on each tag (field number and wire type) until the
/// message ends, reading what the writer writes and what other proto3 writers may (Protocol Buffers "Encoding"):
/// repeated scalars packed or not, map entries with either part missing, fields in any order, the last of a repeated
/// single field winning; any other tag (an unknown field, or a known one with another wire type) is skipped by its wire
/// type. A field the value lacks reads as its proto3 default (0, false, empty, the enum's 0 value, an empty list or map;
/// an absent message as the empty message decodes). The Confluent header and message index are checked by the runtime's
/// <c>ProtobufMessageReader</c>, as for protoc-generated contracts.
/// </summary>
internal static class ProtobufReaderEmitter
{
    private const string Runtime = "global::TypedProducer";
    private const string Reader = "global::TypedProducer.Serialization.ProtobufReader";
    private const string List = "global::System.Collections.Generic.List";
    private const string Dictionary = "global::System.Collections.Generic.Dictionary";
    private const int WireLen = 2;

    /// <summary>Why the contract cannot be deserialized (a message the generated code cannot construct), or null.</summary>
    public static string? NotSupported(ProtobufSpec proto) =>
        proto.Messages.Select(m => m.NotConstructible).FirstOrDefault(r => r is not null);

    /// <summary>The <c>CreateValueReader</c> override.</summary>
    public static void EmitCreateValueReader(SourceWriter w, ContractSpec contract, ProtobufSpec proto)
    {
        string type = contract.FullyQualifiedType;
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override {Runtime}.MessageValueReader<{type}> CreateValueReader({Runtime}.WriterSchema writerSchema) =>");
        if (NotSupported(proto) is { } reason)
        {
            w.Line($"    throw new global::System.NotSupportedException({SourceWriter.Literal($"{contract.TypeName} cannot be deserialized: {reason}.")});");
            return;
        }

        w.Line($"    global::TypedProducer.Serialization.ProtobufMessageReader.Create(writerSchema, {SourceWriter.Literal(contract.TypeName)}, s_valueSchema, new byte[] {{ 0 }}, static message => ReadValue(message));");
        w.Line();
        w.Line("/// <summary>Reads the contract's message from its Protobuf encoding (after the Confluent header).</summary>");
        w.Open($"private static {type} ReadValue(global::System.ReadOnlySpan<byte> message)");
        w.Line($"var reader = new {Reader}(message);");
        w.Line($"return {ReadName(proto.RootName)}(ref reader);");
        w.Close();
    }

    /// <summary>The reader methods of every message.</summary>
    public static void EmitMessageReaders(SourceWriter w, ProtobufSpec proto)
    {
        if (NotSupported(proto) is not null)
        {
            return;
        }

        HashSet<string> recursive = ProtobufContractEmitter.RecursiveMessages(proto);
        var empty = new HashSet<string>();
        foreach (ProtoFieldSpec field in proto.Messages.SelectMany(m => m.Fields))
        {
            if (field.Value.Kind == ProtoKind.Message && !(field.Label == ProtoLabel.Single && field.Value.IsNullable) && field.Label != ProtoLabel.Repeated)
            {
                empty.Add(field.Value.NamedType!);
            }
        }

        foreach (ProtoMessageSpec message in proto.Messages)
        {
            w.Line();
            EmitMessageReader(w, message, recursive.Contains(message.Name));
            w.Line();
            EmitMemberNames(w, message);
            if (empty.Contains(message.Name))
            {
                w.Line();
                w.Line($"/// <summary>The message an absent field holds: <see cref=\"{message.ClrType}\"/> as the empty message decodes.</summary>");
                w.Open($"private static {message.ClrType} {EmptyName(message.Name)}()");
                w.Line($"var reader = new {Reader}(default);");
                w.Line($"return {ReadName(message.Name)}(ref reader);");
                w.Close();
            }
        }
    }

    private static void EmitMessageReader(SourceWriter w, ProtoMessageSpec message, bool recursive)
    {
        w.Open($"private static {message.ClrType} {ReadName(message.Name)}(ref {Reader} reader)");
        foreach (ProtoFieldSpec field in message.Fields)
        {
            w.Line(Declaration(field));
        }

        w.Line("int field = 0;");
        w.Open("try");
        if (recursive)
        {
            // The message can contain itself: input nested too deep must fail, not overflow the stack.
            w.Line("reader.EnterRecursiveMessage();");
        }

        w.Open("for (uint tag; (tag = reader.ReadTag()) != 0;)");
        w.Line("field = (int)(tag >> 3);");
        w.Open("switch (tag)");
        foreach (ProtoFieldSpec field in message.Fields)
        {
            EmitCases(w, field);
        }

        w.Line("default:");
        w.Line("    reader.SkipField(tag); // an unknown field (or a known one with another wire type), as proto3 parsers do");
        w.Line("    break;");
        w.Close();
        w.Close();
        if (recursive)
        {
            w.Line("reader.ExitRecursiveMessage();");
        }

        w.Close();
        w.Open($"catch (global::System.Exception ex) when (ex is not ({Runtime}.MessageDeserializationException or {Runtime}.SchemaResolutionException))");
        w.Line($"throw new {Runtime}.MessageDeserializationException({MemberName(message.Name)}(field), \"field \" + field.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \": \" + ex.Message, ex);");
        w.Close();
        w.Line();
        w.Line($"return {Construct(message)};");
        w.Close();
    }

    /// <summary>The member a field number names, for errors: <c>Type.Member</c>, or <c>Type</c> for a field the contract does not have.</summary>
    private static void EmitMemberNames(SourceWriter w, ProtoMessageSpec message)
    {
        if (message.Fields.Count == 0)
        {
            w.Line($"private static string {MemberName(message.Name)}(int field) => {SourceWriter.Literal(message.ClrName)};");
            return;
        }

        w.Line($"private static string {MemberName(message.Name)}(int field) => field switch");
        w.Line("{");
        foreach (ProtoFieldSpec field in message.Fields)
        {
            w.Line($"    {Number(field.Number)} => {SourceWriter.Literal(message.ClrName + "." + field.MemberName)},");
        }

        w.Line($"    _ => {SourceWriter.Literal(message.ClrName)},");
        w.Line("};");
    }

    private static string Declaration(ProtoFieldSpec field)
    {
        string local = Local(field);
        ProtoValueSpec value = field.Value;
        switch (field.Label)
        {
            case ProtoLabel.Repeated:
                return $"{List}<{value.ClrType}>? {local} = null;";
            case ProtoLabel.Map:
                return $"{Dictionary}<{field.Key!.ClrType}, {value.ClrType}>? {local} = null;";
            default:
                return value.IsNullable || value.Kind == ProtoKind.Message
                    ? $"{value.ClrType}? {local} = null;"
                    : $"{value.ClrType} {local} = {DefaultValue(value)};";
        }
    }

    private static void EmitCases(SourceWriter w, ProtoFieldSpec field)
    {
        string local = Local(field);
        ProtoValueSpec value = field.Value;
        int own = ProtobufContractEmitter.WireType(value, single: false);
        switch (field.Label)
        {
            case ProtoLabel.Single:
                CaseLabel(w, field.Number, ProtobufContractEmitter.WireType(value, single: true));
                w.Open("");
                if (value.IsNullable && ProtoSchemaWriter.WrapperName(value.Kind) is not null)
                {
                    w.Line($"{local} = {Narrow(value, $"reader.Read{ProtobufContractEmitter.WrapperMethod(value.Kind)}()")};");
                }
                else
                {
                    ReadInto(w, value, v => $"{local} = {v};");
                }

                w.Line("break;");
                w.Close();
                break;
            case ProtoLabel.Repeated:
                string add = $"({local} ??= new {List}<{value.ClrType}>()).Add";
                if (ProtobufContractEmitter.IsPackable(value.Kind))
                {
                    // Parsers accept packed and unpacked encodings of a packable field alike ("Packed Repeated Fields").
                    CaseLabel(w, field.Number, WireLen);
                    w.Open("");
                    w.Line($"{local} ??= new {List}<{value.ClrType}>();");
                    w.Line("int packed = reader.PushLimit();");
                    w.Open("while (!reader.IsAtLimit)");
                    w.Line($"{local}.Add({Expression(value)});");
                    w.Close();
                    w.Line("reader.PopLimit(packed);");
                    w.Line("break;");
                    w.Close();
                }

                CaseLabel(w, field.Number, own);
                w.Open("");
                ReadInto(w, value, v => $"{add}({v});");
                w.Line("break;");
                w.Close();
                break;
            default:
                EmitMapEntry(w, field, local);
                break;
        }
    }

    /// <summary>A map entry: a message of key = 1 and value = 2, either of which may be missing; a repeated key's last entry wins ("Maps").</summary>
    private static void EmitMapEntry(SourceWriter w, ProtoFieldSpec field, string local)
    {
        ProtoValueSpec key = field.Key!, value = field.Value;
        CaseLabel(w, field.Number, WireLen);
        w.Open("");
        w.Line("int entry = reader.PushLimit();");
        w.Line($"{key.ClrType} key = {DefaultValue(key)};");
        w.Line(value.Kind == ProtoKind.Message ? $"{value.ClrType}? value = null;" : $"{value.ClrType} value = {DefaultValue(value)};");
        w.Open("for (uint entryTag; (entryTag = reader.ReadTag()) != 0;)");
        w.Open("switch (entryTag)");
        CaseLabel(w, 1, ProtobufContractEmitter.WireType(key, single: false));
        w.Line($"    key = {Expression(key)};");
        w.Line("    break;");
        CaseLabel(w, 2, ProtobufContractEmitter.WireType(value, single: false));
        w.Open("");
        ReadInto(w, value, v => $"value = {v};");
        w.Line("break;");
        w.Close();
        w.Line("default:");
        w.Line("    reader.SkipField(entryTag);");
        w.Line("    break;");
        w.Close();
        w.Close();
        w.Line("reader.PopLimit(entry);");
        string read = value.Kind == ProtoKind.Message ? $"value ?? {EmptyName(value.NamedType!)}()" : "value";
        w.Line($"({local} ??= new {Dictionary}<{key.ClrType}, {value.ClrType}>())[key] = {read};");
        w.Line("break;");
        w.Close();
    }

    /// <summary>Reads one value (no tag) and hands it to <paramref name="store"/>: a sub-message between its limits, anything else as one expression.</summary>
    private static void ReadInto(SourceWriter w, ProtoValueSpec value, System.Func<string, string> store)
    {
        if (value.Kind != ProtoKind.Message)
        {
            w.Line(store(Expression(value)));
            return;
        }

        w.Line("int limit = reader.PushLimit();");
        w.Line(store($"{ReadName(value.NamedType!)}(ref reader)"));
        w.Line("reader.PopLimit(limit);");
    }

    private static string Expression(ProtoValueSpec value) => value.Kind switch
    {
        ProtoKind.Bool => "reader.ReadBool()",
        ProtoKind.Int32 => Narrow(value, "reader.ReadInt32()"),
        ProtoKind.Int64 => "reader.ReadInt64()",
        ProtoKind.UInt32 => Narrow(value, "reader.ReadUInt32()"),
        ProtoKind.UInt64 => "reader.ReadUInt64()",
        ProtoKind.Float => "reader.ReadFloat()",
        ProtoKind.Double => "reader.ReadDouble()",
        ProtoKind.String => "reader.ReadString()",
        ProtoKind.Bytes => "reader.ReadBytes()",
        ProtoKind.Guid => "reader.ReadGuid()",
        ProtoKind.Timestamp => value.ClrType == "global::System.DateTime" ? "reader.ReadTimestampAsDateTime()" : "reader.ReadTimestamp()",
        ProtoKind.Duration => "reader.ReadDuration()",
        ProtoKind.Date => "reader.ReadDate()",
        ProtoKind.TimeOfDay => "reader.ReadTimeOfDay()",
        ProtoKind.Decimal => "reader.ReadDecimal()",
        // Enums are open in proto3 (any number reads), but must fit the C# enum's underlying type.
        _ => $"checked(({value.ClrType})reader.ReadInt32())",
    };

    /// <summary>sbyte, short, byte and ushort members travel as int32/uint32: a value outside the C# type fails (checked).</summary>
    private static string Narrow(ProtoValueSpec value, string read) =>
        value.Kind is ProtoKind.Int32 or ProtoKind.UInt32 && value.ClrType is not ("int" or "uint") ? $"checked(({value.ClrType}){read})" : read;

    /// <summary>The proto3 default of a non-nullable value the input lacks, as the C# type holds it.</summary>
    private static string DefaultValue(ProtoValueSpec value) => value.Kind switch
    {
        ProtoKind.Bool => "false",
        ProtoKind.String => "\"\"",
        ProtoKind.Bytes => "global::System.Array.Empty<byte>()",
        // An absent Timestamp decodes as the empty message: seconds = 0, nanos = 0, the Unix epoch.
        ProtoKind.Timestamp => value.ClrType + ".UnixEpoch",
        _ => "default",
    };

    /// <summary><c>new T(p: f1, ...) { M = f2, ... }</c>, with absent messages, lists and maps filled in.</summary>
    private static string Construct(ProtoMessageSpec message)
    {
        var arguments = new List<string>();
        var initializers = new List<string>();
        foreach (ProtoFieldSpec field in message.Fields)
        {
            string value = FinalValue(field);
            switch (field.Assignment)
            {
                case FieldAssignment.Constructor:
                    arguments.Add($"{ContractEmitter.Identifier(field.ParameterName!)}: {value}");
                    break;
                case FieldAssignment.Initializer:
                    initializers.Add($"{ContractEmitter.Identifier(field.MemberName)} = {value}");
                    break;
            }
        }

        foreach (string parameter in message.HeaderParameters)
        {
            arguments.Add($"{ContractEmitter.Identifier(parameter)}: default!"); // set from the record's headers (ReadHeaders)
        }

        string text = $"new {message.ClrType}({string.Join(", ", arguments)})";
        return initializers.Count == 0 ? text : text + " { " + string.Join(", ", initializers) + " }";
    }

    private static string FinalValue(ProtoFieldSpec field)
    {
        string local = Local(field);
        ProtoValueSpec value = field.Value;
        switch (field.Label)
        {
            case ProtoLabel.Repeated:
                return field.Shape == CollectionShape.Array
                    ? $"{local}?.ToArray() ?? global::System.Array.Empty<{value.ClrType}>()"
                    : $"{local} ?? new {List}<{value.ClrType}>()";
            case ProtoLabel.Map:
                return $"{local} ?? new {Dictionary}<{field.Key!.ClrType}, {value.ClrType}>()";
            default:
                return value.Kind == ProtoKind.Message && !value.IsNullable ? $"{local} ?? {EmptyName(value.NamedType!)}()" : local;
        }
    }

    private static void CaseLabel(SourceWriter w, int number, int wireType)
    {
        uint tag = ((uint)number << 3) | (uint)wireType;
        w.Line($"case {tag.ToString(CultureInfo.InvariantCulture)}: // field {Number(number)}, wire type {wireType.ToString(CultureInfo.InvariantCulture)}");
    }

    private static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Local(ProtoFieldSpec field) => "f" + Number(field.Number);

    private static string ReadName(string messageName) => "ReadMessage_" + messageName;

    private static string EmptyName(string messageName) => "EmptyMessage_" + messageName;

    private static string MemberName(string messageName) => "MemberOf_" + messageName;
}
