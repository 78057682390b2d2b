using System.Threading.Tasks;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

public sealed class IdempotenceRuleTests
{
    [Fact]
    public Task IdempotenceWithAcksLeader_ReportsTPK2001() => VerifyAsync(InMethod("""
        var config = new ProducerConfig
        {
            EnableIdempotence = true,
            {|TPK2001:Acks = Acks.Leader|},
        };
        """));

    [Fact]
    public Task IdempotenceWithAcksAll_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true, Acks = Acks.All, Partitioner = Partitioner.Murmur2Random };
        """), "TPK2001", "TPK2020");

    [Fact]
    public Task IdempotenceWithAcksSetAsString_ReportsTPK2001OnValue() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true };
        config.Set("request.required.acks", {|TPK2001:"1"|});
        """));

    [Fact]
    public Task TransactionalIdImpliesIdempotence_AcksZeroReportsTPK2001() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { TransactionalId = "orders-1", {|TPK2001:Acks = Acks.None|} };
        """));

    [Fact]
    public Task AcksLeaderWithoutIdempotence_ReportsTPK2020NotTPK2001() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2020:Acks = Acks.Leader|} };
        """), "TPK2001");

    [Fact]
    public Task IdempotenceWithMaxInFlight6_ReportsTPK2002() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true, {|TPK2002:MaxInFlight = 6|} };
        """));

    [Fact]
    public Task IdempotenceWithMaxInFlight5_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true, MaxInFlight = 5 };
        """), "TPK2002");

    [Fact]
    public Task IdempotenceWithMaxInFlightAliasInDictionary_ReportsTPK2002() => VerifyAsync(InMethod("""
        var settings = new Dictionary<string, string>
        {
            ["enable.idempotence"] = "true",
            ["max.in.flight.requests.per.connection"] = {|TPK2002:"10"|},
        };
        using var producer = new ProducerBuilder<string, string>(settings).Build();
        """));

    [Fact]
    public Task IdempotenceWithRetriesZero_ReportsTPK2003() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true };
        config.Set("retries", {|TPK2003:"0"|});
        """), "TPK2035");

    [Fact]
    public Task IdempotenceWithRetriesOne_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true, MessageSendMaxRetries = 1 };
        """), "TPK2003");

    [Fact]
    public Task IdempotenceWithBackpressureThreshold2_ReportsTPK2004() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true, {|TPK2004:QueueBufferingBackpressureThreshold = 2|} };
        """));

    [Fact]
    public Task IdempotenceWithLifoQueuing_ReportsTPK2005() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true };
        config.Set("queuing.strategy", {|TPK2005:"lifo"|});
        """));

    [Fact]
    public Task TransactionalIdWithIdempotenceOff_ReportsTPK2006() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { TransactionalId = "tx", {|TPK2006:EnableIdempotence = false|} };
        """), "TPK2023");

    [Fact]
    public Task TransactionalIdWithIdempotenceUnset_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { TransactionalId = "tx" };
        """), "TPK2006", "TPK2023");

    [Fact]
    public Task GaplessWithoutIdempotence_ReportsTPK2010() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2010:EnableGaplessGuarantee = true|} };
        """));

    [Fact]
    public Task GaplessWithIdempotence_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = true, EnableGaplessGuarantee = true };
        """), "TPK2010");

    [Fact]
    public Task IdempotenceExplicitlyOff_ReportsTPK2023() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { {|TPK2023:EnableIdempotence = false|} };
        """));

    [Fact]
    public Task RetriesWithManyInFlightWithoutIdempotence_ReportsTPK2022() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { MessageSendMaxRetries = 3, {|TPK2022:MaxInFlight = 10|} };
        """));

    [Fact]
    public Task RetriesWithOneInFlightWithoutIdempotence_ReportsNothing() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { MessageSendMaxRetries = 3, MaxInFlight = 1 };
        """), "TPK2022");

    [Fact]
    public Task RetriesZeroWithoutIdempotence_ReportsTPK2035() => VerifyAsync(InMethod("""
        var config = new ProducerConfig { EnableIdempotence = false, {|TPK2035:MessageSendMaxRetries = 0|} };
        """), "TPK2035");

    [Fact]
    public Task TypedProducerOptionsWithAcksOne_ReportsTPK2001BecauseRuntimeEnablesIdempotence() => VerifyAsync(InMethod("""
        services.AddTypedProducerRuntime(options =>
        {
            options.Producer["linger.ms"] = "10";
            options.Producer["acks"] = {|TPK2001:"1"|};
        });
        """));

    [Fact]
    public Task TypedProducerOptionsDisablingIdempotence_ReportsTPK2023() => VerifyAsync(InMethod("""
        services.AddTypedProducerRuntime(options => options.Producer.Add("enable.idempotence", {|TPK2023:"false"|}));
        """));
}
