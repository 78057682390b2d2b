using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using TypedProducer.SchemaRegistry;

namespace TypedProducer.Testing;

/// <summary>Points an application's typed producers at a <see cref="KafkaTestCluster"/>.</summary>
public static class KafkaTestClusterServiceCollectionExtensions
{
    /// <summary>
    /// Makes the typed producers of <paramref name="services"/> use <paramref name="cluster"/>: its brokers (after any
    /// other configuration of <see cref="TypedProducerOptions"/>, with the embedded cluster turned off) and its
    /// schema registry (<see cref="KafkaTestCluster.SchemaRegistry"/>, replacing any registered
    /// <see cref="ISchemaRegistryClient"/>), so <see cref="KafkaTestCluster.CreateReader"/> decodes what they write.
    /// Call it before or after <c>AddTypedProducers</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="cluster">The cluster.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection UseKafkaTestCluster(this IServiceCollection services, KafkaTestCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(cluster);
        services.Replace(ServiceDescriptor.Singleton<ISchemaRegistryClient>(cluster.SchemaRegistry));
        services.PostConfigure<TypedProducerOptions>(cluster.Configure);
        return services;
    }
}
