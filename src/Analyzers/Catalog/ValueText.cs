using System;
using System.Globalization;

namespace TypedProducer.Analyzers.Catalog;

/// <summary>
/// Parses configuration text the way librdkafka does (<c>src/rdkafka_conf.c</c> <c>rd_kafka_anyconf_set_prop</c>, the
/// same from 2.0.2 to 2.16.0): integers with <c>(int)strtol(value, &amp;end, 0)</c>, floats with <c>strtod</c> in the
/// C locale, booleans from <c>true,t,1,false,f,0</c>, names with a left trim only.
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
        while (i < text.Length && IsCSpace(text[i]))
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
        bool overflow = false;
        while (i < text.Length && IsDigit(text[i], radix))
        {
            int digit = DigitValue(text[i]);
            if (!overflow && result <= (long.MaxValue - digit) / radix)
            {
                result = result * radix + digit;
            }
            else
            {
                overflow = true;
            }

            i++;
        }

        if (i == start)
        {
            return false;
        }

        // strtol saturates at LONG_MAX / LONG_MIN on overflow.
        value = overflow ? (negative ? long.MinValue : long.MaxValue) : (negative ? -result : result);
        return true;
    }

    /// <summary>
    /// librdkafka's integer: <c>strtol</c> as above, then the C cast to <c>int</c>. On LP64 platforms (Linux, macOS:
    /// <c>long</c> is 64 bits) the cast keeps the low 32 bits, so 4294967297 reads as 1; on Windows <c>strtol</c>
    /// saturates at 2147483647 first. The analyzers follow LP64, the platform of the bundled Linux library.
    /// </summary>
    public static bool TryParseInt(string text, out long value)
    {
        if (!TryParseStrtol(text, out long wide))
        {
            value = 0;
            return false;
        }

        value = unchecked((int)wide);
        return true;
    }

    /// <summary>
    /// <c>strtod</c> in the C locale: the longest prefix that is a number (decimal with exponent, hexadecimal
    /// <c>0x1p3</c>, <c>inf</c>, <c>infinity</c>, <c>nan</c>); <c>"0,5"</c> reads as 0. False when no number is consumed.
    /// </summary>
    public static bool TryParseStrtod(string text, out double value, out bool stoppedAtComma)
    {
        value = 0;
        stoppedAtComma = false;
        int i = 0;
        while (i < text.Length && IsCSpace(text[i]))
        {
            i++;
        }

        int start = i;
        bool negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        if (StartsWithIgnoreCase(text, i, "inf"))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (StartsWithIgnoreCase(text, i, "nan"))
        {
            value = double.NaN;
            return true;
        }

        if (i + 1 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X')
            && TryParseHexFloat(text, i + 2, out double hex))
        {
            value = negative ? -hex : hex;
            return true;
        }

        int digits = 0;
        while (i < text.Length && IsDecimal(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDecimal(text[i]))
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

            if (i < text.Length && IsDecimal(text[i]))
            {
                while (i < text.Length && IsDecimal(text[i]))
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

    /// <summary>librdkafka's boolean words: <c>true</c>, <c>t</c>, <c>false</c>, <c>f</c> in any case, <c>1</c>, <c>0</c>; nothing trimmed.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        value = false;
        if (text == "1" || string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "t", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        return text == "0" || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "f", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>C <c>isspace</c> in the C locale: space, \t, \n, \v, \f, \r.</summary>
    public static bool IsCSpace(char c) => c == ' ' || (c >= '\t' && c <= '\r');

    /// <summary>The text with leading C white space removed (librdkafka's left trim of names and strings).</summary>
    public static string TrimCStart(string text)
    {
        int i = 0;
        while (i < text.Length && IsCSpace(text[i]))
        {
            i++;
        }

        return i == 0 ? text : text.Substring(i);
    }

    private static bool StartsWithIgnoreCase(string text, int index, string prefix) =>
        index + prefix.Length <= text.Length && string.Compare(text, index, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static bool TryParseHexFloat(string text, int i, out double value)
    {
        value = 0;
        int digits = 0;
        double mantissa = 0;
        int exponent = 0;
        while (i < text.Length && IsDigit(text[i], 16))
        {
            mantissa = (mantissa * 16) + DigitValue(text[i]);
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i], 16))
            {
                mantissa = (mantissa * 16) + DigitValue(text[i]);
                exponent -= 4;
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i + 1 < text.Length && (text[i] == 'p' || text[i] == 'P'))
        {
            int j = i + 1;
            bool negative = false;
            if (text[j] == '+' || text[j] == '-')
            {
                negative = text[j] == '-';
                j++;
            }

            int power = 0;
            int start = j;
            while (j < text.Length && text[j] >= '0' && text[j] <= '9' && power < 100000)
            {
                power = (power * 10) + (text[j] - '0');
                j++;
            }

            if (j > start)
            {
                exponent += negative ? -power : power;
            }
        }

        value = mantissa * Math.Pow(2, exponent);
        return true;
    }

    private static bool IsDecimal(char c) => c >= '0' && c <= '9';

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
