using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace TypedProducer.Analyzers.SchemaEvolution.Protobuf;

/// <summary>
/// Compares two <c>.proto</c> schemas the way the Confluent Schema Registry does
/// (<c>io.confluent.kafka.schemaregistry.protobuf.diff.SchemaDiff</c>: a data reader with the update can read what
/// the original wrote unless a difference outside <c>SchemaDiff.COMPATIBLE_CHANGES</c> is found). For BACKWARD the
/// original is the kept version and the update the generated schema; for FORWARD the other way round.
/// <para>
/// Compatible: messages and enums added or moved, enums and enum constants changed, fields added or removed (proto3
/// fields are optional), renamed (the number identifies a field), oneofs added or removed, fields added to a oneof,
/// string ↔ bytes label changes. Incompatible: a package change; a message removed; a field whose number now
/// holds another kind (scalar, message, map), another scalar group (int32/uint32/int64/uint64/bool/enums,
/// sint32/sint64, fixed32/sfixed32, fixed64/sfixed64, string/bytes, float, double: the wire-compatible groups of
/// "Updating A Message Type" in the Protocol Buffers guide), another message type, or a numeric field whose
/// explicit label changes; a required field added or removed; a field removed from a oneof; several existing
/// fields moved into one oneof, or a field moved into a oneof that already held fields.
/// </para>
/// Imports are not followed (the registry resolves them through schema references): a field of an imported type
/// is compared by the type's name.
/// </summary>
internal sealed class ProtobufCompatibilityChecker
{
    private static readonly HashSet<string> s_scalars = new(System.StringComparer.Ordinal)
    {
        "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
        "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes",
    };

    private readonly Side _original;
    private readonly Side _update;
    private readonly CheckDirection _direction;
    private readonly List<SchemaIncompatibility> _issues;
    private readonly HashSet<ProtoMessage> _inProgress = new();
    private readonly HashSet<string> _reported = new(System.StringComparer.Ordinal);

    private ProtobufCompatibilityChecker(Side original, Side update, CheckDirection direction, List<SchemaIncompatibility> issues)
    {
        _original = original;
        _update = update;
        _direction = direction;
        _issues = issues;
    }

    private enum Kind
    {
        Scalar,
        Message,
        Map,
    }

    /// <summary>Adds every incompatible difference between <paramref name="writer"/> (the original) and <paramref name="reader"/> (the update).</summary>
    public static void Check(ProtoFile reader, ProtoFile writer, CheckDirection direction, List<SchemaIncompatibility> issues)
    {
        // The writer's schema is the generated one when the kept version reads (FORWARD).
        var original = new Side(writer, isNew: !direction.ReaderIsNew);
        var update = new Side(reader, isNew: direction.ReaderIsNew);
        var checker = new ProtobufCompatibilityChecker(original, update, direction, issues);
        if (original.File.Package != update.File.Package)
        {
            var kept = original.IsNew ? update : original;
            var generated = original.IsNew ? original : update;
            checker.Report("package", Empty, null,
                "the package changes from '" + kept.File.Package + "' in " + direction.KeptLabel + " to '" + generated.File.Package
                + "', so every message has another full name (Confluent Protobuf compatibility: PACKAGE_CHANGED)");
        }

        checker.CompareTypes(original.File.Types, update.File.Types);
    }

    private static IReadOnlyList<string> Empty { get; } = new string[0];

    private void CompareTypes(List<ProtoDeclaration> original, List<ProtoDeclaration> update)
    {
        var updateMessages = update.OfType<ProtoMessage>().ToDictionary(static m => m.Name, System.StringComparer.Ordinal);
        foreach (var message in original.OfType<ProtoMessage>())
        {
            if (updateMessages.TryGetValue(message.Name, out var counterpart))
            {
                CompareMessages(message, counterpart);
            }
            else if (_original.IsNew)
            {
                Report("message:" + message.LocalName, _original.PathTo(message), null,
                    "message '" + message.LocalName + "' is new, and " + _direction.KeptLabel
                    + " does not have it, so readers using " + _direction.KeptLabel + " cannot resolve records that refer to it (Confluent Protobuf compatibility, checked from the generated schema: MESSAGE_REMOVED)");
            }
            else
            {
                Report("message:" + message.LocalName, null, message.NameSpan,
                    "message '" + message.LocalName + "' of " + _direction.KeptLabel + " was removed, so records written with it cannot be read (Confluent Protobuf compatibility: MESSAGE_REMOVED)");
            }
        }

        // Messages only the update has (MESSAGE_ADDED), and every enum change, are compatible.
    }

