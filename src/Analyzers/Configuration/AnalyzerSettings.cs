using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedProducer.Analyzers.Catalog;

namespace TypedProducer.Analyzers.Configuration;

/// <summary>Options and descriptor lists shared by the configuration analyzers.</summary>
internal static class AnalyzerSettings
{
    private static readonly LibrdkafkaVersion s_shipped = LibrdkafkaVersion.Parse(PropertyCatalog.ShippedVersion);
    private static readonly LibrdkafkaVersion s_oldest = LibrdkafkaVersion.Parse(PropertyCatalog.OldestVersion);

    /// <summary>Every TPK2xxx descriptor (both configuration analyzers can report any of them).</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> ConfigurationDescriptors = ImmutableArray.Create(
        DiagnosticDescriptors.IdempotenceRequiresAcksAll,
        DiagnosticDescriptors.IdempotenceMaxInFlight,
        DiagnosticDescriptors.IdempotenceRetries,
        DiagnosticDescriptors.IdempotenceBackpressureThreshold,
        DiagnosticDescriptors.IdempotenceQueuingStrategy,
        DiagnosticDescriptors.TransactionalIdRequiresIdempotence,
        DiagnosticDescriptors.SocketTimeoutAboveTransactionTimeout,
        DiagnosticDescriptors.MessageTimeoutAboveTransactionTimeout,
        DiagnosticDescriptors.MessageTimeoutNotAboveLinger,
        DiagnosticDescriptors.GaplessRequiresIdempotence,
        DiagnosticDescriptors.ReconnectBackoffMaxBelowMin,
        DiagnosticDescriptors.InvalidValue,
        DiagnosticDescriptors.UnknownProperty,
        DiagnosticDescriptors.PropertyNotInTargetVersion,
        DiagnosticDescriptors.PropertyRejectedByClient,
        DiagnosticDescriptors.NullValue,
        DiagnosticDescriptors.SaslSettingsRefused,
        DiagnosticDescriptors.OauthbearerSettingsRefused,
        DiagnosticDescriptors.KeystoreWithoutPassword,
        DiagnosticDescriptors.AcksNotAll,
        DiagnosticDescriptors.AcksNotJavaCompatible,
        DiagnosticDescriptors.RetriesMayReorder,
        DiagnosticDescriptors.IdempotenceDisabled,
        DiagnosticDescriptors.DeliveryTimeoutBelowLingerPlusRequest,
        DiagnosticDescriptors.PartitionerDiffersFromJava,
        DiagnosticDescriptors.LibrdkafkaDefaultsDifferFromJava,
        DiagnosticDescriptors.ConsumerPropertyOnProducer,
        DiagnosticDescriptors.DeprecatedProperty,
        DiagnosticDescriptors.ConflictingAliases,
        DiagnosticDescriptors.TransactionTimeoutAboveBrokerMax,
        DiagnosticDescriptors.InfiniteMessageTimeout,
        DiagnosticDescriptors.BatchSizeAboveMessageMaxBytes,
        DiagnosticDescriptors.MessageMaxBytesAboveBrokerDefault,
        DiagnosticDescriptors.SaslMechanismWithoutSaslProtocol,
        DiagnosticDescriptors.RetriesZero,
        DiagnosticDescriptors.EmptyTransactionalId,
        DiagnosticDescriptors.SaslMechanismDefaultsToGssapi,
        DiagnosticDescriptors.LiteralSecret,
        DiagnosticDescriptors.CultureSensitiveValue);

    /// <summary>
    /// The librdkafka version the application deploys: <c>typedproducer.librdkafka_version</c> from
    /// .editorconfig (for the tree) or .globalconfig; default <see cref="PropertyCatalog.ShippedVersion"/> (the
    /// librdkafka.redist the package depends on). Versions below <see cref="PropertyCatalog.OldestVersion"/> are
    /// judged as that version, the oldest the catalogue models.
    /// </summary>
    public static LibrdkafkaVersion TargetVersion(AnalyzerOptions options, SyntaxTree? tree)
    {
        var provider = options.AnalyzerConfigOptionsProvider;
        if (tree is not null && provider.GetOptions(tree).TryGetValue(KnownNames.LibrdkafkaVersionOption, out var perTree)
            && LibrdkafkaVersion.TryParse(perTree, out var version))
        {
            return AtLeastOldest(version);
        }

        if (provider.GlobalOptions.TryGetValue(KnownNames.LibrdkafkaVersionOption, out var global)
            && LibrdkafkaVersion.TryParse(global, out version))
        {
            return AtLeastOldest(version);
        }

        return s_shipped;
    }

    private static LibrdkafkaVersion AtLeastOldest(LibrdkafkaVersion version) => version.CompareTo(s_oldest) < 0 ? s_oldest : version;
}
