using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace TypedProducer.SchemaRegistry.Tests.Infrastructure;

internal static class ModuleInit
{
    // Tests build Confluent.Kafka consumers before touching any TypedProducer type: choose the bundled librdkafka
    // (librdkafka.redist) first, as an application that uses Confluent.Kafka directly should (LibrdkafkaLibrary).
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Test assembly: librdkafka must be chosen before any test touches it.")]
    internal static void Initialize() => TypedProducer.LibrdkafkaLibrary.Load();
}
