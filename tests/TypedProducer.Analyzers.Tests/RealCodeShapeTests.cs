using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using TypedProducer.Analyzers.Tests.Infrastructure;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

/// <summary>
/// Issue 10: the defect classes found on real code, one minimal shape each: silent where librdkafka accepts, a
/// diagnostic where it refuses (the verdicts were checked with the bundled librdkafka 2.16.0; see DifferentialTests).
/// </summary>
public sealed class RealCodeShapeTests
{
    // --- TPK2041 on whole numbers ---

    [Fact]
    public Task IntLocalAssignedToLingerMs_ReportsNothing() => VerifyAsync(InMethod("""
        int linger = 20;
        var config = new ProducerConfig { LingerMs = linger };
        """), "TPK2041");

    [Fact]
    public Task IntCastOfTimeSpanToLingerMs_ReportsNothing() => VerifyAsync(InMethod("""
        var span = TimeSpan.FromMilliseconds(20);
        var config = new ProducerConfig { LingerMs = (int?)span.TotalMilliseconds };
        """), "TPK2041");

    [Fact]
    public Task DoubleTimeSpanMillisecondsToLingerMs_ReportsTPK2041() => VerifyAsync(InMethod("""
        var span = TimeSpan.FromMilliseconds(0.5);
        var config = new ProducerConfig { {|TPK2041:LingerMs = span.TotalMilliseconds|} };
        """));

    // --- properties librdkafka accepts though CONFIGURATION.md hides them ---

