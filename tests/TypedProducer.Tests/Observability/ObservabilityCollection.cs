namespace TypedProducer.Tests.Observability;

/// <summary>
/// Tests that attach trace and metric listeners to the "TypedProducer" source and meter, or change the process's
/// <see cref="System.Diagnostics.DistributedContextPropagator.Current"/>. Listeners are process-wide, so these run alone:
/// with them attached, other tests' producers would record spans (and the exact allocation counts of
/// <c>ProducerHotPathTests</c>, measured with no listener, would change).
/// </summary>
[CollectionDefinition(nameof(ObservabilityCollection), DisableParallelization = true)]
public sealed class ObservabilityCollection;
