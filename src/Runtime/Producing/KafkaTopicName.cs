using System;
using System.Globalization;

namespace TypedProducer;

/// <summary>
/// Kafka's topic name rules (Apache Kafka <c>org.apache.kafka.common.internals.Topic.validate</c>): 1 to 249
/// characters from <c>[a-zA-Z0-9._-]</c>, and neither <c>"."</c> nor <c>".."</c>. A broker refuses other names
/// (INVALID_TOPIC_EXCEPTION); the analyzer rule TPK1001 reports them at compile time, this check at start-up.
/// </summary>
public static class KafkaTopicName
{
    /// <summary>The longest legal topic name, in characters.</summary>
    public const int MaxLength = 249;

    /// <summary>Why <paramref name="topic"/> is not a legal topic name, or null when it is.</summary>
    /// <param name="topic">The topic name.</param>
    /// <returns>The problem, for example <c>"' ' at index 3 is not allowed (only [a-zA-Z0-9._-])"</c>, or null.</returns>
    public static string? GetProblem(string? topic)
    {
        if (string.IsNullOrEmpty(topic))
        {
            return "it is empty";
        }

        if (topic is "." or "..")
        {
            return "'.' and '..' are reserved";
        }

        if (topic.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it is {topic.Length} characters long, the maximum is {MaxLength}");
        }

        for (int i = 0; i < topic.Length; i++)
        {
            char c = topic[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                string shown = char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";
                return string.Create(CultureInfo.InvariantCulture, $"{shown} at index {i} is not allowed (only [a-zA-Z0-9._-])");
            }
        }

        return null;
    }

    /// <summary>Throws when <paramref name="topic"/> is not a legal topic name.</summary>
    /// <param name="topic">The topic name.</param>
    /// <param name="owner">What uses the topic, for the message (for example the contract type's name); null for none.</param>
    /// <exception cref="ArgumentException">The name is illegal; the message quotes it and says why.</exception>
    public static void Validate(string? topic, string? owner = null)
    {
        if (GetProblem(topic) is { } problem)
        {
            string user = owner is null ? string.Empty : $" of {owner}";
            throw new ArgumentException($"The topic '{topic}'{user} is not a legal Kafka topic name: {problem}.", nameof(topic));
        }
    }
}
