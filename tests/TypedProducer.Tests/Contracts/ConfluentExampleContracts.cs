namespace TypedProducer.Tests.Interop.ConfluentExample;

/// <summary>
/// The first top-level message of Interop/Protos/confluent_example.proto as a protoc-generated contract: its
/// message-index array is [0], which the Confluent wire format writes as the single byte 0.
/// </summary>
[KafkaMessage("confluent.example.a", Format = MessageFormat.Protobuf, KeyMember = nameof(MessageA.A))]
public sealed partial class MessageA;
