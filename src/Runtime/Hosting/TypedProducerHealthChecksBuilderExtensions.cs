using System;
using System.Collections.Generic;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TypedProducer;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="TypedProducerHealthCheck"/>: <c>services.AddHealthChecks().AddTypedProducers()</c>.</summary>
public static class TypedProducerHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the health check of the shared producer (<see cref="TypedProducerHealthCheck"/>: unhealthy on a fatal error or
    /// when no broker is reachable, degraded when the local queue fills or deliveries fail). Needs the producer runtime
    /// (<c>AddTypedProducers(configuration)</c> or <c>AddTypedProducerRuntime</c>).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. Default <c>"typedproducer"</c>.</param>
    /// <param name="configure">Sets the thresholds; null for the defaults.</param>
    /// <param name="failureStatus">The status reported for the unhealthy cases; null for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (for example "ready" or "live").</param>
    /// <param name="timeout">The check's timeout; null for none (the broker probe is bounded by <see cref="TypedProducerHealthCheckOptions.BrokerProbeTimeout"/>).</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is out of range.</exception>
    public static IHealthChecksBuilder AddTypedProducers(
        this IHealthChecksBuilder builder,
        string name = "typedproducer",
        Action<TypedProducerHealthCheckOptions>? configure = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = new TypedProducerHealthCheckOptions();
        configure?.Invoke(options);
        options.Validate();
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new TypedProducerHealthCheck(sp.GetRequiredService<KafkaProducerConnection>(), options),
            failureStatus,
            tags,
            timeout));
    }
}
