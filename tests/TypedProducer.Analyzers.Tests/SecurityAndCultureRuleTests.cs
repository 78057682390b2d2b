using System.Threading.Tasks;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

public sealed class SecurityAndCultureRuleTests
{
    [Fact]
    public Task LiteralSaslPassword_ReportsTPK2040() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { SecurityProtocol = SecurityProtocol.SaslSsl, SaslMechanism = SaslMechanism.Plain, SaslUsername = "svc", {|TPK2040:SaslPassword = "hunter2"|} };
        """));

    [Fact]
    public Task LiteralSecretThroughSet_ReportsTPK2040OnValue() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("ssl.key.password", {|TPK2040:"changeit"|});
        config.Set("sasl.oauthbearer.client.secret", {|TPK2040:"s3cr3t"|});
        """));

    [Fact]
    public Task SecretFromConfiguration_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { SaslPassword = configuration["Kafka:SaslPassword"], SslKeyPassword = Environment.GetEnvironmentVariable("KEY_PASSWORD") };
        """), "TPK2040");

    [Fact]
    public Task FractionalLingerMs_ReportsTPK2041() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2041:LingerMs = 0.5|} };
        """));

    [Fact]
    public Task IntegralLingerMs_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { LingerMs = 5 };
        """), "TPK2041");

    [Fact]
    public Task NumberToStringWithoutCulture_ReportsTPK2041() => VerifyAsync(InMethod("""
        double linger = 0.5;
        int acks = -1;
        var config = new ProducerConfig();
        config.Set("linger.ms", {|TPK2041:linger.ToString()|});
        config.Set("acks", {|TPK2041:$"{acks}"|});
        """));

    [Fact]
    public Task NumberToStringInvariant_ReportsNothing() => VerifyAsync(InMethod("""
        double linger = 0.5;
        var config = new ProducerConfig();
        config.Set("linger.ms", linger.ToString(CultureInfo.InvariantCulture));
        config.Set("batch.num.messages", FormattableString.Invariant($"{1000}"));
        """), "TPK2041");

    [Fact]
    public Task DecimalCommaText_ReportsTPK2041() => VerifyAsync(InMethod("""
        var config = new ProducerConfig();
        config.Set("linger.ms", {|TPK2041:"0,5"|});
        """));
}
