using System;
using System.Collections.Generic;
using System.Globalization;
using TypedProducer.Schemas.Avro;
using SchemaField = TypedProducer.Schemas.Avro.AvroField;

namespace TypedProducer.Serialization;

/// <summary>
/// Builds the resolution plan of one writer schema against a contract's schema (Apache Avro 1.11 specification, "Schema
/// Resolution"), with the shared matching rules (<see cref="AvroResolutionRules"/>):
/// <list type="bullet">
/// <item>records: the writer's fields in order, each read into the contract field of its name or alias, or skipped;
/// then each contract field the writer lacks, from its default (encoded once with the contract's schema);</item>
/// <item>promotions int → long → float → double and string ↔ bytes; enums by symbol name, unknown symbols to the
/// contract enum's default; fixed types by name and size; decimals only with equal precision and scale;</item>
/// <item>a writer's union: each branch resolved on its own; a contract union: the first branch that resolves.</item>
/// </list>
/// Problems in a part every value uses (a field without default, a type that cannot be promoted) fail the plan; problems
/// in a writer's union branch or enum symbol fail only the values that use it, as Avro's own resolving decoders do.
/// </summary>
internal sealed class AvroResolution
{
    private readonly Dictionary<(AvroType Reader, AvroType Writer), (AvroResolvedRecord Plan, List<string> Errors)> _records = new();

    private AvroResolution(string contractName, int schemaId)
    {
        ContractName = contractName;
        SchemaId = schemaId;
    }

    public string ContractName { get; }

    public int SchemaId { get; }

    /// <summary>The plan of reading <paramref name="writer"/>'s data as <paramref name="reader"/>.</summary>
    /// <exception cref="SchemaResolutionException">A part every value uses cannot be resolved.</exception>
    public static AvroResolvedValue Plan(string contractName, int schemaId, AvroType reader, AvroType writer)
    {
        var resolution = new AvroResolution(contractName, schemaId);
        var errors = new List<string>();
        AvroResolvedValue plan = resolution.Build(reader, writer, string.Empty, errors);
        if (errors.Count > 0)
        {
            throw new SchemaResolutionException(contractName, schemaId, errors);
        }

        return plan;
    }

    public SchemaResolutionException Fail(string reason) => new(ContractName, SchemaId, new[] { reason });

    private AvroResolvedValue Build(AvroType reader, AvroType writer, string path, List<string> errors)
    {
        if (writer.Kind != AvroKind.Union)
        {
            return BuildBranch(reader, writer, path, errors);
        }

        // A writer's union: every branch is resolved on its own; a branch that cannot be read fails only the values that use it.
        var node = new AvroResolvedValue(this, path, null) { WriterBranches = new AvroResolvedValue[writer.Branches.Count] };
        for (int i = 0; i < writer.Branches.Count; i++)
        {
            var branchErrors = new List<string>();
            AvroResolvedValue branch = BuildBranch(reader, writer.Branches[i], path, branchErrors);
            if (branchErrors.Count > 0)
            {
                branch = new AvroResolvedValue(this, path, writer.Branches[i]) { Error = string.Join("; ", branchErrors) };
            }

            node.WriterBranches[i] = branch;
        }

        return node;
    }

    /// <summary>A writer type that is not a union.</summary>
    private AvroResolvedValue BuildBranch(AvroType reader, AvroType writer, string path, List<string> errors)
    {
        if (reader.Kind != AvroKind.Union)
        {
            return BuildMatch(reader, writer, path, errors);
        }

        // "The first schema in the reader's union that matches the selected writer's union schema is recursively resolved
        // against it": the shared compatibility check decides which (the analyzers' TPK3001 and the registry use it too).
        int chosen = AvroCompatibilityChecker.ReaderBranch(reader, writer);
        if (chosen >= 0)
        {
            AvroResolvedValue candidate = BuildMatch(reader.Branches[chosen], writer, path, errors);
            candidate.ReaderBranch = chosen;
            return candidate;
        }

        // None resolves: explain through the branch of the same shape (the same record, the same primitive), if any.
        for (int i = 0; i < reader.Branches.Count; i++)
        {
            AvroType branch = reader.Branches[i];
            if (branch.Kind == writer.Kind && (!branch.IsNamed || AvroResolutionRules.NamesMatch(branch, writer)))
            {
                AvroResolvedValue explained = BuildMatch(branch, writer, path, errors);
                explained.ReaderBranch = i;
                return explained;
            }
        }

        errors.Add($"{Subject(path)}: the writer's {writer.Describe()} matches no branch of the contract's {reader.Describe()} (Avro schema resolution: a value of the writer's type must match a branch of the reader's union)");
        return new AvroResolvedValue(this, path, writer);
    }