    private void CompareMessages(ProtoMessage original, ProtoMessage update)
    {
        if (_inProgress.Add(original))
        {
            try
            {
                CompareFields(original, update);
            }
            finally
            {
                _inProgress.Remove(original);
            }
        }

        CompareTypes(original.NestedTypes, update.NestedTypes);
    }

    private void CompareFields(ProtoMessage original, ProtoMessage update)
    {
        var originalByTag = ByTag(original.Fields);
        var updateByTag = ByTag(update.Fields);
        var originalAll = new Dictionary<int, ProtoField>(originalByTag);
        var updateAll = new Dictionary<int, ProtoField>(updateByTag);
        var originalOneOfOf = new Dictionary<int, string>();
        var updateOneOfOf = new Dictionary<int, string>();
        foreach (var oneOf in original.OneOfs)
        {
            foreach (var field in oneOf.Fields)
            {
                originalAll[field.Tag] = field;
                originalOneOfOf[field.Tag] = oneOf.Name;
            }
        }

        foreach (var oneOf in update.OneOfs)
        {
            int moved = 0;
            int existing = 0;
            var movedFields = new List<string>();
            foreach (var field in oneOf.Fields)
            {
                updateAll[field.Tag] = field;
                updateOneOfOf[field.Tag] = oneOf.Name;
                if (originalByTag.Remove(field.Tag))
                {
                    moved++;
                    movedFields.Add("'" + field.Name + "'");
                }
                else if (originalOneOfOf.ContainsKey(field.Tag))
                {
                    existing++;
                }
            }

            string where = "oneof '" + oneOf.Name + "' of message '" + update.LocalName + "'";
            if (moved > 1)
            {
                Report("oneof-moved:" + update.LocalName + ":" + oneOf.Name, PathToOneOf(original, update), null,
                    where + " in " + _update.Label + " takes in the fields " + string.Join(", ", movedFields) + ", which are outside any oneof in " + _original.Label
                    + ": records that set more than one of them lose all but one (Confluent Protobuf compatibility: MULTIPLE_FIELDS_MOVED_TO_ONEOF)");
            }
            else if (moved == 1 && existing > 0)
            {
                Report("oneof-moved:" + update.LocalName + ":" + oneOf.Name, PathToOneOf(original, update), null,
                    where + " in " + _update.Label + " takes in field " + movedFields[0] + ", while it already held fields in " + _original.Label
                    + " (Confluent Protobuf compatibility: FIELD_MOVED_TO_EXISTING_ONEOF)");
            }
        }

        var updateTags = new HashSet<int>(updateAll.Keys);
        foreach (var originalOneOf in original.OneOfs)
        {
            var updateOneOf = update.OneOfs.FirstOrDefault(o => o.Name == originalOneOf.Name);
            if (updateOneOf is null)
            {
                continue; // ONEOF_REMOVED is compatible; its fields are compared by number below
            }

            var updateOneOfByTag = ByTag(updateOneOf.Fields);
            foreach (var field in originalOneOf.Fields.OrderBy(static f => f.Tag))
            {
                if (updateOneOfByTag.TryGetValue(field.Tag, out var counterpart))
                {
                    CompareField(original, field, update, counterpart);
                }
                else if (!updateTags.Contains(field.Tag))
                {
                    ReportOneOfFieldRemoved(original, update, originalOneOf.Name, field);
                }
            }
        }

        foreach (int tag in originalByTag.Keys.Union(updateByTag.Keys).OrderBy(static t => t))
        {
            originalByTag.TryGetValue(tag, out var originalField);
            updateByTag.TryGetValue(tag, out var updateField);
            if (originalField is not null && updateField is not null)
            {
                CompareField(original, originalField, update, updateField);
            }
            else if (originalField is { Label: ProtoLabel.Required })
            {
                ReportRequired(original, update, originalField, inOriginal: true);
            }
            else if (updateField is { Label: ProtoLabel.Required })
            {
                ReportRequired(original, update, updateField, inOriginal: false);
            }

            // Other fields added or removed are compatible: proto3 fields are optional, unknown numbers are skipped.
        }

        // Fields whose oneof membership changed are compared by number too.
        foreach (int tag in originalAll.Keys.Intersect(updateAll.Keys).OrderBy(static t => t))
        {
            bool topLevelInBoth = !originalOneOfOf.ContainsKey(tag) && !updateOneOfOf.ContainsKey(tag);
            bool sameOneOf = originalOneOfOf.TryGetValue(tag, out string? a) && updateOneOfOf.TryGetValue(tag, out string? b) && a == b;
            if (!topLevelInBoth && !sameOneOf)
            {
                CompareField(original, originalAll[tag], update, updateAll[tag]);
            }
        }
    }

