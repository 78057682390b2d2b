using System.Threading.Tasks;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

public sealed class TimeoutRuleTests
{
    [Fact]
    public Task TransactionalWithSocketTimeoutAboveTransactionTimeout_ReportsTPK2007() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { TransactionalId = "tx", TransactionTimeoutMs = 10000, {|TPK2007:SocketTimeoutMs = 20000|} };
        """));

    [Fact]
    public Task TransactionalWithSocketTimeoutAtLimit_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { TransactionalId = "tx", TransactionTimeoutMs = 10000, SocketTimeoutMs = 10100 };
        """), "TPK2007");

    [Fact]
    public Task TransactionalWithJavaDeliveryTimeout_ReportsTPK2008() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { TransactionalId = "tx" };
        config.Set("delivery.timeout.ms", {|TPK2008:"120000"|});
        """));

    [Fact]
    public Task TransactionalWithMessageTimeoutBelowTransactionTimeout_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { TransactionalId = "tx", MessageTimeoutMs = 60000 };
        """), "TPK2008");

    [Fact]
    public Task MessageTimeoutNotAboveLinger_ReportsTPK2009OnMessageTimeout() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { LingerMs = 100, {|TPK2009:MessageTimeoutMs = 100|} };
        """), "TPK2024");

    [Fact]
    public Task LingerAboveDefaultMessageTimeout_ReportsTPK2009OnLinger() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2009:LingerMs = 400000|} };
        """));

    [Fact]
    public Task MessageTimeoutZeroWithLinger_ReportsTPK2031NotTPK2009() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { LingerMs = 100, {|TPK2031:MessageTimeoutMs = 0|} };
        """), "TPK2009");

    [Fact]
    public Task DeliveryTimeoutBelowLingerPlusRequestTimeout_ReportsTPK2024() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { LingerMs = 50, RequestTimeoutMs = 30000, {|TPK2024:MessageTimeoutMs = 20000|} };
        """));

    [Fact]
    public Task DeliveryTimeoutAboveLingerPlusRequestTimeout_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { LingerMs = 50, RequestTimeoutMs = 30000, MessageTimeoutMs = 30050 };
        """), "TPK2024", "TPK2009");

    [Fact]
    public Task TransactionTimeoutAboveBrokerMaximum_ReportsTPK2030() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { TransactionalId = "tx", MessageTimeoutMs = 60000, {|TPK2030:TransactionTimeoutMs = 1000000|} };
        """));

    [Fact]
    public Task ReconnectBackoffMaxBelowMin_ReportsTPK2011() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { ReconnectBackoffMs = 5000, {|TPK2011:ReconnectBackoffMaxMs = 1000|} };
        """));

    [Fact]
    public Task ReconnectBackoffBelowDefaultMax_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { ReconnectBackoffMs = 5000 };
        """), "TPK2011");
}
