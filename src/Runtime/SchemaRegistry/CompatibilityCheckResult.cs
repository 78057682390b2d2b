using System;
using System.Collections.Generic;

namespace TypedProducer.SchemaRegistry;

/// <summary>
/// The answer of <c>POST /compatibility/subjects/{subject}/versions/{version}</c> (Confluent Schema Registry REST
/// API, "Compatibility"): <c>is_compatible</c>, and with <c>?verbose=true</c> the registry's reasons in <c>messages</c>.
/// </summary>
/// <param name="IsCompatible">True when the schema is compatible under the subject's compatibility level.</param>
/// <param name="Messages">Why not, when verbose output was requested; otherwise empty.</param>
public sealed record CompatibilityCheckResult(bool IsCompatible, IReadOnlyList<string> Messages)
{
    /// <summary>A compatible answer without messages.</summary>
    public static CompatibilityCheckResult Compatible { get; } = new(true, Array.Empty<string>());
}
