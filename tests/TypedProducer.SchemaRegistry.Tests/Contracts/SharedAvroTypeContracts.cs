namespace TypedProducer.SchemaRegistry.Tests.Contracts.SharedTypes;

/// <summary>An ISO 3166 country: an enum defined inside <see cref="PostalAddress"/>, and used on its own by <see cref="OrderShipped"/>.</summary>
public enum Country
{
    NL,
    DE,
    FR,
}

/// <summary>A record two contracts share.</summary>
public sealed record PostalAddress(string Street, string City, Country Country, string? PostalCode);

/// <summary>A contract using the shared record twice (the second use by name).</summary>
[KafkaMessage("registry.customers.moved", Namespace = "registry.shared")]
public sealed partial record CustomerMoved(
    [property: MessageKey] string CustomerId,
    PostalAddress From,
    PostalAddress To);

/// <summary>A second contract with the same record, and its enum on its own.</summary>
[KafkaMessage("registry.orders.shipped", Namespace = "registry.shared")]
public sealed partial record OrderShipped(
    [property: MessageKey] string OrderId,
    PostalAddress Destination,
    Country Origin,
    long WeightGrams);

/// <summary>A record with the shared record's Avro full name and other fields.</summary>
[AvroRecord(Name = "PostalAddress", Namespace = "TypedProducer.SchemaRegistry.Tests.Contracts.SharedTypes")]
public sealed record PickupPoint(string Locker, Country Country);

/// <summary>
/// A third contract: the enum again, and a record of the shared record's name defined differently, which keeps
/// the record from being shared when the three are registered together.
/// </summary>
[KafkaMessage("registry.returns.logged", Namespace = "registry.other")]
public sealed partial record ReturnLogged([property: MessageKey] string ReturnId, Country Country, PickupPoint Pickup);
