using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedProducer.Analyzers.Configuration;

namespace TypedProducer.Analyzers.CodeFixes;

/// <summary>
/// Code fixes for the TPK2xxx rules. The analyzer says what to do in <see cref="Diagnostic.Properties"/>
/// (<see cref="FixProperties"/>); this provider finds the configuration entry at the diagnostic and rewrites
/// it in the same form it was written in (typed property, <c>Set</c> call, dictionary or key/value pair).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ProducerConfigurationCodeFixProvider))]
[Shared]
public sealed class ProducerConfigurationCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.IdempotenceRequiresAcksAll,
        RuleIdentifiers.IdempotenceMaxInFlight,
        RuleIdentifiers.IdempotenceRetries,
        RuleIdentifiers.IdempotenceBackpressureThreshold,
        RuleIdentifiers.IdempotenceQueuingStrategy,
        RuleIdentifiers.TransactionalIdRequiresIdempotence,
        RuleIdentifiers.SocketTimeoutAboveTransactionTimeout,
        RuleIdentifiers.MessageTimeoutAboveTransactionTimeout,
        RuleIdentifiers.MessageTimeoutNotAboveLinger,
        RuleIdentifiers.GaplessRequiresIdempotence,
        RuleIdentifiers.UnknownProperty,
        RuleIdentifiers.PropertyNotInTargetVersion,
        RuleIdentifiers.PropertyRejectedByClient,
        RuleIdentifiers.NullValue,
        RuleIdentifiers.AcksNotAll,
        RuleIdentifiers.AcksNotJavaCompatible,
        RuleIdentifiers.RetriesMayReorder,
        RuleIdentifiers.IdempotenceDisabled,
        RuleIdentifiers.DeliveryTimeoutBelowLingerPlusRequest,
        RuleIdentifiers.PartitionerDiffersFromJava,
        RuleIdentifiers.LibrdkafkaDefaultsDifferFromJava,
        RuleIdentifiers.ConsumerPropertyOnProducer,
        RuleIdentifiers.DeprecatedProperty,
        RuleIdentifiers.ConflictingAliases,
        RuleIdentifiers.TransactionTimeoutAboveBrokerMax,
        RuleIdentifiers.InfiniteMessageTimeout,
        RuleIdentifiers.BatchSizeAboveMessageMaxBytes,
        RuleIdentifiers.RetriesZero,
        RuleIdentifiers.EmptyTransactionalId,
        RuleIdentifiers.LiteralSecret,
        RuleIdentifiers.CultureSensitiveValue);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Location.IsInSource || !diagnostic.Properties.TryGetValue(FixProperties.Kind, out var kind) || kind is null)
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            string? title = Title(kind, diagnostic);
            if (title is null)
            {
                continue;
            }

            var document = context.Document;
            var plan = await ConfigEditor.PlanAsync(document, root, node, kind, diagnostic.Properties, context.CancellationToken).ConfigureAwait(false);
            if (plan is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(title, ct => Task.FromResult(document.WithSyntaxRoot(plan(ct))), diagnostic.Id + "." + kind),
                diagnostic);
        }
    }

    private static string? Title(string kind, Diagnostic diagnostic)
    {
        diagnostic.Properties.TryGetValue(FixProperties.Key, out var key);
        diagnostic.Properties.TryGetValue(FixProperties.Value, out var value);
        return kind switch
        {
            FixProperties.KindSetValue => "Set " + (key ?? "the property") + " to " + value,
            FixProperties.KindRemove => "Remove this setting",
            FixProperties.KindRenameKey => "Use '" + key + "'",
            FixProperties.KindAddEntries => "Set " + string.Join(" and ", (diagnostic.Properties.TryGetValue(FixProperties.Entries, out var entries) ? entries ?? string.Empty : string.Empty).Split(';')),
            FixProperties.KindReadSecret => "Read the secret from configuration",
            FixProperties.KindInvariantCulture => "Format with CultureInfo.InvariantCulture",
            _ => null,
        };
    }
}
