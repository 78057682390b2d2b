using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace TypedProducer.Testing.Tests.Infrastructure;

internal static class ModuleInit
{
    // The readers consume with Confluent.Kafka, which needs the compat shim on librdkafka 2.0.2; in this repository it
    // is found under artifacts/native (DEVELOPERS.md, "Consumer compat shim"). Users of the package set
    // TYPEDPRODUCER_RDKAFKA_COMPAT or call LibrdkafkaConsumerCompat.Install(path) instead.
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Test assembly: the resolver must be installed before any test touches librdkafka.")]
    internal static void Initialize() => TypedProducer.Compat.LibrdkafkaCompat.Install();
}
