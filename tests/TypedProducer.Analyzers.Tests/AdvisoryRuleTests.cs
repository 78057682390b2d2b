using System.Threading.Tasks;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

public sealed class AdvisoryRuleTests
{
    [Fact]
    public Task AcksZero_ReportsTPK2020() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2020:Acks = Acks.None|} };
        """));

    [Fact]
    public Task AcksTwo_ReportsTPK2021() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("acks", {|TPK2021:"2"|});
        """));

    [Fact]
    public Task ConsistentRandomPartitionerReachingProducer_ReportsHiddenTPK2025() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2025:Partitioner = Partitioner.ConsistentRandom|} };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        """));

    [Fact]
    public Task Murmur2RandomPartitioner_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { Partitioner = Partitioner.Murmur2Random };
        """), "TPK2025");

    [Fact]
    public Task ConfigLeavingLibrdkafkaDefaults_ReportsHiddenTPK2026OnCreation() => VerifyAsync(InMethod("""
        var config = {|TPK2026:new ProducerConfig|} { BootstrapServers = "broker:9092" };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        """));

    [Fact]
    public Task DictionaryLeavingLibrdkafkaDefaults_ReportsTPK2026OnCreation() => VerifyAsync(InMethod("""
        using var producer = new ProducerBuilder<string, string>({|TPK2026:new Dictionary<string, string>|} { ["bootstrap.servers"] = "b:9092" }).Build();
        """));

    [Fact]
    public Task DictionaryNotUsedByAProducer_ReportsNothing() => VerifyAsync(InMethod("""
        var settings = new Dictionary<string, string> { ["acks"] = "1", ["not.a.kafka.key"] = "x" };
        """), "TPK2026", "TPK2020", "TPK2013");

    [Fact]
    public Task BatchSizeAboveMessageMaxBytes_ReportsTPK2032() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { MessageMaxBytes = 500000, {|TPK2032:BatchSize = 800000|} };
        """));

    [Fact]
    public Task MessageMaxBytesAboveBrokerDefault_ReportsTPK2033() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2033:MessageMaxBytes = 5000000|} };
        """), "TPK2032");

    [Fact]
    public Task SaslMechanismWithPlaintextProtocol_ReportsTPK2034() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2034:SaslMechanism = SaslMechanism.Plain|}, SaslUsername = "svc" };
        """));

    [Fact]
    public Task SaslMechanismWithSaslSsl_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.ScramSha512 };
        """), "TPK2034");

    [Fact]
    public Task EmptyTransactionalId_ReportsTPK2036() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2036:TransactionalId = ""|} };
        """));
}
