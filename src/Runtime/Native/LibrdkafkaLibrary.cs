using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace TypedProducer;

/// <summary>
/// Chooses the one librdkafka image that Confluent.Kafka and TypedProducer bind to in this process: by default the
/// one the application's <c>librdkafka.redist</c> package ships (its native assets, found through the app's
/// <c>.deps.json</c> probe directories or beside the app), never an operating-system copy by accident.
/// </summary>
/// <remarks>
/// <para>Why: left to itself, Confluent.Kafka P/Invokes <c>"librdkafka"</c>, and .NET falls back to the dynamic
/// linker's search when the bundled file does not load. On Linux the redist's default
/// <c>runtimes/linux-x64/native/librdkafka.so</c> needs <c>libsasl2.so.3</c> (the Red Hat soname; Debian and Ubuntu
/// ship <c>libsasl2.so.2</c>), so on those distributions the load fails without a word and whatever
/// <c>librdkafka.so</c> the OS has (Debian 12: 2.0.2) runs instead.</para>
/// <para>Which file, per platform: Linux (glibc) <c>librdkafka.so</c> (built with SASL/GSSAPI), else
/// <c>centos8-librdkafka.so</c> (the redist's build without GSSAPI, which needs nothing beyond glibc); Linux (musl)
/// <c>alpine-librdkafka.so</c>; macOS <c>librdkafka.dylib</c>; Windows <c>librdkafka.dll</c>. The same order as
/// Confluent.Kafka's own <c>LoadLinuxDelegates</c>, minus its fall-through to the OS.</para>
/// <para>A resolver (<see cref="NativeLibrary.SetDllImportResolver"/>) for Confluent.Kafka's and TypedProducer's
/// assemblies is installed when this assembly loads; the choice itself is made by the first of: an explicit
/// <see cref="Load"/> call, the shared producer's start (<see cref="TypedProducerOptions.NativeLibrary"/>), or the
/// first librdkafka call of any Confluent.Kafka client (then the bundled library). Code that uses Confluent.Kafka
/// before touching TypedProducer should call <see cref="Load"/> first; Confluent's own
/// <c>Confluent.Kafka.Library.Load(path)</c> is not honoured, because the resolver answers its lookups.</para>
/// </remarks>
public static class LibrdkafkaLibrary
{
    /// <summary>The value of <see cref="TypedProducerOptions.NativeLibrary"/> that selects the bundled library (the default).</summary>
    public const string BundledLocation = "bundled";

    /// <summary>The value of <see cref="TypedProducerOptions.NativeLibrary"/> that selects the operating system's librdkafka (dynamic linker search).</summary>
    public const string SystemLocation = "system";

    // Confluent.Kafka's DllImport names (NativeMethods, NativeMethods_Centos8, NativeMethods_Alpine) and ours.
    private static readonly string[] s_importNames = ["librdkafka", "centos8-librdkafka.so", "alpine-librdkafka.so"];

    private static readonly object s_gate = new();
    private static IntPtr s_handle;
    private static LibrdkafkaLoadInfo? s_loaded;
    private static string? s_resolverProblem;

    /// <summary>What was loaded, or null before the first load.</summary>
    public static LibrdkafkaLoadInfo? Loaded
    {
        get
        {
            lock (s_gate)
            {
                return s_loaded;
            }
        }
    }

    /// <summary>
    /// Loads librdkafka for Confluent.Kafka and TypedProducer, once per process, and binds Confluent.Kafka to it.
    /// </summary>
    /// <param name="location">
    /// <see langword="null"/>, empty or <see cref="BundledLocation"/>: the librdkafka.redist package's file (see the
    /// remarks of <see cref="LibrdkafkaLibrary"/>); <see cref="SystemLocation"/>: the operating system's library
    /// (<c>librdkafka.so.1</c>, <c>librdkafka.so</c>, <c>librdkafka.dylib</c> or <c>librdkafka.dll</c> by the dynamic
    /// linker's search); otherwise the path of a librdkafka shared library.
    /// </param>
    /// <returns>The file loaded, its version and how it was chosen.</returns>
    /// <exception cref="DllNotFoundException">
    /// No bundled file exists in the probe directories (named in the message), or none of the candidates loads (each
    /// file with the dynamic linker's error), or the system library or the given path does not load.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// A different location was chosen earlier in this process (a process binds to one librdkafka), or Confluent.Kafka
    /// bound to a librdkafka of another version than the chosen one (an application resolver for Confluent.Kafka's
    /// assembly).
    /// </exception>
    public static LibrdkafkaLoadInfo Load(string? location = null)
    {
        LibrdkafkaLoadSource source = ParseSource(location, out string? path);
        LibrdkafkaLoadInfo info;
        lock (s_gate)
        {
            if (s_loaded is not null)
            {
                if (!s_loaded.Matches(source, path))
                {
                    throw new InvalidOperationException(
                        $"librdkafka is already loaded from '{s_loaded.Path}' ({s_loaded.Source}, version {s_loaded.Version}); it cannot be switched to " +
                        $"{Describe(source, path)} in the same process. Choose the library once, before the first Kafka client is created " +
                        $"(Kafka:NativeLibrary, or {nameof(LibrdkafkaLibrary)}.{nameof(Load)} at start-up).");
                }

                return s_loaded;
            }

            (IntPtr handle, string loadedPath, string? note) = source switch
            {
                LibrdkafkaLoadSource.Bundled => LoadBundled(),
                LibrdkafkaLoadSource.System => LoadSystem(),
                _ => LoadPath(path!),
            };
            s_handle = handle;
            info = new LibrdkafkaLoadInfo(loadedPath, ReadVersion(handle), source, note);
            s_loaded = info;
        }

        CheckConfluentBinding(info);
        return info;
    }

