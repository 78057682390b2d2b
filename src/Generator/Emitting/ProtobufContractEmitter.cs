using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Emitting;

/// <summary>
/// The Protobuf parts of a contract class. Plain contracts: the <c>.proto</c> text as a constant and one unrolled
/// writer method per message, writing precomputed tag bytes and values into a <c>ProtobufWriter</c> (proto3
/// semantics: fields at their default value are left out, packed repeated scalars, map entries as key = 1,
/// value = 2). protoc-generated messages: the message's own <c>CalculateSize</c>/<c>WriteTo</c> and, as the schema,
/// the base64 of its serialized FileDescriptorProto read from its descriptor at run time, which is what Confluent's
/// own .NET ProtobufSerializer registers.
/// </summary>
internal static class ProtobufContractEmitter
{
    private const string Runtime = "global::TypedProducer";
    private const string Writer = "global::TypedProducer.Serialization.ProtobufWriter";
    private const string WireFormat = "global::TypedProducer.Serialization.ProtobufWireFormat";
    private const string NotNull = " ?? throw new global::System.ArgumentNullException(null, \"The value is null but its type is not nullable.\")";

    private const int WireVarint = 0, WireI64 = 1, WireLen = 2, WireI32 = 5;

    public static void EmitSchemaMembers(SourceWriter w, ContractSpec contract, ProtobufSpec proto)
    {
        if (proto.IsGeneratedMessage)
        {
            string type = contract.FullyQualifiedType;
            w.Line("/// <summary>");
            w.Line("/// The value schema: the base64 of the message's serialized FileDescriptorProto (its .proto file, from");
            w.Line($"/// <c>{SourceWriter.XmlEscape(contract.TypeName)}.Descriptor.File</c>), as Confluent's .NET ProtobufSerializer registers it; the");
            w.Line("/// full name is the message's (package.Message). Imports other than google/protobuf/*, google/type/* and confluent/* (files the");
            w.Line("/// registry ships) are its references, registered under their import paths before it.");
            w.Line("/// </summary>");
            w.Line($"private static readonly {Runtime}.MessageSchema s_valueSchema = CreateValueSchema();");
            w.Line();
            w.Line("/// <summary>The message's Confluent message-index array (its path in the .proto file), encoded once.</summary>");
            w.Line("private static readonly byte[] s_messageIndexes = EncodeMessageIndexes();");
            w.Line();
            w.Line("/// <summary>The Protobuf full name of the message (package.Message), from its descriptor.</summary>");
            w.Line("public static string ProtobufMessageName => s_valueSchema.FullName;");
            w.Line();
            w.Open($"private static {Runtime}.MessageSchema CreateValueSchema()");
            w.Line($"global::Google.Protobuf.Reflection.MessageDescriptor descriptor = {type}.Descriptor;");
            w.Line("string schema = descriptor.File.SerializedData.ToBase64();");
            w.Line($"global::System.Collections.Generic.IReadOnlyList<{Runtime}.MessageSchemaReference> references = {Runtime}.MessageSchemaReference.FromProtobufImports(");
            w.Line("    descriptor.File.Dependencies, static file => (file.Name, file.SerializedData.ToBase64(), file.Dependencies));");
            w.Line($"return new {Runtime}.MessageSchema({Runtime}.SchemaRegistry.SchemaType.Protobuf, descriptor.FullName, schema, schema, references);");
            w.Close();
            w.Line();
            w.Open("private static byte[] EncodeMessageIndexes()");
            w.Line("var path = new global::System.Collections.Generic.List<int>();");
            w.Open($"for (global::Google.Protobuf.Reflection.MessageDescriptor? descriptor = {type}.Descriptor; descriptor is not null; descriptor = descriptor.ContainingType)");
            w.Line("path.Insert(0, descriptor.Index);");
            w.Close();
            w.Line($"return {WireFormat}.EncodeMessageIndexes(path.ToArray());");
            w.Close();
            w.Line();
            return;
        }

        string fullName = proto.Package.Length == 0 ? proto.RootName : proto.Package + "." + proto.RootName;
        w.Line("/// <summary>The value schema: the .proto text (proto3) registered with the schema registry; the contract's message comes first (message index [0]).</summary>");
        w.Line($"public const string ProtobufSchema = {SourceWriter.Literal(ProtoSchemaWriter.Write(proto))};");
        w.Line();
        w.Line("/// <summary>The Protobuf full name of the contract's message (package.Message).</summary>");
        w.Line($"public const string ProtobufMessageName = {SourceWriter.Literal(fullName)};");
        w.Line();
        w.Line($"private static readonly {Runtime}.MessageSchema s_valueSchema = new({Runtime}.SchemaRegistry.SchemaType.Protobuf, ProtobufMessageName, ProtobufSchema, ProtobufSchema);");
        w.Line();
    }

