using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TypedProducer.Analyzers.Configuration;

namespace TypedProducer.Analyzers;

/// <summary>
/// TPK2xxx over the <c>"Kafka": { "Producer": { ... } }</c> section of <c>appsettings*.json</c> (fed as
/// additional files by the package's build/TypedProducer.props). TypedProducer's runtime defaults apply
/// underneath, and an environment file (<c>appsettings.Production.json</c>) is evaluated merged over
/// <c>appsettings.json</c> from the same folder, as the host's configuration would layer them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppSettingsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => AnalyzerSettings.ConfigurationDescriptors;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterAdditionalFileAction(static fileContext =>
        {
            var file = fileContext.AdditionalFile;
            if (!IsAppSettings(file.Path))
            {
                return;
            }

            var text = file.GetText(fileContext.CancellationToken);
            if (text is null)
            {
                return;
            }

            var entries = new List<ConfigEntry>();
            var baseFile = FindBaseFile(file, fileContext.Options.AdditionalFiles);
            if (baseFile is not null && baseFile.GetText(fileContext.CancellationToken) is { } baseText)
            {
                ReadProducerSection(baseFile.Path, baseText, entries, orderOffset: 0);
            }

            if (!ReadProducerSection(file.Path, text, entries, orderOffset: 1_000_000) || entries.Count == 0)
            {
                return;
            }

            var target = AnalyzerSettings.TargetVersion(fileContext.Options, null);
            var model = new ConfigModel(ConfigFlavor.TypedProducerRuntime, baseUnknown: false, creationLocation: null, entries.ConvertAll(ConfigItem.Of), target);
            ProducerConfigRules.Evaluate(model, diagnostic =>
            {
                // Entries of appsettings.json are reported when that file itself is analysed.
                if (string.Equals(diagnostic.Location.GetLineSpan().Path, file.Path, StringComparison.Ordinal))
                {
                    fileContext.ReportDiagnostic(diagnostic);
                }
            });
        });
    }

    /// <summary>True for <c>appsettings*.json</c>.</summary>
    internal static bool IsAppSettings(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the <c>Kafka</c> section's object, or null.</summary>
    internal static JsonObject? KafkaSection(SourceText text)
    {
        return JsonReader.Parse(text.ToString()) is JsonObject root && root.Find(KnownNames.KafkaSection)?.Value is JsonObject kafka ? kafka : null;
    }

    private static bool ReadProducerSection(string path, SourceText text, List<ConfigEntry> entries, int orderOffset)
    {
        var kafka = KafkaSection(text);
        if (kafka is null)
        {
            return false;
        }

        int order = orderOffset;
        foreach (var property in kafka.Properties)
        {
            if (string.Equals(property.Name, "BootstrapServers", StringComparison.OrdinalIgnoreCase) && property.Value is JsonScalar servers)
            {
                entries.Add(Entry("bootstrap.servers", property, servers, path, text, order++));
            }
        }

        if (kafka.Find("Producer")?.Value is not JsonObject producer)
        {
            return true;
        }

        foreach (var property in producer.Properties)
        {
            if (property.Value is JsonScalar scalar)
            {
                entries.Add(Entry(property.Name, property, scalar, path, text, order++));
            }
        }

        return true;
    }

    private static ConfigEntry Entry(string key, JsonProperty property, JsonScalar scalar, string path, SourceText text, int order)
    {
        // A JSON null binds as an empty string in a Dictionary<string, string>.
        string value = scalar.Text ?? string.Empty;
        return new ConfigEntry(key, value, true, EntrySource.Json, order)
        {
            KeyLocation = Location.Create(path, property.NameSpan, text.Lines.GetLinePositionSpan(property.NameSpan)),
            ValueLocation = Location.Create(path, scalar.Span, text.Lines.GetLinePositionSpan(scalar.Span)),
            IsLiteral = true,
        };
    }

    private static AdditionalText? FindBaseFile(AdditionalText file, ImmutableArray<AdditionalText> all)
    {
        string name = Path.GetFileName(file.Path);
        if (string.Equals(name, "appsettings.json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? directory = Path.GetDirectoryName(file.Path);
        foreach (var candidate in all)
        {
            if (string.Equals(Path.GetFileName(candidate.Path), "appsettings.json", StringComparison.OrdinalIgnoreCase)
                && string.Equals(Path.GetDirectoryName(candidate.Path), directory, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }
}
