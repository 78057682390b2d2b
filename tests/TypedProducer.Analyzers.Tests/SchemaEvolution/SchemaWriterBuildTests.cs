using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Xunit;

namespace TypedProducer.Analyzers.Tests.SchemaEvolution;

/// <summary>
/// The whole workflow in real <c>dotnet build</c>s of a scratch project that uses the package's props and targets,
/// the runtime, the generator and the analyzers (referenced as the sample references them): write the schema, keep
/// it, evolve the contract compatibly (a new version is written), then break it (TPK3001 fails the build, nothing
/// is written).
/// </summary>
public sealed class SchemaWriterBuildTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly string s_root = FindRepositoryRoot();
    private readonly string _project;
    private bool _restored;

    public SchemaWriterBuildTests()
    {
        // Inside the repository (artifacts/ is git-ignored) so that NuGet.config, with its local placeholder feed,
        // and Directory.Build.props apply as they do to the sample.
        _project = Path.Combine(s_root, "artifacts", "test-projects", "schemas-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_project);
        string src = Path.Combine(s_root, "src");
        File.WriteAllText(Path.Combine(_project, "Scratch.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{src}/Runtime/build/TypedProducer.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TypedProducerTasksAssembly>{src}/Build.Tasks/bin/{Configuration}/netstandard2.0/TypedProducer.Build.Tasks.dll</TypedProducerTasksAssembly>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{src}/Runtime/TypedProducer.csproj" />
                <ProjectReference Include="{src}/Generator/TypedProducer.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{src}/Analyzers/TypedProducer.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
              <Import Project="{src}/Runtime/build/TypedProducer.targets" />
            </Project>
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_project, recursive: true);
        }
        catch (IOException)
        {
            // best effort: artifacts/ is git-ignored
        }
    }

    [Fact]
    public void WriteSchemas_WritesVersionsAndTheAnalyzerGuardsThem()
    {
        string v1 = Path.Combine(_project, "schemas", "Shop.Events.OrderPlaced", "v1.avsc");
        string v2 = Path.Combine(_project, "schemas", "Shop.Events.OrderPlaced", "v2.avsc");
        string v3 = Path.Combine(_project, "schemas", "Shop.Events.OrderPlaced", "v3.avsc");

        WriteContract("public int Quantity { get; set; }");
        var (exit, output) = Build();
        Assert.True(exit == 0, output);
        Assert.Equal(
            """
            {
              "type": "record",
              "name": "OrderPlaced",
              "namespace": "Shop.Events",
              "fields": [
                {
                  "name": "Id",
                  "type": "string"
                },
                {
                  "name": "Quantity",
                  "type": "int"
                }
              ]
            }

            """.Replace("\r\n", "\n"),
            File.ReadAllText(v1));

        // Unchanged contract: the latest version already holds the schema.
        (exit, output) = Build();
        Assert.True(exit == 0, output);
        Assert.False(File.Exists(v2), output);

        // A compatible change (a nullable field, default null) becomes v2.
        string v1Text = File.ReadAllText(v1);
        WriteContract("public int Quantity { get; set; }\n    public string? Note { get; set; }");
        (exit, output) = Build();
        Assert.True(exit == 0, output);
        Assert.Contains("\"name\": \"Note\"", File.ReadAllText(v2));
        Assert.Equal(v1Text, File.ReadAllText(v1));

        // A breaking change fails the build at the member, and no version is written.
        WriteContract("public string Quantity { get; set; } = \"\";\n    public string? Note { get; set; }");
        (exit, output) = Build();
        Assert.NotEqual(0, exit);
        Assert.Contains("Contracts.cs(9,19): error TPK3001: 'OrderPlaced' is not BACKWARD compatible with 'Shop.Events.OrderPlaced/v2.avsc': field 'Quantity' changes type from int to string", output);
        Assert.False(File.Exists(v3), output);

        // NONE (the MSBuild property) lets it through, like a registry subject set to NONE.
        (exit, output) = Build("-p:TypedProducerSchemaCompatibility=NONE");
        Assert.True(exit == 0, output);
        Assert.Contains("\"type\": \"string\"", File.ReadAllText(v3));
    }

    private void WriteContract(string members) => File.WriteAllText(Path.Combine(_project, "Contracts.cs"), $$"""
        using TypedProducer;

        namespace Shop.Events;

        [KafkaMessage("orders")]
        public partial class OrderPlaced
        {
            [MessageKey] public string Id { get; set; } = "";
            {{members}}
        }
        """);

    private (int ExitCode, string Output) Build(string extra = "")
    {
        // The referenced projects were built with this test project; build servers off so that no node or
        // compiler server outlives the test.
        var start = new ProcessStartInfo("dotnet", $"build \"{Path.Combine(_project, "Scratch.csproj")}\" -c {Configuration} --disable-build-servers -nologo -p:BuildProjectReferences=false -p:TypedProducerWriteSchemas=true {(_restored ? "--no-restore" : string.Empty)} {extra}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _project,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(10).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build did not finish within 10 minutes:" + Environment.NewLine + output);
        }

        process.WaitForExit(); // flushes the redirected streams
        _restored = true;
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

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
