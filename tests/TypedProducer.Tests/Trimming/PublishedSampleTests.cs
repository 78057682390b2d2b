using System.Text.RegularExpressions;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Trimming;

/// <summary>
/// The Citi Bike sample published self-contained and trimmed (<c>-p:TrimSample=true</c>: PublishTrimmed with the trim,
/// AOT and single-file analyzers) and as Native AOT (<c>-p:AotSample=true</c>: PublishAot, the ILCompiler package
/// from NuGet) runs end to end in every wire format with no user trimming configuration: what Confluent.Kafka finds by
/// reflection is kept by the TypedProducer package itself (TypedProducer.Trimming.ConfluentKafkaTrimRoots), and the
/// bundled librdkafka is found beside the executable. Slow (publishes); filter them out with
/// <c>--filter Category!=Publish</c> when iterating.
/// </summary>
[Trait("Category", "Publish")]
[Collection(PublishCollection.Name)]
public sealed class PublishedSampleTests
{
    private static readonly Regex s_summary = new(@"^produced=(\d+) delivered=(\d+) consumed=(\d+) lost=0 duplicated=0 order_violations=0$", RegexOptions.Multiline);

    // Third-party code that reflects, left as it is: Confluent.Kafka's binding of librdkafka (its members are kept
    // by the runtime's DynamicDependency) and AWS OAuth auto-wiring (unused); CsvHelper (the sample's CSV reader) and
    // Google.Protobuf's JSON formatter (the sample reads Protobuf records back with protoc-generated parsers).
    private static readonly string[] s_thirdParty = ["Confluent.Kafka.", "CsvHelper.", "Google.Protobuf."];

    [Fact]
    public void TrimmedSelfContainedSample_ProducesAndReadsBackEveryFormatWithoutLossDuplicatesOrReordering()
    {
        string output = PublishAndCheckWarnings("-p:TrimSample=true", "trimmed-sample-test");

        // Trimmed: framework assemblies the app never uses are gone (a plain self-contained publish has them all).
        Assert.True(File.Exists(Path.Combine(output, "CitiBikeRides")));
        Assert.False(File.Exists(Path.Combine(output, "System.Net.Mail.dll")), "System.Net.Mail.dll was published: the output is not trimmed.");
        RunEveryFormat(output, expectedEvents: 6000, "--limit", "3000");
    }

    [Fact]
    public void NativeAotSample_ProducesAndReadsBackTheFullDayInEveryFormatWithoutLossDuplicatesOrReordering()
    {
        string output = PublishAndCheckWarnings("-p:AotSample=true", "aot-sample-test");

        // Native: one executable and no managed assemblies to load (librdkafka's shared libraries sit beside it).
        Assert.True(File.Exists(Path.Combine(output, "CitiBikeRides")));
        Assert.False(File.Exists(Path.Combine(output, "CitiBikeRides.dll")), "CitiBikeRides.dll was published: the output is not Native AOT.");
        Assert.False(File.Exists(Path.Combine(output, "System.Private.CoreLib.dll")), "the runtime's assemblies were published: the output is not Native AOT.");
        // The whole day of ../shared/data/citibike: 49,776 rides, two events each.
        RunEveryFormat(output, expectedEvents: 99552);
    }

    // Publishes the sample with `property` under artifacts/{folder} and fails on any trim or AOT warning outside the
    // third-party code above. Returns the output folder.
    private static string PublishAndCheckWarnings(string property, string folder)
    {
        string root = ExternalProcess.RepositoryRoot();
        // Under the checkout, so that the sample finds ../shared/data as it does from bin/.
        string output = Path.Combine(root, "artifacts", folder);
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        // Both publishes build for linux-x64 in the same intermediate folder; emptying it makes the compiler (with the
        // analyzers, over the generated producers), ILLink and ILC run again, so their warnings are seen every time.
        string intermediate = Path.Combine(root, "samples", "CitiBikeRides", "obj", "Release", "net10.0", "linux-x64");
        if (Directory.Exists(intermediate))
        {
            Directory.Delete(intermediate, recursive: true);
        }

        (int publishExit, string publishLog) = ExternalProcess.Run("dotnet", ["publish", Path.Combine(root, "samples", "CitiBikeRides"), "-c", "Release", property, "-o", output, "-nologo"], root, TimeSpan.FromMinutes(15));
        Assert.True(publishExit == 0, "dotnet publish failed:" + Environment.NewLine + publishLog);

        string[] ownWarnings = publishLog.Split('\n')
            .Where(line => Regex.IsMatch(line, @"warning (IL|CS)\d{4}"))
            .Where(line => !s_thirdParty.Any(prefix => line.Contains(": " + prefix, StringComparison.Ordinal) || line.Contains("warning IL2104: Assembly '" + prefix.TrimEnd('.'), StringComparison.Ordinal)))
            .Select(line => line.Trim())
            .Distinct()
            .ToArray();
        Assert.True(ownWarnings.Length == 0, "Trim or AOT warnings in TypedProducer, the generated code or the sample:" + Environment.NewLine + string.Join(Environment.NewLine, ownWarnings));
        return output;
    }

    private static void RunEveryFormat(string output, int expectedEvents, params string[] extraArguments)
    {
        string root = ExternalProcess.RepositoryRoot();
        foreach (string format in new[] { "avro", "protobuf", "json" })
        {
            (int exit, string log) = ExternalProcess.Run(Path.Combine(output, "CitiBikeRides"), [.. extraArguments, "--format", format], root, TimeSpan.FromMinutes(5));
            Match summary = s_summary.Match(log);
            Assert.True(exit == 0 && summary.Success, $"The published sample ({format}) exited with {exit}:{Environment.NewLine}{log}");
            Assert.Equal(expectedEvents.ToString(System.Globalization.CultureInfo.InvariantCulture), summary.Groups[1].Value);
            Assert.Equal(summary.Groups[1].Value, summary.Groups[2].Value);
            Assert.Equal(summary.Groups[1].Value, summary.Groups[3].Value);
            Assert.Contains("librdkafka 2.", log);
        }
    }
}
