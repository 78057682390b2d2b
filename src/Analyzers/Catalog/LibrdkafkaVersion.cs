using System;
using System.Globalization;

namespace TypedProducer.Analyzers.Catalog;

/// <summary>A librdkafka version (major.minor.patch), compared numerically.</summary>
internal readonly struct LibrdkafkaVersion : IComparable<LibrdkafkaVersion>, IEquatable<LibrdkafkaVersion>
{
    public LibrdkafkaVersion(int major, int minor, int patch)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
    }

    public int Major { get; }

    public int Minor { get; }

    public int Patch { get; }

    /// <summary>Parses "2.16.0" (missing parts are 0); catalogue text only, so malformed text is a bug.</summary>
    public static LibrdkafkaVersion Parse(string text)
    {
        return TryParse(text, out var version) ? version : throw new FormatException("Not a librdkafka version: " + text);
    }

    public static bool TryParse(string? text, out LibrdkafkaVersion version)
    {
        version = default;
        if (text is null)
        {
            return false;
        }

        string[] parts = text.Trim().Split('.');
        if (parts.Length == 0 || parts.Length > 4)
        {
            return false;
        }

        int[] numbers = new int[3];
        for (int i = 0; i < parts.Length && i < 3; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new LibrdkafkaVersion(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public int CompareTo(LibrdkafkaVersion other)
    {
        int c = Major.CompareTo(other.Major);
        if (c != 0)
        {
            return c;
        }

        c = Minor.CompareTo(other.Minor);
        return c != 0 ? c : Patch.CompareTo(other.Patch);
    }

    public bool Equals(LibrdkafkaVersion other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is LibrdkafkaVersion v && Equals(v);

    public override int GetHashCode() => (Major * 1000 + Minor) * 1000 + Patch;

    public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture) + "." + Patch.ToString(CultureInfo.InvariantCulture);
}
