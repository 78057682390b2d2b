using System.Threading.Tasks;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

public sealed class ContractRuleTests
{
    private static string Contracts(string declarations) => Usings + "namespace Shop.Events;\n" + declarations;

    [Fact]
    public Task TopicWithIllegalCharacter_ReportsTPK1001() => VerifyAsync(Contracts("""
        [KafkaMessage({|TPK1001:"orders/created"|})]
        public partial class OrderCreated { [MessageKey] public string Id { get; set; } = ""; }
        """));

    [Fact]
    public Task TopicTooLongOrDot_ReportsTPK1001() => VerifyAsync(Contracts($$"""
        [KafkaMessage({|TPK1001:"{{new string('a', 250)}}"|})]
        public partial class A { }
        [KafkaMessage({|TPK1001:".."|})]
        public partial class B { }
        [KafkaMessage({|TPK1001:""|})]
        public partial class C { }
        """));

    [Fact]
    public Task LegalTopic_ReportsNothing() => VerifyAsync(Contracts($$"""
        [KafkaMessage("{{new string('a', 249)}}")]
        public partial class A { }
        [KafkaMessage("shop.orders-v1")]
        public partial class B { }
        """), "TPK1001", "TPK1002");

    [Fact]
    public Task TopicMixingDotAndUnderscore_ReportsTPK1002() => VerifyAsync(Contracts("""
        [KafkaMessage({|TPK1002:"shop.order_created"|})]
        public partial class OrderCreated { }
        """));

    [Fact]
    public Task TwoContractsWithDifferentFormatsOnOneTopic_ReportsTPK1003() => VerifyAsync(Contracts("""
        [KafkaMessage("orders")]
        public partial class OrderCreated { [MessageKey] public string Id { get; set; } = ""; }
        [KafkaMessage({|TPK1003:"orders"|}, Format = MessageFormat.Json)]
        public partial class OrderShipped { [MessageKey] public string Id { get; set; } = ""; }
        """));

    [Fact]
    public Task TwoContractsWithDifferentKeyTypesOnOneTopic_ReportsTPK1003() => VerifyAsync(Contracts("""
        [KafkaMessage("orders", Name = "OrderEvent")]
        public partial class OrderCreated { [MessageKey] public string Id { get; set; } = ""; }
        [KafkaMessage({|TPK1003:"orders"|}, Name = "OrderEvent")]
        public partial class OrderShipped { [MessageKey] public long Id { get; set; } }
        """));

    [Fact]
    public Task TwoRecordTypesOnOneTopicWithDefaultStrategy_ReportsTPK1004() => VerifyAsync(Contracts("""
        [KafkaMessage("orders")]
        public partial class OrderCreated { [MessageKey] public string Id { get; set; } = ""; }
        [KafkaMessage({|TPK1004:"orders"|})]
        public partial class OrderShipped { [MessageKey] public string Id { get; set; } = ""; }
        """));

    [Fact]
    public Task TwoRecordTypesOnOneTopicWithTopicRecordNameStrategy_ReportsNothing() => VerifyAsync(Contracts("""
        [KafkaMessage("orders")]
        public partial class OrderCreated { [MessageKey] public string Id { get; set; } = ""; }
        [KafkaMessage("orders")]
        public partial class OrderShipped { [MessageKey] public string Id { get; set; } = ""; }
        public static class Setup
        {
            public static void Run(IServiceCollection services) =>
                services.AddTypedProducerRuntime(o => o.SubjectNameStrategy = TypedProducer.SchemaRegistry.SubjectNameStrategy.TopicRecordName);
        }
        """), "TPK1004", "TPK1003");

    [Fact]
    public Task TwoContractsWithOneAvroFullName_ReportsTPK1005() => VerifyAsync(Contracts("""
        [KafkaMessage("orders-created", Name = "Order", Namespace = "shop")]
        public partial class OrderCreated { }
        [KafkaMessage({|TPK1005:"orders-shipped"|}, Name = "Order", Namespace = "shop")]
        public partial class OrderShipped { }
        """));

    [Fact]
    public Task TwoContractsWithOneAvroFullNameThroughAvroRecord_ReportsTPK1005() => VerifyAsync(Contracts("""
        [KafkaMessage("orders-created", Name = "Order", Namespace = "shop")]
        public partial class OrderCreated { }
        [KafkaMessage({|TPK1005:"orders-shipped"|})]
        [AvroRecord(Name = "Order", Namespace = "shop")]
        public partial class OrderShipped { }
        """));

    [Fact]
    public Task PartitionKeyWithoutMessageKey_ReportsTPK1006() => VerifyAsync(Contracts("""
        [KafkaMessage("order-lines")]
        public partial class OrderLineAdded
        {
            [{|TPK1006:PartitionKey|}] public string OrderId { get; set; } = "";
            public int Quantity { get; set; }
        }
        """));

    [Fact]
    public Task PartitionKeyWithMessageKey_ReportsNothing() => VerifyAsync(Contracts("""
        [KafkaMessage("order-lines")]
        public partial class OrderLineAdded
        {
            [MessageKey] public string LineId { get; set; } = "";
            [PartitionKey] public string OrderId { get; set; } = "";
        }
        """), "TPK1006");
}