    /// <summary>The handle of the chosen image, loading the bundled library if nothing was chosen yet.</summary>
    internal static IntPtr Handle
    {
        get
        {
            if (Volatile.Read(ref s_handle) == IntPtr.Zero)
            {
                Load();
            }

            return s_handle;
        }
    }

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Must run before Confluent.Kafka's first P/Invoke, which the library cannot otherwise intercept; it only registers resolvers and loads nothing.")]
    internal static void InstallResolvers()
    {
        foreach (Assembly assembly in new[] { typeof(Confluent.Kafka.Library).Assembly, typeof(LibrdkafkaLibrary).Assembly })
        {
            try
            {
                NativeLibrary.SetDllImportResolver(assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // The application registered its own resolver for this assembly: it decides; Load() checks the version it bound.
                s_resolverProblem = $"the application registered its own native library resolver for {assembly.GetName().Name}";
            }
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        Array.IndexOf(s_importNames, libraryName) >= 0 ? Handle : IntPtr.Zero;

    private static void CheckConfluentBinding(LibrdkafkaLoadInfo info)
    {
        // Binds Confluent.Kafka's delegates now (through the resolver), so that its first client cannot bind elsewhere.
        Trimming.ConfluentKafkaTrimRoots.Root();
        string confluentVersion = Confluent.Kafka.Library.VersionString;
        if (!string.Equals(confluentVersion, info.Version, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Confluent.Kafka runs librdkafka {confluentVersion}, but TypedProducer loaded {info.Version} from '{info.Path}'" +
                (s_resolverProblem is null ? "." : $": {s_resolverProblem}.") +
                " Both must use one image: let TypedProducer choose it (Kafka:NativeLibrary), or make the application's resolver return the same file.");
        }
    }

    private static LibrdkafkaLoadSource ParseSource(string? location, out string? path)
    {
        path = null;
        if (string.IsNullOrWhiteSpace(location) || location.Equals(BundledLocation, StringComparison.OrdinalIgnoreCase))
        {
            return LibrdkafkaLoadSource.Bundled;
        }

        if (location.Equals(SystemLocation, StringComparison.OrdinalIgnoreCase))
        {
            return LibrdkafkaLoadSource.System;
        }

        path = Path.GetFullPath(location);
        return LibrdkafkaLoadSource.Path;
    }

    private static string Describe(LibrdkafkaLoadSource source, string? path) => source switch
    {
        LibrdkafkaLoadSource.Bundled => "the bundled librdkafka.redist library",
        LibrdkafkaLoadSource.System => "the operating system's librdkafka",
        _ => $"'{path}'",
    };

    private static (IntPtr Handle, string Path, string? Note) LoadBundled()
    {
        string[] fileNames = BundledFileNames();
        List<string> directories = ProbeDirectories();
        var failures = new StringBuilder();
        foreach (string fileName in fileNames)
        {
            foreach (string directory in directories)
            {
                string candidate = System.IO.Path.Combine(directory, fileName);
                if (!File.Exists(candidate))
                {
                    continue;
                }

                try
                {
                    IntPtr handle = NativeLibrary.Load(candidate);
                    string? note = failures.Length == 0 ? null : "not loaded first: " + failures.ToString().TrimEnd(';', ' ');
                    return (handle, candidate, note);
                }
                catch (DllNotFoundException ex)
                {
                    failures.Append(candidate).Append(": ").Append(LinkerError(ex)).Append("; ");
                    break; // The same file name elsewhere fails the same way: try the next variant.
                }
            }
        }

        if (failures.Length > 0)
        {
            throw new DllNotFoundException(
                $"No librdkafka of the librdkafka.redist package loads on this machine ({RuntimeInformation.RuntimeIdentifier}): {failures.ToString().TrimEnd(';', ' ')}. " +
                $"Install what the library needs, or set Kafka:NativeLibrary to '{SystemLocation}' or to the path of a librdkafka build.");
        }

        throw new DllNotFoundException(
            $"The librdkafka of the librdkafka.redist package ({string.Join(" or ", fileNames)}) is not in the application's native probe directories " +
            $"({string.Join(", ", directories)}); check that the app references librdkafka.redist (Confluent.Kafka depends on it) and that its " +
            $"runtimes/{RuntimeIdentifierForAssets()}/native files were published. To use the operating system's librdkafka instead, set Kafka:NativeLibrary to '{SystemLocation}'.");
    }

    private static (IntPtr Handle, string Path, string? Note) LoadSystem()
    {
        string[] names = OperatingSystem.IsWindows() ? ["librdkafka.dll"]
            : OperatingSystem.IsMacOS() ? ["librdkafka.dylib", "librdkafka.1.dylib"]
            : ["librdkafka.so.1", "librdkafka.so"];
        var failures = new StringBuilder();
        foreach (string name in names)
        {
            try
            {
                // A bare name: the dynamic linker's search (LD_LIBRARY_PATH, ld.so.cache, ...), not the app's probe directories.
                return (NativeLibrary.Load(name), name, "operating system library");
            }
            catch (DllNotFoundException ex)
            {
                failures.Append(name).Append(": ").Append(LinkerError(ex)).Append("; ");
            }
        }

        throw new DllNotFoundException($"Kafka:NativeLibrary is '{SystemLocation}', but the operating system has no loadable librdkafka: {failures.ToString().TrimEnd(';', ' ')}.");
    }

    private static (IntPtr Handle, string Path, string? Note) LoadPath(string path)
    {
        try
        {
            return (NativeLibrary.Load(path), path, null);
        }
        catch (DllNotFoundException ex)
        {
            throw new DllNotFoundException($"Kafka:NativeLibrary names '{path}', which does not load: {ex.Message}", ex);
        }
    }

    // .NET's message wraps the dynamic linker's error (its last line, e.g. "libsasl2.so.3: cannot open shared object file") in advice.
    private static string LinkerError(DllNotFoundException exception)
    {
        string[] lines = exception.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 1 ? lines[^1] : exception.Message;
    }

    private static string[] BundledFileNames()
    {
        if (OperatingSystem.IsWindows())
        {
            return ["librdkafka.dll"];
        }

        if (OperatingSystem.IsMacOS())
        {
            return ["librdkafka.dylib"];
        }

        return RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal)
            ? ["alpine-librdkafka.so", "librdkafka.so"]
            : ["librdkafka.so", "centos8-librdkafka.so"];
    }

    private static List<string> ProbeDirectories()
    {
        var directories = new List<string>();
        // The host's probe list for native assets (from .deps.json: runtimes/{rid}/native of every package, or the
        // app directory of a RID-specific publish). Not set in a Native AOT process: the app directory then.
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirectories)
        {
            foreach (string directory in searchDirectories.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                AddDirectory(directories, directory);
            }
        }

        string baseDirectory = AppContext.BaseDirectory;
        AddDirectory(directories, System.IO.Path.Combine(baseDirectory, "runtimes", RuntimeIdentifierForAssets(), "native"));
        AddDirectory(directories, baseDirectory);
        return directories;
    }

    private static void AddDirectory(List<string> directories, string directory)
    {
        string full = System.IO.Path.GetFullPath(directory);
        if (!directories.Exists(d => string.Equals(System.IO.Path.TrimEndingDirectorySeparator(d), System.IO.Path.TrimEndingDirectorySeparator(full), StringComparison.Ordinal)))
        {
            directories.Add(full);
        }
    }

    // The redist's folder names: linux-x64, linux-arm64, osx-arm64, win-x64, ... (musl builds live in the linux-* folders).
    private static string RuntimeIdentifierForAssets()
    {
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return os + "-" + arch;
    }

    private static unsafe string ReadVersion(IntPtr handle)
    {
        // const char *rd_kafka_version_str(void) (rdkafka.h): read from the chosen image itself.
        var versionString = (delegate* unmanaged[Cdecl]<IntPtr>)NativeLibrary.GetExport(handle, "rd_kafka_version_str");
        return Marshal.PtrToStringUTF8(versionString()) ?? string.Empty;
    }
}
