using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// Every generator descriptor is unique, tracked in AnalyzerReleases, and has a help page in docs/diagnostics
/// whose bad code reports it and whose good code generates and compiles.
/// </summary>
public sealed class DiagnosticDocumentationTests
{
    private static readonly string s_repositoryRoot =
        typeof(DiagnosticDocumentationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static readonly DiagnosticDescriptor[] s_descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToArray();

    public static TheoryData<string> Ids => new(s_descriptors.Select(d => d.Id));

    [Fact]
    public void Descriptors_HaveUniqueGeneratorIdsAllInById()
    {
        Assert.Equal(30, s_descriptors.Length);
        Assert.All(s_descriptors, d => Assert.Matches("^TPK0[0-9]{3}$", d.Id));
        Assert.Equal(s_descriptors.Length, s_descriptors.Select(d => d.Id).Distinct().Count());
        Assert.Equal(s_descriptors.Select(d => d.Id).OrderBy(i => i), DiagnosticDescriptors.ById.Keys.OrderBy(i => i));
        Assert.All(s_descriptors, d => Assert.Same(d, DiagnosticDescriptors.ById[d.Id]));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_IsAnErrorWithStandardCategoryAndHelpLinkToItsPage(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById[id];

        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Contains(descriptor.Category, new[] { "Usage", "Reliability", "Performance", "Security", "Design" });
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        Assert.Equal($"https://github.com/typedproducer/typedproducer/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(PagePath(id)), $"Missing help page {PagePath(id)}");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_IsTrackedInAnalyzerReleasesWithItsCategoryAndSeverity(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById[id];
        string[] rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(s_repositoryRoot, "src", "Generator", file)))
            .Where(line => line.StartsWith(id + " ", StringComparison.Ordinal) || line.StartsWith(id + "|", StringComparison.Ordinal))
            .ToArray();

        string row = Assert.Single(rows);
        string[] cells = row.Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(descriptor.Category, cells[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
    }

    [Fact]
    public void GeneratorHelpPages_EachHaveADescriptor()
    {
        string[] pages = Directory.GetFiles(Path.Combine(s_repositoryRoot, "docs", "diagnostics"), "TPK0*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .ToArray()!;

        Assert.All(pages, page => Assert.True(DiagnosticDescriptors.ById.ContainsKey(page), $"docs/diagnostics/{page}.md has no descriptor"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpPage_ExplainsThatItBlocksGenerationAndHowToConfigureIt(string id)
    {
        string page = File.ReadAllText(PagePath(id));

        Assert.StartsWith($"# {id}: {DiagnosticDescriptors.ById[id].Title}", page);
        Assert.Contains("## Why", page);
        Assert.Contains("errors that block generation", page);
        Assert.Contains($"dotnet_diagnostic.{id}.severity", page);
        Assert.Contains($"#pragma warning disable {id}", page);
        Assert.Contains(DiagnosticDescriptors.ById[id].MessageFormat.ToString(), page);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpPageBadCode_ReportsItsDiagnostic(string id)
    {
        GeneratorRun run = GeneratorHarness.Run(CodeBlock(id, "Bad code")).AssertNoGeneratorException().AssertOutputCompiles();

        Diagnostic[] reported = run.Diagnostics.Where(d => d.Id.StartsWith("TPK", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(reported);
        Assert.All(reported, d => Assert.Equal(id, d.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpPageGoodCode_ReportsNothingAndCompiles(string id)
    {
        DiagnosticAssert.ReportsNothing(CodeBlock(id, "Good code"));
    }

    private static string PagePath(string id) => Path.Combine(s_repositoryRoot, "docs", "diagnostics", id + ".md");

    /// <summary>The first csharp code block after the given "## " heading.</summary>
    private static string CodeBlock(string id, string heading)
    {
        string page = File.ReadAllText(PagePath(id)).Replace("\r\n", "\n");
        int at = page.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{id}.md has no '## {heading}' section");
        Match block = Regex.Match(page.Substring(at), "```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, $"{id}.md has no csharp block under '## {heading}'");
        return block.Groups[1].Value;
    }
}
