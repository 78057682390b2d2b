namespace TypedProducer.Tests.Infrastructure;

/// <summary>
/// Tests that build the repository's projects again (trimmed and Native AOT publishes of the sample, packing the
/// package): one at a time, because they share intermediate folders (src/*/obj, the sample's obj/.../linux-x64).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PublishCollection
{
    public const string Name = "Publish";
}
