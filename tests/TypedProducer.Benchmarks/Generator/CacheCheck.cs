using System.Collections.Generic;

namespace TypedProducer.Benchmarks.Generator;

/// <summary>What the incremental run after an unrelated edit did.</summary>
/// <param name="StepOutputs">Outputs of the generator's named steps that were inspected.</param>
/// <param name="StepOutputsByReason">Those outputs per IncrementalStepRunReason.</param>
/// <param name="SourceOutputsByReason">Source-output steps per reason (contract sources, registration, diagnostics reporter).</param>
/// <param name="Rerun">Named steps with an output that was neither Cached nor Unchanged (must be empty).</param>
/// <param name="MissingSteps">Tracking names the generator declares but the run did not report (must be empty).</param>
public sealed record CacheCheck(
    int StepOutputs,
    IReadOnlyDictionary<string, int> StepOutputsByReason,
    IReadOnlyDictionary<string, int> SourceOutputsByReason,
    IReadOnlyList<string> Rerun,
    IReadOnlyList<string> MissingSteps)
{
    public bool AllCached => Rerun.Count == 0 && MissingSteps.Count == 0 && StepOutputs > 0;
}
