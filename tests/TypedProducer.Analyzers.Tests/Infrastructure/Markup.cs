using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace TypedProducer.Analyzers.Tests.Infrastructure;

/// <summary>An expected diagnostic span: <c>[|text|]</c> (any checked ID) or <c>{|TPK2001:text|}</c>.</summary>
internal sealed record ExpectedSpan(string? Id, TextSpan Span);

/// <summary>Strips span markup from test sources.</summary>
internal static class Markup
{
    public static (string Text, List<ExpectedSpan> Spans) Parse(string markup)
    {
        var builder = new StringBuilder(markup.Length);
        var spans = new List<ExpectedSpan>();
        var open = new Stack<(string? Id, int Start, char Kind)>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (i + 1 < markup.Length && markup[i] == '[' && markup[i + 1] == '|')
            {
                open.Push((null, builder.Length, '['));
                i++;
            }
            else if (i + 1 < markup.Length && markup[i] == '{' && markup[i + 1] == '|')
            {
                int colon = markup.IndexOf(':', i + 2);
                open.Push((markup.Substring(i + 2, colon - i - 2), builder.Length, '{'));
                i = colon;
            }
            else if (i + 1 < markup.Length && markup[i] == '|' && (markup[i + 1] == ']' || markup[i + 1] == '}') && open.Count > 0 && open.Peek().Kind == (markup[i + 1] == ']' ? '[' : '{'))
            {
                var (id, start, _) = open.Pop();
                spans.Add(new ExpectedSpan(id, TextSpan.FromBounds(start, builder.Length)));
                i++;
            }
            else
            {
                builder.Append(markup[i]);
            }
        }

        if (open.Count > 0)
        {
            throw new InvalidOperationException("Unclosed span markup.");
        }

        return (builder.ToString(), spans);
    }
}
