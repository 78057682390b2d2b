namespace TypedProducer.SchemaRegistry.Tests.Infrastructure;

/// <summary>
/// One of the <see cref="ISchemaRegistryClient"/> implementations, so a test can assert that each keeps the
/// registry's semantics: "memory" (<see cref="InMemorySchemaRegistryClient"/>), "http"
/// (<see cref="HttpSchemaRegistryClient"/> against <see cref="FakeSchemaRegistry"/>) or "confluent"
/// (<see cref="ConfluentSchemaRegistryClient"/> over Confluent's <c>CachedSchemaRegistryClient</c> against
/// <see cref="FakeSchemaRegistry"/>).
/// </summary>
public sealed class RegistryUnderTest : IAsyncDisposable
{
    private readonly IDisposable? _owned;

    private RegistryUnderTest(ISchemaRegistryClient client, FakeSchemaRegistry? fake, IDisposable? owned = null)
    {
        Client = client;
        Fake = fake;
        _owned = owned;
    }

    public static TheoryData<string> Kinds => new() { "memory", "http", "confluent" };

    /// <summary>
    /// Our own two clients, for what Confluent's client does differently: it returns no reasons for an incompatibility
    /// (a bool only), and answers a by-id read from the text it registered rather than the registry's normalised form.
    /// </summary>
    public static TheoryData<string> OwnKinds => new() { "memory", "http" };

    public ISchemaRegistryClient Client { get; }

    public FakeSchemaRegistry? Fake { get; }

    public static async Task<RegistryUnderTest> CreateAsync(string kind)
    {
        if (kind == "memory")
        {
            return new RegistryUnderTest(new InMemorySchemaRegistryClient(), null);
        }

        FakeSchemaRegistry fake = await FakeSchemaRegistry.StartAsync();
        if (kind == "confluent")
        {
            // MaxRetries counts attempts in Confluent.SchemaRegistry 2.16 (0 makes no request at all).
            var confluent = new global::Confluent.SchemaRegistry.CachedSchemaRegistryClient(new global::Confluent.SchemaRegistry.SchemaRegistryConfig { Url = fake.Url, MaxRetries = 1 });
            return new RegistryUnderTest(new ConfluentSchemaRegistryClient(confluent), fake, confluent);
        }

        var client = new HttpSchemaRegistryClient(new SchemaRegistryOptions { Url = fake.Url, MaxRetries = 0 });
        return new RegistryUnderTest(client, fake);
    }

    public async ValueTask DisposeAsync()
    {
        (Client as IDisposable)?.Dispose();
        _owned?.Dispose();
        if (Fake is not null)
        {
            await Fake.DisposeAsync();
        }
    }
}
