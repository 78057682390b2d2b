namespace TypedProducer.SchemaRegistry;

/// <summary>
/// How the schema registry subject of a value schema is named (Confluent Schema Registry documentation,
/// "Subject name strategy").
/// </summary>
public enum SubjectNameStrategy
{
    /// <summary><c>{topic}-value</c>: one schema (and its evolutions) per topic.</summary>
    TopicName = 0,

    /// <summary><c>{record full name}</c>: one subject per record type, whatever the topic.</summary>
    RecordName = 1,

    /// <summary><c>{topic}-{record full name}</c>: several record types per topic, each with its own subject.</summary>
    TopicRecordName = 2,
}

/// <summary>Computes subject names.</summary>
public static class SubjectNames
{
    /// <summary>The value subject for a contract under <paramref name="strategy"/>.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="recordFullName">The schema's full name.</param>
    /// <returns>The subject.</returns>
    public static string ForValue(SubjectNameStrategy strategy, string topic, string recordFullName) => strategy switch
    {
        SubjectNameStrategy.TopicName => topic + "-value",
        SubjectNameStrategy.RecordName => recordFullName,
        SubjectNameStrategy.TopicRecordName => topic + "-" + recordFullName,
        _ => throw new System.ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown subject name strategy."),
    };
}
