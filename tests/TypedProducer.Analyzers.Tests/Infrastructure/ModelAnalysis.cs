using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TypedProducer.Analyzers.Catalog;
using TypedProducer.Analyzers.Configuration;

namespace TypedProducer.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs the configuration rules on a key/value list directly (no compilation), as the analyzer does on a
/// <c>List&lt;KeyValuePair&lt;string, string&gt;&gt;</c> given to <c>ProducerBuilder</c>: fast enough to re-judge a
/// configuration after each repair step of the differential test. Each finding names the entry it is reported on
/// (-1: the configuration as a whole).
/// </summary>
internal static class ModelAnalysis
{
    private const string Path = "generated.cs";

    public static List<Finding> Evaluate(IReadOnlyList<KeyValuePair<string, string?>> config, LibrdkafkaVersion target, bool hasAwsOAuthBearer = false)
    {
        var items = new List<ConfigItem>(config.Count);
        for (int i = 0; i < config.Count; i++)
        {
            string? value = config[i].Value;
            items.Add(ConfigItem.Of(new ConfigEntry(config[i].Key, value, value is not null, EntrySource.StringKey, i)
            {
                KeyLocation = At(i, 0),
                ValueLocation = At(i, 1),
                IsNull = value is null,
                IsLiteral = true,
            }));
        }

        var model = new ConfigModel(ConfigFlavor.Librdkafka, baseUnknown: false, At(-1, 0), items, target, reachesProducer: true, sequential: true)
        {
            HasAwsOAuthBearer = hasAwsOAuthBearer,
        };
        var findings = new List<Finding>();
        ProducerConfigRules.Evaluate(model, d =>
        {
            int line = d.Location.GetLineSpan().StartLinePosition.Line;
            findings.Add(new Finding(d.Id, line - 1, d.Severity, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        });
        return findings;
    }

    private static Location At(int index, int part)
    {
        int line = index + 1;
        return Location.Create(Path, new TextSpan(((index + 1) * 2) + part, 1), new LinePositionSpan(new LinePosition(line, part), new LinePosition(line, part + 1)));
    }

    /// <summary>One diagnostic: its ID, the entry it is on (-1 for the configuration), severity and message.</summary>
    public sealed record Finding(string Id, int Entry, DiagnosticSeverity Severity, string Message);
}