    public static void EmitWriteValue(SourceWriter w, ContractSpec contract, ProtobufSpec proto)
    {
        string type = contract.FullyQualifiedType;
        w.Line("/// <inheritdoc />");
        w.Open($"public override void WriteValue({type} message, int schemaId, {ContractEmitter.BufferWriter} destination)");
        if (proto.IsGeneratedMessage)
        {
            // The header and the message are written straight into the destination's span.
            w.Open("try");
            w.Line("byte[] indexes = s_messageIndexes;");
            w.Line("int size = message.CalculateSize();");
            w.Line("int length = 5 + indexes.Length + size;");
            w.Line("global::System.Span<byte> value = destination.GetSpan(length);");
            w.Line("value[0] = 0;");
            w.Line("global::System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(value.Slice(1), schemaId);");
            w.Line("global::System.MemoryExtensions.CopyTo(indexes, value.Slice(5));");
            w.Line("global::Google.Protobuf.MessageExtensions.WriteTo(message, value.Slice(5 + indexes.Length, size));");
            w.Line("destination.Advance(length);");
            w.Close();
            w.Open($"catch (global::System.Exception ex) when (ex is not {Runtime}.MessageSerializationException)");
            w.Line($"throw new {Runtime}.MessageSerializationException({SourceWriter.Literal(contract.TypeName)}, ex.Message, ex);");
            w.Close();
            w.Close();
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line($"public override {Runtime}.MessageValueReader<{type}> CreateValueReader({Runtime}.WriterSchema writerSchema) =>");
            w.Line($"    global::TypedProducer.Serialization.ProtobufMessageReader.Create(writerSchema, {SourceWriter.Literal(contract.TypeName)}, s_valueSchema, s_messageIndexes, static message => {type}.Parser.ParseFrom(message));");
            return;
        }

        w.Line($"var writer = new {Writer}(256);");
        w.Open("try");
        w.Line($"writer.WriteConfluentHeader(schemaId, {WireFormat}.FirstMessageIndexes);");
        w.Line($"{MethodName(proto.RootName)}(ref writer, message);");
        w.Line($"{ContractEmitter.BuffersExtensions}.Write(destination, writer.WrittenSpan);");
        w.Close();
        w.Open("finally");
        w.Line("writer.Dispose();");
        w.Close();
        w.Close();
    }

    public static void EmitMessageWriters(SourceWriter w, ProtobufSpec proto)
    {
        HashSet<string> recursive = RecursiveMessages(proto);
        foreach (ProtoMessageSpec message in proto.Messages)
        {
            w.Line();
            EmitMessageWriter(w, message, recursive.Contains(message.Name));
        }
    }

    private static void EmitMessageWriter(SourceWriter w, ProtoMessageSpec message, bool recursive)
    {
        w.Open($"private static void {MethodName(message.Name)}(ref {Writer} writer, {message.ClrType} value)");
        if (message.Fields.Count == 0)
        {
            w.Close();
            return;
        }

        if (recursive)
        {
            // The message can contain itself: a cyclic object graph must fail, not overflow the stack.
            w.Line($"writer.EnterRecursiveMessage({SourceWriter.Literal(message.ClrName)});");
        }

        w.Line("string member = \"\";");
        w.Open("try");
        foreach (ProtoFieldSpec field in message.Fields)
        {
            w.Line($"member = {SourceWriter.Literal(field.MemberName)};");
            EmitField(w, field);
        }

        w.Close();
        w.Open($"catch (global::System.Exception ex) when (ex is not {Runtime}.MessageSerializationException)");
        w.Line($"throw new {Runtime}.MessageSerializationException({SourceWriter.Literal(message.ClrName + ".")} + member, ex.Message, ex);");
        w.Close();
        if (recursive)
        {
            w.Line("writer.ExitRecursiveMessage();");
        }

        w.Close();
    }

