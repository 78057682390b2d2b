using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Confluent.Kafka;
using TypedProducer.Benchmarks.Data;

namespace TypedProducer.Benchmarks.Native;

/// <summary>
/// The C baseline (<c>native_producer.c</c>), compiled with gcc against the librdkafka image this process loaded and
/// the librdkafka.redist package's <c>rdkafka.h</c>, run as a child process that starts its own mock cluster (3 brokers,
/// 6 partitions) and produces one round per request; it reports the process CPU time of each round, which
/// <see cref="CpuNanoseconds"/> adds up (a clock for <see cref="PairedComparison.Candidate.CpuClock"/>).
/// </summary>
public sealed class CProducerProcess : IDisposable
{
    private readonly Process _process;
    private long _cpuNanoseconds;

    private CProducerProcess(Process process) => _process = process;

    /// <summary>The CPU nanoseconds the child spent in its rounds so far.</summary>
    public long CpuNanoseconds => _cpuNanoseconds;

    /// <summary>Failed deliveries in the child (must stay 0).</summary>
    public long Failures { get; private set; }

    /// <summary>The shared library the program is linked against.</summary>
    public static string LibraryPath => (LibrdkafkaLibrary.Loaded ?? LibrdkafkaLibrary.Load()).Path;

    /// <summary>Compiles the program (once per run) and starts it on the given records and configuration.</summary>
    /// <param name="directory">Where the executable and its input files go.</param>
    /// <param name="keys">Pre-serialized keys (null: a null key).</param>
    /// <param name="values">Pre-serialized values, index for index with <paramref name="keys"/>.</param>
    /// <param name="config">The producer configuration; <c>dotnet.*</c> keys and <c>bootstrap.servers</c> are left out.</param>
    /// <param name="topic">The topic the child creates on its mock cluster and produces to.</param>
    /// <param name="messagesPerRound">Messages per round.</param>
    /// <exception cref="InvalidOperationException">gcc is missing or fails, or the program does not start.</exception>
    public static CProducerProcess Start(string directory, IReadOnlyList<byte[]?> keys, IReadOnlyList<byte[]> values, ProducerConfig config, string topic, int messagesPerRound)
    {
        Directory.CreateDirectory(directory);
        string executable = Compile(directory);
        string records = Path.Combine(directory, "records.bin");
        using (var writer = new BinaryWriter(File.Create(records)))
        {
            for (int i = 0; i < keys.Count; i++)
            {
                writer.Write(keys[i]?.Length ?? -1);
                writer.Write(keys[i] ?? []);
                writer.Write(values[i].Length);
                writer.Write(values[i]);
            }
        }

        string configFile = Path.Combine(directory, "producer.properties");
        File.WriteAllLines(configFile, config
            .Where(p => !p.Key.StartsWith("dotnet.", StringComparison.Ordinal) && p.Key != "bootstrap.servers")
            .Select(p => p.Key + "=" + p.Value));

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { records, configFile, messagesPerRound.ToString(CultureInfo.InvariantCulture), topic })
        {
            start.ArgumentList.Add(argument);
        }

        return new CProducerProcess(Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start."));
    }

    /// <summary>One round: the child produces its messages and flushes; returns the failures so far.</summary>
    /// <exception cref="InvalidOperationException">The child exited (its error is on this process's stderr).</exception>
    public long Round()
    {
        _process.StandardInput.WriteLine("r");
        _process.StandardInput.Flush();
        string line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"native_producer exited with code {(_process.WaitForExit(10_000) ? _process.ExitCode : -1)}.");
        string[] fields = line.Split(' ');
        _cpuNanoseconds += long.Parse(fields[0], CultureInfo.InvariantCulture);
        Failures = long.Parse(fields[1], CultureInfo.InvariantCulture);
        return Failures;
    }

    public void Dispose()
    {
        _process.StandardInput.WriteLine("q");
        _process.StandardInput.Close();
        if (!_process.WaitForExit(60_000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static string Compile(string directory)
    {
        string source = Path.Combine(Repository.Root, "tests", "TypedProducer.Benchmarks", "Native", "native_producer.c");
        string executable = Path.Combine(directory, "native_producer");
        string library = LibraryPath;
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string include = Path.Combine(packages, "librdkafka.redist", Library.VersionString, "build", "native", "include");
        if (!File.Exists(Path.Combine(include, "librdkafka", "rdkafka.h")))
        {
            throw new InvalidOperationException($"rdkafka.h of librdkafka.redist {Library.VersionString} is not in {include} (set NUGET_PACKAGES to the NuGet packages folder).");
        }

        string libraryDirectory = Path.GetDirectoryName(library)!;
        string[] arguments =
        [
            "-O2", "-Wall", "-o", executable, source, "-I", include,
            "-L", libraryDirectory, "-l:" + Path.GetFileName(library), "-Wl,-rpath," + libraryDirectory, "-lpthread",
        ];
        var gcc = new ProcessStartInfo("gcc") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            gcc.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(gcc)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("gcc is needed for the C baseline of the native benchmarks (./build.sh bench installs it): " + ex.Message, ex);
        }

        using (process)
        {
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"gcc {string.Join(' ', arguments)} failed:\n{errors}");
            }
        }

        return executable;
    }
}
