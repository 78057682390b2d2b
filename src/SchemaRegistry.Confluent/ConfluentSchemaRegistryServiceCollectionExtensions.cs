using System;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry;
using ConfluentRegistry = global::Confluent.SchemaRegistry;

namespace TypedProducer;

/// <summary>
/// DI registration of <see cref="ConfluentSchemaRegistryClient"/>: TypedProducer's producers and readers then use the
/// application's Confluent.SchemaRegistry client. Call it before or after <c>AddTypedProducers</c>; it replaces the
/// built-in registry clients (<see cref="HttpSchemaRegistryClient"/>, <see cref="InMemorySchemaRegistryClient"/>).
/// </summary>
public static class ConfluentSchemaRegistryServiceCollectionExtensions
{
    /// <summary>
    /// Makes TypedProducer use the <see cref="ConfluentRegistry.ISchemaRegistryClient"/> registered in
    /// <paramref name="services"/>; when none is registered, a <see cref="ConfluentRegistry.CachedSchemaRegistryClient"/>
    /// built from TypedProducer's own registry settings (<c>Kafka:SchemaRegistry</c>, see
    /// <see cref="ToConfluentConfig"/>) is registered as that client, so Confluent's serdes can resolve it too.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <remarks>
    /// Resolving the client throws <see cref="InvalidOperationException"/> when no Confluent client is registered and
    /// <c>Kafka:SchemaRegistry:Url</c> is not set, and <see cref="NotSupportedException"/> for a setting the Confluent
    /// client has no equivalent of.
    /// </remarks>
    public static IServiceCollection AddTypedProducerConfluentSchemaRegistry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TypedProducerOptions>();
        services.TryAddSingleton<ConfluentRegistry.ISchemaRegistryClient>(static sp =>
            new ConfluentRegistry.CachedSchemaRegistryClient(ToConfluentConfig(sp.GetRequiredService<IOptions<TypedProducerOptions>>().Value.SchemaRegistry)));
        return AddAdapter(services);
    }

    /// <summary>
    /// Registers a <see cref="ConfluentRegistry.CachedSchemaRegistryClient"/> with <paramref name="config"/> (unless a
    /// Confluent client is registered already) and makes TypedProducer use it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="config">Confluent's registry configuration (<c>schema.registry.url</c>, credentials, TLS, caching).</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="config"/> is null.</exception>
    public static IServiceCollection AddTypedProducerConfluentSchemaRegistry(this IServiceCollection services, ConfluentRegistry.SchemaRegistryConfig config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton<ConfluentRegistry.ISchemaRegistryClient>(_ => new ConfluentRegistry.CachedSchemaRegistryClient(config));
        return AddAdapter(services);
    }

    /// <summary>
    /// Confluent's configuration for TypedProducer's registry settings: <c>Url</c> → <c>schema.registry.url</c>;
    /// <c>BasicAuthUserInfo</c> (or <c>Username</c>:<c>Password</c>) → <c>basic.auth.user.info</c> with credentials
    /// source USER_INFO; <c>SslCaLocation</c>, <c>SslKeystoreLocation</c>, <c>SslKeystorePassword</c>,
    /// <c>EnableSslCertificateVerification</c> → the <c>schema.registry.ssl.*</c> keys; <c>RequestTimeout</c> →
    /// <c>request.timeout.ms</c>; <c>MaxRetries</c> + 1 (Confluent counts attempts), <c>RetryBackoff</c>, <c>MaxRetryBackoff</c> → <c>max.retries</c>,
    /// <c>retries.wait.ms</c>, <c>retries.max.wait.ms</c>; <c>MaxCachedSchemas</c> → <c>max.cached.schemas</c>.
    /// </summary>
    /// <param name="options">TypedProducer's registry settings.</param>
    /// <returns>The Confluent configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><c>Url</c> is not set.</exception>
    /// <exception cref="NotSupportedException"><c>SslCertificateLocation</c> or <c>SslKeyLocation</c> (PEM client certificate) is set: the Confluent client takes a PKCS#12 keystore only.</exception>
    public static ConfluentRegistry.SchemaRegistryConfig ToConfluentConfig(SchemaRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            throw new InvalidOperationException("Kafka:SchemaRegistry:Url is not set: AddTypedProducerConfluentSchemaRegistry() builds a CachedSchemaRegistryClient from it when no Confluent ISchemaRegistryClient is registered.");
        }

        if (!string.IsNullOrEmpty(options.SslCertificateLocation) || !string.IsNullOrEmpty(options.SslKeyLocation))
        {
            throw new NotSupportedException("Kafka:SchemaRegistry:SslCertificateLocation/SslKeyLocation (a PEM client certificate) have no equivalent in Confluent.SchemaRegistry's client: use SslKeystoreLocation (PKCS#12), or register your own Confluent ISchemaRegistryClient.");
        }

        var config = new ConfluentRegistry.SchemaRegistryConfig
        {
            Url = options.Url,
            RequestTimeoutMs = checked((int)options.RequestTimeout.TotalMilliseconds),
            // Confluent.SchemaRegistry 2.16's RestService.SendRequest makes max.retries attempts in all (with 0 it makes none
            // and fails with a NullReferenceException); ours counts the retries after the first attempt.
            MaxRetries = options.MaxRetries + 1,
            RetriesWaitMs = checked((int)options.RetryBackoff.TotalMilliseconds),
            RetriesMaxWaitMs = checked((int)options.MaxRetryBackoff.TotalMilliseconds),
            MaxCachedSchemas = options.MaxCachedSchemas,
            EnableSslCertificateVerification = options.EnableSslCertificateVerification,
        };
        string? userInfo = !string.IsNullOrEmpty(options.BasicAuthUserInfo)
            ? options.BasicAuthUserInfo
            : !string.IsNullOrEmpty(options.Username) ? string.Create(CultureInfo.InvariantCulture, $"{options.Username}:{options.Password}") : null;
        if (userInfo is not null)
        {
            config.BasicAuthCredentialsSource = ConfluentRegistry.AuthCredentialsSource.UserInfo;
            config.BasicAuthUserInfo = userInfo;
        }

        if (!string.IsNullOrEmpty(options.SslCaLocation))
        {
            config.SslCaLocation = options.SslCaLocation;
        }

        if (!string.IsNullOrEmpty(options.SslKeystoreLocation))
        {
            config.SslKeystoreLocation = options.SslKeystoreLocation;
            config.SslKeystorePassword = options.SslKeystorePassword;
        }

        return config;
    }

    // Ours replaces whichever ISchemaRegistryClient is there (the built-in default of an earlier AddTypedProducers, or none yet:
    // AddTypedProducerRuntime keeps a registered one).
    private static IServiceCollection AddAdapter(IServiceCollection services)
    {
        services.RemoveAll<ISchemaRegistryClient>();
        services.AddSingleton<ISchemaRegistryClient>(static sp => new ConfluentSchemaRegistryClient(sp.GetRequiredService<ConfluentRegistry.ISchemaRegistryClient>()));
        return services;
    }
}