    [Fact]
    public Task HiddenPropertiesAcceptedByRdKafkaConf_ReportNoError() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("client.software.name", "orders-service");
        config.Set("client.software.version", "1.4.2");
        config.Set("test.mock.num.brokers", "0");
        config.Set("enable.sparse.connections", "false");
        config.Set({|TPK2028:"metadata.request.timeout.ms"|}, "60000");
        using var producer = new ProducerBuilder<string, string>(config).Build();
        """), "TPK2013", "TPK2012", "TPK2028");

    [Fact]
    public Task HiddenPropertyOutOfRange_ReportsTPK2012() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", {|TPK2012:"10001"|});
        """), "TPK2012");

    // --- the shipped librdkafka is the default target ---

    [Fact]
    public Task PropertiesOfTheShippedLibrdkafka_ReportNothingByDefault() => VerifyAsync(InMethod("""
        var config = new ProducerConfig
        {
            ClientDnsLookup = ClientDnsLookup.UseAllDnsIps,
            EnableMetricsPush = false,
            SaslOauthbearerMetadataAuthenticationType = SaslOauthbearerMetadataAuthenticationType.AzureIMDS,
            Debug = "broker,telemetry",
        };
        """), "TPK2012", "TPK2013", "TPK2014");

    [Fact]
    public Task PropertiesNewerThanADeclaredOlderVersion_ReportTPK2014AndTPK2012() => VerifyAsync(
        InMethod("""
            var config = new ProducerConfig { {|TPK2014:ClientDnsLookup = ClientDnsLookup.UseAllDnsIps|} };
            config.Set("debug", {|TPK2012:"broker,telemetry"|});
            """),
        null,
        new Dictionary<string, string> { ["typedproducer.librdkafka_version"] = "2.1.0" },
        "TPK2014", "TPK2012");

    [Fact]
    public Task AwsIamWithoutOidcMethod_ReportsTPK2018() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2018:SaslOauthbearerMetadataAuthenticationType = SaslOauthbearerMetadataAuthenticationType.AwsIam|} };
        """), "TPK2018", "TPK2012");

    [Fact]
    public Task AwsIamWithoutItsPackage_ReportsTPK2018() => VerifyAsync(InMethod("""
        var config = new ProducerConfig
        {
            SaslOauthbearerMethod = SaslOauthbearerMethod.Oidc,
            SaslOauthbearerConfig = "region=eu-west-1",
            {|TPK2018:SaslOauthbearerMetadataAuthenticationType = SaslOauthbearerMetadataAuthenticationType.AwsIam|},
        };
        """), "TPK2018");

    [Fact]
    public async Task AwsIamWithItsPackage_ReportsNothing()
    {
        var diagnostics = await AnalyzeAsync(Compile(InMethod("""
            var config = new ProducerConfig
            {
                SaslOauthbearerMethod = SaslOauthbearerMethod.Oidc,
                SaslOauthbearerConfig = "region=eu-west-1",
                SaslOauthbearerMetadataAuthenticationType = SaslOauthbearerMetadataAuthenticationType.AwsIam,
            };
            """)).AddReferences(AnalyzerHarness.EmptyAssembly("Confluent.Kafka.OAuthBearer.Aws")));
        Assert.DoesNotContain(diagnostics, static d => d.Id == "TPK2018");
    }

    // --- data flow ---

    [Fact]
    public Task CopyConstructorSnapshotsItsSource_LaterChangesDoNotFlowBack() => VerifyAsync(InMethod("""
        var common = new ClientConfig { BootstrapServers = "broker:9092" };
        var orders = new ProducerConfig(common) { EnableIdempotence = true };
        using var ordersProducer = new ProducerBuilder<string, string>(orders).Build();
        common.Acks = Acks.Leader;
        using var metricsProducer = new ProducerBuilder<string, string>(new ProducerConfig(common)).Build();
        """), "TPK2001");

    [Fact]
    public Task UnknownBaseConfig_GivesNoVerdictOnDefaults() => VerifyAsync(Class("""
        public static IProducer<string, string> Create(ClientConfig baseConfig)
        {
            var config = new ProducerConfig(baseConfig) { SaslMechanism = SaslMechanism.Plain };
            return new ProducerBuilder<string, string>(config).Build();
        }
        """), "TPK2034", "TPK2026", "TPK2017");

    [Fact]
    public Task ConfigurationBind_MakesTheBoundPropertiesUnknown() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { SaslMechanism = SaslMechanism.ScramSha512 };
        configuration.GetSection("Kafka").Bind(config);
        using var producer = new ProducerBuilder<string, string>(config).Build();
        """), "TPK2034", "TPK2026", "TPK2017");

    [Fact]
    public Task ExplicitSettingsAfterUnknownBase_StillConflict() => VerifyAsync(Class("""
        public static void Create(ClientConfig baseConfig)
        {
            var config = new ProducerConfig(baseConfig) { EnableIdempotence = true, {|TPK2001:Acks = Acks.Leader|} };
            using var producer = new ProducerBuilder<string, string>(config).Build();
        }
        """), "TPK2001");

    [Fact]
    public Task AssignmentsThroughAMemberChain_AreFollowed() => VerifyAsync(Class("""
        public sealed class KafkaOptions { public ProducerConfig Configuration { get; } = new(); }

        public static void Configure(KafkaOptions options)
        {
            options.Configuration.EnableIdempotence = true;
            {|TPK2002:options.Configuration.MaxInFlight = 10|};
            options.Configuration.Set({|TPK2013:"lingr.ms"|}, "5");
        }
        """), "TPK2002", "TPK2013");

    [Fact]
    public Task LocalReassignedWithANewConfig_JudgesBoth() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true, {|TPK2001:Acks = Acks.Leader|} };
        using var first = new ProducerBuilder<string, string>(config).Build();
        config = new ProducerConfig { EnableIdempotence = true, MaxInFlight = 5 };
        using var second = new ProducerBuilder<string, string>(config).Build();
        """), "TPK2001", "TPK2002");

    [Fact]
    public Task SettingsInExclusiveBranches_AreNotCombined() => VerifyAsync(InMethod("""
        bool exactlyOnce = Environment.GetEnvironmentVariable("EXACTLY_ONCE") == "1";
        var config = new ProducerConfig();
        if (exactlyOnce)
        {
            config.EnableIdempotence = true;
        }
        else
        {
            config.Acks = Acks.Leader;
        }

        using var producer = new ProducerBuilder<string, string>(config).Build();
        """), "TPK2001");

    [Fact]
    public Task RefusedOnEveryPathThroughTheBranch_ReportsTPK2001() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true };
        if (Environment.GetEnvironmentVariable("FAST") == "1")
        {
            {|TPK2001:config.Acks = Acks.Leader|};
        }

        using var producer = new ProducerBuilder<string, string>(config).Build();
        """), "TPK2001");

    [Fact]
    public Task RefusedOnlyOnSomePathsThroughTheSetting_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { Acks = Acks.Leader };
        if (Environment.GetEnvironmentVariable("SAFE") == "1")
        {
            config.EnableIdempotence = true;
        }

        using var producer = new ProducerBuilder<string, string>(config).Build();
        """), "TPK2001");

    [Fact]
    public Task NonConstantKeyInALoop_MakesEarlierKeysUnknown() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { SaslMechanism = SaslMechanism.Plain };
        foreach (var pair in configuration.GetSection("Kafka").AsEnumerable())
        {
            config.Set(pair.Key, pair.Value);
        }

        using var producer = new ProducerBuilder<string, string>(config).Build();
        """), "TPK2034", "TPK2026");

    [Fact]
    public Task ChangeAfterTheOnlyProducer_IsNotJudgedForIt() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        config.Acks = Acks.Leader;
        """), "TPK2001");

    // --- misses ---

    [Fact]
    public Task SaslPlainWithoutCredentials_ReportsTPK2017() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, {|TPK2017:SaslMechanism = SaslMechanism.Plain|}, SaslUsername = "svc" };
        """), "TPK2017");

    [Fact]
    public Task SaslScramWithEmptyPassword_ReportsTPK2017() => VerifyAsync(InMethod("""
        var settings = new Dictionary<string, string>
        {
            ["security.protocol"] = "SASL_SSL",
            ["sasl.mechanism"] = {|TPK2017:"SCRAM-SHA-512"|},
            ["sasl.username"] = "svc",
            ["sasl.password"] = "",
        };
        using var producer = new ProducerBuilder<string, string>(settings).Build();
        """), "TPK2017");

    [Fact]
    public Task SaslPlainWithCredentials_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.Plain, SaslUsername = "svc", SaslPassword = configuration["Kafka:Password"] };
        """), "TPK2017");

    [Fact]
    public Task SaslProtocolWithoutMechanism_ReportsTPK2037() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2037:SecurityProtocol = SecurityProtocol.SaslSsl|}, SaslUsername = "svc", SaslPassword = configuration["Kafka:Password"] };
        """), "TPK2037", "TPK2017");

    [Fact]
    public Task LowerCaseSaslMechanismString_ReportsTPK2017() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslPlaintext, SaslUsername = "u", SaslPassword = configuration["p"] };
        config.Set("sasl.mechanism", {|TPK2017:"plain"|});
        """), "TPK2017");

    // --- noise ---

    [Fact]
    public async Task LibrdkafkaDefaultsOnAProducer_AreHiddenByDefault()
    {
        var diagnostics = await TpkDiagnosticsAsync(InMethod("""
            var config = new ProducerConfig { BootstrapServers = "broker:9092" };
            using var producer = new ProducerBuilder<string, string>(config).Build();
            """));
        var advisory = Assert.Single(diagnostics, static d => d.Id == "TPK2026");
        Assert.Equal(DiagnosticSeverity.Hidden, advisory.Severity);
    }

    [Fact]
    public async Task LibrdkafkaDefaultsRule_IsEnabledByOneSeverityLine()
    {
        // What `dotnet_diagnostic.TPK2026.severity = suggestion` in .editorconfig sets.
        var compilation = Compile(InMethod("""
            var config = new ProducerConfig { BootstrapServers = "broker:9092" };
            using var producer = new ProducerBuilder<string, string>(config).Build();
            """));
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["TPK2026"] = ReportDiagnostic.Info }));
        var diagnostics = await AnalyzeAsync(compilation);
        Assert.Equal(DiagnosticSeverity.Info, Assert.Single(diagnostics, static d => d.Id == "TPK2026").Severity);
    }

    [Fact]
    public Task ConfigurationThatNeverReachesAProducer_GetsNoAdvice() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { BootstrapServers = "broker:9092", Partitioner = Partitioner.Consistent };
        services.AddSingleton(config);
        """), "TPK2026", "TPK2025");

    [Fact]
    public async Task MessageTimeoutJustBelowLingerPlusRequestTimeout_IsAJavaOnlyHiddenFinding()
    {
        var diagnostics = await TpkDiagnosticsAsync(InMethod("""
            var config = new ProducerConfig { MessageTimeoutMs = 30000, LingerMs = 20 };
            using var producer = new ProducerBuilder<string, string>(config).Build();
            """));
        Assert.Equal(DiagnosticSeverity.Hidden, Assert.Single(diagnostics, static d => d.Id == "TPK2024").Severity);
    }

    [Fact]
    public async Task MessageTimeoutBelowRequestTimeout_WarnsTPK2024()
    {
        var diagnostics = await TpkDiagnosticsAsync(InMethod("""
            var config = new ProducerConfig { MessageTimeoutMs = 10000, RequestTimeoutMs = 30000 };
            """));
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(diagnostics, static d => d.Id == "TPK2024").Severity);
    }

    private static string Class(string members) => Usings + "public static class Snippet\n{\n" + members + "\n}\n";
}
