using System.Net.Http;
using System.Threading;
using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry;

namespace TypedProducer;

/// <summary>
/// DI registration. Most applications call the generated <c>services.AddTypedProducers(configuration)</c>, which
/// calls <see cref="AddTypedProducerRuntime(IServiceCollection, IConfiguration)"/> and
/// <see cref="AddTypedProducer{TMessage}"/> for every contract of the assembly.
/// </summary>
public static class TypedProducerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shared producer (<see cref="KafkaProducerConnection"/>), its hosted service and the schema registry
    /// client, with options bound from <paramref name="configuration"/> (the <c>"Kafka"</c> section by convention; see
    /// <see cref="TypedProducerOptions"/>). The registry client is <see cref="HttpSchemaRegistryClient"/> when
    /// <c>Kafka:SchemaRegistry:Url</c> is set (over the <see cref="System.Net.Http.IHttpClientFactory"/> client named
    /// <see cref="HttpSchemaRegistryClient.HttpClientName"/>), else <see cref="InMemorySchemaRegistryClient"/>, which the
    /// host accepts only with the embedded cluster or <see cref="SchemaRegistryOptions.UseInMemoryRegistry"/> (its start
    /// fails otherwise, naming <c>Kafka:SchemaRegistry:Url</c>); an
    /// <see cref="ISchemaRegistryClient"/> you register yourself wins over both.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section to bind, for example <c>builder.Configuration.GetSection("Kafka")</c>.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddTypedProducerRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TypedProducerOptions>().Bind(configuration);
        return services.AddTypedProducerRuntime();
    }

    /// <summary>As <see cref="AddTypedProducerRuntime(IServiceCollection, IConfiguration)"/>, with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; null to use only what is configured elsewhere.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddTypedProducerRuntime(this IServiceCollection services, Action<TypedProducerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilderConfigure(services, configure);
        AddSchemaRegistryClient(services);
        services.TryAddSingleton<KafkaProducerConnection>();
        services.TryAddSingleton<TypedProducerHostedService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TypedProducerHostedService>(static sp => sp.GetRequiredService<TypedProducerHostedService>()));
        services.TryAddSingleton<ITypedTransactionalProducer>(static sp =>
        {
            var connection = sp.GetRequiredService<KafkaProducerConnection>();
            string? transactionalId = connection.Options.Transactions.TransactionalId;
            if (string.IsNullOrWhiteSpace(transactionalId))
            {
                throw new InvalidOperationException(
                    $"No transactional id is configured: set Kafka:Transactions:TransactionalId (librdkafka transactional.id) to use {nameof(ITypedTransactionalProducer)}, " +
                    $"or register one with services.{nameof(AddTypedTransactionalProducer)}(\"id\") and resolve it by that key.");
            }

            return new TypedTransactionalProducer(connection, transactionalId, sp.GetService<ILogger<TypedTransactionalProducer>>());
        });
        return services;
    }

    /// <summary>
    /// Registers a transactional producer for <paramref name="transactionalId"/> as a keyed singleton
    /// (<c>[FromKeyedServices("id")] ITypedTransactionalProducer</c>, or <c>GetRequiredKeyedService</c>): one Confluent.Kafka
    /// producer per transactional id, built on the first <see cref="ITypedTransactionalProducer.BeginAsync"/>. Needs
    /// <see cref="AddTypedProducerRuntime(IServiceCollection, IConfiguration)"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="transactionalId">The librdkafka <c>transactional.id</c>, also the service key.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="transactionalId"/> is null, empty or white space.</exception>
    public static IServiceCollection AddTypedTransactionalProducer(this IServiceCollection services, string transactionalId)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionalId);
        services.TryAddKeyedSingleton<ITypedTransactionalProducer>(transactionalId, static (sp, key) =>
            new TypedTransactionalProducer(sp.GetRequiredService<KafkaProducerConnection>(), (string)key!, sp.GetService<ILogger<TypedTransactionalProducer>>()));
        return services;
    }

    /// <summary>
    /// Registers the generated producer of <typeparamref name="TMessage"/> as a singleton under
    /// <see cref="ITypedProducer{TMessage}"/>, the generated interface and the generated class, and its contract
    /// for schema registration at start-up. Needs <see cref="AddTypedProducerRuntime(IServiceCollection, IConfiguration)"/>.
    /// </summary>
    /// <typeparam name="TMessage">A <see cref="KafkaMessageAttribute"/> contract.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddTypedProducer<TMessage>(this IServiceCollection services)
        where TMessage : IKafkaMessage<TMessage>
    {
        ArgumentNullException.ThrowIfNull(services);
        MessageContract<TMessage> contract = TMessage.KafkaContract;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MessageContract>(contract));
        contract.AddProducerServices(services);
        return services;
    }

    // Decided when the client is first resolved, so options set in code (configure) count as much as configuration.
    private static void AddSchemaRegistryClient(IServiceCollection services)
    {
        foreach (ServiceDescriptor descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ISchemaRegistryClient))
            {
                // Yours, or ours from an earlier call (several assemblies' AddTypedProducers each call this).
                return;
            }
        }

        services.AddHttpClient(HttpSchemaRegistryClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static sp => HttpSchemaRegistryClient.CreatePrimaryHandler(sp.GetRequiredService<IOptions<TypedProducerOptions>>().Value.SchemaRegistry))
            // Each attempt has its own timeout (SchemaRegistryOptions.RequestTimeout); HttpClient's 100 s default must not cut it shorter.
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<ISchemaRegistryClient>(static sp =>
        {
            SchemaRegistryOptions options = sp.GetRequiredService<IOptions<TypedProducerOptions>>().Value.SchemaRegistry;
            return string.IsNullOrWhiteSpace(options.Url)
                ? new InMemorySchemaRegistryClient { IsDefaultChoice = true }
                : new HttpSchemaRegistryClient(sp.GetRequiredService<IHttpClientFactory>(), options, sp.GetService<ILogger<HttpSchemaRegistryClient>>());
        });
    }

    private static void OptionsBuilderConfigure(IServiceCollection services, Action<TypedProducerOptions>? configure)
    {
        var builder = services.AddOptions<TypedProducerOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
    }
}
