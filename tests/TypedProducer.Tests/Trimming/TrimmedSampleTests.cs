using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace TypedProducer.Tests.Trimming;

/// <summary>
/// The Citi Bike sample published self-contained and trimmed (<c>-p:TrimSample=true</c>: PublishTrimmed, the
/// trim, AOT and single-file analyzers) runs end to end in every wire format with no user trimming configuration: what
/// Confluent.Kafka finds by reflection is kept by the TypedProducer package itself
/// (TypedProducer.Trimming.ConfluentKafkaTrimRoots). Slow (a publish); filter it out with
/// <c>--filter Category!=Publish</c> when iterating.
/// </summary>
[Trait("Category", "Publish")]
public sealed class TrimmedSampleTests
{
    private static readonly Regex s_summary = new(@"^produced=(\d+) delivered=(\d+) consumed=(\d+) lost=0 duplicated=0 order_violations=0$", RegexOptions.Multiline);

    // Third-party code that reflects, left as it is: Confluent.Kafka's binding of librdkafka (its members are kept
    // by the runtime's DynamicDependency) and AWS OAuth auto-wiring (unused); CsvHelper (the sample's CSV reader) and
    // Google.Protobuf's JSON formatter (the sample reads Protobuf records back with protoc-generated parsers).
    private static readonly string[] s_thirdParty = ["Confluent.Kafka.", "CsvHelper.", "Google.Protobuf."];

    [Fact]
    public void TrimmedSelfContainedSample_ProducesAndReadsBackEveryFormatWithoutLossDuplicatesOrReordering()
    {
        string root = RepositoryRoot();
        // Under the checkout, so that the sample finds ../shared/data and the consumer compat shim as it does from bin/.
        string output = Path.Combine(root, "artifacts", "trimmed-sample-test");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        // The trimmed publish builds for linux-x64 in its own intermediate folder; emptying it makes the compiler (with
        // the analyzers, over the generated producers) and ILLink run again, so their warnings are seen every time.
        string intermediate = Path.Combine(root, "samples", "CitiBikeRides", "obj", "Release", "net10.0", "linux-x64");
        if (Directory.Exists(intermediate))
        {
            Directory.Delete(intermediate, recursive: true);
        }

        (int publishExit, string publishLog) = Run("dotnet", ["publish", Path.Combine(root, "samples", "CitiBikeRides"), "-c", "Release", "-p:TrimSample=true", "-o", output, "-nologo"], root, TimeSpan.FromMinutes(10));
        Assert.True(publishExit == 0, "dotnet publish failed:" + Environment.NewLine + publishLog);

        string[] ownWarnings = publishLog.Split('\n')
            .Where(line => Regex.IsMatch(line, @"warning (IL|CS)\d{4}"))
            .Where(line => !s_thirdParty.Any(prefix => line.Contains(": " + prefix, StringComparison.Ordinal) || line.Contains("warning IL2104: Assembly '" + prefix.TrimEnd('.'), StringComparison.Ordinal)))
            .Select(line => line.Trim())
            .Distinct()
            .ToArray();
        Assert.True(ownWarnings.Length == 0, "Trim or AOT warnings in TypedProducer, the generated code or the sample:" + Environment.NewLine + string.Join(Environment.NewLine, ownWarnings));

        // Trimmed: framework assemblies the app never uses are gone (a plain self-contained publish has them all).
        Assert.True(File.Exists(Path.Combine(output, "CitiBikeRides")));
        Assert.False(File.Exists(Path.Combine(output, "System.Net.Mail.dll")), "System.Net.Mail.dll was published: the output is not trimmed.");

        foreach (string format in new[] { "avro", "protobuf", "json" })
        {
            (int exit, string log) = Run(Path.Combine(output, "CitiBikeRides"), ["--limit", "3000", "--format", format], root, TimeSpan.FromMinutes(3));
            Match summary = s_summary.Match(log);
            Assert.True(exit == 0 && summary.Success, $"The trimmed sample ({format}) exited with {exit}:{Environment.NewLine}{log}");
            Assert.Equal("6000", summary.Groups[1].Value);
            Assert.Equal(summary.Groups[1].Value, summary.Groups[2].Value);
            Assert.Equal(summary.Groups[1].Value, summary.Groups[3].Value);
        }
    }

    private static (int ExitCode, string Output) Run(string fileName, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must not inherit this test host's MSBuild or runtime settings.
        foreach (string variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(variable);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout}:{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedProducer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TypedProducer.sln not found above " + AppContext.BaseDirectory);
    }
}
