namespace TypedProducer;

/// <summary>
/// Implemented by the generator on every <see cref="KafkaMessageAttribute"/> contract (which is why
/// contracts are <c>partial</c>). It gives generic code, such as
/// <c>services.AddTypedProducer&lt;TMessage&gt;()</c>, the contract's metadata without reflection.
/// </summary>
/// <typeparam name="TSelf">The contract type itself.</typeparam>
public interface IKafkaMessage<TSelf>
    where TSelf : IKafkaMessage<TSelf>
{
    /// <summary>The generated contract: topic, schema, key and value serializers.</summary>
    static abstract MessageContract<TSelf> KafkaContract { get; }
}
