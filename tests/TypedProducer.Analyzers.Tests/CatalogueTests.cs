using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Microsoft.CodeAnalysis;
using TypedProducer.Analyzers.Catalog;
using TypedProducer.Analyzers.Configuration;
using Xunit;

namespace TypedProducer.Analyzers.Tests;

/// <summary>
/// Every descriptor of the analyzers and of the generator has a unique ID, a help link to its page, a page
/// under docs/diagnostics and an entry in its assembly's release-tracking file; the property catalogue
/// agrees with the Confluent.Kafka assembly the project compiles against.
/// </summary>
public sealed class CatalogueTests
{
    private static readonly string s_root = FindRepositoryRoot();

    public static IEnumerable<object[]> Descriptors() => AllDescriptors().Select(static d => new object[] { d.Assembly, d.Descriptor.Id });

    [Fact]
    public void DescriptorIds_AreUnique()
    {
        var duplicates = AllDescriptors().GroupBy(static d => d.Descriptor.Id).Where(static g => g.Count() > 1).Select(static g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void AnalyzerDescriptors_AreFound()
    {
        Assert.True(AllDescriptors().Count(static d => d.Assembly == "TypedProducer.Analyzers") >= 40);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_HasHelpLinkDocPageAndReleaseEntry(string assembly, string id)
    {
        var descriptor = AllDescriptors().First(d => d.Descriptor.Id == id).Descriptor;
        Assert.Matches("^TPK[0-9]{4}$", id);
        Assert.Equal("https://github.com/typedproducer/typedproducer/blob/main/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString(CultureInfo.InvariantCulture)));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(CultureInfo.InvariantCulture)));
        Assert.Contains(descriptor.Category, new[] { "Usage", "Reliability", "Performance", "Security", "Design" });

        string page = Path.Combine(s_root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), "Missing doc page " + page);
        string text = File.ReadAllText(page);
        Assert.Contains("# " + id, text);

        string project = assembly == "TypedProducer.Generator" ? "Generator" : "Analyzers";
        string releases = string.Concat(
            new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
                .Select(f => Path.Combine(s_root, "src", project, f))
                .Where(File.Exists)
                .Select(File.ReadAllText));
        Assert.True(Regex.IsMatch(releases, "^" + id + @"\s*\|", RegexOptions.Multiline), id + " is missing from src/" + project + "/AnalyzerReleases.*.md");
    }

    [Fact]
    public void AnalyzerIds_AreInTheAnalyzerRanges()
    {
        Assert.All(AllDescriptors().Where(static d => d.Assembly == "TypedProducer.Analyzers"), static d => Assert.Matches("^TPK[123][0-9]{3}$", d.Descriptor.Id));
    }

    [Fact]
    public void ReadmeRuleTable_ListsEveryAnalyzerRule()
    {
        string table = File.ReadAllText(Path.Combine(s_root, "docs", "diagnostics", "README.md"));
        Assert.All(AllDescriptors().Where(static d => d.Assembly == "TypedProducer.Analyzers"), d => Assert.Contains("[" + d.Descriptor.Id + "]", table));
    }

    [Fact]
    public void TypedPropertyMap_MatchesConfluentKafka()
    {
        // Set each typed property of ProducerConfig and see which key Confluent.Kafka writes.
        var problems = new List<string>();
        foreach (var property in typeof(ProducerConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null || property.DeclaringType == typeof(Config) || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var config = new ProducerConfig();
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? value = type == typeof(string) ? "x" : type == typeof(bool) ? true : type == typeof(int) ? 1 : type == typeof(double) ? 1.0 : type.IsEnum ? Enum.GetValues(type).GetValue(0) : null;
            if (value is null)
            {
                continue;
            }

            property.SetValue(config, value);
            string written = config.Single().Key;
            string? mapped = PropertyCatalog.KeyForCSharpProperty(property.Name);
            if (mapped != written)
            {
                problems.Add(property.Name + ": Confluent.Kafka writes '" + written + "', the catalogue says '" + mapped + "'");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void EnumValueText_MatchesConfluentKafka()
    {
        var problems = new List<string>();
        foreach (var property in typeof(ProducerConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType);
            if (type is null || !type.IsEnum || property.SetMethod is null)
            {
                continue;
            }

            foreach (var member in Enum.GetNames(type))
            {
                var config = new ProducerConfig();
                property.SetValue(config, Enum.Parse(type, member));
                string written = config.Single().Value;
                string ours = EnumValueText.For(type.Name, member);
                if (ours != written)
                {
                    problems.Add(type.Name + "." + member + ": Confluent.Kafka writes '" + written + "', EnumValueText says '" + ours + "'");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void LingerMsUnderDecimalCommaCulture_IsWrittenWithComma()
    {
        // The behaviour TPK2041 guards against: Config.SetObject formats doubles with the current culture.
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var config = new ProducerConfig { LingerMs = 0.5 };
            Assert.Equal("0,5", config.Get("linger.ms"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Catalogue_HasAliasesCanonicalised()
    {
        Assert.Equal("queue.buffering.max.ms", PropertyCatalog.Canonicalize("linger.ms"));
        Assert.Equal("message.send.max.retries", PropertyCatalog.Canonicalize("retries"));
        Assert.Equal("request.required.acks", PropertyCatalog.Canonicalize("acks"));
        Assert.Equal("max.in.flight.requests.per.connection", PropertyCatalog.Canonicalize("max.in.flight"));
        Assert.Equal("message.timeout.ms", PropertyCatalog.Canonicalize("delivery.timeout.ms"));
        Assert.Equal("compression.codec", PropertyCatalog.Canonicalize("compression.type"));
        Assert.Equal("metadata.broker.list", PropertyCatalog.Canonicalize("bootstrap.servers"));
        Assert.Equal("sasl.mechanisms", PropertyCatalog.Canonicalize("sasl.mechanism"));
        Assert.Null(PropertyCatalog.Canonicalize("buffer.memory"));
    }

    [Theory]
    [InlineData("010", 8)]
    [InlineData("0x10", 16)]
    [InlineData("  42ms", 42)]
    [InlineData("-1", -1)]
    public void Strtol_ParsesAsLibrdkafka(string text, long expected)
    {
        Assert.True(ValueText.TryParseStrtol(text, out long value));
        Assert.Equal(expected, value);
    }

    private static List<(string Assembly, DiagnosticDescriptor Descriptor)> AllDescriptors()
    {
        var result = new List<(string, DiagnosticDescriptor)>();
        foreach (var assembly in new[] { typeof(ProducerConfigurationAnalyzer).Assembly, LoadGenerator() })
        {
            foreach (var type in assembly.GetTypes())
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
                {
                    if (field.FieldType == typeof(DiagnosticDescriptor) && field.GetValue(null) is DiagnosticDescriptor descriptor)
                    {
                        result.Add((assembly.GetName().Name!, descriptor));
                    }
                }
            }
        }

        return result;
    }

    private static Assembly LoadGenerator() => Assembly.Load("TypedProducer.Generator");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedProducer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TypedProducer.sln not found above " + AppContext.BaseDirectory);
    }
}
