namespace TypedProducer.SchemaRegistry.Tests.Contracts;

/// <summary>A contract produced end to end through the HTTP registry client.</summary>
[KafkaMessage("registry.payments", Namespace = "registry.tests")]
public sealed partial record PaymentReceived(
    [property: MessageKey] string PaymentId,
    long AmountCents,
    string Currency,
    DateTimeOffset ReceivedAt,
    string? Note);

/// <summary>A second contract on its own topic.</summary>
[KafkaMessage("registry.refunds", Namespace = "registry.tests")]
public sealed partial record RefundIssued(
    [property: MessageKey] string PaymentId,
    long AmountCents);
