using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TypedProducer.Generator.Emitting;
using TypedProducer.Generator.Model;
using TypedProducer.Generator.Parsing;

namespace TypedProducer.Generator;

/// <summary>
/// Generates, for each <c>[KafkaMessage]</c> contract, its Avro schema, serializers, typed producer and DI
/// registration. Pipeline: ForAttributeWithMetadataName → parse into equatable specs (cached per contract) →
/// emit; diagnostics travel as data and are reported against the current syntax trees so #pragma works.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TypedProducerGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps (for cacheability tests).</summary>
    public static class TrackingNames
    {
        /// <summary>Parsed contracts with diagnostics.</summary>
        public const string Contracts = nameof(Contracts);

        /// <summary>Specs of contracts that can be generated.</summary>
        public const string Specs = nameof(Specs);

        /// <summary>All specs, for the assembly registration.</summary>
        public const string AllSpecs = nameof(AllSpecs);

        /// <summary>The assembly's name, for its public registration method.</summary>
        public const string AssemblyName = nameof(AssemblyName);

        /// <summary>Diagnostics to report.</summary>
        public const string Diagnostics = nameof(Diagnostics);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ContractResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.KafkaMessageAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                static (syntaxContext, cancellationToken) => ContractParser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Contracts);

        IncrementalValuesProvider<ContractSpec> specs = results
            .Where(static r => r.Spec is not null)
            .Select(static (r, _) => r.Spec!)
            .WithTrackingName(TrackingNames.Specs);

        context.RegisterSourceOutput(specs, static (spc, spec) =>
            spc.AddSource(spec.HintName, SourceText.From(ContractEmitter.Emit(spec), System.Text.Encoding.UTF8)));

        IncrementalValueProvider<EquatableArray<ContractSpec>> allSpecs = specs
            .Collect()
            .Select(static (all, _) => all.OrderBy(s => s.FullyQualifiedType, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.AllSpecs);

        IncrementalValueProvider<string> assemblyName = context.CompilationProvider
            .Select(static (compilation, _) => compilation.AssemblyName ?? string.Empty)
            .WithTrackingName(TrackingNames.AssemblyName);

        context.RegisterSourceOutput(allSpecs.Combine(assemblyName), static (spc, pair) =>
        {
            if (pair.Left.Count > 0)
            {
                spc.AddSource("TypedProducerServiceCollectionExtensions.g.cs", SourceText.From(RegistrationEmitter.Emit(pair.Left.ToImmutableArray(), pair.Right), System.Text.Encoding.UTF8));
            }
        });

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (r, _) => r.Diagnostics)
            .Where(static d => d.Count > 0)
            .WithTrackingName(TrackingNames.Diagnostics);

        // Reported against the compilation's own syntax trees (not a detached file location), so that
        // #pragma warning disable and severity configuration apply to these diagnostics.
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            foreach (DiagnosticInfo info in pair.Left)
            {
                spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ById[info.Id], ToLocation(info.Location, pair.Right), info.Arguments.ToArray<object>()));
            }
        });
    }

    private static Location ToLocation(LocationInfo? info, Compilation compilation)
    {
        if (info is null)
        {
            return Location.None;
        }

        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == info.FilePath)
            {
                return Location.Create(tree, info.Span);
            }
        }

        return Location.Create(info.FilePath, info.Span, info.LineSpan);
    }
}
