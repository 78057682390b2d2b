using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TypedProducer.Generator.Model;

namespace TypedProducer.Generator.Emitting;

/// <summary>
/// The Avro deserializer of a contract: for each record, an unrolled reader of the contract's own schema
/// (<c>Read_*</c>, the fast path when the writer's schema encodes as the contract's) and a reader that follows a
/// run-time resolution plan of another writer schema (<c>Resolve_*</c>: the plan's steps, in the writer's field order,
/// drive a generated per-field setter <c>Set_*</c> on a builder struct, then the record is constructed). For each enum,
/// the symbol index to C# value map. No reflection: the plan (built once per writer schema id by the runtime's
/// AvroContractReader) only selects which generated code runs.
/// </summary>
internal static class AvroReaderEmitter
{
    private const string Runtime = "global::TypedProducer";
    private const string Reader = "global::TypedProducer.Serialization.AvroReader";
    private const string Value = "global::TypedProducer.Serialization.AvroResolvedValue";
    private const string Record = "global::TypedProducer.Serialization.AvroResolvedRecord";
    private const string Field = "global::TypedProducer.Serialization.AvroResolvedField";

    /// <summary>Why the contract cannot be deserialized (a record the generated code cannot construct), or null.</summary>
    public static string? NotSupported(ContractSpec contract) =>
        contract.NamedTypes.Select(t => t.NotConstructible).FirstOrDefault(r => r is not null);

    /// <summary>The <c>CreateValueReader</c> override and the contract's reader field.</summary>
    public static void EmitCreateValueReader(SourceWriter w, ContractSpec contract, string type)
    {
        w.Line("/// <inheritdoc />");
        if (NotSupported(contract) is { } reason)
        {
            w.Line($"public override {Runtime}.MessageValueReader<{type}> CreateValueReader({Runtime}.WriterSchema writerSchema) =>");
            w.Line($"    throw new global::System.NotSupportedException({SourceWriter.Literal($"{contract.TypeName} cannot be deserialized: {reason}.")});");
            w.Line();
            return;
        }

        NamedTypeSpec root = contract.NamedTypes[0];
        w.Line($"public override {Runtime}.MessageValueReader<{type}> CreateValueReader({Runtime}.WriterSchema writerSchema) => s_reader.Create(writerSchema);");
        w.Line();
        w.Line($"private static readonly global::TypedProducer.Serialization.AvroContractReader<{type}> s_reader = new({SourceWriter.Literal(contract.TypeName)}, AvroSchema, {ReadName(root, contract)}, {ResolveName(root, contract)});");
        w.Line();
    }

    /// <summary>The reader methods of every record and enum.</summary>
    public static void EmitReaders(SourceWriter w, ContractSpec contract, HashSet<string> recursive)
    {
        if (NotSupported(contract) is not null)
        {
            return;
        }

        foreach (NamedTypeSpec named in contract.NamedTypes)
        {
            if (named.IsFixed)
            {
                continue;
            }

            w.Line();
            if (named.IsEnum)
            {
                EmitEnum(w, named, contract);
                continue;
            }

            EmitRead(w, named, contract, recursive.Contains(named.FullName));
            w.Line();
            EmitResolve(w, named, contract, recursive.Contains(named.FullName));
        }
    }

    private static void EmitEnum(SourceWriter w, NamedTypeSpec named, ContractSpec contract)
    {
        w.Line($"private static {named.ClrType} {EnumName(named, contract)}(int index) => index switch");
        w.Line("{");
        for (int i = 0; i < named.Symbols.Count; i++)
        {
            w.Line($"    {i.ToString(CultureInfo.InvariantCulture)} => {named.ClrType}.{ContractEmitter.Identifier(named.Symbols[i])},");
        }

        w.Line($"    _ => throw new global::System.FormatException(\"Enum symbol \" + index.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + {SourceWriter.Literal($" is outside the {named.Symbols.Count} symbols of {named.FullName}.")}),");
        w.Line("};");
    }

