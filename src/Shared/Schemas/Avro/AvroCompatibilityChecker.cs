using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

// Shared source: the one Avro compatibility check, compiled into the analyzers (TPK3001/TPK3005) and the runtime (the
// in-memory registry's compatibility levels); its matching rules are AvroResolutionRules, which the runtime's
// resolution plans (deserializers) use too.
namespace TypedProducer.Schemas.Avro;

/// <summary>
/// Decides whether data written with one Avro schema can be read with another, by the rules of the Apache
/// Avro 1.11 specification, section "Schema Resolution", as Avro's Java <c>SchemaCompatibility</c> (which the
/// Confluent Schema Registry runs) applies them:
/// <list type="bullet">
/// <item>records, enums and fixed types match by unqualified name, or when a reader alias names the writer's type;</item>
/// <item>a reader field is matched to the writer field of the same name or of one of the reader field's aliases;
/// a reader field the writer lacks needs a default; writer fields the reader lacks are skipped;</item>
/// <item>primitives match themselves or a promotion: int to long, float or double; long to float or double;
/// float to double; string to bytes and bytes to string;</item>
/// <item>every writer enum symbol must be a reader symbol, unless the reader's enum has a default;</item>
/// <item>fixed sizes must be equal; arrays and maps match when their items or values match;</item>
/// <item>every branch of a writer union must match the reader (a branch of the reader's union when it is one);</item>
/// <item>two decimals match only when precision and scale are equal ("Logical Types", decimal).</item>
/// </list>
/// Beyond the resolution rules it reports logical-type changes (timestamp-millis to timestamp-micros, a dropped
/// decimal, ...) that resolve but change the meaning of values; those become TPK3005, not TPK3001.
/// </summary>
internal sealed class AvroCompatibilityChecker
{
    private const string PromotionRule = "Avro schema resolution promotes only int to long, float or double, long to float or double, float to double, and string to bytes and back";

    private readonly CheckDirection _direction;
    private readonly HashSet<(AvroType Reader, AvroType Writer)> _inProgress = new();
    private readonly Dictionary<(AvroType Reader, AvroType Writer), bool> _trials = new();

    private AvroCompatibilityChecker(CheckDirection direction) => _direction = direction;

    /// <summary>Adds to <paramref name="issues"/> every reason why <paramref name="reader"/> cannot read data written with <paramref name="writer"/>.</summary>
    public static void Check(AvroType reader, AvroType writer, CheckDirection direction, List<SchemaIncompatibility> issues) =>
        new AvroCompatibilityChecker(direction).Compare(reader, writer, Position.Root, issues);

