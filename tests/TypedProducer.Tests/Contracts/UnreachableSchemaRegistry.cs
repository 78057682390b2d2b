namespace TypedProducer.Tests.Contracts;

/// <summary>A schema registry client whose server cannot be reached, as an HTTP client at a closed port fails.</summary>
internal sealed class UnreachableSchemaRegistry : ISchemaRegistryClient
{
    public const string Failure = "Connection refused (registry.internal:8081)";

    public Task<int> RegisterSchemaAsync(string subject, string schema, SchemaType schemaType, CancellationToken cancellationToken = default) =>
        Task.FromException<int>(new HttpRequestException(Failure, new System.Net.Sockets.SocketException(111)));

    public Task<RegisteredSchema> GetSchemaAsync(int id, CancellationToken cancellationToken = default) =>
        Task.FromException<RegisteredSchema>(new HttpRequestException(Failure));
}
