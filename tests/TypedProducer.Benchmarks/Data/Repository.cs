using System;
using System.IO;

namespace TypedProducer.Benchmarks.Data;

/// <summary>Where the checkout and the shared data live, found from the program's own location.</summary>
public static class Repository
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding TypedProducer.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>A file under ../shared/data beside the checkout (never copied into the repository).</summary>
    /// <exception cref="FileNotFoundException">The data folder is not there.</exception>
    public static string SharedData(string relativePath)
    {
        string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", relativePath));
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The benchmarks read real rows from ../shared/data beside the checkout; {path} is missing.", path);
    }

    private static string FindRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TypedProducer.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the TypedProducer checkout (TypedProducer.sln not found above " + AppContext.BaseDirectory + ").");
    }
}
