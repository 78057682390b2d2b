using Confluent.Kafka;

namespace TypedProducer;

/// <summary>
/// A message was not delivered. <see cref="DeliveryReport"/> holds the message, topic, key and error; the
/// exception message names all of them, for example
/// <c>Delivery of RideStarted to topic 'rides' (key 'r-17') failed: Local: Message timed out</c>.
/// </summary>
/// <typeparam name="TMessage">The contract type.</typeparam>
public sealed class TypedProduceException<TMessage> : KafkaException
{
    /// <summary>Creates the exception from a failed delivery report.</summary>
    /// <param name="deliveryReport">The failed report.</param>
    public TypedProduceException(TypedDeliveryReport<TMessage> deliveryReport)
        : base(new Error(deliveryReport.Error.Code, Describe(deliveryReport), deliveryReport.Error.IsFatal))
    {
        DeliveryReport = deliveryReport;
    }

    /// <summary>The failed delivery report.</summary>
    public TypedDeliveryReport<TMessage> DeliveryReport { get; }

    internal static string Describe(TypedDeliveryReport<TMessage> report)
    {
        string key = report.Key is null ? "no key" : $"key '{report.Key}'";
        return $"Delivery of {typeof(TMessage).Name} to topic '{report.Topic}' ({key}) failed: {report.Error.Reason} [{report.Error.Code}, {report.Status}]";
    }
}
