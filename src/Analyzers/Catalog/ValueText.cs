using System;
using System.Globalization;

namespace TypedProducer.Analyzers.Catalog;

/// <summary>
/// Parses configuration text the way librdkafka does (rdk-2.0.2 <c>src/rdkafka_conf.c</c>
/// <c>rd_kafka_anyconf_set_prop</c>): integers with <c>strtol(value, &amp;end, 0)</c>, floats with
/// <c>strtod</c> in the C locale, booleans from <c>true,t,1,false,f,0</c>.
/// </summary>
internal static class ValueText
{
    /// <summary>Invariant text of a number, without exponent for integral values.</summary>
    public static string Format(double value)
    {
        if (Math.Abs(value) < 1e15 && Math.Floor(value) == value)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <c>strtol</c> with base 0: optional whitespace and sign, <c>0x</c> hexadecimal, leading-<c>0</c> octal,
    /// trailing text ignored. False when no digit is consumed (librdkafka: "Invalid value for configuration property").
    /// </summary>
    public static bool TryParseStrtol(string text, out long value)
    {
        value = 0;
        int i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        bool negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        int radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X') && i + 2 < text.Length && IsDigit(text[i + 2], 16))
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0')
        {
            radix = 8;
        }

        int start = i;
        long result = 0;
        while (i < text.Length && IsDigit(text[i], radix))
        {
            int digit = DigitValue(text[i]);
            if (result < (long.MaxValue - digit) / radix)
            {
                result = result * radix + digit;
            }
            else
            {
                result = long.MaxValue;
            }

            i++;
        }

        if (i == start)
        {
            return false;
        }

        value = negative ? -result : result;
        return true;
    }

    /// <summary>
    /// <c>strtod</c> in the C locale: the longest prefix that is a number; <c>"0,5"</c> reads as 0.
    /// False when no digit is consumed.
    /// </summary>
    public static bool TryParseStrtod(string text, out double value, out bool stoppedAtComma)
    {
        value = 0;
        stoppedAtComma = false;
        int i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        int start = i;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            i++;
        }

        int digits = 0;
        while (i < text.Length && char.IsDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int save = i;
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (i < text.Length && char.IsDigit(text[i]))
            {
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i = save;
            }
        }

        stoppedAtComma = i < text.Length && text[i] == ',';
        return double.TryParse(text.Substring(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>librdkafka's boolean words, case-insensitive.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true":
            case "t":
            case "1":
                value = true;
                return true;
            case "false":
            case "f":
            case "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static bool IsDigit(char c, int radix)
    {
        int d = DigitValue(c);
        return d >= 0 && d < radix;
    }

    private static int DigitValue(char c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }

        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }

        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }

        return -1;
    }
}
