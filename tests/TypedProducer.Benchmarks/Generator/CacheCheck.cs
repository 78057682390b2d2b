using System.Collections.Generic;

namespace TypedProducer.Benchmarks.Generator;

/// <summary>What the incremental run after an unrelated edit did, by step output.</summary>
/// <param name="Outputs">Step outputs inspected (tracked steps and source outputs).</param>
/// <param name="ByReason">Outputs per IncrementalStepRunReason.</param>
/// <param name="Rerun">Steps with an output that was not Cached or Unchanged (must be empty).</param>
/// <param name="MissingSteps">Tracking names the generator declares but the run did not report (must be empty).</param>
public sealed record CacheCheck(int Outputs, IReadOnlyDictionary<string, int> ByReason, IReadOnlyList<string> Rerun, IReadOnlyList<string> MissingSteps)
{
    public bool AllCached => Rerun.Count == 0 && MissingSteps.Count == 0 && Outputs > 0;
}
