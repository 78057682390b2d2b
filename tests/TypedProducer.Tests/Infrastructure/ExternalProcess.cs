using System.Diagnostics;
using System.Text;

namespace TypedProducer.Tests.Infrastructure;

/// <summary>Runs a program (dotnet publish, a published sample) to completion and keeps everything it printed.</summary>
internal static class ExternalProcess
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; kills it (and its children) after <paramref name="timeout"/>.</summary>
    /// <returns>The exit code and the interleaved standard output and error.</returns>
    /// <exception cref="TimeoutException">It did not finish within <paramref name="timeout"/>; the message holds its output.</exception>
    public static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
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

        foreach (KeyValuePair<string, string> variable in environment ?? new Dictionary<string, string>())
        {
            start.Environment[variable.Key] = variable.Value;
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
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}:{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>The checkout's root: the directory above this test's output that holds TypedProducer.sln.</summary>
    public static string RepositoryRoot()
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
