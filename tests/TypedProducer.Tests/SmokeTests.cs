using TypedProducer.Tests.Contracts;

namespace TypedProducer.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void GeneratedContract_HasSchema()
    {
        Assert.Contains("\"every.type\"", "\"" + EveryTypeKafkaContract.TopicName + "\"");
        Assert.StartsWith("{\"name\":\"TypedProducer.Tests.Contracts.EveryType\"", EveryTypeKafkaContract.AvroCanonicalForm);
    }
}
