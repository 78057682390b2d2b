using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace TypedProducer.SchemaRegistry.Tests.Infrastructure;

internal static class ModuleInit
{
    // The end-to-end tests read records back with Confluent.Kafka's consumer, which needs the compat shim on
    // librdkafka 2.0.2 (DEVELOPERS.md, "Consumer compat shim").
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Test assembly: the resolver must be installed before any test touches librdkafka.")]
    internal static void Initialize() => TypedProducer.Compat.LibrdkafkaCompat.Install();
}