    /// <summary>The fast path: the writer's record is the contract's, fields in order.</summary>
    private static void EmitRead(SourceWriter w, NamedTypeSpec record, ContractSpec contract, bool recursive)
    {
        w.Open($"private static {record.ClrType} {ReadName(record, contract)}(ref {Reader} reader)");
        if (recursive)
        {
            w.Line("reader.EnterRecursiveRecord();");
        }

        w.Line("string member = \"\";");
        w.Open("try");
        for (int i = 0; i < record.Fields.Count; i++)
        {
            FieldSpec field = record.Fields[i];
            w.Line($"member = {SourceWriter.Literal(field.MemberName)};");
            w.Line($"{field.Type.DeclaredType} f{i};");
            ReadValue(w, field.Type, $"f{i}", null, 0, contract);
        }

        if (recursive)
        {
            w.Line("reader.ExitRecursiveRecord();");
        }

        w.Line($"return {Construct(record, i => $"f{i}")};");
        w.Close();
        EmitCatch(w, record);
        w.Close();
    }

    /// <summary>The resolving path: a builder struct, a setter per field, and the plan's steps.</summary>
    private static void EmitResolve(SourceWriter w, NamedTypeSpec record, ContractSpec contract, bool recursive)
    {
        string builder = "Builder_" + Suffix(record, contract);
        w.Line($"/// <summary>The field values of <see cref=\"{record.ClrType}\"/> while its record is read through a resolution plan.</summary>");
        w.Open($"private struct {builder}");
        for (int i = 0; i < record.Fields.Count; i++)
        {
            w.Line($"public {record.Fields[i].Type.DeclaredType} F{i};");
        }

        w.Close();
        w.Line();
        w.Open($"private static void {SetName(record, contract)}(ref {builder} builder, {Field} field, ref {Reader} reader)");
        w.Line($"{Value} plan = field.Value;");
        w.Line("string member = \"\";");
        w.Open("try");
        w.Open("switch (field.ReaderIndex)");
        for (int i = 0; i < record.Fields.Count; i++)
        {
            FieldSpec field = record.Fields[i];
            w.Line($"case {i.ToString(CultureInfo.InvariantCulture)}:");
            w.Open("");
            w.Line($"member = {SourceWriter.Literal(field.MemberName)};");
            ReadValue(w, field.Type, $"builder.F{i}", "plan", 0, contract);
            w.Line("break;");
            w.Close();
        }

        w.Line("default:");
        w.Line("    break;");
        w.Close();
        w.Close();
        EmitCatch(w, record);
        w.Close();
        w.Line();
        w.Open($"private static {record.ClrType} {ResolveName(record, contract)}(ref {Reader} reader, {Record} plan)");
        if (recursive)
        {
            w.Line("reader.EnterRecursiveRecord();");
        }

        w.Line($"var builder = new {builder}();");
        w.Line($"{Field}[] steps = plan.Fields;");
        w.Open("for (int i = 0; i < steps.Length; i++)");
        w.Line($"{Field} step = steps[i];");
        w.Open("if (step.DefaultValue is { } defaultValue)");
        w.Line($"var defaults = new {Reader}(defaultValue);");
        w.Line($"{SetName(record, contract)}(ref builder, step, ref defaults);");
        w.Close();
        w.Open("else if (step.ReaderIndex < 0)");
        w.Open("try");
        w.Line("step.Skip(ref reader);");
        w.Close();
        w.Open("catch (global::System.FormatException ex)");
        w.Line($"throw new {Runtime}.MessageDeserializationException({SourceWriter.Literal(record.ClrName)}, \"a field of the writer's record that the contract does not have: \" + ex.Message, ex);");
        w.Close();
        w.Close();
        w.Open("else");
        w.Line($"{SetName(record, contract)}(ref builder, step, ref reader);");
        w.Close();
        w.Close();
        if (recursive)
        {
            w.Line("reader.ExitRecursiveRecord();");
        }

        w.Line($"return {Construct(record, i => $"builder.F{i}!")};"); // every field was set by a step (the plan refuses a missing field without default)
        w.Close();
    }

