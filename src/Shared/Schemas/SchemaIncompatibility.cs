using System.Collections.Generic;

// Shared source (analyzers and runtime).
namespace TypedProducer.Schemas;

/// <summary>One way in which a new schema and a kept version are incompatible.</summary>
internal sealed class SchemaIncompatibility
{
    public SchemaIncompatibility(bool breaksResolution, string description, IReadOnlyList<string>? newPath, TextSpan? keptSpan, string key)
    {
        BreaksResolution = breaksResolution;
        Description = description;
        NewPath = newPath;
        KeptSpan = keptSpan;
        Key = key;
    }

    /// <summary>
    /// True when the specification's resolution rules fail (TPK3001, the registry refuses the schema); false
    /// when resolution succeeds but values change meaning (TPK3005, for example a logical type change).
    /// </summary>
    public bool BreaksResolution { get; }

    /// <summary>The field, what changed and the rule it breaks, for the diagnostic message.</summary>
    public string Description { get; }

    /// <summary>
    /// Field names from the root record of the new schema down to the field concerned (empty for the root
    /// itself), used to place the diagnostic on the contract member; null when the field exists only in the
    /// kept version.
    /// </summary>
    public IReadOnlyList<string>? NewPath { get; }

    /// <summary>Where the concerned field lies in the kept file, used when it has no member in the contract.</summary>
    public TextSpan? KeptSpan { get; }

    /// <summary>Identifies the problem independently of the direction that found it (FULL checks both; each problem is reported once).</summary>
    public string Key { get; }
}