    private void CompareField(ProtoMessage originalMessage, ProtoField original, ProtoMessage updateMessage, ProtoField update)
    {
        // A changed name is compatible: the number identifies the field on the wire.
        var context = new FieldContext(this, originalMessage, original, updateMessage, update);
        CompareTypes(context, original.Label, update.Label, new TypeRef(original.Type, original.MapKey), new TypeRef(update.Type, update.MapKey));
    }

    private void CompareTypes(FieldContext context, ProtoLabel originalLabel, ProtoLabel updateLabel, TypeRef original, TypeRef update)
    {
        var originalKind = KindOf(original, _original, context.OriginalMessage);
        var updateKind = KindOf(update, _update, context.UpdateMessage);
        if (originalKind != updateKind)
        {
            context.Report("kind", "changes from " + context.KeptType + " to " + context.NewType + ", a " + KindName(context.KeptIsOriginal ? originalKind : updateKind)
                + " to a " + KindName(context.KeptIsOriginal ? updateKind : originalKind) + " (Confluent Protobuf compatibility: FIELD_KIND_CHANGED)");
            return;
        }

        switch (originalKind)
        {
            case Kind.Map:
                CompareTypes(context, ProtoLabel.None, ProtoLabel.None, new TypeRef(original.MapKey!, null), new TypeRef(update.MapKey!, null));
                CompareTypes(context, ProtoLabel.None, ProtoLabel.None, new TypeRef(original.Name, null), new TypeRef(update.Name, null));
                break;
            case Kind.Scalar:
                string originalGroup = ScalarGroup(original.Name, _original, context.OriginalMessage);
                string updateGroup = ScalarGroup(update.Name, _update, context.UpdateMessage);
                if (originalGroup != updateGroup)
                {
                    context.Report("scalar", "changes type from " + context.KeptType + " to " + context.NewType
                        + ", which Protobuf encodes differently (wire-compatible groups: int32, uint32, int64, uint64, bool and enums; sint32 and sint64; fixed32 and sfixed32; fixed64 and sfixed64; string and bytes; Confluent Protobuf compatibility: FIELD_SCALAR_KIND_CHANGED)");
                }
                else if (originalLabel != ProtoLabel.None && updateLabel != ProtoLabel.None && originalLabel != updateLabel && originalGroup != "string/bytes")
                {
                    var keptLabel = context.KeptIsOriginal ? originalLabel : updateLabel;
                    var newLabel = context.KeptIsOriginal ? updateLabel : originalLabel;
                    context.Report("label", "changes from " + keptLabel.ToString().ToLowerInvariant() + " to " + newLabel.ToString().ToLowerInvariant()
                        + ": a repeated numeric field is packed, so the other side misreads it (Confluent Protobuf compatibility: FIELD_NUMERIC_LABEL_CHANGED)");
                }

                break;
            default:
                CompareMessageTypes(context, original, update);
                break;
        }
    }

    private void CompareMessageTypes(FieldContext context, TypeRef original, TypeRef update)
    {
        var originalType = _original.Resolve(original.Name, context.OriginalMessage) as ProtoMessage;
        var updateType = _update.Resolve(update.Name, context.UpdateMessage) as ProtoMessage;
        if (originalType is null || updateType is null)
        {
            // An imported type (google.protobuf.Timestamp, ...): compared by name, as the registry does without references.
            if (original.Name.TrimStart('.') != update.Name.TrimStart('.'))
            {
                context.Report("type", "changes message type from " + context.KeptType + " to " + context.NewType + " (Confluent Protobuf compatibility: FIELD_NAMED_TYPE_CHANGED)");
            }

            return;
        }

        if (originalType.LocalName != updateType.LocalName)
        {
            context.Report("type", "changes message type from " + context.KeptType + " to " + context.NewType + " (Confluent Protobuf compatibility: FIELD_NAMED_TYPE_CHANGED)");
            return;
        }

        CompareMessages(originalType, updateType);
    }