    private static void EmitCatch(SourceWriter w, NamedTypeSpec record)
    {
        w.Open($"catch (global::System.Exception ex) when (ex is not ({Runtime}.MessageDeserializationException or {Runtime}.SchemaResolutionException))");
        w.Line($"throw new {Runtime}.MessageDeserializationException({SourceWriter.Literal(record.ClrName + ".")} + member, ex.Message, ex);");
        w.Close();
    }

    /// <summary><c>new T(p: f0, ...) { M = f1, ... }</c>.</summary>
    private static string Construct(NamedTypeSpec record, System.Func<int, string> value)
    {
        var arguments = new List<string>();
        var initializers = new List<string>();
        for (int i = 0; i < record.Fields.Count; i++)
        {
            FieldSpec field = record.Fields[i];
            switch (field.Assignment)
            {
                case FieldAssignment.Constructor:
                    arguments.Add($"{ContractEmitter.Identifier(field.ParameterName!)}: {value(i)}");
                    break;
                case FieldAssignment.Initializer:
                    initializers.Add($"{ContractEmitter.Identifier(field.MemberName)} = {value(i)}");
                    break;
            }
        }

        foreach (string parameter in record.HeaderParameters)
        {
            arguments.Add($"{ContractEmitter.Identifier(parameter)}: default!"); // set from the record's headers (ReadHeaders)
        }

        string text = $"new {record.ClrType}({string.Join(", ", arguments)})";
        return initializers.Count == 0 ? text : text + " { " + string.Join(", ", initializers) + " }";
    }

    /// <summary>
    /// Statements that read a value of <paramref name="type"/> into <paramref name="target"/>: with the contract's own
    /// encoding when <paramref name="plan"/> is null, else through the plan node that expression names.
    /// </summary>
    private static void ReadValue(SourceWriter w, TypeSpec type, string target, string? plan, int depth, ContractSpec contract)
    {
        if (type.Kind == AvroKind.Union)
        {
            ReadUnion(w, type, target, plan, depth, contract);
            return;
        }

        if (!type.IsNullable)
        {
            ReadNonNull(w, type, target, plan, depth, contract);
            return;
        }

        int nullIndex = type.NullFirst ? 0 : 1;
        string branchPlan = "b" + depth.ToString(CultureInfo.InvariantCulture);
        string branch = plan is null ? "reader.ReadUnionIndex(2)" : $"{plan}.ReadBranch(ref reader, out {Value} {branchPlan})";
        w.Open($"if ({branch} == {nullIndex})");
        w.Line($"{target} = null;");
        w.Close();
        w.Open("else");
        ReadNonNull(w, type, target, plan is null ? null : branchPlan, depth + 1, contract);
        w.Close();
    }

    private static void ReadUnion(SourceWriter w, TypeSpec type, string target, string? plan, int depth, ContractSpec contract)
    {
        int offset = type.IsNullable && type.NullFirst ? 1 : 0;
        int count = type.Branches.Count + (type.IsNullable ? 1 : 0);
        string branchPlan = "b" + depth.ToString(CultureInfo.InvariantCulture);
        w.Open(plan is null ? $"switch (reader.ReadUnionIndex({count}))" : $"switch ({plan}.ReadBranch(ref reader, out {Value} {branchPlan}))");
        if (type.IsNullable)
        {
            w.Line($"case {(type.NullFirst ? 0 : type.Branches.Count)}:");
            w.Line($"    {target} = null;");
            w.Line("    break;");
        }

        for (int i = 0; i < type.Branches.Count; i++)
        {
            NamedTypeSpec record = contract.NamedTypes.First(t => t.FullName == type.Branches[i]);
            w.Line($"case {(i + offset).ToString(CultureInfo.InvariantCulture)}:");
            w.Line(plan is null
                ? $"    {target} = {ReadName(record, contract)}(ref reader);"
                : $"    {target} = {ResolveName(record, contract)}(ref reader, {branchPlan}.ReadRecord(ref reader));");
            w.Line("    break;");
        }

        w.Line("default:");
        w.Line($"    throw new global::System.FormatException({SourceWriter.Literal($"Not a branch of the union of {count} branches.")});");
        w.Close();
    }

