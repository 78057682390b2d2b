using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Packaging;

/// <summary>
/// The TypedProducer package as a team gets it: packed from src/Runtime, its layout, metadata and symbols checked, then
/// README's "Install and first app" section followed literally in an empty folder against it (a worker app, then a
/// contracts library referenced by the app), producing to the embedded cluster. Slow (pack, restore, two builds).
/// </summary>
[Trait("Category", "Publish")]
[Collection(PublishCollection.Name)]
public sealed class PackageTests : IDisposable
{
    private readonly string _workspace = Path.Combine(Path.GetTempPath(), "typedproducer-package-" + Guid.NewGuid().ToString("N"));

    public PackageTests() => Directory.CreateDirectory(_workspace);

    [Fact]
    public void PackedPackage_HasTheLayoutMetadataAndSymbols_AndReadmeWalkthroughProducesToTheEmbeddedCluster()
    {
        string root = ExternalProcess.RepositoryRoot();
        string feed = Path.Combine(_workspace, "feed");
        // A version no earlier run can have cached: the walkthrough's `dotnet add package` takes the newest stable one.
        string version = "0.1." + (int)(DateTime.UtcNow - new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalMinutes;
        (int packExit, string packLog) = ExternalProcess.Run("dotnet",
            ["pack", Path.Combine(root, "src", "Runtime"), "-c", "Release", "-o", feed, "-p:ContinuousIntegrationBuild=true", "-p:PackageVersion=" + version, "-nologo"],
            root, TimeSpan.FromMinutes(10));
        Assert.True(packExit == 0, "dotnet pack failed:" + Environment.NewLine + packLog);

        string commit = ExternalProcess.Run("git", ["rev-parse", "HEAD"], root, TimeSpan.FromMinutes(1)).Output.Trim();
        CheckPackage(Path.Combine(feed, $"TypedProducer.{version}.nupkg"), commit);
        CheckSymbols(Path.Combine(feed, $"TypedProducer.{version}.snupkg"), root, commit);
        FollowReadmeWalkthrough(root, feed);
    }

    private static void CheckPackage(string nupkg, string commit)
    {
        using ZipArchive package = ZipFile.OpenRead(nupkg);
        string[] entries = package.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal) && !n.StartsWith("package/", StringComparison.Ordinal) && n != "[Content_Types].xml").Order(StringComparer.Ordinal).ToArray();
        string[] expected =
        [
            "README.md",
            "TypedProducer.nuspec",
            "analyzers/dotnet/cs/TypedProducer.Analyzers.CodeFixes.dll",
            "analyzers/dotnet/cs/TypedProducer.Analyzers.dll",
            "analyzers/dotnet/cs/TypedProducer.Generator.dll",
            "build/TypedProducer.props",
            "build/TypedProducer.targets",
            "buildTransitive/TypedProducer.props",
            "buildTransitive/TypedProducer.targets",
            "lib/net10.0/TypedProducer.dll",
            "lib/net10.0/TypedProducer.xml",
            "lib/net8.0/TypedProducer.dll",
            "lib/net8.0/TypedProducer.xml",
            "tasks/netstandard2.0/TypedProducer.Build.Tasks.dll",
        ];
        // Exactly these: no test, sample or benchmark assembly, no Roslyn or MSBuild assembly, no PDB (symbols are in the .snupkg).
        Assert.Equal(expected, entries);

        XDocument nuspec;
        using (Stream stream = package.GetEntry("TypedProducer.nuspec")!.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")?.Attribute("type")?.Value);
        Assert.Equal("Apache-2.0", metadata.Element(ns + "license")?.Value);
        Assert.Equal(RepositoryUrl, metadata.Element(ns + "projectUrl")?.Value);
        XElement repository = metadata.Element(ns + "repository")!;
        Assert.Equal(RepositoryUrl, repository.Attribute("url")?.Value);
        Assert.Equal(commit, repository.Attribute("commit")?.Value);
        string description = metadata.Element(ns + "description")!.Value;
        Assert.All(new[] { "Avro", "Protobuf", "JSON Schema", "analyzers" }, word => Assert.Contains(word, description));
        string[] dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).Distinct().ToArray();
        Assert.Contains("Confluent.Kafka", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || d.StartsWith("Microsoft.Build", StringComparison.Ordinal) || d.Contains("xunit", StringComparison.OrdinalIgnoreCase));