    private Kind KindOf(TypeRef type, Side side, ProtoMessage scope)
    {
        if (type.MapKey is not null)
        {
            return Kind.Map;
        }

        return s_scalars.Contains(type.Name) || side.Resolve(type.Name, scope) is ProtoEnum ? Kind.Scalar : Kind.Message;
    }

    private static string ScalarGroup(string type, Side side, ProtoMessage scope) => type switch
    {
        "int32" or "int64" or "uint32" or "uint64" or "bool" => "varint",
        "sint32" or "sint64" => "zigzag",
        "string" or "bytes" => "string/bytes",
        "fixed32" or "sfixed32" => "fixed32",
        "fixed64" or "sfixed64" => "fixed64",
        "float" => "float",
        "double" => "double",
        _ => side.Resolve(type, scope) is ProtoEnum ? "varint" : type,
    };

    private static string KindName(Kind kind) => kind switch
    {
        Kind.Scalar => "scalar",
        Kind.Map => "map",
        _ => "message",
    };

    private static Dictionary<int, ProtoField> ByTag(List<ProtoField> fields)
    {
        var byTag = new Dictionary<int, ProtoField>();
        foreach (var field in fields)
        {
            byTag[field.Tag] = field;
        }

        return byTag;
    }

    private IReadOnlyList<string>? PathToOneOf(ProtoMessage original, ProtoMessage update) =>
        _original.IsNew ? _original.PathTo(original) : _update.PathTo(update);

    private void ReportRequired(ProtoMessage original, ProtoMessage update, ProtoField field, bool inOriginal)
    {
        // inOriginal: the original has the required field and the update lacks it.
        bool inNew = inOriginal == _original.IsNew;
        var message = inOriginal ? original : update;
        var side = inOriginal ? _original : _update;
        string text = inNew
            ? "required field '" + field.Name + "' (number " + Number(field) + ") is new, and records written with " + _direction.KeptLabel + " lack it"
            : "required field '" + field.Name + "' (number " + Number(field) + ") of " + _direction.KeptLabel + " was removed, and readers using " + _direction.KeptLabel + " reject records without it";
        Report("required:" + message.LocalName + ":" + Number(field),
            inNew ? Append(side.PathTo(message), field.Name) : null,
            inNew ? null : field.NameSpan,
            text + " (Confluent Protobuf compatibility: " + (inOriginal ? "REQUIRED_FIELD_REMOVED" : "REQUIRED_FIELD_ADDED") + ")");
    }

    private void ReportOneOfFieldRemoved(ProtoMessage original, ProtoMessage update, string oneOf, ProtoField field)
    {
        string text = _original.IsNew
            ? "field '" + field.Name + "' (number " + Number(field) + ") is new in oneof '" + oneOf + "', which readers using " + _direction.KeptLabel + " do not know"
            : "field '" + field.Name + "' (number " + Number(field) + ") of oneof '" + oneOf + "' in " + _direction.KeptLabel + " was removed";
        Report("oneof-field:" + original.LocalName + ":" + Number(field),
            _original.IsNew ? Append(_original.PathTo(original), field.Name) : null,
            _original.IsNew ? null : field.NameSpan,
            text + " (Confluent Protobuf compatibility: ONEOF_FIELD_REMOVED)");
    }

    /// <summary>Adds an issue once: a nested message is compared both by name and through the fields that use it.</summary>
    private void Report(string key, IReadOnlyList<string>? newPath, TextSpan? keptSpan, string text)
    {
        if (_reported.Add(key))
        {
            _issues.Add(new SchemaIncompatibility(true, text, newPath, keptSpan, "proto:" + key));
        }
    }

