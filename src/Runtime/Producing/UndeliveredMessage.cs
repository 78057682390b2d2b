using Confluent.Kafka;

namespace TypedProducer;

/// <summary>A message that was not delivered.</summary>
/// <param name="MessageType">The contract type's name.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition, or -1 when none was chosen yet.</param>
/// <param name="Key">The message key as text, or null.</param>
/// <param name="Error">Why it was not delivered (for example Local_TimedOut when the shutdown flush timed out).</param>
/// <param name="Status">
/// Whether it may still have been written (<see cref="PersistenceStatus.PossiblyPersisted"/>: re-sending may duplicate it)
/// or certainly was not (<see cref="PersistenceStatus.NotPersisted"/>).
/// </param>
public sealed record UndeliveredMessage(string MessageType, string Topic, int Partition, string? Key, Error Error, PersistenceStatus Status);