    /// <summary>Neither type is a union.</summary>
    private AvroResolvedValue BuildMatch(AvroType reader, AvroType writer, string path, List<string> errors)
    {
        var node = new AvroResolvedValue(this, path, writer);
        if (reader.Kind != writer.Kind)
        {
            if (!AvroResolutionRules.IsPromotion(writer.Kind, reader.Kind))
            {
                errors.Add(writer.Kind == AvroKind.Null
                    ? $"{Subject(path)} is null in the writer's data, and the contract's {reader.Describe()} is not nullable (Avro schema resolution: every branch of the writer's union must match the reader's type)"
                    : $"{Subject(path)}: the writer's {writer.Describe()} cannot be read as the contract's {reader.Describe()} (Avro schema resolution promotes only int to long, float or double, long to float or double, float to double, and string to bytes and back)");
            }

            return node;
        }

        if (reader.IsNamed && !AvroResolutionRules.NamesMatch(reader, writer))
        {
            errors.Add($"{Subject(path)}: the writer's {writer.Describe()} does not match the contract's {reader.Describe()}, which has no alias '{writer.FullName}' (Avro schema resolution: named types match by unqualified name or by an alias of the reader's type)");
            return node;
        }

        if (!AvroResolutionRules.DecimalsMatch(reader, writer))
        {
            errors.Add($"{Subject(path)}: the writer's {writer.DescribeLogicalType()} cannot be read as the contract's {reader.DescribeLogicalType()} (Avro 1.11 specification, Logical Types: two decimals match only if their precisions and scales match)");
            return node;
        }

        switch (reader.Kind)
        {
            case AvroKind.Record:
                node.Record = BuildRecord(reader, writer, path, errors);
                break;
            case AvroKind.Enum:
                var map = new int[writer.Symbols.Count];
                int defaultIndex = reader.EnumDefault is null ? -1 : reader.Symbols.IndexOf(reader.EnumDefault);
                for (int i = 0; i < map.Length; i++)
                {
                    int index = reader.Symbols.IndexOf(writer.Symbols[i]);
                    map[i] = index >= 0 ? index : defaultIndex;
                }

                node.EnumMap = map;
                break;
            case AvroKind.Fixed:
                if (reader.Size != writer.Size)
                {
                    errors.Add($"{Subject(path)}: the writer's fixed {writer.FullName} has {writer.Size.ToString(CultureInfo.InvariantCulture)} bytes, the contract's {reader.Size.ToString(CultureInfo.InvariantCulture)} (Avro schema resolution: fixed types match only when their sizes are equal)");
                }

                break;
            case AvroKind.Array:
            case AvroKind.Map:
                node.Items = Build(reader.Items!, writer.Items!, path, errors);
                break;
        }

        return node;
    }

    private AvroResolvedRecord BuildRecord(AvroType reader, AvroType writer, string path, List<string> errors)
    {
        if (_records.TryGetValue((reader, writer), out (AvroResolvedRecord Plan, List<string> Errors) known))
        {
            // Built already, or being built further up (a recursive record): its problems were reported there, and are again here.
            errors.AddRange(known.Errors);
            return known.Plan;
        }

        var plan = new AvroResolvedRecord();
        var recordErrors = new List<string>();
        _records[(reader, writer)] = (plan, recordErrors);
        var steps = new List<AvroResolvedField>();
        var read = new Dictionary<SchemaField, int>();
        for (int i = 0; i < reader.Fields.Count; i++)
        {
            if (AvroResolutionRules.FindWriterField(writer, reader.Fields[i]) is { } writerField && !read.ContainsKey(writerField))
            {
                read[writerField] = i;
            }
        }

        foreach (SchemaField writerField in writer.Fields)
        {
            if (read.TryGetValue(writerField, out int readerIndex))
            {
                SchemaField readerField = reader.Fields[readerIndex];
                steps.Add(new AvroResolvedField(readerIndex, Build(readerField.Type, writerField.Type, Append(path, readerField.Name), recordErrors), null, null));
            }
            else
            {
                steps.Add(new AvroResolvedField(-1, null, writerField.Type, null));
            }
        }

        for (int i = 0; i < reader.Fields.Count; i++)
        {
            SchemaField readerField = reader.Fields[i];
            if (read.ContainsValue(i))
            {
                continue;
            }

            string fieldPath = Append(path, readerField.Name);
            if (readerField.Default is null)
            {
                recordErrors.Add($"field '{fieldPath}' of {reader.FullName} has no default and is missing from the writer's record {writer.FullName} (Avro schema resolution: a field of the reader's record that the writer's record lacks must have a default)");
                continue;
            }

            byte[] encoded;
            try
            {
                encoded = AvroDefaultEncoder.Encode(readerField.Type, readerField.Default);
            }
            catch (FormatException ex)
            {
                recordErrors.Add($"field '{fieldPath}': its default cannot be read: {ex.Message}");
                continue;
            }

            // The default is encoded with the contract's own schema, so it is read with the identity plan.
            steps.Add(new AvroResolvedField(i, Build(readerField.Type, readerField.Type, fieldPath, recordErrors), null, encoded));
        }

        plan.Fields = steps.ToArray();
        errors.AddRange(recordErrors);
        return plan;
    }

    private static string Append(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Subject(string path) => path.Length == 0 ? "the value" : "field '" + path + "'";
}