    private static void EmitField(SourceWriter w, ProtoFieldSpec field)
    {
        string access = "value." + ContractEmitter.Identifier(field.MemberName);
        string local = "f" + field.Number.ToString(CultureInfo.InvariantCulture);
        switch (field.Label)
        {
            case ProtoLabel.Single:
                EmitSingle(w, field, access, local);
                break;
            case ProtoLabel.Repeated:
                EmitRepeated(w, field, access, local);
                break;
            default:
                EmitMap(w, field, access, local);
                break;
        }
    }

    private static void EmitSingle(SourceWriter w, ProtoFieldSpec field, string access, string local)
    {
        ProtoValueSpec value = field.Value;
        if (value.IsNullable)
        {
            // Presence: a wrapper message for scalars, 'optional' for enums, an absent message otherwise.
            w.Open($"if ({access} is {{ }} {local})");
            w.Line(Tag(field.Number, WireType(value, single: true)));
            if (ProtoSchemaWriter.WrapperName(value.Kind) is not null)
            {
                w.Line($"writer.Write{WrapperMethod(value.Kind)}({local});");
            }
            else
            {
                WriteValue(w, value, local, local + "s", checkNull: false);
            }

            w.Close();
            return;
        }

        string tag = Tag(field.Number, WireType(value, single: true));
        switch (value.Kind)
        {
            case ProtoKind.Bool:
                w.Open($"if ({access})");
                w.Line(tag);
                w.Line("writer.WriteBool(true);");
                w.Close();
                return;
            case ProtoKind.Int32 or ProtoKind.Int64 or ProtoKind.UInt32 or ProtoKind.UInt64:
                w.Line($"var {local} = {access};");
                w.Open($"if ({local} != 0)");
                break;
            case ProtoKind.Float:
                w.Line($"float {local} = {access};");
                w.Open($"if (global::System.BitConverter.SingleToInt32Bits({local}) != 0)");
                break;
            case ProtoKind.Double:
                w.Line($"double {local} = {access};");
                w.Open($"if (global::System.BitConverter.DoubleToInt64Bits({local}) != 0)");
                break;
            case ProtoKind.String or ProtoKind.Bytes:
                w.Line($"var {local} = {access}{NotNull};");
                w.Open($"if ({local}.Length != 0)");
                break;
            case ProtoKind.Enum:
                w.Line($"int {local} = {EnumToInt(value, access)};");
                w.Open($"if ({local} != 0)");
                w.Line(tag);
                w.Line($"writer.WriteEnum({local});");
                w.Close();
                return;
            case ProtoKind.Message:
                w.Line(tag);
                WriteValue(w, value, access, local + "s", checkNull: true);
                return;
            default:
                // Guid (always a 36-character string) and the well-known messages (explicit presence): always written.
                w.Line(tag);
                WriteValue(w, value, access, local + "s", checkNull: false);
                return;
        }

        w.Line(tag);
        WriteValue(w, value, local, local + "s", checkNull: false);
        w.Close();
    }

