using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedProducer.Analyzers.SchemaEvolution.Avro;
using TypedProducer.Analyzers.SchemaEvolution.Protobuf;

namespace TypedProducer.Analyzers.SchemaEvolution;

/// <summary>
/// TPK3xxx, build-time schema evolution: compares the schema generated for each <c>[KafkaMessage]</c> contract
/// (the <c>{Name}KafkaContract.AvroSchema</c> or <c>.ProtobufSchema</c> constant the generator adds to the
/// compilation) with the versions kept in the project as AdditionalFiles (<c>.avsc</c>, <c>.proto</c>), under the
/// configured compatibility mode.
/// <para>
/// Kept versions are found by Schema Registry subject name: the files of a folder named after a subject
/// (<c>schemas/{subject}/v1.avsc</c>, <c>v2.avsc</c>, ... in natural order, the last being the latest), or a
/// single file <c>schemas/{subject}.avsc</c> (then the latest). A contract's subjects are its record's full name
/// (RecordName strategy; also each alias of the record; for Protobuf the first message's <c>package.Message</c>),
/// <c>{topic}-value</c> (TopicName) and <c>{topic}-{full name}</c> (TopicRecordName).
/// </para>
/// <para>
/// The mode comes from, in order: <c>typedproducer.schema_compatibility.{FullName}</c>, then
/// <c>typedproducer.schema_compatibility</c> (each from the <c>.editorconfig</c> section of the contract's file,
/// then <c>.globalconfig</c>), then the MSBuild property <c>TypedProducerSchemaCompatibility</c>; default BACKWARD.
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SchemaEvolutionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The formats whose schemas are compared. JSON Schema plugs in here.</summary>
    private static readonly SchemaFormat[] s_formats = { AvroSchemaFormat.Instance, ProtobufSchemaFormat.Instance };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.IncompatibleSchemaChange,
        DiagnosticDescriptors.UnreadableKeptSchema,
        DiagnosticDescriptors.UnknownCompatibilityMode,
        DiagnosticDescriptors.KeptSchemaWithoutContract,
        DiagnosticDescriptors.SchemaChangesMeaning);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName(KnownNames.KafkaMessageAttribute);
            var files = new List<KeptSchemaFile>();
            foreach (var file in start.Options.AdditionalFiles)
            {
                foreach (var format in s_formats)
                {
                    if (file.Path.EndsWith(format.FileExtension, StringComparison.OrdinalIgnoreCase))
                    {
                        files.Add(new KeptSchemaFile(file, format));
                    }
                }
            }

            if (attribute is null || files.Count == 0)
            {
                return; // nothing to compare: no cost for projects without kept schemas
            }

            var fieldAttributes = new[] { KnownNames.AvroFieldAttribute, KnownNames.ProtoFieldAttribute }
                .Select(start.Compilation.GetTypeByMetadataName)
                .Where(static a => a is not null)
                .ToList();
            var state = new State(attribute, fieldAttributes!, files);
            start.RegisterSymbolAction(state.AnalyzeType, SymbolKind.NamedType);
            start.RegisterAdditionalFileAction(state.AnalyzeFile);
            start.RegisterCompilationEndAction(state.ReportUnmatchedFiles);
        });
    }

    /// <summary>Parses a mode name (case-insensitive; <c>-</c> or <c>_</c> between words).</summary>
    /// <param name="text">The configured text.</param>
    /// <param name="mode">The mode.</param>
    /// <returns>False when <paramref name="text"/> names no mode.</returns>
    internal static bool TryParseMode(string text, out CompatibilityMode mode)
    {
        switch (text.Trim().Replace('-', '_').ToUpperInvariant())
        {
            case "NONE": mode = CompatibilityMode.None; return true;
            case "BACKWARD": mode = CompatibilityMode.Backward; return true;
            case "BACKWARD_TRANSITIVE": mode = CompatibilityMode.BackwardTransitive; return true;
            case "FORWARD": mode = CompatibilityMode.Forward; return true;
            case "FORWARD_TRANSITIVE": mode = CompatibilityMode.ForwardTransitive; return true;
            case "FULL": mode = CompatibilityMode.Full; return true;
            case "FULL_TRANSITIVE": mode = CompatibilityMode.FullTransitive; return true;
            default: mode = CompatibilityMode.Backward; return false;
        }
    }

    /// <summary>The Schema Registry's spelling of a mode.</summary>
    internal static string ModeName(CompatibilityMode mode) => mode switch
    {
        CompatibilityMode.None => "NONE",
        CompatibilityMode.Backward => "BACKWARD",
        CompatibilityMode.BackwardTransitive => "BACKWARD_TRANSITIVE",
        CompatibilityMode.Forward => "FORWARD",
        CompatibilityMode.ForwardTransitive => "FORWARD_TRANSITIVE",
        CompatibilityMode.Full => "FULL",
        _ => "FULL_TRANSITIVE",
    };

    private sealed class State
    {
        private readonly INamedTypeSymbol _kafkaMessage;
        private readonly List<INamedTypeSymbol> _fieldAttributes;
        private readonly List<KeptSchemaFile> _files;
        private readonly ILookup<string, KeptSchemaFile> _byPath;
        private readonly ILookup<string, KeptSchemaFile> _byDirectory;
        private readonly ILookup<string, KeptSchemaFile> _byStem;
        private readonly ConcurrentDictionary<string, byte> _subjects = new(StringComparer.Ordinal);
        private readonly ConcurrentBag<string> _topics = new();

        public State(INamedTypeSymbol kafkaMessage, List<INamedTypeSymbol> fieldAttributes, List<KeptSchemaFile> files)
        {
            _kafkaMessage = kafkaMessage;
            _fieldAttributes = fieldAttributes;
            _files = files;
            _byPath = files.ToLookup(static f => f.Path, StringComparer.Ordinal);
            _byDirectory = files.ToLookup(static f => f.DirectoryName, StringComparer.Ordinal);
            _byStem = files.ToLookup(static f => f.Stem, StringComparer.Ordinal);
        }

        public void AnalyzeFile(AdditionalFileAnalysisContext context)
        {
            foreach (var file in _byPath[context.AdditionalFile.Path])
            {
                if (file.Problem(context.CancellationToken) is { } problem)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UnreadableKeptSchema, file.LocationOf(problem.Span, context.CancellationToken), file.Label.Trim('\''), file.Format.Name, problem.Message));
                }
            }
        }

        public void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _kafkaMessage));
            if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string topic)
            {
                return;
            }

            int formatValue = 0;
            string? name = null;
            string? ns = null;
            foreach (var named in attribute.NamedArguments)
            {
                switch (named.Key)
                {
                    case "Format" when named.Value.Value is int f:
                        formatValue = f;
                        break;
                    case "Name":
                        name = named.Value.Value as string;
                        break;
                    case "Namespace":
                        ns = named.Value.Value as string;
                        break;
                }
            }

            // Subjects by the attribute alone, so that kept files of contracts in formats without a checker (or
            // whose generation failed) are not reported as orphans.
            string attributeNamespace = ns ?? (type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : string.Empty);
            string attributeFullName = (attributeNamespace.Length > 0 ? attributeNamespace + "." : string.Empty) + (name ?? type.Name);
            _topics.Add(topic);
            _subjects.TryAdd(attributeFullName, 0);

            var format = s_formats.FirstOrDefault(f => f.MessageFormat == formatValue);
            if (format is null || GeneratedSchema(type, format) is not { } generatedText || format.Parse(generatedText, out _) is not { } generated)
            {
                return;
            }

            var subjects = Subjects(topic, generated);
            foreach (string subject in subjects)
            {
                _subjects.TryAdd(subject, 0);
            }

            var typeLocation = TypeLocation(type, attribute, context.CancellationToken);
            var mode = Mode(context, type, generated.FullName, typeLocation);
            if (mode == CompatibilityMode.None)
            {
                return;
            }

            foreach (string subject in subjects)
            {
                var versions = Versions(subject, format);
                if (versions.Count > 0)
                {
                    CheckSubject(context, type, typeLocation, format, generated, versions, mode);
                }
            }
        }

        public void ReportUnmatchedFiles(CompilationAnalysisContext context)
        {
            var topics = _topics.Distinct().ToList();
            foreach (var file in _files.OrderBy(static f => f.Path, StringComparer.Ordinal))
            {
                if (!Matches(file.DirectoryName) && !Matches(file.Stem))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.KeptSchemaWithoutContract, file.LocationOf(default, context.CancellationToken), file.Label.Trim('\'')));
                }
            }

            bool Matches(string name) =>
                name.Length > 0 && (_subjects.ContainsKey(name) || topics.Any(t => name.StartsWith(t + "-", StringComparison.Ordinal)));
        }

        private static string? GeneratedSchema(INamedTypeSymbol type, SchemaFormat format)
        {
            foreach (var contract in type.ContainingNamespace.GetTypeMembers(type.Name + KnownNames.ContractClassSuffix))
            {
                foreach (var member in contract.GetMembers(format.SchemaConstant))
                {
                    if (member is IFieldSymbol { IsConst: true, ConstantValue: string schema })
                    {
                        return schema;
                    }
                }
            }

            return null;
        }

        private static List<string> Subjects(string topic, SchemaDocument generated)
        {
            var subjects = new List<string> { topic + "-value" };
            foreach (string fullName in new[] { generated.FullName }.Concat(generated.Aliases))
            {
                if (fullName.Length > 0)
                {
                    subjects.Add(fullName);
                    subjects.Add(topic + "-" + fullName);
                }
            }

            return subjects.Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>The kept versions of a subject, oldest first: the folder's files in natural order, then a single <c>{subject}.ext</c>.</summary>
        private List<KeptSchemaFile> Versions(string subject, SchemaFormat format)
        {
            var versions = _byDirectory[subject].Where(f => f.Format == format)
                .OrderBy(static f => f.FileName, NaturalFileNameComparer.Instance)
                .ToList();
            versions.AddRange(_byStem[subject].Where(f => f.Format == format && f.DirectoryName != subject).OrderBy(static f => f.Path, StringComparer.Ordinal));
            return versions;
        }

        private CompatibilityMode Mode(SymbolAnalysisContext context, INamedTypeSymbol type, string fullName, Location typeLocation)
        {
            var provider = context.Options.AnalyzerConfigOptionsProvider;
            var tree = typeLocation.SourceTree;
            var sources = new List<(AnalyzerConfigOptions Options, string Key, string Origin)>();
            foreach (string key in new[] { KnownNames.SchemaCompatibilityOption + "." + fullName, KnownNames.SchemaCompatibilityOption })
            {
                // The contract file's options hold its .editorconfig sections and the .globalconfig values.
                if (tree is not null)
                {
                    sources.Add((provider.GetOptions(tree), key, key + " in .editorconfig or .globalconfig"));
                }

                sources.Add((provider.GlobalOptions, key, key + " in .globalconfig"));
            }

            sources.Add((provider.GlobalOptions, KnownNames.SchemaCompatibilityBuildProperty, "the MSBuild property TypedProducerSchemaCompatibility"));
            foreach (var (options, key, origin) in sources)
            {
                if (options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value))
                {
                    if (TryParseMode(value, out var mode))
                    {
                        return mode;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnknownCompatibilityMode, typeLocation, value.Trim(), origin));
                    return CompatibilityMode.Backward;
                }
            }

            return CompatibilityMode.Backward;
        }

        private void CheckSubject(SymbolAnalysisContext context, INamedTypeSymbol type, Location typeLocation, SchemaFormat format, SchemaDocument generated, List<KeptSchemaFile> versions, CompatibilityMode mode)
        {
            bool transitive = mode is CompatibilityMode.BackwardTransitive or CompatibilityMode.ForwardTransitive or CompatibilityMode.FullTransitive;
            bool backward = mode is CompatibilityMode.Backward or CompatibilityMode.BackwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;
            bool forward = mode is CompatibilityMode.Forward or CompatibilityMode.ForwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;
            string modeName = ModeName(mode);
            var reported = new HashSet<string>(StringComparer.Ordinal);

            // Newest first, so that a problem found against several versions names the newest of them.
            for (int i = versions.Count - 1; i >= (transitive ? 0 : versions.Count - 1); i--)
            {
                var kept = versions[i];
                if (kept.Document(context.CancellationToken) is not { } keptSchema)
                {
                    continue; // TPK3002 reports the file
                }

                var issues = new List<SchemaIncompatibility>();
                if (backward)
                {
                    format.Check(generated, keptSchema, new CheckDirection(readerIsNew: true, kept.Label), issues);
                }

                if (forward)
                {
                    format.Check(keptSchema, generated, new CheckDirection(readerIsNew: false, kept.Label), issues);
                }

                foreach (var issue in issues)
                {
                    if (!reported.Add(issue.Key))
                    {
                        continue;
                    }

                    var location = IssueLocation(type, typeLocation, kept, issue, context.CancellationToken);
                    var additional = location == typeLocation ? null : new[] { typeLocation };
                    context.ReportDiagnostic(issue.BreaksResolution
                        ? Diagnostic.Create(DiagnosticDescriptors.IncompatibleSchemaChange, location, additional, type.Name, modeName, kept.Label, issue.Description)
                        : Diagnostic.Create(DiagnosticDescriptors.SchemaChangesMeaning, location, additional, type.Name, kept.Label, issue.Description));
                }
            }
        }

        /// <summary>The member the field maps to; else, for a field only the kept version has, the field in the kept file; else the contract.</summary>
        private Location IssueLocation(INamedTypeSymbol type, Location typeLocation, KeptSchemaFile kept, SchemaIncompatibility issue, CancellationToken cancellationToken)
        {
            if (issue.NewPath is { } path)
            {
                return MemberFor(type, path) is { } member && member.Locations.FirstOrDefault(static l => l.IsInSource) is { } memberLocation
                    ? memberLocation
                    : typeLocation;
            }

            return issue.KeptSpan is { } span ? kept.LocationOf(span, cancellationToken) : typeLocation;
        }

        /// <summary>Follows Avro field names through the contract's members (and the members of nested record types); the deepest member found.</summary>
        private ISymbol? MemberFor(INamedTypeSymbol type, IReadOnlyList<string> path)
        {
            ISymbol? found = null;
            ITypeSymbol? current = type;
            foreach (string fieldName in path)
            {
                if (current is not INamedTypeSymbol named || FindMember(named, fieldName) is not { } member)
                {
                    break;
                }

                found = member;
                current = ElementType(member is IPropertySymbol p ? p.Type : ((IFieldSymbol)member).Type);
            }

            return found;
        }

        /// <summary>
        /// The member whose schema field is <paramref name="fieldName"/>: named by <c>[AvroField(Name = ...)]</c> or
        /// <c>[ProtoField(n, Name = ...)]</c>, else by its own name, else by its name compared without case and
        /// underscores (Protobuf field names are snake_case: <c>order_id</c> for <c>OrderId</c>).
        /// </summary>
        private ISymbol? FindMember(INamedTypeSymbol type, string fieldName)
        {
            ISymbol? loose = null;
            string normalized = Normalize(fieldName);
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member is not (IPropertySymbol or IFieldSymbol) || member.IsStatic || !member.CanBeReferencedByName)
                    {
                        continue;
                    }

                    string? declared = null;
                    foreach (var attribute in member.GetAttributes())
                    {
                        if (_fieldAttributes.Any(a => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, a)))
                        {
                            foreach (var named in attribute.NamedArguments)
                            {
                                if (named.Key == "Name" && named.Value.Value is string renamed)
                                {
                                    declared = renamed;
                                }
                            }
                        }
                    }

                    if ((declared ?? member.Name) == fieldName)
                    {
                        return member;
                    }

                    if (declared is null && loose is null && Normalize(member.Name) == normalized)
                    {
                        loose = member;
                    }
                }
            }

            return loose;
        }

        private static string Normalize(string name) => name.Replace("_", string.Empty).ToUpperInvariant();

        /// <summary>The type whose members hold the next level of fields: Nullable's, an array's or collection's element, a dictionary's value.</summary>
        private static ITypeSymbol ElementType(ITypeSymbol type)
        {
            type = Unwrap(type);
            if (type is IArrayTypeSymbol array)
            {
                return Unwrap(array.ElementType);
            }

            if (type is INamedTypeSymbol { IsGenericType: true } generic && type.SpecialType == SpecialType.None && generic.TypeArguments.Length is 1 or 2
                && generic.AllInterfaces.Any(static i => i.ToDisplayString() == "System.Collections.IEnumerable"))
            {
                return Unwrap(generic.TypeArguments[generic.TypeArguments.Length - 1]);
            }

            return type;
        }

        private static ITypeSymbol Unwrap(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

        private static Location TypeLocation(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is { } syntax)
            {
                for (var node = syntax.Parent; node is not null; node = node.Parent)
                {
                    if (node is BaseTypeDeclarationSyntax declaration)
                    {
                        return declaration.Identifier.GetLocation();
                    }
                }
            }

            return type.Locations.FirstOrDefault() ?? Location.None;
        }
    }
}
