using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

public sealed class PropertyRuleTests
{
    [Fact]
    public Task BatchSizeZero_ReportsTPK2012() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2012:BatchSize = 0|} };
        """));

    [Fact]
    public Task AcksNotANumber_ReportsTPK2012() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("acks", {|TPK2012:"two"|});
        """));

    [Fact]
    public Task UnknownPartitioner_ReportsTPK2012() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("partitioner", {|TPK2012:"murmur3"|});
        """));

    [Fact]
    public Task BooleanNotABoolean_ReportsTPK2012() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("enable.idempotence", {|TPK2012:"yes"|});
        """));

    [Fact]
    public Task CompressionTypeUnknown_ReportsTPK2012() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("compression.type", {|TPK2012:"brotli"|});
        """));

    [Fact]
    public Task DeliveryReportFieldsUnknown_ReportsTPK2012() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2012:DeliveryReportFields = "key,offset"|} };
        """));

    [Fact]
    public Task ValuesInRange_ReportNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { BatchSize = 500000, CompressionType = CompressionType.Zstd, CompressionLevel = 3, DeliveryReportFields = "key,value,status" };
        config.Set("acks", "all");
        config.Set("debug", "broker,topic,msg");
        config.Set("message.max.bytes", "0x100000");
        """), "TPK2012");

    [Fact]
    public Task MisspeltKey_ReportsTPK2013WithSuggestion() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set({|TPK2013:"linger.msec"|}, "5");
        """));

    [Fact]
    public async Task MisspeltKey_MessageSuggestsClosestKey()
    {
        var diagnostics = await TpkDiagnosticsAsync(InMethod("""
            var config = new ProducerConfig();
            config.Set("lingr.ms", "5");
            config.Set("Enable.Idempotence", "true");
            """));
        Assert.Contains(diagnostics, d => d.Id == "TPK2013" && d.GetMessage().Contains("did you mean 'linger.ms'?"));
        Assert.Contains(diagnostics, d => d.Id == "TPK2013" && d.GetMessage().Contains("did you mean 'enable.idempotence'?"));
    }

    [Fact]
    public async Task JavaOnlyKey_ReportsTPK2013WithLibrdkafkaEquivalent()
    {
        var diagnostics = await TpkDiagnosticsAsync(InMethod("""
            var settings = new Dictionary<string, string> { { "bootstrap.servers", "b:9092" }, { "max.request.size", "2000000" } };
            using var producer = new ProducerBuilder<string, string>(settings).Build();
            """));
        Assert.Contains(diagnostics, d => d.Id == "TPK2013" && d.GetMessage().Contains("use 'message.max.bytes'"));
    }

    [Fact]
    public Task KeyAddedAfterDeclaredOlderVersion_ReportsTPK2014() => VerifyAsync(
        InMethod("""
            var config = new ProducerConfig { {|TPK2014:RetryBackoffMaxMs = 1000|} };
            config.Set({|TPK2014:"client.dns.lookup"|}, "use_all_dns_ips");
            """),
        null,
        new Dictionary<string, string> { ["typedproducer.librdkafka_version"] = "2.1.1" },
        "TPK2014");

    [Fact]
    public Task KeyAddedAfter202WithNewerTargetConfigured_ReportsNothing() => VerifyAsync(
        InMethod("""
            var config = new ProducerConfig { RetryBackoffMaxMs = 1000 };
            """),
        null,
        new Dictionary<string, string> { ["typedproducer.librdkafka_version"] = "2.6.0" },
        "TPK2014");

    [Fact]
    public Task DeliveryReportOnlyError_ReportsTPK2015() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set({|TPK2015:"delivery.report.only.error"|}, "true");
        """));

    [Fact]
    public Task NullValueThroughSet_ReportsTPK2016() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("client.id", {|TPK2016:null|});
        """));

    [Fact]
    public Task NullTypedValue_RemovesKeyAndReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true, Acks = Acks.Leader };
        config.Acks = null;
        """), "TPK2016", "TPK2001");

    [Fact]
    public Task ConsumerKeyOnProducer_ReportsTPK2027() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set({|TPK2027:"group.id"|}, "orders");
        config.Set({|TPK2027:"auto.offset.reset"|}, "earliest");
        """));

    [Fact]
    public Task DeprecatedKey_ReportsTPK2028() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set({|TPK2028:"produce.offset.report"|}, "true");
        """));

    [Fact]
    public Task AliasesWithDifferentValues_ReportsTPK2029() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { LingerMs = 5 };
        config.Set({|TPK2029:"queue.buffering.max.ms"|}, "50");
        """));

    [Fact]
    public Task AliasesWithSameValue_ReportNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { LingerMs = 5 };
        config.Set("queue.buffering.max.ms", "5");
        """), "TPK2029");

    [Fact]
    public Task TopicPrefixedTopicProperty_IsKnown() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("topic.acks", "all");
        """), "TPK2013");
}
