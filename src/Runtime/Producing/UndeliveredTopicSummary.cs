using System.Collections.Generic;

namespace TypedProducer;

/// <summary>The undelivered messages of one topic in a <see cref="ProducerShutdownReport"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="PossiblyPersisted">Messages that may be in the log although no acknowledgement arrived (re-sending may duplicate them).</param>
/// <param name="NotPersisted">Messages certainly not in the log.</param>
/// <param name="SampleKeys">Up to <see cref="ProducerShutdownReport.SampleKeyCount"/> of their keys, as text (<c>(no key)</c> for none).</param>
public sealed record UndeliveredTopicSummary(string Topic, int PossiblyPersisted, int NotPersisted, IReadOnlyList<string> SampleKeys);
