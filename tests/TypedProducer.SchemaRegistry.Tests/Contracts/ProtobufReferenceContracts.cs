namespace TypedProducer.SchemaRegistry.Tests.Protos.Payments;

/// <summary>
/// A protoc-generated contract (Protos/payments.proto) whose file imports two user files, one of which imports the other,
/// and google/protobuf/timestamp.proto: the imports its value schema registers as schema references.
/// </summary>
[KafkaMessage("registry.payments.captured", Format = MessageFormat.Protobuf, KeyMember = nameof(PaymentCaptured.PaymentId))]
public sealed partial class PaymentCaptured;
