// Shared source (analyzers and runtime).
namespace TypedProducer.Schemas;

/// <summary>Why a kept schema file could not be read, and where in the file.</summary>
internal sealed class SchemaProblem
{
    public SchemaProblem(string message, TextSpan span)
    {
        Message = message;
        Span = span;
    }

    public string Message { get; }

    public TextSpan Span { get; }
}
