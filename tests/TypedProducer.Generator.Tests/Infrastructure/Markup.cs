using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace TypedProducer.Generator.Tests.Infrastructure;

/// <summary>
/// Test markup as in Microsoft's analyzer-testing packages: <c>[|text|]</c> marks a span where a diagnostic is
/// expected. The markers are removed from the source; spans refer to the cleaned text.
/// </summary>
internal sealed class Markup
{
    private Markup(string source, IReadOnlyList<TextSpan> spans)
    {
        Source = source;
        Spans = spans;
    }

    /// <summary>The source without markers.</summary>
    public string Source { get; }

    /// <summary>The marked spans, in order.</summary>
    public IReadOnlyList<TextSpan> Spans { get; }

    public static Markup Parse(string markup)
    {
        var builder = new StringBuilder(markup.Length);
        var spans = new List<TextSpan>();
        var open = new Stack<int>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '[' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                open.Push(builder.Length);
                i++;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == ']' && open.Count > 0)
            {
                int start = open.Pop();
                spans.Add(TextSpan.FromBounds(start, builder.Length));
                i++;
            }
            else
            {
                builder.Append(markup[i]);
            }
        }

        Assert.True(open.Count == 0, "Unclosed [| in markup.");
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new Markup(builder.ToString(), spans);
    }
}
