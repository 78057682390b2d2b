namespace TypedProducer;

/// <summary>A librdkafka instance whose statistics the observable instruments report.</summary>
internal interface IStatisticsSource
{
    /// <summary>The last statistics event, or null before the first (or when <c>statistics.interval.ms</c> is not set).</summary>
    LibrdkafkaStatistics? LatestStatistics { get; }
}
