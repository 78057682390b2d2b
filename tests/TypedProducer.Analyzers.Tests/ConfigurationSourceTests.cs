using System.Threading.Tasks;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

/// <summary>Every place configuration is read from (issue 3, Deliver 2).</summary>
public sealed class ConfigurationSourceTests
{
    [Fact]
    public Task LaterAssignmentToLocal_IsMergedWithInitializer() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true };
        config.LingerMs = 10;
        {|TPK2001:config.Acks = Acks.Leader|};
        """));

    [Fact]
    public Task AssignmentsToField_InSameMethod_AreMerged() => VerifyAsync(AnalyzerHarnessSources.Class("""
        private ProducerConfig _config = new();

        public void Configure()
        {
            _config = new ProducerConfig { EnableIdempotence = true };
            _config.Set("max.in.flight", {|TPK2002:"20"|});
        }
        """), "TPK2002");

    [Fact]
    public Task ConfigParameter_ReportsOnlySingleEntryRules() => VerifyAsync(AnalyzerHarnessSources.Class("""
        public static void Tune(ProducerConfig config)
        {
            config.Set({|TPK2013:"linger.msec"|}, "5");
            config.MaxInFlight = 50;
        }
        """), "TPK2013", "TPK2022", "TPK2026");

    [Fact]
    public Task RecreatedConfig_ForgetsEarlierEntries() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { Acks = Acks.Leader };
        config = new ProducerConfig { EnableIdempotence = true, Partitioner = Partitioner.Murmur2Random };
        """), "TPK2001");

    [Fact]
    public Task KeyValuePairArray_PassedToProducerBuilder_IsAnalyzed() => VerifyAsync(InMethod("""
        var settings = new[]
        {
            new KeyValuePair<string, string>("enable.idempotence", "true"),
            new KeyValuePair<string, string>("acks", {|TPK2001:"0"|}),
        };
        using var producer = new ProducerBuilder<Null, string>(settings).Build();
        """));

    [Fact]
    public Task KeyValuePairList_WithCreate_IsAnalyzed() => VerifyAsync(InMethod("""
        var settings = new List<KeyValuePair<string, string>> { KeyValuePair.Create({|TPK2027:"group.id"|}, "g") };
        settings.Add(new KeyValuePair<string, string>({|TPK2013:"lingerms"|}, "5"));
        using var producer = new ProducerBuilder<Null, string>(settings).Build();
        """), "TPK2027", "TPK2013");

    [Fact]
    public Task DictionaryWrappedByProducerConfig_IsAnalyzed() => VerifyAsync(InMethod("""
        var settings = new Dictionary<string, string> { { "enable.idempotence", "true" } };
        settings["retries"] = {|TPK2003:"0"|};
        var config = new ProducerConfig(settings);
        """));

    [Fact]
    public Task ClientConfigPassedToProducerConfig_IsAnalyzed() => VerifyAsync(InMethod("""
        var client = new ClientConfig { {|TPK2020:Acks = Acks.Leader|} };
        var config = new ProducerConfig(client) { Partitioner = Partitioner.Murmur2Random };
        """), "TPK2020");

    [Fact]
    public Task ConfigCreatedInline_InProducerBuilder_IsAnalyzed() => VerifyAsync(InMethod("""
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { EnableIdempotence = true, {|TPK2002:MaxInFlight = 100|} }).Build();
        """), "TPK2002");

    [Fact]
    public Task OptionsLocal_IsAnalyzedWithRuntimeDefaults() => VerifyAsync(InMethod("""
        var options = new TypedProducerOptions();
        options.Producer["queuing.strategy"] = {|TPK2005:"lifo"|};
        """), "TPK2005");

    [Fact]
    public Task ConstantKeysAndValues_AreResolved() => VerifyAsync(AnalyzerHarnessSources.Class("""
        private const string AcksKey = "acks";
        private const string Leader = "1";

        public static void Build()
        {
            var config = new ProducerConfig { EnableIdempotence = true };
            config.Set(AcksKey, {|TPK2001:Leader|});
        }
        """), "TPK2001");

    [Fact]
    public Task AppSettingsProducerSection_IsAnalyzedWithRuntimeDefaults() => VerifyAsync(
        InMethod(string.Empty),
        new[]
        {
            ("/app/appsettings.json", """
            {
              // comments are allowed, as in Microsoft.Extensions.Configuration.Json
              "Kafka": {
                "BootstrapServers": "broker:9092",
                "Producer": {
                  "linger.ms": "10",
                  "acks": {|TPK2001:"1"|},
                  {|TPK2013:"lingr.ms"|}: "5",
                  "sasl.password": {|TPK2040:"hunter2"|},
                },
              },
            }
            """),
        },
        null,
        "TPK2001", "TPK2013", "TPK2040");

    [Fact]
    public Task EnvironmentAppSettings_IsMergedOverBaseFile() => VerifyAsync(
        InMethod(string.Empty),
        new[]
        {
            ("/app/appsettings.json", """{ "Kafka": { "Producer": { "enable.idempotence": {|TPK2023:"false"|} } } }"""),
            ("/app/appsettings.Production.json", """{ "Kafka": { "Producer": { "enable.idempotence": "true", "max.in.flight": {|TPK2002:"10"|} } } }"""),
        },
        null,
        "TPK2002", "TPK2023");

    [Fact]
    public Task OtherJsonFilesAndSections_AreIgnored() => VerifyAsync(
        InMethod(string.Empty),
        new[]
        {
            ("/app/settings.json", """{ "Kafka": { "Producer": { "acks": "nope" } } }"""),
            ("/app/appsettings.json", """{ "Logging": { "Producer": { "acks": "nope" } } }"""),
            ("/app/appsettings.Development.json", """{ "Kafka": { "Producer": { "acks": """),
        },
        null,
        "TPK2012", "TPK2001");
}

internal static class AnalyzerHarnessSources
{
    public static string Class(string members) => Infrastructure.AnalyzerHarness.Usings + "public sealed class Snippet\n{\n" + members + "\n}\n";
}