    private static string Number(ProtoField field) => field.Tag.ToString(CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Append(IReadOnlyList<string> path, string name) => path.Concat(new[] { name }).ToList();

    /// <summary>A field type: a scalar or type name, or a map's value type with its key.</summary>
    private readonly struct TypeRef
    {
        public TypeRef(string name, string? mapKey)
        {
            Name = name;
            MapKey = mapKey;
        }

        public string Name { get; }

        public string? MapKey { get; }
    }

    /// <summary>One schema: its types by full name, and field paths from its first message to each message.</summary>
    private sealed class Side
    {
        private readonly Dictionary<string, ProtoDeclaration> _types = new(System.StringComparer.Ordinal);
        private Dictionary<ProtoMessage, IReadOnlyList<string>>? _paths;

        public Side(ProtoFile file, bool isNew)
        {
            File = file;
            IsNew = isNew;
            Collect(file.Types);
        }

        public ProtoFile File { get; }

        public bool IsNew { get; }

        public string Label => IsNew ? CheckDirection.NewLabel : "the kept version";

        /// <summary>Resolves a type reference from inside <paramref name="scope"/> (Protocol Buffers scoping: innermost scope first).</summary>
        public ProtoDeclaration? Resolve(string name, ProtoMessage scope)
        {
            if (name.StartsWith(".", System.StringComparison.Ordinal))
            {
                return _types.TryGetValue(name.Substring(1), out var absolute) ? absolute : null;
            }

            var prefix = new List<string>();
            if (File.Package.Length > 0)
            {
                prefix.Add(File.Package);
            }

            prefix.AddRange(scope.LocalName.Split('.'));
            while (prefix.Count > 0)
            {
                if (_types.TryGetValue(string.Join(".", prefix) + "." + name, out var found))
                {
                    return found;
                }

                prefix.RemoveAt(prefix.Count - 1);
            }

            return _types.TryGetValue(name, out var global) ? global : null;
        }

        /// <summary>Field names from the file's first message (the contract's) to <paramref name="message"/>; empty when it is not reachable.</summary>
        public IReadOnlyList<string> PathTo(ProtoMessage message)
        {
            if (_paths is null)
            {
                _paths = new Dictionary<ProtoMessage, IReadOnlyList<string>>();
                if (File.Types.OfType<ProtoMessage>().FirstOrDefault() is { } root)
                {
                    var queue = new Queue<ProtoMessage>();
                    _paths[root] = Empty;
                    queue.Enqueue(root);
                    while (queue.Count > 0)
                    {
                        var current = queue.Dequeue();
                        foreach (var field in current.Fields.Concat(current.OneOfs.SelectMany(static o => o.Fields)))
                        {
                            if (Resolve(field.Type, current) is ProtoMessage next && !_paths.ContainsKey(next))
                            {
                                _paths[next] = Append(_paths[current], field.Name);
                                queue.Enqueue(next);
                            }
                        }
                    }
                }
            }

            return _paths.TryGetValue(message, out var path) ? path : Empty;
        }

        private void Collect(List<ProtoDeclaration> types)
        {
            foreach (var type in types)
            {
                _types[type.FullName] = type;
                if (type is ProtoMessage message)
                {
                    Collect(message.NestedTypes);
                }
            }
        }
    }

    /// <summary>The field pair being compared, and how to report on it.</summary>
    private sealed class FieldContext
    {
        private readonly ProtobufCompatibilityChecker _checker;

        public FieldContext(ProtobufCompatibilityChecker checker, ProtoMessage originalMessage, ProtoField original, ProtoMessage updateMessage, ProtoField update)
        {
            _checker = checker;
            OriginalMessage = originalMessage;
            Original = original;
            UpdateMessage = updateMessage;
            Update = update;
        }

        public ProtoMessage OriginalMessage { get; }

        public ProtoField Original { get; }

        public ProtoMessage UpdateMessage { get; }

        public ProtoField Update { get; }

        public bool KeptIsOriginal => !_checker._original.IsNew;

        public string KeptType => (KeptIsOriginal ? Original : Update).DisplayType;

        public string NewType => (KeptIsOriginal ? Update : Original).DisplayType;

        public void Report(string kind, string text)
        {
            var newField = KeptIsOriginal ? Update : Original;
            var newMessage = KeptIsOriginal ? UpdateMessage : OriginalMessage;
            var newSide = KeptIsOriginal ? _checker._update : _checker._original;
            var keptField = KeptIsOriginal ? Original : Update;
            _checker.Report(
                kind + ":" + OriginalMessage.LocalName + ":" + Number(Original),
                Append(newSide.PathTo(newMessage), newField.Name),
                keptField.NameSpan,
                "field '" + newField.Name + "' (number " + Number(newField) + ") of message '" + newMessage.LocalName + "' " + text);
        }
    }
}
