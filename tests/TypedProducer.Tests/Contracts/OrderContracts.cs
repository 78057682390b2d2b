namespace TypedProducer.Tests.Contracts.Orders;

/// <summary>
/// A protoc-generated Google.Protobuf message (Interop/Protos/orders.proto) as a contract: protoc declares
/// <c>partial class OrderPlaced : IMessage&lt;OrderPlaced&gt;</c>; this partial declaration adds the attribute.
/// </summary>
[KafkaMessage("shop.orders", Format = MessageFormat.Protobuf, KeyMember = nameof(OrderPlaced.OrderId))]
public sealed partial class OrderPlaced;
