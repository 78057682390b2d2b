using Microsoft.Extensions.DependencyInjection;

namespace TypedProducer.Tests.Contracts;

/// <summary>
/// A hand-written contract with any topic, to reach the runtime's topic check: a generated contract with an illegal
/// topic does not compile (TPK1001), and suppressing that error would put the illegal contract into this assembly's
/// AddTypedProducers, which every host test uses. Serializes like <see cref="Heartbeat"/>.
/// </summary>
internal sealed class RawTopicContract(string topic) : MessageContract<Heartbeat>
{
    public override string Topic => topic;

    public override MessageFormat Format => MessageFormat.Avro;

    public override MessageSchema ValueSchema => HeartbeatKafkaContract.Instance.ValueSchema;

    public override bool WriteKey(Heartbeat message, System.Buffers.IBufferWriter<byte> destination) => HeartbeatKafkaContract.Instance.WriteKey(message, destination);

    public override void WriteValue(Heartbeat message, int schemaId, System.Buffers.IBufferWriter<byte> destination) => HeartbeatKafkaContract.Instance.WriteValue(message, schemaId, destination);

    public override void AddProducerServices(IServiceCollection services)
    {
    }
}
