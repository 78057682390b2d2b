using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Emitting;

/// <summary>
/// The JSON parts of a contract class: the JSON Schema (draft-07) as a constant, and a value serializer that hands
/// the contract's source-generated <c>JsonTypeInfo&lt;T&gt;</c> (from the user's JsonSerializerContext) to the
/// runtime's ConfluentJsonSerializer, which writes the Confluent header and the JSON into a reused buffer.
/// </summary>
internal static class JsonContractEmitter
{
    private const string Runtime = "global::TypedProducer";
    private const string TypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";

    public static void EmitSchemaMembers(SourceWriter w, ContractSpec contract, JsonSpec json)
    {
        w.Line("/// <summary>The value schema: JSON Schema draft-07, derived at compile time from the members System.Text.Json writes.</summary>");
        w.Line($"public const string JsonSchema = {SourceWriter.Literal(JsonSchemaWriter.Write(json))};");
        w.Line();
        w.Line("/// <summary>The schema's title, used as the record name by the RecordName and TopicRecordName subject name strategies.</summary>");
        w.Line($"public const string JsonSchemaTitle = {SourceWriter.Literal(json.FullName)};");
        w.Line();
        w.Line($"private static readonly {Runtime}.MessageSchema s_valueSchema = new({Runtime}.SchemaRegistry.SchemaType.Json, JsonSchemaTitle, JsonSchema, JsonSchema);");
        w.Line();
        w.Line($"private static {TypeInfo}<{contract.FullyQualifiedType}>? s_typeInfo;");
        w.Line();
    }

    public static void EmitWriteValue(SourceWriter w, ContractSpec contract, JsonSpec json)
    {
        string type = contract.FullyQualifiedType;
        w.Line("/// <inheritdoc />");
        w.Line($"public override void WriteValue({type} message, int schemaId, {ContractEmitter.BufferWriter} destination) =>");
        w.Line($"    global::TypedProducer.Serialization.ConfluentJsonSerializer.Write(message, s_typeInfo ??= ResolveTypeInfo(), schemaId, destination);");
        w.Line();
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override {Runtime}.MessageValueReader<{type}> CreateValueReader({Runtime}.WriterSchema writerSchema) =>");
        w.Line($"    global::TypedProducer.Serialization.ConfluentJsonReader.Create(writerSchema, {SourceWriter.Literal(contract.TypeName)}, JsonSchemaTitle, JsonSchema, s_typeInfo ??= ResolveTypeInfo());");
        w.Line();
        w.Line($"/// <summary>The source-generated metadata of <see cref=\"{type}\"/> from <see cref=\"{json.ContextType}\"/>.</summary>");
        w.Line($"private static {TypeInfo}<{type}> ResolveTypeInfo() =>");
        w.Line($"    {json.ContextType}.Default.GetTypeInfo(typeof({type})) as {TypeInfo}<{type}>");
        w.Line($"    ?? throw new global::System.InvalidOperationException({SourceWriter.Literal($"{json.ContextType.Replace("global::", string.Empty)} has no metadata for {type.Replace("global::", string.Empty)}; add [JsonSerializable(typeof({contract.TypeName}))] to it.")});");
    }
}