    private static void ReadNonNull(SourceWriter w, TypeSpec type, string target, string? plan, int depth, ContractSpec contract)
    {
        if (type.Kind is AvroKind.Array or AvroKind.Map)
        {
            ReadCollection(w, type, target, plan, depth, contract);
            return;
        }

        w.Line($"{target} = {Expression(type, plan, contract)};");
    }

    private static string Expression(TypeSpec type, string? plan, ContractSpec contract)
    {
        bool fast = plan is null;
        string Via(string fastCall, string planCall) => fast ? "reader." + fastCall : $"{plan}.{planCall}";
        string dateTime = type.ClrType == "global::System.DateTime" ? ".UtcDateTime" : string.Empty;
        switch (type.Kind)
        {
            case AvroKind.Boolean:
                return Via("ReadBoolean()", "ReadBoolean(ref reader)");
            case AvroKind.Int:
                string i = Via("ReadInt()", "ReadInt(ref reader)");
                return type.ClrType == "int" ? i : $"checked(({type.ClrType}){i})";
            case AvroKind.Long:
                string l = Via("ReadLong()", "ReadLong(ref reader)");
                return type.ClrType == "long" ? l : $"checked(({type.ClrType}){l})";
            case AvroKind.Float:
                return Via("ReadFloat()", "ReadFloat(ref reader)");
            case AvroKind.Double:
                return Via("ReadDouble()", "ReadDouble(ref reader)");
            case AvroKind.Bytes:
                return Via("ReadBytes()", "ReadBytes(ref reader)");
            case AvroKind.String:
                return Via("ReadString()", "ReadString(ref reader)");
            case AvroKind.Uuid:
                return fast ? "reader.ReadUuid()" : $"{Reader}.ToUuid({plan}.ReadString(ref reader))";
            case AvroKind.Date:
                return fast ? "reader.ReadDate()" : $"{Reader}.DateFromDays({plan}.ReadInt(ref reader))";
            case AvroKind.TimeMillis:
                return fast ? "reader.ReadTimeMillis()" : $"{Reader}.TimeFromMillis({plan}.ReadInt(ref reader))";
            case AvroKind.TimeMicros:
                return fast ? "reader.ReadTimeMicros()" : $"{Reader}.TimeFromMicros({plan}.ReadLong(ref reader))";
            case AvroKind.TimestampMillis:
                return (fast ? "reader.ReadTimestampMillis()" : $"{Reader}.TimestampFromMillis({plan}.ReadLong(ref reader))") + dateTime;
            case AvroKind.TimestampMicros:
                return (fast ? "reader.ReadTimestampMicros()" : $"{Reader}.TimestampFromMicros({plan}.ReadLong(ref reader))") + dateTime;
            case AvroKind.LocalTimestampMillis:
                return fast ? "reader.ReadLocalTimestampMillis()" : $"{Reader}.LocalTimestampFromMillis({plan}.ReadLong(ref reader))";
            case AvroKind.LocalTimestampMicros:
                return fast ? "reader.ReadLocalTimestampMicros()" : $"{Reader}.LocalTimestampFromMicros({plan}.ReadLong(ref reader))";
            case AvroKind.Decimal:
                string ps = $"{type.Precision.ToString(CultureInfo.InvariantCulture)}, {type.Scale.ToString(CultureInfo.InvariantCulture)}";
                return fast ? $"reader.ReadDecimal({ps})" : $"{Reader}.DecimalFromBytes({plan}.ReadBytes(ref reader), {ps})";
            case AvroKind.FixedDecimal:
                string pss = $"{type.Precision.ToString(CultureInfo.InvariantCulture)}, {type.Scale.ToString(CultureInfo.InvariantCulture)}";
                return fast ? $"reader.ReadFixedDecimal({pss}, {type.FixedSize.ToString(CultureInfo.InvariantCulture)})" : $"{Reader}.DecimalFromBytes({plan}.ReadFixed(ref reader), {pss})";
            case AvroKind.Fixed:
                return fast ? $"reader.ReadFixed({type.FixedSize.ToString(CultureInfo.InvariantCulture)})" : $"{plan}.ReadFixed(ref reader)";
            case AvroKind.Duration:
                bool timeSpan = type.ClrType == "global::System.TimeSpan";
                if (fast)
                {
                    return timeSpan ? "reader.ReadDurationAsTimeSpan()" : "reader.ReadDuration()";
                }

                string duration = $"{Reader}.DurationFromBytes({plan}.ReadFixed(ref reader))";
                return timeSpan ? $"{Reader}.TimeSpanFromDuration({duration})" : duration;
            case AvroKind.Enum:
                NamedTypeSpec enumType = contract.NamedTypes.First(t => t.FullName == type.NamedType);
                return fast
                    ? $"{EnumName(enumType, contract)}(reader.ReadEnumIndex({enumType.Symbols.Count.ToString(CultureInfo.InvariantCulture)}))"
                    : $"{EnumName(enumType, contract)}({plan}.ReadEnum(ref reader))";
            default:
                NamedTypeSpec record = contract.NamedTypes.First(t => t.FullName == type.NamedType);
                return fast ? $"{ReadName(record, contract)}(ref reader)" : $"{ResolveName(record, contract)}(ref reader, {plan}.ReadRecord(ref reader))";
        }
    }

