using System.Globalization;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Emitting;

/// <summary>
/// The <c>WriteHeaders</c> and <c>ReadHeaders</c> overrides of a contract with <c>[MessageHeader]</c> members (any
/// format): each member written as a record header after the caller's headers, and read back from the last header of
/// its name; enums through generated name switches (no reflection).
/// </summary>
internal static class HeaderEmitter
{
    private const string Runtime = "global::TypedProducer";
    private const string Encoding = "global::TypedProducer.Serialization.KafkaHeaderEncoding";
    private const string Headers = "global::Confluent.Kafka.Headers";
    private const string NotNull = " ?? throw new global::System.ArgumentNullException(null, \"The value is null but its type is not nullable.\")";

    public static void Emit(SourceWriter w, ContractSpec contract, string type)
    {
        if (contract.Headers.Count == 0)
        {
            return;
        }

        EmitWrite(w, contract, type);
        w.Line();
        EmitRead(w, contract, type);
        w.Line();
        for (int i = 0; i < contract.Headers.Count; i++)
        {
            if (contract.Headers[i].Encoding == HeaderEncoding.Enum)
            {
                EmitEnumCodec(w, contract.Headers[i], i);
            }
        }
    }

    private static void EmitWrite(SourceWriter w, ContractSpec contract, string type)
    {
        w.Line("/// <inheritdoc />");
        w.Open($"public override {Headers}? WriteHeaders({type} message, {Headers}? headers)");
        w.Line($"{Headers} result = {Encoding}.Copy(headers);");
        w.Line("string member = \"\";");
        w.Open("try");
        for (int i = 0; i < contract.Headers.Count; i++)
        {
            HeaderSpec header = contract.Headers[i];
            string access = "message." + ContractEmitter.Identifier(header.MemberName);
            string name = SourceWriter.Literal(header.HeaderName);
            w.Line($"member = {SourceWriter.Literal(header.MemberName)};");
            if (header.IsNullable)
            {
                string value = "h" + i.ToString(CultureInfo.InvariantCulture);
                w.Open($"if ({access} is {{ }} {value})");
                w.Line($"result.Add({name}, {Encode(header, value, i)});");
                w.Close();
            }
            else
            {
                bool reference = header.Encoding is HeaderEncoding.Utf8String or HeaderEncoding.Bytes;
                w.Line($"result.Add({name}, {Encode(header, reference ? access + NotNull : access, i)});");
            }
        }

        w.Close();
        w.Open($"catch (global::System.Exception ex) when (ex is not {Runtime}.MessageSerializationException)");
        w.Line($"throw new {Runtime}.MessageSerializationException({SourceWriter.Literal(contract.TypeName + ".")} + member, ex.Message, ex);");
        w.Close();
        w.Line("return result;");
        w.Close();
    }

    private static void EmitRead(SourceWriter w, ContractSpec contract, string type)
    {
        w.Line("/// <inheritdoc />");
        w.Open($"public override {type} ReadHeaders({type} message, {Headers}? headers)");
        w.Line("string member = \"\";");
        w.Open("try");
        var assignments = new string[contract.Headers.Count];
        for (int i = 0; i < contract.Headers.Count; i++)
        {
            HeaderSpec header = contract.Headers[i];
            string n = i.ToString(CultureInfo.InvariantCulture);
            string name = SourceWriter.Literal(header.HeaderName);
            w.Line($"member = {SourceWriter.Literal(header.MemberName)};");
            string declared = header.ClrType + (header.IsNullable ? "?" : string.Empty);
            w.Line(header.IsNullable
                ? $"{declared} h{n} = {Encoding}.Last(headers, {name}) is {{ }} b{n} ? {Decode(header, "b" + n, i)} : null;"
                : $"{declared} h{n} = {Decode(header, $"{Encoding}.Required(headers, {name})", i)};");
            assignments[i] = $"{ContractEmitter.Identifier(header.MemberName)} = h{n}";
        }

        if (contract.HeadersByWith)
        {
            w.Line($"return message with {{ {string.Join(", ", assignments)} }};");
        }
        else
        {
            foreach (string assignment in assignments)
            {
                w.Line($"message.{assignment};");
            }

            w.Line("return message;");
        }

        w.Close();
        w.Open($"catch (global::System.Exception ex) when (ex is not {Runtime}.MessageDeserializationException)");
        w.Line($"throw new {Runtime}.MessageDeserializationException({SourceWriter.Literal(contract.TypeName + ".")} + member, ex.Message, ex);");
        w.Close();
        w.Close();
    }

