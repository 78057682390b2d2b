namespace TypedProducer.Analyzers.SchemaEvolution;

/// <summary>
/// One direction of a compatibility check: which of the two schemas reads (the other wrote the data), and
/// how messages name the kept version.
/// </summary>
internal sealed class CheckDirection
{
    public CheckDirection(bool readerIsNew, string keptLabel)
    {
        ReaderIsNew = readerIsNew;
        KeptLabel = keptLabel;
    }

    /// <summary>True for the BACKWARD direction (the new schema reads data written with the kept one), false for FORWARD.</summary>
    public bool ReaderIsNew { get; }

    /// <summary>How messages name the kept version, for example <c>'v2.avsc'</c>.</summary>
    public string KeptLabel { get; }

    public string ReaderLabel => ReaderIsNew ? NewLabel : KeptLabel;

    public string WriterLabel => ReaderIsNew ? KeptLabel : NewLabel;

    public const string NewLabel = "the generated schema";
}
