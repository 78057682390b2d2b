using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TypedProducer.SchemaRegistry.Tests.Infrastructure;

namespace TypedProducer.SchemaRegistry.Tests;

/// <summary>Which <see cref="ISchemaRegistryClient"/> <c>AddTypedProducerRuntime</c> registers, and that yours wins.</summary>
public sealed class DependencyInjectionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null, Action<IServiceCollection>? after = null)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        before?.Invoke(services);
        services.AddTypedProducerRuntime(configuration.GetSection("Kafka"));
        after?.Invoke(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void NoUrl_RegistersTheInMemoryRegistry()
    {
        using ServiceProvider provider = Build(new());

        Assert.IsType<InMemorySchemaRegistryClient>(provider.GetRequiredService<ISchemaRegistryClient>());
    }

    [Fact]
    public void UrlsInConfiguration_RegisterTheHttpClientWithEveryUrl()
    {
        using ServiceProvider provider = Build(new() { ["Kafka:SchemaRegistry:Url"] = "http://registry-1:8081, https://registry-2:8082/prefix" });

        var client = Assert.IsType<HttpSchemaRegistryClient>(provider.GetRequiredService<ISchemaRegistryClient>());
        Assert.Equal(["http://registry-1:8081", "https://registry-2:8082/prefix"], client.Urls);
        Assert.Same(client, provider.GetRequiredService<ISchemaRegistryClient>());
    }

    [Fact]
    public void OptionsFromConfiguration_AreBound()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Kafka:SchemaRegistry:Url"] = "http://registry:8081",
            ["Kafka:SchemaRegistry:MaxRetries"] = "7",
            ["Kafka:SchemaRegistry:RequestTimeout"] = "00:00:05",
            ["Kafka:SchemaRegistry:AutoRegisterSchemas"] = "false",
            ["Kafka:SchemaRegistry:SchemaIds:citibike.events.RideStarted"] = "42",
        });

        SchemaRegistryOptions options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TypedProducerOptions>>().Value.SchemaRegistry;
        Assert.Equal((7, TimeSpan.FromSeconds(5), false), (options.MaxRetries, options.RequestTimeout, options.AutoRegisterSchemas));
        Assert.Equal(42, options.SchemaIds["citibike.events.RideStarted"]);
    }

    [Fact]
    public void UrlSetInCode_RegistersTheHttpClient()
    {
        var services = new ServiceCollection();
        services.AddTypedProducerRuntime(o => o.SchemaRegistry.Url = "http://registry:8081");
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.IsType<HttpSchemaRegistryClient>(provider.GetRequiredService<ISchemaRegistryClient>());
    }

    [Fact]
    public void YourOwnRegistry_WinsWhetherRegisteredBeforeOrAfter()
    {
        var mine = new InMemorySchemaRegistryClient();
        var settings = new Dictionary<string, string?> { ["Kafka:SchemaRegistry:Url"] = "http://registry:8081" };

        using ServiceProvider before = Build(settings, before: s => s.AddSingleton<ISchemaRegistryClient>(mine));
        using ServiceProvider after = Build(settings, after: s => s.AddSingleton<ISchemaRegistryClient>(mine));

        Assert.Same(mine, before.GetRequiredService<ISchemaRegistryClient>());
        Assert.Same(mine, after.GetRequiredService<ISchemaRegistryClient>());
    }

    [Fact]
    public void RuntimeAddedTwice_RegistersOneRegistryClient()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:SchemaRegistry:Url"] = "http://registry:8081" }).Build();
        var services = new ServiceCollection();

        services.AddTypedProducerRuntime(configuration.GetSection("Kafka"));
        services.AddTypedProducerRuntime(configuration.GetSection("Kafka"));

        Assert.Single(services, d => d.ServiceType == typeof(ISchemaRegistryClient));
    }

    [Fact]
    public async Task HandlersAddedToTheNamedHttpClient_SeeEveryRequest()
    {
        await using FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        fake.RequiredCredentials = ("svc", "pw");
        var counter = new CountingHandler();
        using ServiceProvider provider = Build(
            new() { ["Kafka:SchemaRegistry:Url"] = fake.Url, ["Kafka:SchemaRegistry:BasicAuthUserInfo"] = "svc:pw" },
            after: s => s.AddHttpClient(HttpSchemaRegistryClient.HttpClientName).AddHttpMessageHandler(() => counter));

        ISchemaRegistryClient client = provider.GetRequiredService<ISchemaRegistryClient>();
        await client.RegisterSchemaAsync("payments-value", new SchemaDefinition(RegistrySemanticsTests.PaymentV1));
        await client.GetAllSubjectsAsync();

        Assert.Equal(2, counter.Count);
        Assert.Equal(2, fake.Requests.Count);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