    private static void EmitRepeated(SourceWriter w, ProtoFieldSpec field, string access, string local)
    {
        ProtoValueSpec element = field.Value;
        w.Open("");
        EmitCollectionLocal(w, field, access, local);
        string item = local + "i";
        if (IsPackable(element.Kind))
        {
            // proto3 packs repeated scalar numeric fields: one length-delimited run of values (none when empty).
            string count = field.Shape == CollectionShape.Array ? $"{local}.Length" : $"{local}.Count";
            w.Open($"if ({count} > 0)");
            w.Line(Tag(field.Number, WireLen));
            w.Line($"int {local}s = writer.BeginLengthDelimited();");
            OpenLoop(w, field, local, item);
            WriteValue(w, element, item, item + "s", checkNull: false);
            w.Close();
            w.Line($"writer.EndLengthDelimited({local}s);");
            w.Close();
        }
        else
        {
            // Each element is its own tagged field.
            OpenLoop(w, field, local, item);
            w.Line(Tag(field.Number, WireType(element, single: false)));
            WriteValue(w, element, item, item + "s", checkNull: true);
            w.Close();
        }

        CloseCollectionLocal(w, field);
        w.Close();
    }

    private static void EmitMap(SourceWriter w, ProtoFieldSpec field, string access, string local)
    {
        w.Open("");
        EmitCollectionLocal(w, field, access, local);
        string pair = local + "p";
        w.Open($"foreach (var {pair} in {local})");
        w.Line(Tag(field.Number, WireLen));
        w.Line($"int {pair}s = writer.BeginLengthDelimited();");
        w.Line(Tag(1, WireType(field.Key!, single: false)));
        WriteValue(w, field.Key!, pair + ".Key", pair + "k", checkNull: false);
        w.Line(Tag(2, WireType(field.Value, single: false)));
        WriteValue(w, field.Value, pair + ".Value", pair + "v", checkNull: true);
        w.Line($"writer.EndLengthDelimited({pair}s);");
        w.Close();
        CloseCollectionLocal(w, field);
        w.Close();
    }

    private static void EmitCollectionLocal(SourceWriter w, ProtoFieldSpec field, string access, string local)
    {
        if (field.CollectionNullable)
        {
            // Protobuf has no null list or map: null is written as empty.
            w.Open($"if ({access} is {{ }} {local})");
        }
        else
        {
            w.Line($"var {local} = {access}{NotNull};");
        }
    }

    private static void CloseCollectionLocal(SourceWriter w, ProtoFieldSpec field)
    {
        if (field.CollectionNullable)
        {
            w.Close();
        }
    }

    private static void OpenLoop(SourceWriter w, ProtoFieldSpec field, string local, string item)
    {
        if (field.Shape == CollectionShape.Countable)
        {
            w.Open($"foreach (var {item} in {local})");
        }
        else
        {
            string index = local + "x";
            string count = field.Shape == CollectionShape.Array ? $"{local}.Length" : $"{local}.Count";
            w.Open($"for (int {index} = 0; {index} < {count}; {index}++)");
            w.Line($"var {item} = {local}[{index}];");
        }
    }

    /// <summary>
    /// Writes a value without its tag and without leaving out defaults (repeated elements, map entries, present fields).
    /// With <paramref name="checkNull"/>, a null reference (string, byte[], class) throws instead of being written as empty.
    /// </summary>
    private static void WriteValue(SourceWriter w, ProtoValueSpec value, string e, string scratch, bool checkNull)
    {
        if (checkNull && !value.IsValueType)
        {
            e += NotNull;
        }

        switch (value.Kind)
        {
            case ProtoKind.Bool: w.Line($"writer.WriteBool({e});"); break;
            case ProtoKind.Int32: w.Line($"writer.WriteInt32({e});"); break;
            case ProtoKind.Int64: w.Line($"writer.WriteInt64({e});"); break;
            case ProtoKind.UInt32: w.Line($"writer.WriteUInt32({e});"); break;
            case ProtoKind.UInt64: w.Line($"writer.WriteUInt64({e});"); break;
            case ProtoKind.Float: w.Line($"writer.WriteFloat({e});"); break;
            case ProtoKind.Double: w.Line($"writer.WriteDouble({e});"); break;
            case ProtoKind.String: w.Line($"writer.WriteString({e});"); break;
            case ProtoKind.Bytes: w.Line($"writer.WriteBytes({e});"); break;
            case ProtoKind.Guid: w.Line($"writer.WriteGuid({e});"); break;
            case ProtoKind.Timestamp: w.Line($"writer.WriteTimestamp({e});"); break;
            case ProtoKind.Duration: w.Line($"writer.WriteDuration({e});"); break;
            case ProtoKind.Date: w.Line($"writer.WriteDate({e});"); break;
            case ProtoKind.TimeOfDay: w.Line($"writer.WriteTimeOfDay({e});"); break;
            case ProtoKind.Decimal: w.Line($"writer.WriteDecimal({e});"); break;
            case ProtoKind.Enum: w.Line($"writer.WriteEnum({EnumToInt(value, e)});"); break;
            case ProtoKind.Message:
                w.Line($"int {scratch} = writer.BeginLengthDelimited();");
                w.Line($"{MethodName(value.NamedType!)}(ref writer, {e});");
                w.Line($"writer.EndLengthDelimited({scratch});");
                break;
        }
    }

