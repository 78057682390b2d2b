namespace TypedProducer.Native;

/// <summary>
/// Receives the delivery reports of <see cref="NativeKafkaProducer"/>. One instance serves any number of messages: the
/// producer keeps the instance and the caller's <c>state</c> in a slot of its table for each message, so producing with a
/// handler allocates nothing per message.
/// </summary>
/// <remarks>
/// Called on the thread that serves librdkafka's callbacks (the producer's poll thread, or a thread in
/// <see cref="NativeKafkaProducer.Flush"/> or <see cref="NativeKafkaProducer.Dispose()"/>), possibly on two of them at
/// once: keep it short and thread-safe, and never block on the producer. An exception it throws does not reach
/// librdkafka (it cannot cross the native frame); it goes to <see cref="NativeProducerCallbacks.OnHandlerException"/>.
/// </remarks>
internal interface INativeDeliveryHandler
{
    /// <summary>The one outcome of a message.</summary>
    /// <param name="state">The value given to <see cref="NativeKafkaProducer.Produce"/> with the message.</param>
    /// <param name="report">The outcome.</param>
    void OnDelivery(long state, in NativeDeliveryReport report);
}
