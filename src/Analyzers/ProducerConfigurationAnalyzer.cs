using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedProducer.Analyzers.Configuration;

namespace TypedProducer.Analyzers;

/// <summary>
/// TPK2xxx over C#: producer configurations written with Confluent.Kafka (<c>ProducerConfig</c>, <c>Set</c>,
/// dictionaries and key/value collections given to <c>ProducerBuilder</c>) and with TypedProducer's
/// <c>TypedProducerOptions.Producer</c>. Each configuration's history is gathered per operation block and judged at
/// its end, where it reaches a producer (see <see cref="CSharpConfigCollector"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProducerConfigurationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => AnalyzerSettings.ConfigurationDescriptors;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var types = KnownTypes.Create(start.Compilation);
            if (!types.HasAny)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                var collector = new CSharpConfigCollector(types);
                block.RegisterOperationAction(collector.OnObjectCreation, OperationKind.ObjectCreation);
                block.RegisterOperationAction(collector.OnArrayCreation, OperationKind.ArrayCreation);
                block.RegisterOperationAction(collector.OnAssignment, OperationKind.SimpleAssignment);
                block.RegisterOperationAction(collector.OnInvocation, OperationKind.Invocation);
                block.RegisterOperationAction(collector.OnCoalesceAssignment, OperationKind.CoalesceAssignment);
                block.RegisterOperationBlockEndAction(end =>
                {
                    if (collector.IsEmpty)
                    {
                        return;
                    }

                    var target = AnalyzerSettings.TargetVersion(end.Options, end.OwningSymbol.Locations.Length > 0 ? end.OwningSymbol.Locations[0].SourceTree : null);
                    collector.Evaluate(target, end.ReportDiagnostic, end.CancellationToken);
                });
            });
        });
    }
}
