namespace TypedProducer.SchemaRegistry.Tests.Infrastructure;

/// <summary>
/// One of the two <see cref="ISchemaRegistryClient"/> implementations, so a test can assert that both keep the
/// registry's semantics: "memory" (<see cref="InMemorySchemaRegistryClient"/>) or "http"
/// (<see cref="HttpSchemaRegistryClient"/> against <see cref="FakeSchemaRegistry"/>).
/// </summary>
public sealed class RegistryUnderTest : IAsyncDisposable
{
    private RegistryUnderTest(ISchemaRegistryClient client, FakeSchemaRegistry? fake)
    {
        Client = client;
        Fake = fake;
    }

    public static TheoryData<string> Kinds => new() { "memory", "http" };

    public ISchemaRegistryClient Client { get; }

    public FakeSchemaRegistry? Fake { get; }

    public static async Task<RegistryUnderTest> CreateAsync(string kind)
    {
        if (kind == "memory")
        {
            return new RegistryUnderTest(new InMemorySchemaRegistryClient(), null);
        }

        FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        var client = new HttpSchemaRegistryClient(new SchemaRegistryOptions { Url = fake.Url, MaxRetries = 0 });
        return new RegistryUnderTest(client, fake);
    }

    public async ValueTask DisposeAsync()
    {
        (Client as IDisposable)?.Dispose();
        if (Fake is not null)
        {
            await Fake.DisposeAsync();
        }
    }
}
