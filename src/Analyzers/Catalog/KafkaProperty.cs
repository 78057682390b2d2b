namespace TypedProducer.Analyzers.Catalog;

/// <summary>Which client kinds a librdkafka property applies to (CONFIGURATION.md "C/P" column).</summary>
internal enum PropertyScope
{
    /// <summary><c>*</c>: producer and consumer.</summary>
    Both,

    /// <summary><c>P</c>: producer only.</summary>
    Producer,

    /// <summary><c>C</c>: consumer only; a producer logs a CONFWARN and ignores it.</summary>
    Consumer,
}

/// <summary>The value type of a librdkafka property (CONFIGURATION.md "Type").</summary>
internal enum PropertyType
{
    /// <summary>Free text.</summary>
    String,

    /// <summary><c>strtol</c>-parsed integer with a range.</summary>
    Integer,

    /// <summary><c>strtod</c>-parsed float with a range (only <c>linger.ms</c>/<c>queue.buffering.max.ms</c>).</summary>
    Float,

    /// <summary><c>true,t,1,false,f,0</c>, case-insensitive.</summary>
    Boolean,

    /// <summary>One of a fixed set of names, case-insensitive.</summary>
    Enum,

    /// <summary>Comma-separated subset of a fixed set of names.</summary>
    CsvFlags,

    /// <summary>Comma-separated regular expressions.</summary>
    PatternList,

    /// <summary>"see dedicated API": a callback or pointer; text is refused ("must be set through dedicated .._set_..() function").</summary>
    Pointer,

    /// <summary>A Confluent.Kafka key read with <c>bool.Parse</c> (<c>true</c>/<c>false</c>, case-insensitive, surrounding white space allowed).</summary>
    DotnetBoolean,

    /// <summary>A Confluent.Kafka key read with <c>int.TryParse</c> under the current culture, with a range.</summary>
    DotnetInteger,
}

/// <summary>Flags of a librdkafka property.</summary>
[System.Flags]
internal enum PropertyFlags
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Marked <c>**DEPRECATED**</c>: CONFWARN at start-up.</summary>
    Deprecated = 1,

    /// <summary>Marked <c>**EXPERIMENTAL**</c>: CONFWARN at start-up.</summary>
    Experimental = 2,

    /// <summary>Accepted by <c>rd_kafka_conf_set</c> but left out of CONFIGURATION.md (<c>_RK_HIDDEN</c>).</summary>
    Hidden = 4,
}

/// <summary>One row of the librdkafka property table (see <c>eng/property-catalog/generate.py</c>).</summary>
internal sealed class KafkaProperty
{
    public KafkaProperty(
        string name,
        string? aliasOf,
        PropertyScope scope,
        bool topicLevel,
        PropertyType type,
        double? min,
        double? max,
        string[] allowedValues,
        string? defaultValue,
        PropertyFlags flags,
        string addedIn,
        string? csharpProperty,
        string? deprecatedIn = null,
        string[]? valueAddedIn = null)
    {
        Name = name;
        AliasOf = aliasOf;
        Scope = scope;
        TopicLevel = topicLevel;
        Type = type;
        Min = min;
        Max = max;
        AllowedValues = allowedValues;
        DefaultValue = defaultValue;
        Flags = flags;
        AddedIn = LibrdkafkaVersion.Parse(addedIn);
        CSharpProperty = csharpProperty;
        DeprecatedIn = deprecatedIn is null ? null : LibrdkafkaVersion.Parse(deprecatedIn);
        _valueAddedIn = valueAddedIn;
    }

    private readonly string[]? _valueAddedIn;

    /// <summary>The property name as librdkafka spells it.</summary>
    public string Name { get; }

    /// <summary>The canonical property this name is an alias of, or null.</summary>
    public string? AliasOf { get; }

    /// <summary>The canonical name: <see cref="AliasOf"/> or <see cref="Name"/>.</summary>
    public string Canonical => AliasOf ?? Name;

    public PropertyScope Scope { get; }

    /// <summary>True for topic-level properties (they create a default topic conf).</summary>
    public bool TopicLevel { get; }

    public PropertyType Type { get; }

    public double? Min { get; }

    public double? Max { get; }

    public string[] AllowedValues { get; }

    public string? DefaultValue { get; }

    public PropertyFlags Flags { get; }

    /// <summary>The first librdkafka version that knows the property.</summary>
    public LibrdkafkaVersion AddedIn { get; }

    /// <summary>The Confluent.Kafka typed property that writes this key, or null.</summary>
    public string? CSharpProperty { get; }

    /// <summary>The first version that marks the property deprecated, when later than <see cref="AddedIn"/>.</summary>
    public LibrdkafkaVersion? DeprecatedIn { get; }

    /// <summary>The flags that apply to <paramref name="target"/> (deprecation counts from <see cref="DeprecatedIn"/> on).</summary>
    public PropertyFlags FlagsAt(LibrdkafkaVersion target)
    {
        var flags = Flags & ~PropertyFlags.Hidden;
        if (DeprecatedIn is { } since && target.CompareTo(since) < 0)
        {
            flags &= ~PropertyFlags.Deprecated;
        }

        return flags;
    }

    /// <summary>True when the allowed value at <paramref name="index"/> exists in <paramref name="target"/>.</summary>
    public bool HasValueAt(int index, LibrdkafkaVersion target) =>
        _valueAddedIn is null || LibrdkafkaVersion.Parse(_valueAddedIn[index]).CompareTo(target) <= 0;

    /// <summary>The first version that knows the allowed value at <paramref name="index"/>.</summary>
    public LibrdkafkaVersion ValueAddedIn(int index) => _valueAddedIn is null ? AddedIn : LibrdkafkaVersion.Parse(_valueAddedIn[index]);

    /// <summary>Describes the allowed values for messages ("1 .. 1000000", "fifo, lifo").</summary>
    public string DescribeAllowed()
    {
        if (Min.HasValue && Max.HasValue)
        {
            return ValueText.Format(Min.Value) + ".." + ValueText.Format(Max.Value);
        }

        if (AllowedValues.Length > 0)
        {
            return string.Join(", ", AllowedValues);
        }

        return Type is PropertyType.Boolean or PropertyType.DotnetBoolean ? "true, false" : "any text";
    }
}