    private static string EnumToInt(ProtoValueSpec value, string e) => value.CheckedEnumCast ? $"checked((int){e})" : $"(int){e}";

    internal static bool IsPackable(ProtoKind kind) =>
        kind is ProtoKind.Bool or ProtoKind.Int32 or ProtoKind.Int64 or ProtoKind.UInt32 or ProtoKind.UInt64 or ProtoKind.Float or ProtoKind.Double or ProtoKind.Enum;

    internal static int WireType(ProtoValueSpec value, bool single)
    {
        if (single && value.IsNullable && ProtoSchemaWriter.WrapperName(value.Kind) is not null)
        {
            return WireLen;
        }

        return value.Kind switch
        {
            ProtoKind.Bool or ProtoKind.Int32 or ProtoKind.Int64 or ProtoKind.UInt32 or ProtoKind.UInt64 or ProtoKind.Enum => WireVarint,
            ProtoKind.Double => WireI64,
            ProtoKind.Float => WireI32,
            _ => WireLen,
        };
    }

    internal static string WrapperMethod(ProtoKind kind) => kind switch
    {
        ProtoKind.Bool => "BoolValue",
        ProtoKind.Int32 => "Int32Value",
        ProtoKind.Int64 => "Int64Value",
        ProtoKind.UInt32 => "UInt32Value",
        ProtoKind.UInt64 => "UInt64Value",
        ProtoKind.Float => "FloatValue",
        ProtoKind.Double => "DoubleValue",
        ProtoKind.String => "StringValue",
        ProtoKind.Guid => "GuidValue",
        _ => "BytesValue",
    };

    /// <summary>The tag (field number and wire type) as precomputed varint bytes: <c>writer.WriteRawTag(0x0A);</c>.</summary>
    internal static string Tag(int number, int wireType)
    {
        uint tag = ((uint)number << 3) | (uint)wireType;
        var bytes = new List<string>();
        while (tag >= 0x80)
        {
            bytes.Add("0x" + ((tag & 0x7F) | 0x80).ToString("X2", CultureInfo.InvariantCulture));
            tag >>= 7;
        }

        bytes.Add("0x" + tag.ToString("X2", CultureInfo.InvariantCulture));
        return $"writer.WriteRawTag({string.Join(", ", bytes)});";
    }

    private static string MethodName(string messageName) => "WriteMessage_" + messageName;

    /// <summary>The messages that can reach themselves through their fields.</summary>
    internal static HashSet<string> RecursiveMessages(ProtobufSpec proto)
    {
        var references = new Dictionary<string, HashSet<string>>();
        foreach (ProtoMessageSpec message in proto.Messages)
        {
            references[message.Name] = new HashSet<string>(message.Fields.Where(f => f.Value.Kind == ProtoKind.Message).Select(f => f.Value.NamedType!));
        }

        var recursive = new HashSet<string>();
        foreach (string start in references.Keys)
        {
            var stack = new Stack<string>(references[start]);
            var seen = new HashSet<string>();
            while (stack.Count > 0)
            {
                string next = stack.Pop();
                if (next == start)
                {
                    recursive.Add(start);
                    break;
                }

                if (seen.Add(next) && references.TryGetValue(next, out HashSet<string>? more))
                {
                    foreach (string target in more)
                    {
                        stack.Push(target);
                    }
                }
            }
        }

        return recursive;
    }
}
