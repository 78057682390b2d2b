namespace TypedProducer.Tests.Contracts;

public enum AuditChannel
{
    Web,
    Store,
    Phone = 7,
}

/// <summary>A header member of every supported type (issue 13): the value holds only RideId and Distance.</summary>
[KafkaMessage("rides.audited", Namespace = "audit")]
public sealed partial record RideAudited(
    [property: MessageKey] string RideId,
    double Distance,
    [property: MessageHeader("source")] string Source,
    [property: MessageHeader("attempt")] int Attempt,
    [property: MessageHeader("sequence")] long Sequence,
    [property: MessageHeader("shard")] short Shard,
    [property: MessageHeader("replay")] bool Replay,
    [property: MessageHeader("correlation-id")] Guid CorrelationId,
    [property: MessageHeader("channel")] AuditChannel Channel,
    [property: MessageHeader("observed-at")] DateTimeOffset ObservedAt,
    [property: MessageHeader("signature")] byte[] Signature,
    [property: MessageHeader("tenant")] string? Tenant,
    [property: MessageHeader("retry-of")] long? RetryOf);

/// <summary>A class contract with settable header members (set by assignment when read back).</summary>
[KafkaMessage("parcels.scanned")]
public sealed partial class ParcelScanned
{
    [MessageKey]
    public string ParcelId { get; set; } = "";

    public int WeightGrams { get; set; }

    [MessageHeader("scanner")]
    public string? Scanner { get; set; }

    [MessageHeader("priority")]
    public AuditChannel? Channel { get; set; }
}
