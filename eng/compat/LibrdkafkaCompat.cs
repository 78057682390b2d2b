// Compiled by link into the test projects and the sample:
//   <Compile Include="../../eng/compat/LibrdkafkaCompat.cs" />
// and into the TypedProducer.Testing package (src/Testing), whose public LibrdkafkaConsumerCompat calls
// Install(shimPath, searchRepository: false). Not part of the TypedProducer package: producing works on
// librdkafka 2.0.2 without it.
#nullable enable

using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace TypedProducer.Compat;

/// <summary>
/// Lets Confluent.Kafka 2.15.1 run on an operating-system librdkafka older than 2.1.0 (Debian 12's
/// librdkafka1 2.0.2) by resolving its native imports: <c>"libdl"</c> to <c>libdl.so.2</c>, and
/// <c>"librdkafka"</c> to the consumer compat shim (<c>eng/compat/librdkafka-compat.c</c>, built by
/// <c>build.sh</c> into <c>artifacts/native/</c>) when the library that would otherwise load lacks the
/// leader-epoch functions the consumer calls.
/// </summary>
/// <remarks>
/// Why: see <c>eng/compat/librdkafka-compat.c</c> and <c>../shared/reference/librdkafka-mock-cluster.md</c>
/// (section 0 findings 1 and 2, section 6.5). Without it, <c>IConsumer.Consume</c> throws
/// <see cref="EntryPointNotFoundException"/> (<c>rd_kafka_message_leader_epoch</c>) on the first message.
/// Harmless elsewhere: when the default resolution finds a librdkafka that has the leader-epoch API (the
/// real <c>librdkafka.redist</c> package, or a newer OS library), that library is used and the shim is not.
/// Linux only; a no-op on other operating systems.
/// </remarks>
internal static class LibrdkafkaCompat
{
    /// <summary>Environment variable that names the shim file explicitly (overrides the repository lookup).</summary>
    public const string ShimPathVariable = "TYPEDPRODUCER_RDKAFKA_COMPAT";

    /// <summary>The shim's file name under <c>artifacts/native/</c> of the repository.</summary>
    public const string ShimFileName = "libtypedproducer-rdkafka-compat.so";

    // Added in librdkafka 2.1.0; its presence means the library needs no shim.
    private const string LeaderEpochSymbol = "rd_kafka_message_leader_epoch";

    private static readonly object s_gate = new();
    private static int s_installed;
    private static string? s_explicitShimPath;
    private static bool s_searchRepository = true;
    private static bool s_librdkafkaResolved;
    private static IntPtr s_librdkafka;
    private static bool s_libdlResolved;
    private static IntPtr s_libdl;

    /// <summary>The shim file in use, or <see langword="null"/> when librdkafka is loaded without it.</summary>
    public static string? ActiveShimPath { get; private set; }

    /// <summary>
    /// Registers the resolver for Confluent.Kafka's assembly. Call once, before the first Confluent.Kafka
    /// client (or <c>Confluent.Kafka.Library</c> member) loads librdkafka; later calls do nothing. When
    /// another resolver is already registered for that assembly, that one is kept.
    /// </summary>
    public static void Install() => Install(null, searchRepository: true);

    /// <summary>
    /// As <see cref="Install()"/>, with the shim file given: <paramref name="shimPath"/> first, then
    /// <see cref="ShimPathVariable"/>, then (when <paramref name="searchRepository"/>) the repository's
    /// <c>artifacts/native/</c>. The shim is used only when the librdkafka that would load lacks the leader-epoch API.
    /// </summary>
    /// <param name="shimPath">The shim file, or null.</param>
    /// <param name="searchRepository">Whether to look for the shim under the directory holding <c>TypedProducer.sln</c>.</param>
    /// <returns>True when this call registered the resolver; false when it was registered before, another resolver was, or the OS is not Linux.</returns>
    public static bool Install(string? shimPath, bool searchRepository)
    {
        if (Interlocked.Exchange(ref s_installed, 1) != 0 || !OperatingSystem.IsLinux())
        {
            return false;
        }

        s_explicitShimPath = shimPath;
        s_searchRepository = searchRepository;

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
            return true;
        }
        catch (InvalidOperationException)
        {
            // The application registered its own resolver for Confluent.Kafka: it decides.
            return false;
        }
    }

    // Called for every P/Invoke binding of Confluent.Kafka (hundreds of functions); results are cached so
    // each library is opened once. IntPtr.Zero hands the name back to the runtime's default resolution.
    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        switch (libraryName)
        {
            case "libdl":
                lock (s_gate)
                {
                    if (!s_libdlResolved)
                    {
                        // Confluent.Kafka P/Invokes dlopen through "libdl" (Impl/LibRdKafka.cs, PosixNative);
                        // Debian 12 ships only libdl.so.2 unless libc6-dev adds the libdl.so link.
                        s_libdl = NativeLibrary.TryLoad("libdl.so.2", out IntPtr handle) ? handle : IntPtr.Zero;
                        s_libdlResolved = true;
                    }

                    return s_libdl;
                }

            case "librdkafka":
                lock (s_gate)
                {
                    if (!s_librdkafkaResolved)
                    {
                        s_librdkafka = ResolveLibrdkafka(libraryName, assembly, searchPath);
                        s_librdkafkaResolved = true;
                    }

                    return s_librdkafka;
                }

            default:
                return IntPtr.Zero;
        }
    }

    private static IntPtr ResolveLibrdkafka(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        // What the runtime would load without us: the package's native asset (librdkafka.redist) or, with the
        // binary-free placeholder, the OS library (librdkafka.so from librdkafka-dev).
        IntPtr found = NativeLibrary.TryLoad(libraryName, assembly, searchPath, out IntPtr handle) ? handle : IntPtr.Zero;
        if (found != IntPtr.Zero && NativeLibrary.TryGetExport(found, LeaderEpochSymbol, out _))
        {
            return found;
        }

        string? shim = FindShim();
        if (shim is not null && NativeLibrary.TryLoad(shim, out IntPtr shimHandle))
        {
            if (found != IntPtr.Zero)
            {
                // The shim holds its own reference to the same librdkafka image (DT_NEEDED librdkafka.so.1).
                NativeLibrary.Free(found);
            }

            ActiveShimPath = shim;
            return shimHandle;
        }

        if (found != IntPtr.Zero)
        {
            return found;
        }

        // Debian's librdkafka1 without librdkafka-dev installs only the versioned name.
        return NativeLibrary.TryLoad("librdkafka.so.1", out handle) ? handle : IntPtr.Zero;
    }

    private static string? FindShim()
    {
        if (!string.IsNullOrEmpty(s_explicitShimPath) && File.Exists(s_explicitShimPath))
        {
            return Path.GetFullPath(s_explicitShimPath);
        }

        string? explicitPath = Environment.GetEnvironmentVariable(ShimPathVariable);
        if (!string.IsNullOrEmpty(explicitPath) && File.Exists(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        if (!s_searchRepository)
        {
            return null;
        }

        // Test and sample binaries live under the repository (bin/Release/...): walk up to the solution.
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedProducer.sln")))
            {
                string candidate = Path.Combine(directory.FullName, "artifacts", "native", ShimFileName);
                return File.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
