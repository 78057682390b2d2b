using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace TypedProducer.Trimming;

/// <summary>
/// Keeps what Confluent.Kafka 2.15.1 finds by reflection, so that a trimmed (<c>PublishTrimmed</c>) or
/// Native AOT application that uses TypedProducer works without its own trimmer configuration.
/// </summary>
/// <remarks>
/// Confluent.Kafka binds librdkafka at first use (<c>Confluent.Kafka.Impl.Librdkafka.Initialize</c>): it lists
/// the methods of a <c>Confluent.Kafka.Impl.NativeMethods.*</c> class with <c>GetRuntimeMethods()</c> and turns
/// each <c>rd_kafka_*</c> P/Invoke into a delegate by name (<c>SetDelegates</c>). The trimmer cannot see those
/// uses (ILLink warns IL2067 inside Confluent.Kafka) and removes the P/Invokes, so the first producer fails
/// with "Sequence contains no matching element". Which class is used depends on the platform (NativeMethods;
/// NativeMethods_Centos8 and NativeMethods_Alpine on Linux variants), so all three are kept.
/// Every place where TypedProducer creates a librdkafka client (the shared producer, transactional producers, the
/// embedded cluster) calls <see cref="Root"/>, which makes the trimmer
/// keep these members whenever TypedProducer is used.
/// </remarks>
internal static class ConfluentKafkaTrimRoots
{
    private const string Assembly = "Confluent.Kafka";
    private const DynamicallyAccessedMemberTypes Methods = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;

    /// <summary>Does nothing at run time; its attributes are what the trimmer reads.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [DynamicDependency(Methods, "Confluent.Kafka.Impl.NativeMethods.NativeMethods", Assembly)]
    [DynamicDependency(Methods, "Confluent.Kafka.Impl.NativeMethods.NativeMethods_Centos8", Assembly)]
    [DynamicDependency(Methods, "Confluent.Kafka.Impl.NativeMethods.NativeMethods_Alpine", Assembly)]
    public static void Root()
    {
    }
}
