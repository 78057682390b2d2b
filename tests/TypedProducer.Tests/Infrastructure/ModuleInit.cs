using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace TypedProducer.Tests.Infrastructure;

internal static class ModuleInit
{
    // Confluent.Kafka's consumer needs three functions librdkafka 2.0.2 lacks; the compat shim provides them.
    // It must be routed in before anything loads librdkafka (DEVELOPERS.md, "Consumer compat shim").
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Test assembly: the resolver must be installed before any test touches librdkafka.")]
    internal static void Initialize() => TypedProducer.Compat.LibrdkafkaCompat.Install();
}
