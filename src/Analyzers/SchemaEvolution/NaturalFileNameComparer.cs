using System;
using System.Collections.Generic;

namespace TypedProducer.Analyzers.SchemaEvolution;

/// <summary>Orders version files as people number them: <c>v2.avsc</c> before <c>v10.avsc</c> (digit runs compare as numbers).</summary>
internal sealed class NaturalFileNameComparer : IComparer<string>
{
    public static readonly NaturalFileNameComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int i = 0;
        int j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsDigit(x[i]) && char.IsDigit(y[j]))
            {
                int startX = i;
                int startY = j;
                while (i < x.Length && char.IsDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsDigit(y[j]))
                {
                    j++;
                }

                string digitsX = x.Substring(startX, i - startX).TrimStart('0');
                string digitsY = y.Substring(startY, j - startY).TrimStart('0');
                int byNumber = digitsX.Length != digitsY.Length ? digitsX.Length.CompareTo(digitsY.Length) : string.CompareOrdinal(digitsX, digitsY);
                if (byNumber != 0)
                {
                    return byNumber;
                }
            }
            else
            {
                int byChar = char.ToUpperInvariant(x[i]).CompareTo(char.ToUpperInvariant(y[j]));
                if (byChar != 0)
                {
                    return byChar;
                }

                i++;
                j++;
            }
        }

        int byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }
}
