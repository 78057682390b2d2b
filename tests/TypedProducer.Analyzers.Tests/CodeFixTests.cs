using System.Collections.Generic;
using System.Threading.Tasks;
using TypedProducer.Analyzers.Tests.Infrastructure;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

/// <summary>Each fix is applied through an AdhocWorkspace; the result must compile and no longer trigger the rule.</summary>
public sealed class CodeFixTests
{
    [Fact]
    public async Task AcksLeaderWithIdempotence_FixSetsAcksAll()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { EnableIdempotence = true, Acks = Acks.Leader };
            """), "TPK2001");
        Assert.Contains("Acks = Acks.All", result);
    }

    [Fact]
    public async Task AcksStringWithIdempotence_FixWritesAll()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { EnableIdempotence = true };
            config.Set("acks", "1");
            """), "TPK2001");
        Assert.Contains("config.Set(\"acks\", \"all\");", result);
    }

    [Fact]
    public async Task MaxInFlightAboveFive_FixLowersToFive()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { EnableIdempotence = true, MaxInFlight = 50 };
            """), "TPK2002");
        Assert.Contains("MaxInFlight = 5", result);
    }

    [Fact]
    public async Task RetriesZeroWithIdempotence_FixRemovesSetting()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var settings = new Dictionary<string, string> { ["enable.idempotence"] = "true", ["retries"] = "0" };
            using var producer = new ProducerBuilder<string, string>(settings).Build();
            """), "TPK2003");
        Assert.DoesNotContain("retries", result);
    }

    [Fact]
    public Task BackpressureThreshold_FixRemovesSetting() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true, QueueBufferingBackpressureThreshold = 10 };
        """), "TPK2004");

    [Fact]
    public Task LifoQueuing_FixRemovesStatement() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true };
        config.Set("queuing.strategy", "lifo");
        """), "TPK2005");

    [Fact]
    public async Task TransactionalWithIdempotenceOff_FixEnablesIdempotence()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { TransactionalId = "tx", EnableIdempotence = false };
            """), "TPK2006");
        Assert.Contains("EnableIdempotence = true", result);
    }

    [Fact]
    public async Task TransactionalMessageTimeout_FixLowersToTransactionTimeout()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { TransactionalId = "tx", MessageTimeoutMs = 300000 };
            """), "TPK2008");
        Assert.Contains("MessageTimeoutMs = 60000", result);
    }

    [Fact]
    public async Task MessageTimeoutNotAboveLinger_FixRaisesMessageTimeout()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { LingerMs = 1000, MessageTimeoutMs = 500 };
            """), "TPK2009");
        Assert.Contains("MessageTimeoutMs = 300000", result);
    }

    [Fact]
    public async Task GaplessWithoutIdempotence_FixAddsIdempotenceToInitializer()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { EnableGaplessGuarantee = true };
            """), "TPK2010");
        Assert.Contains("EnableIdempotence = true", result);
    }

    [Fact]
    public async Task GaplessWithIdempotenceOffInSetCall_FixAddsStatement()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig();
            config.Set("enable.gapless.guarantee", "true");
            """), "TPK2010");
        Assert.Contains("config.Set(\"enable.idempotence\", \"true\");", result);
    }

    [Fact]
    public async Task MisspeltKey_FixRenamesKey()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig();
            config.Set("linger.msec", "5");
            """), "TPK2013");
        Assert.Contains("config.Set(\"linger.ms\", \"5\");", result);
    }

    [Fact]
    public Task KeyNewerThanTarget_FixRemovesIt() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig { BootstrapServers = "b:9092", RetryBackoffMaxMs = 1000 };
        """), "TPK2014", new Dictionary<string, string> { ["typedproducer.librdkafka_version"] = "2.2.0" });

    [Fact]
    public Task DeliveryReportOnlyError_FixRemovesIt() => CodeFixHarness.ApplyAsync(InMethod("""
        var settings = new Dictionary<string, string> { { "delivery.report.only.error", "true" } };
        using var producer = new ProducerBuilder<string, string>(settings).Build();
        """), "TPK2015");

    [Fact]
    public Task NullValue_FixRemovesIt() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("client.id", null);
        """), "TPK2016");

    [Fact]
    public async Task AcksLeader_FixSetsAcksAll()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var settings = new[] { new KeyValuePair<string, string>("acks", "1") };
            using var producer = new ProducerBuilder<string, string>(settings).Build();
            """), "TPK2020");
        Assert.Contains("(\"acks\", \"all\")", result);
    }

    [Fact]
    public Task AcksTwo_FixSetsAcksAll() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig { Acks = (Acks)2 };
        """), "TPK2021");

    [Fact]
    public async Task RetriesWithManyInFlight_FixSetsMaxInFlightToOne()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { MaxInFlight = 100 };
            """), "TPK2022");
        Assert.Contains("MaxInFlight = 1", result);
    }

    [Fact]
    public async Task IdempotenceOff_FixEnablesIt()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            services.AddTypedProducerRuntime(o => o.Producer["enable.idempotence"] = "false");
            """), "TPK2023");
        Assert.Contains("o.Producer[\"enable.idempotence\"] = \"true\"", result);
    }

    [Fact]
    public async Task DeliveryTimeoutBelowLingerPlusRequest_FixRaisesIt()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { LingerMs = 100, MessageTimeoutMs = 1000 };
            """), "TPK2024");
        Assert.Contains("MessageTimeoutMs = 30100", result);
    }

    [Fact]
    public async Task ConsistentPartitioner_FixUsesMurmur2Random()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { Partitioner = Partitioner.Consistent };
            using var producer = new ProducerBuilder<string, string>(config).Build();
            """), "TPK2025");
        Assert.Contains("Partitioner = Partitioner.Murmur2Random", result);
    }

    [Fact]
    public async Task LibrdkafkaDefaults_FixAddsIdempotenceAndMurmur2()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { BootstrapServers = "b:9092" };
            using var producer = new ProducerBuilder<string, string>(config).Build();
            """), "TPK2026");
        Assert.True(result.Contains("EnableIdempotence = true"), result);
        Assert.Contains("Partitioner = Partitioner.Murmur2Random", result);
    }

    [Fact]
    public async Task LibrdkafkaDefaultsInDictionary_FixAddsEntries()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            using var producer = new ProducerBuilder<string, string>(new Dictionary<string, string> { { "bootstrap.servers", "b:9092" } }).Build();
            """), "TPK2026");
        Assert.Contains("{ \"enable.idempotence\", \"true\" }", result);
    }

    [Fact]
    public Task ConsumerKey_FixRemovesIt() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("group.id", "g");
        """), "TPK2027");

    [Fact]
    public Task DeprecatedKey_FixRemovesIt() => CodeFixHarness.ApplyAsync(InMethod("""
        var settings = new Dictionary<string, string> { ["produce.offset.report"] = "true", ["enable.idempotence"] = "true" };
        using var producer = new ProducerBuilder<string, string>(settings).Build();
        """), "TPK2028");

    [Fact]
    public Task ConflictingAlias_FixRemovesLaterOne() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig { LingerMs = 5 };
        config.Set("queue.buffering.max.ms", "50");
        """), "TPK2029");

    [Fact]
    public Task TransactionTimeoutAboveBrokerMax_FixUsesDefault() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig { TransactionalId = "tx", MessageTimeoutMs = 60000, TransactionTimeoutMs = 3600000 };
        """), "TPK2030");

    [Fact]
    public Task InfiniteMessageTimeout_FixRemovesIt() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig { MessageTimeoutMs = 0 };
        """), "TPK2031");

    [Fact]
    public Task BatchSizeAboveMessageMaxBytes_FixCapsIt() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig { BatchSize = 2000000 };
        """), "TPK2032");

    [Fact]
    public Task RetriesZero_FixRemovesIt() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = false, MessageSendMaxRetries = 0 };
        """), "TPK2035");

    [Fact]
    public Task EmptyTransactionalId_FixRemovesIt() => CodeFixHarness.ApplyAsync(InMethod("""
        var config = new ProducerConfig { TransactionalId = "" };
        """), "TPK2036");

    [Fact]
    public async Task LiteralPassword_FixReadsFromConfigurationInScope()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            var config = new ProducerConfig { SaslPassword = "hunter2" };
            """), "TPK2040");
        Assert.Contains("SaslPassword = configuration[\"Kafka:Producer:sasl.password\"]", result);
    }

    [Fact]
    public async Task LiteralPasswordWithoutConfiguration_FixReadsEnvironmentVariable()
    {
        string result = await CodeFixHarness.ApplyAsync(Usings + """
            public static class Snippet
            {
                public static ProducerConfig Create()
                {
                    var config = new ProducerConfig();
                    config.Set("ssl.key.password", "changeit");
                    return config;
                }
            }
            """, "TPK2040");
        Assert.Contains("Environment.GetEnvironmentVariable(\"KAFKA_SSL_KEY_PASSWORD\")", result);
    }

    [Fact]
    public async Task CultureSensitiveToString_FixPassesInvariantCulture()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            double linger = 2.5;
            var config = new ProducerConfig();
            config.Set("linger.ms", linger.ToString());
            """), "TPK2041");
        Assert.Contains("linger.ToString(CultureInfo.InvariantCulture)", result);
    }

    [Fact]
    public async Task CultureSensitiveInterpolation_FixUsesFormattableStringInvariant()
    {
        string result = await CodeFixHarness.ApplyAsync(InMethod("""
            double linger = 2.5;
            var config = new ProducerConfig();
            config.Set("linger.ms", $"{linger}");
            """), "TPK2041");
        Assert.Contains("FormattableString.Invariant($\"{linger}\")", result);
    }

    [Fact]
    public Task FractionalLingerMsProperty_OffersNoFix() => CodeFixHarness.AssertNoFixAsync(InMethod("""
        var config = new ProducerConfig { LingerMs = 0.5 };
        """), "TPK2041");
}
