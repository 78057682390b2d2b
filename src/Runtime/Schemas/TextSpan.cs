namespace TypedProducer.Schemas;

/// <summary>
/// A range of characters in a schema's text, for the shared schema sources (../Shared/Schemas), which the analyzers
/// compile with Roslyn's <c>TextSpan</c> instead. The runtime uses spans only in messages.
/// </summary>
internal readonly struct TextSpan
{
    public TextSpan(int start, int length)
    {
        Start = start;
        Length = length;
    }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);
}