    private static void ReadCollection(SourceWriter w, TypeSpec type, string target, string? plan, int depth, ContractSpec contract)
    {
        string d = depth.ToString(CultureInfo.InvariantCulture);
        string items = "c" + d, count = "n" + d, index = "i" + d, element = "e" + d, itemsPlan = "p" + d;
        TypeSpec elementType = type.Element!;
        bool map = type.Kind == AvroKind.Map;
        string collection = map
            ? $"global::System.Collections.Generic.Dictionary<string, {elementType.DeclaredType}>"
            : $"global::System.Collections.Generic.List<{elementType.DeclaredType}>";
        w.Open("");
        if (plan is not null)
        {
            w.Line($"{Value} {itemsPlan} = {plan}.ReadCollection(ref reader).Items!;");
        }

        w.Line($"int {count} = reader.ReadBlockCount();");
        w.Line($"var {items} = new {collection}(reader.Capacity({count}));");
        w.Open($"for (; {count} != 0; {count} = reader.ReadBlockCount())");
        w.Open($"for (int {index} = 0; {index} < {count}; {index}++)");
        if (map)
        {
            w.Line($"string k{d} = reader.ReadString();");
        }

        w.Line($"{elementType.DeclaredType} {element};");
        ReadValue(w, elementType, element, plan is null ? null : itemsPlan, depth + 1, contract);
        w.Line(map ? $"{items}[k{d}] = {element};" : $"{items}.Add({element});");
        w.Close();
        w.Close();
        w.Line(type.Shape == CollectionShape.Array ? $"{target} = {items}.ToArray();" : $"{target} = {items};");
        w.Close();
    }

    // Full names can flatten alike ("a.b_c", "a_b.c"), and readers differ only in their return types: the index of the
    // named type in the contract keeps the member names apart.
    private static string Suffix(NamedTypeSpec named, ContractSpec contract) =>
        named.FullName.Replace('.', '_') + "_" + contract.NamedTypes.ToList().IndexOf(named).ToString(CultureInfo.InvariantCulture);

    private static string ReadName(NamedTypeSpec record, ContractSpec contract) => "Read_" + Suffix(record, contract);

    private static string ResolveName(NamedTypeSpec record, ContractSpec contract) => "Resolve_" + Suffix(record, contract);

    private static string SetName(NamedTypeSpec record, ContractSpec contract) => "Set_" + Suffix(record, contract);

    private static string EnumName(NamedTypeSpec named, ContractSpec contract) => "FromIndex_" + Suffix(named, contract);
}