    /// <summary>
    /// The branch of the reader's union <paramref name="readerUnion"/> that reads a value of the writer's (non-union) type
    /// <paramref name="writer"/>: the first that resolves ("if reader's is a union, but writer's is not"); -1 when none does.
    /// The runtime's resolution plans choose branches with it.
    /// </summary>
    public static int ReaderBranch(AvroType readerUnion, AvroType writer)
    {
        var checker = new AvroCompatibilityChecker(new CheckDirection(readerIsNew: true, "the writer's schema", "the contract's schema"));
        for (int i = 0; i < readerUnion.Branches.Count; i++)
        {
            if (checker.Resolves(readerUnion.Branches[i], writer))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when <paramref name="writer"/>'s data resolves against <paramref name="reader"/>; <paramref name="issues"/> receives why not.</summary>
    private bool Compare(AvroType reader, AvroType writer, Position position, List<SchemaIncompatibility> issues)
    {
        if (writer.Kind == AvroKind.Union)
        {
            // "if writer's is a union, but reader's is not" and "if both are unions": each branch the writer can
            // choose must resolve against the reader.
            bool all = true;
            foreach (var branch in writer.Branches)
            {
                all &= Compare(reader, branch, position, issues);
            }

            return all;
        }

        if (reader.Kind == AvroKind.Union)
        {
            return CompareWithReaderUnion(reader, writer, position, issues);
        }

        if (reader.Kind == writer.Kind)
        {
            switch (reader.Kind)
            {
                case AvroKind.Record:
                    return CompareRecords(reader, writer, position, issues);
                case AvroKind.Enum:
                    return CompareEnums(reader, writer, position, issues);
                case AvroKind.Fixed:
                    bool fixedOk = CompareNames(reader, writer, position, issues);
                    if (reader.Size != writer.Size)
                    {
                        Report(issues, true, "size:" + Path(position), position,
                            Subject(position) + ": fixed '" + Named(reader, writer) + "' changes size from " + Kept(reader, writer).Size.ToString(CultureInfo.InvariantCulture)
                            + " to " + New(reader, writer).Size.ToString(CultureInfo.InvariantCulture) + " bytes (Avro schema resolution: fixed types match only when their sizes are equal)");
                        fixedOk = false;
                    }

                    return CompareLogicalTypes(reader, writer, position, issues) && fixedOk;
                case AvroKind.Array:
                case AvroKind.Map:
                    return Compare(reader.Items!, writer.Items!, position, issues);
                default:
                    return CompareLogicalTypes(reader, writer, position, issues);
            }
        }

        if (AvroResolutionRules.IsPromotion(writer.Kind, reader.Kind))
        {
            return CompareLogicalTypes(reader, writer, position, issues);
        }

        if (writer.Kind == AvroKind.Null)
        {
            Report(issues, true, "nullable:" + Path(position), position,
                Subject(position) + " is nullable in " + _direction.WriterLabel + " but not in " + _direction.ReaderLabel + ", so a null written with "
                + _direction.WriterLabel + " cannot be read (Avro schema resolution: every branch of the writer's union must match the reader's type)");
            return false;
        }

        Report(issues, true, "type:" + Path(position), position,
            Subject(position) + " changes type from " + Kept(reader, writer).Describe() + " to " + New(reader, writer).Describe() + ": " + writer.Describe()
            + " written with " + _direction.WriterLabel + " cannot be read as " + reader.Describe() + " (" + PromotionRule + ")");
        return false;
    }

    private bool CompareWithReaderUnion(AvroType reader, AvroType writer, Position position, List<SchemaIncompatibility> issues)
    {
        // "if reader's is a union, but writer's is not": the first reader branch that matches is used.
        foreach (var branch in reader.Branches)
        {
            if (Resolves(branch, writer))
            {
                return Compare(branch, writer, position, issues); // resolves; reports only meaning changes
            }
        }

        // No branch resolves. Explain through the branch of the same shape (a record of the same name, the same
        // primitive, ...) when there is one, so the message names the nested field at fault.
        foreach (var branch in reader.Branches)
        {
            if (SameShape(branch, writer))
            {
                return Compare(branch, writer, position, issues);
            }
        }

        Report(issues, true, "branch:" + Path(position) + ":" + writer.Describe(), position,
            Subject(position) + ": " + writer.Describe() + " written with " + _direction.WriterLabel + " matches no branch of " + reader.Describe() + " in "
            + _direction.ReaderLabel + " (Avro schema resolution: a value of the writer's type must match a branch of the reader's union)");
        return false;
    }

    private bool CompareRecords(AvroType reader, AvroType writer, Position position, List<SchemaIncompatibility> issues)
    {
        bool ok = CompareNames(reader, writer, position, issues);
        if (!_inProgress.Add((reader, writer)))
        {
            return ok; // a recursive record: assumed compatible while its comparison is under way, as Java's checker does
        }

        try
        {
            var matchedWriterFields = new HashSet<AvroField>();
            var missing = new List<AvroField>();
            foreach (var readerField in reader.Fields)
            {
                var writerField = AvroResolutionRules.FindWriterField(writer, readerField);
                if (writerField is null)
                {
                    missing.Add(readerField);
                    continue;
                }

                matchedWriterFields.Add(writerField);
                ok &= Compare(readerField.Type, writerField.Type, position.Field(readerField, writerField), issues);
            }

            foreach (var readerField in missing)
            {
                if (!readerField.HasDefault)
                {
                    ReportMissingDefault(writer, readerField, matchedWriterFields, position, issues);
                    ok = false;
                }
            }

            return ok;
        }
        finally
        {
            _inProgress.Remove((reader, writer));
        }
    }

    private void ReportMissingDefault(AvroType writer, AvroField readerField, HashSet<AvroField> matchedWriterFields, Position position, List<SchemaIncompatibility> issues)
    {
        const string Rule = "Avro schema resolution: a field of the reader's record that the writer's record lacks must have a default";
        var fieldPosition = position.ReaderOnlyField(readerField);
        string path = fieldPosition.DisplayPath(_direction.ReaderIsNew);
        string text;
        if (_direction.ReaderIsNew)
        {
            var unmatched = writer.Fields.Where(f => !matchedWriterFields.Contains(f)).Select(static f => "'" + f.Name + "'").ToList();
            string hint = unmatched.Count == 0 ? string.Empty : "; if it renames " + string.Join(" or ", unmatched) + ", give it the old name as an alias";
            text = "field '" + path + "' was added without a default, so " + _direction.ReaderLabel + " cannot read records written with " + _direction.WriterLabel + " (" + Rule + ")" + hint;
        }
        else
        {
            var renamedTo = writer.Fields.FirstOrDefault(f => f.Aliases.Contains(readerField.Name));
            string hint = renamedTo is null ? string.Empty : "; the rename to '" + renamedTo.Name + "' does not help old readers, because only the reader's aliases are used";
            text = "field '" + path + "' was removed, and " + _direction.KeptLabel + " gives it no default, so readers using " + _direction.KeptLabel
                + " cannot read records written with " + _direction.NewSchemaLabel + " (" + Rule + ")" + hint;
        }

        Report(issues, true, "missing:" + path, fieldPosition, text);
    }

    private bool CompareEnums(AvroType reader, AvroType writer, Position position, List<SchemaIncompatibility> issues)
    {
        bool ok = CompareNames(reader, writer, position, issues);
        var unknown = writer.Symbols.Where(s => !reader.Symbols.Contains(s)).ToList();
        if (unknown.Count > 0 && reader.EnumDefault is null)
        {
            string symbols = string.Join(", ", unknown.Select(static s => "'" + s + "'"));
            const string Rule = "Avro schema resolution: a writer's symbol that the reader's enum lacks is an error unless the reader's enum has a default";
            string text = _direction.ReaderIsNew
                ? Subject(position) + ": enum '" + reader.FullName + "' no longer has " + symbols + ", which records written with " + _direction.KeptLabel
                    + " may hold, and has no default symbol (" + Rule + ")"
                : Subject(position) + ": enum '" + writer.FullName + "' gains " + symbols + ", which readers using " + _direction.KeptLabel
                    + " do not know, and " + _direction.KeptLabel + " gives the enum no default symbol (" + Rule + ")";
            Report(issues, true, "symbols:" + Path(position) + ":" + string.Join(",", unknown), position, text);
            ok = false;
        }

        return ok;
    }

    private bool CompareNames(AvroType reader, AvroType writer, Position position, List<SchemaIncompatibility> issues)
    {
        if (AvroResolutionRules.NamesMatch(reader, writer))
        {
            return true;
        }

        string kind = AvroType.KindName(reader.Kind);
        string path = Path(position);
        string text = (path.Length > 0 ? "field '" + path + "': " : string.Empty) + kind + " '" + Kept(reader, writer).FullName + "' is named '" + New(reader, writer).FullName + "' in "
            + _direction.NewSchemaLabel + ", and " + _direction.ReaderLabel + " has no alias '" + writer.FullName
            + "' (Avro schema resolution: named types match by unqualified name or by an alias of the reader's type)";
        Report(issues, true, "name:" + Path(position) + ":" + kind, position, text);
        return false;
    }

    private bool CompareLogicalTypes(AvroType reader, AvroType writer, Position position, List<SchemaIncompatibility> issues)
    {
        var kept = Kept(reader, writer);
        var generated = New(reader, writer);
        if (reader.LogicalType == "decimal" && writer.LogicalType == "decimal")
        {
            if (AvroResolutionRules.DecimalsMatch(reader, writer))
            {
                return true;
            }

            Report(issues, true, "decimal:" + Path(position), position,
                Subject(position) + " changes from " + kept.DescribeLogicalType() + " to " + generated.DescribeLogicalType()
                + " (Avro 1.11 specification, Logical Types: two decimals match only if their precisions and scales match; the same bytes read with another scale are another number)");
            return false;
        }

        if (reader.LogicalType != writer.LogicalType)
        {
            string underlying = AvroType.KindName(reader.Kind) == AvroType.KindName(writer.Kind) ? AvroType.KindName(reader.Kind) : AvroType.KindName(writer.Kind) + " to " + AvroType.KindName(reader.Kind);
            Report(issues, false, "logical:" + Path(position), position,
                Subject(position) + " changes logical type from " + kept.DescribeLogicalType() + " to " + generated.DescribeLogicalType()
                + ": the underlying " + underlying + " still resolves, but readers interpret the values differently");
        }

        return true;
    }

    /// <summary>Whether <paramref name="writer"/> resolves against <paramref name="reader"/>, without reporting (memoised).</summary>
    private bool Resolves(AvroType reader, AvroType writer)
    {
        if (_trials.TryGetValue((reader, writer), out bool known))
        {
            return known;
        }

        var scratch = new List<SchemaIncompatibility>();
        bool result = Compare(reader, writer, Position.Root, scratch) && scratch.All(static i => !i.BreaksResolution);
        _trials[(reader, writer)] = result;
        return result;
    }

    private static bool SameShape(AvroType reader, AvroType writer) =>
        reader.Kind == writer.Kind && (!reader.IsNamed || AvroResolutionRules.NamesMatch(reader, writer));

    private AvroType Kept(AvroType reader, AvroType writer) => _direction.ReaderIsNew ? writer : reader;

    private AvroType New(AvroType reader, AvroType writer) => _direction.ReaderIsNew ? reader : writer;

    private string Named(AvroType reader, AvroType writer) => New(reader, writer).FullName!;

    private string Path(Position position) => position.DisplayPath(_direction.ReaderIsNew);

    private string Subject(Position position)
    {
        string path = Path(position);
        return path.Length > 0 ? "field '" + path + "'" : "the schema";
    }

    private void Report(List<SchemaIncompatibility> issues, bool breaksResolution, string key, Position position, string text)
    {
        var newPath = position.NewPath(_direction.ReaderIsNew);
        var keptSpan = _direction.ReaderIsNew ? position.WriterSpan : position.ReaderSpan;
        issues.Add(new SchemaIncompatibility(breaksResolution, text, newPath, keptSpan, key));
    }

    /// <summary>Where the comparison stands: the field names walked on each side and the current fields' name spans.</summary>
    private sealed class Position
    {
        public static readonly Position Root = new(Array.Empty<string>(), Array.Empty<string>(), null, null);

        private readonly string[] _readerPath;
        private readonly string[]? _writerPath;

        private Position(string[] readerPath, string[]? writerPath, TextSpan? readerSpan, TextSpan? writerSpan)
        {
            _readerPath = readerPath;
            _writerPath = writerPath;
            ReaderSpan = readerSpan;
            WriterSpan = writerSpan;
        }

        public TextSpan? ReaderSpan { get; }

        public TextSpan? WriterSpan { get; }

        public Position Field(AvroField reader, AvroField writer) =>
            new(Append(_readerPath, reader.Name), _writerPath is null ? null : Append(_writerPath, writer.Name), reader.NameSpan, writer.NameSpan);

        /// <summary>A reader field the writer does not have.</summary>
        public Position ReaderOnlyField(AvroField reader) => new(Append(_readerPath, reader.Name), null, reader.NameSpan, null);

        /// <summary>The path in the new schema; null when the field is not in it.</summary>
        public IReadOnlyList<string>? NewPath(bool readerIsNew) => readerIsNew ? _readerPath : _writerPath;

        public string DisplayPath(bool readerIsNew) => string.Join(".", NewPath(readerIsNew) ?? _readerPath);

        private static string[] Append(string[] path, string name)
        {
            var result = new string[path.Length + 1];
            Array.Copy(path, result, path.Length);
            result[path.Length] = name;
            return result;
        }
    }
}