        // Every diagnostic's help link is built from the same address (RepositoryInfo, from TypedProducerRepositoryUrl).
        foreach (string analyzer in new[] { "analyzers/dotnet/cs/TypedProducer.Analyzers.dll", "analyzers/dotnet/cs/TypedProducer.Generator.dll" })
        {
            using var buffer = new MemoryStream();
            using (Stream stream = package.GetEntry(analyzer)!.Open())
            {
                stream.CopyTo(buffer);
            }

            string text = Encoding.Unicode.GetString(buffer.ToArray()) + Encoding.UTF8.GetString(buffer.ToArray());
            Assert.Contains(RepositoryUrl + "/blob/main/docs/diagnostics/", text);
        }
    }

    private static void CheckSymbols(string snupkg, string root, string commit)
    {
        using ZipArchive symbols = ZipFile.OpenRead(snupkg);
        foreach (string framework in new[] { "net8.0", "net10.0" })
        {
            ZipArchiveEntry entry = symbols.GetEntry($"lib/{framework}/TypedProducer.pdb") ?? throw new Xunit.Sdk.XunitException($"no lib/{framework}/TypedProducer.pdb in the symbols package");
            using var pdb = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(pdb);
            }

            pdb.Position = 0;
            using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
            MetadataReader reader = provider.GetMetadataReader();
            string[] documents = reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)).ToArray();
            Assert.NotEmpty(documents);
            // Deterministic paths: the build machine's checkout never appears, sources are under /_/ (ContinuousIntegrationBuild).
            Assert.DoesNotContain(documents, d => d.StartsWith(root, StringComparison.Ordinal));
            Assert.All(documents.Where(d => d.EndsWith(".cs", StringComparison.Ordinal) && !Path.IsPathRooted(d.Replace("/_/", string.Empty, StringComparison.Ordinal))), d => Assert.StartsWith("/_/", d));
            Assert.Contains(documents, d => d == "/_/src/Runtime/Producing/KafkaProducerConnection.cs");

            // SourceLink: /_/* maps to this commit's raw files in the repository.
            var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
            string? sourceLink = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
                .Select(h => reader.GetCustomDebugInformation(h))
                .Where(c => reader.GetGuid(c.Kind) == sourceLinkKind)
                .Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
                .SingleOrDefault();
            Assert.NotNull(sourceLink);
            Assert.Contains($"\"/_/*\":\"https://raw.githubusercontent.com/typedproducer/typedproducer/{commit}/*\"", sourceLink);
        }
    }

    private const string RepositoryUrl = "https://github.com/typedproducer/typedproducer";

    // Runs README's "Install and first app" section: ```sh blocks line by line (dotnet commands, from the workspace), and
    // code blocks whose first line names their file (// RideEvents/Program.cs) written there, in order.
    private void FollowReadmeWalkthrough(string root, string feed)
    {
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        int start = readme.IndexOf("\n## Install and first app", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README has no '## Install and first app' section");
        string section = readme[start..end];

        string globalPackages = Path.Combine(_workspace, "packages");
        string userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(_workspace, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{globalPackages}" /></config>
              <fallbackPackageFolders><add key="user" value="{userPackages}" /></fallbackPackageFolders>
              <packageSources>
                <clear />
                <add key="packed" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

        var runs = new List<string>();
        foreach (Match block in Regex.Matches(section, @"^```(\w+)\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline))
        {
            string language = block.Groups[1].Value;
            string body = block.Groups[2].Value;
            if (language == "sh")
            {
                foreach (string line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#')))
                {
                    string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    Assert.Equal("dotnet", words[0]);
                    (int exit, string log) = ExternalProcess.Run("dotnet", words.Skip(1), _workspace, TimeSpan.FromMinutes(10),
                        new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
                    Assert.True(exit == 0, $"`{line}` exited with {exit}:{Environment.NewLine}{log}");
                    if (words[1] == "run")
                    {
                        runs.Add(log);
                    }
                }
            }
            else
            {
                Match file = Regex.Match(body, @"^\s*//\s*(\S+)");
                Assert.True(file.Success, $"a {language} block of the walkthrough does not start with // <file>:{Environment.NewLine}{body}");
                string path = Path.Combine(_workspace, file.Groups[1].Value);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, body);
            }
        }

        Assert.Equal(2, runs.Count);
        Assert.Matches(@"Delivered ride-1 to rides \[\d+\] @ 0", runs[0]);
        Assert.Contains("librdkafka 2.16.0 loaded", runs[0]);
        Assert.Matches(@"Delivered ride-1 to rides \[\d+\] @ 0", runs[1]);
        Assert.Matches(@"Delivered ride-1's end to ride-ends \[\d+\] @ 0", runs[1]);
        Assert.DoesNotContain("warning TPK", string.Join('\n', runs));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the folder is under the temp directory.
        }
    }
}
