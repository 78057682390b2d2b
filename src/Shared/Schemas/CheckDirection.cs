// Shared source (analyzers and runtime).
namespace TypedProducer.Schemas;

/// <summary>
/// One direction of a compatibility check: which of the two schemas reads (the other wrote the data), and
/// how messages name the kept version.
/// </summary>
internal sealed class CheckDirection
{
    public CheckDirection(bool readerIsNew, string keptLabel, string newLabel = NewLabel)
    {
        ReaderIsNew = readerIsNew;
        KeptLabel = keptLabel;
        NewSchemaLabel = newLabel;
    }

    /// <summary>How messages name the new schema: <see cref="NewLabel"/> in the analyzers.</summary>
    public string NewSchemaLabel { get; }

    /// <summary>True for the BACKWARD direction (the new schema reads data written with the kept one), false for FORWARD.</summary>
    public bool ReaderIsNew { get; }

    /// <summary>How messages name the kept version, for example <c>'v2.avsc'</c>.</summary>
    public string KeptLabel { get; }

    public string ReaderLabel => ReaderIsNew ? NewSchemaLabel : KeptLabel;

    public string WriterLabel => ReaderIsNew ? KeptLabel : NewSchemaLabel;

    public const string NewLabel = "the generated schema";
}
