using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop;
using TypedProducer.Embedded;
using TypedProducer.Testing;

namespace TypedProducer.Testing.Tests.Examples;

// The worked example of README.md, "Testing your producers": keep the two in step.
public sealed class CheckoutServiceTests : IDisposable
{
    private readonly KafkaTestCluster _kafka = new(brokerCount: 3);

    public CheckoutServiceTests() => _kafka.CreateTopic<OrderPlaced>(partitions: 6);

    [Fact]
    public async Task PlaceAsync_WritesOneOrderPlacedKeyedByOrderId()
    {
        using IHost host = BuildHost();
        await host.StartAsync();

        await host.Services.GetRequiredService<CheckoutService>().PlaceAsync("order-1", "customer-7", 12.50m);
        await host.StopAsync();

        using TypedKafkaReader reader = _kafka.CreateReader();
        KafkaRecord<OrderPlaced> record = Assert.Single(reader.ReadAll<OrderPlaced>());
        Assert.Equal("order-1", record.KeyText);
        Assert.Equal(new OrderPlaced("order-1", "customer-7", 12.50m), record.Message);
        Assert.Equal("shop.events.OrderPlaced", record.SchemaName);
    }

    [Fact]
    public async Task PlaceAsync_WhenProduceFailsAndTheLeaderMoves_DeliversExactlyOnce()
    {
        using IHost host = BuildHost();
        await host.StartAsync();
        var checkout = host.Services.GetRequiredService<CheckoutService>();

        // The next two Produce requests fail; librdkafka retries them. Then partition leadership changes.
        _kafka.FailNextRequests(KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut);
        long first = await checkout.PlaceAsync("order-2", "customer-7", 99.90m);
        for (int partition = 0; partition < 6; partition++)
        {
            _kafka.MoveLeader("shop.orders", partition, brokerId: 3);
        }

        long second = await checkout.PlaceAsync("order-2", "customer-7", 100.00m);
        await host.StopAsync();

        using TypedKafkaReader reader = _kafka.CreateReader();
        IReadOnlyList<KafkaRecord<OrderPlaced>> records = reader.ReadAll<OrderPlaced>();
        Assert.Equal([99.90m, 100.00m], records.Select(r => r.Message.Total));
        Assert.Equal([first, second], records.Select(r => r.Offset));
    }


    private IHost BuildHost()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddTypedProducerRuntime(options => options.Producer["linger.ms"] = "1").AddTypedProducer<OrderPlaced>();
        builder.Services.UseKafkaTestCluster(_kafka);
        builder.Services.AddSingleton<CheckoutService>();
        return builder.Build();
    }

    public void Dispose() => _kafka.Dispose();
}