    private static string Encode(HeaderSpec header, string value, int index) => header.Encoding switch
    {
        HeaderEncoding.Utf8String => $"{Encoding}.Utf8({value})",
        HeaderEncoding.Int16 => $"{Encoding}.Int16({value})",
        HeaderEncoding.Int32 => $"{Encoding}.Int32({value})",
        HeaderEncoding.Int64 => $"{Encoding}.Int64({value})",
        HeaderEncoding.Boolean => $"{Encoding}.Boolean({value})",
        HeaderEncoding.Uuid => $"{Encoding}.Uuid({value})",
        HeaderEncoding.TimestampMillis => $"{Encoding}.TimestampMillis({value})",
        HeaderEncoding.Enum => $"EncodeHeader{index.ToString(CultureInfo.InvariantCulture)}({value})",
        _ => value,
    };

    private static string Decode(HeaderSpec header, string bytes, int index) => header.Encoding switch
    {
        HeaderEncoding.Utf8String => $"{Encoding}.ToUtf8({bytes})",
        HeaderEncoding.Int16 => $"{Encoding}.ToInt16({bytes})",
        HeaderEncoding.Int32 => $"{Encoding}.ToInt32({bytes})",
        HeaderEncoding.Int64 => $"{Encoding}.ToInt64({bytes})",
        HeaderEncoding.Boolean => $"{Encoding}.ToBoolean({bytes})",
        HeaderEncoding.Uuid => $"{Encoding}.ToUuid({bytes})",
        HeaderEncoding.TimestampMillis => $"{Encoding}.ToTimestampMillis({bytes})",
        HeaderEncoding.Enum => $"DecodeHeader{index.ToString(CultureInfo.InvariantCulture)}({bytes})",
        _ => bytes,
    };

    /// <summary>An enum header as the UTF-8 of the member's name: the first name of each value written, every name read.</summary>
    private static void EmitEnumCodec(SourceWriter w, HeaderSpec header, int index)
    {
        string n = index.ToString(CultureInfo.InvariantCulture);
        string enumName = header.ClrType.Replace("global::", string.Empty);
        w.Line($"private static byte[] EncodeHeader{n}({header.ClrType} value) => value switch");
        w.Line("{");
        foreach (string name in header.EnumCases)
        {
            w.Line($"    {header.ClrType}.{ContractEmitter.Identifier(name)} => {SourceWriter.Literal(name)}u8.ToArray(),");
        }

        w.Line($"    _ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, {SourceWriter.Literal($"The value is not a declared member of {enumName}; the header holds a member's name.")}),");
        w.Line("};");
        w.Line();
        w.Open($"private static {header.ClrType} DecodeHeader{n}(byte[] value)");
        w.Line("global::System.ReadOnlySpan<byte> name = value;");
        foreach (string name in header.EnumNames)
        {
            w.Open($"if (global::System.MemoryExtensions.SequenceEqual(name, {SourceWriter.Literal(name)}u8))");
            w.Line($"return {header.ClrType}.{ContractEmitter.Identifier(name)};");
            w.Close();
        }

        w.Line($"throw new global::System.FormatException({SourceWriter.Literal($"The header value is not the name of a member of {enumName}.")});");
        w.Close();
        w.Line();
    }
}
