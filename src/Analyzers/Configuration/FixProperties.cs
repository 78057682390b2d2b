namespace TypedProducer.Analyzers.Configuration;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that tell the code fixes what to do.</summary>
internal static class FixProperties
{
    /// <summary>The fix kind: one of the <c>Kind*</c> constants.</summary>
    public const string Kind = "TPK.Fix";

    /// <summary>The librdkafka key the fix writes.</summary>
    public const string Key = "TPK.Key";

    /// <summary>The librdkafka value text the fix writes.</summary>
    public const string Value = "TPK.Value";

    /// <summary>For <see cref="KindAddEntries"/>: <c>key=value</c> pairs separated by <c>;</c>.</summary>
    public const string Entries = "TPK.Entries";

    /// <summary>Replace the value of the entry at the diagnostic (or add/replace the entry for <see cref="Key"/> next to it).</summary>
    public const string KindSetValue = "SetValue";

    /// <summary>Remove the entry at the diagnostic.</summary>
    public const string KindRemove = "Remove";

    /// <summary>Replace the key string at the diagnostic with <see cref="Key"/>.</summary>
    public const string KindRenameKey = "RenameKey";

    /// <summary>Add the <see cref="Entries"/> to the configuration created at the diagnostic.</summary>
    public const string KindAddEntries = "AddEntries";

    /// <summary>Replace a literal secret with a read from configuration.</summary>
    public const string KindReadSecret = "ReadSecret";

    /// <summary>Format the value with CultureInfo.InvariantCulture.</summary>
    public const string KindInvariantCulture = "InvariantCulture";
}
