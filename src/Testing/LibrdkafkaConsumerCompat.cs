using TypedProducer.Compat;

namespace TypedProducer.Testing;

/// <summary>
/// Makes Confluent.Kafka 2.15's consumer, which <see cref="TypedKafkaReader"/> uses, work on an operating-system
/// librdkafka older than 2.1.0 (for example Debian 12's librdkafka1 2.0.2, used when the librdkafka.redist package
/// brings no native binaries). That consumer calls <c>rd_kafka_message_leader_epoch</c> for every message and two
/// more leader-epoch functions (KIP-320, librdkafka 2.1.0); without them the first consume throws
/// <see cref="System.EntryPointNotFoundException"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Install"/> registers a <see cref="System.Runtime.InteropServices.NativeLibrary"/> import resolver for
/// Confluent.Kafka's assembly. It changes nothing when the librdkafka that loads already has the leader-epoch API
/// (the real librdkafka.redist package, or any librdkafka 2.1.0 or newer): then no shim is needed or used. Only when
/// the library lacks it and a shim file is given (argument, or the <c>TYPEDPRODUCER_RDKAFKA_COMPAT</c> environment
/// variable) does <c>"librdkafka"</c> resolve to the shim, a three-function library that links to the same
/// librdkafka. It also maps <c>"libdl"</c> to <c>libdl.so.2</c> (Debian has no <c>libdl.so</c> without libc6-dev).
/// Linux only; elsewhere it does nothing.
/// </para>
/// <para>
/// The shim's C source ships in this package under <c>native-src/librdkafka-compat.c</c>; build it with
/// <c>gcc -O2 -shared -fPIC -o libtypedproducer-rdkafka-compat.so librdkafka-compat.c -Wl,--no-as-needed -l:librdkafka.so.1</c>
/// (needs librdkafka-dev's headers). <see cref="KafkaTestCluster"/> calls <see cref="Install"/> with no path, so
/// setting the environment variable is enough; call it yourself, with the path, before the first Kafka client is
/// created, to pass the path in code.
/// </para>
/// </remarks>
public static class LibrdkafkaConsumerCompat
{
    /// <summary>The environment variable naming the shim file: <c>TYPEDPRODUCER_RDKAFKA_COMPAT</c>.</summary>
    public const string ShimPathVariable = LibrdkafkaCompat.ShimPathVariable;

    /// <summary>The shim file in use, or null when librdkafka was loaded without it (not needed, or not given).</summary>
    public static string? ActiveShimPath => LibrdkafkaCompat.ActiveShimPath;

    /// <summary>
    /// Registers the resolver, once per process. Later calls, and calls after the application registered its own
    /// resolver for Confluent.Kafka, do nothing.
    /// </summary>
    /// <param name="shimPath">The shim file; null to use <see cref="ShimPathVariable"/> only.</param>
    /// <returns>True when this call registered the resolver.</returns>
    public static bool Install(string? shimPath = null) => LibrdkafkaCompat.Install(shimPath, searchRepository: false);
}
