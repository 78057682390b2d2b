using System.Linq;
using TypedProducer.Generator.Tests.Infrastructure;

namespace TypedProducer.Generator.Tests;

/// <summary>
/// Confluent.SchemaRegistry names its types as the registry does (ISchemaRegistryClient, SchemaType, RegisteredSchema,
/// SchemaReference, SubjectNameStrategy, SchemaRegistryException); ours carry the same names and live in
/// <c>TypedProducer.SchemaRegistry</c>, so a file importing both <c>Confluent.SchemaRegistry</c> and
/// <c>TypedProducer</c> compiles without CS0104 (ambiguous reference).
/// </summary>
public sealed class NamespaceClashTests
{
    [Fact]
    public void FileImportingConfluentSchemaRegistryAndTypedProducer_CompilesWithGeneratedContract()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Confluent.SchemaRegistry;
            using Microsoft.Extensions.DependencyInjection;
            using TypedProducer;

            namespace Shop;

            [KafkaMessage("orders")]
            public sealed partial class OrderPlaced
            {
                [MessageKey] public string Id { get; set; } = "";
                public long Cents { get; set; }
            }

            public static class Registration
            {
                public static void Configure(IServiceCollection services) =>
                    services.AddTypedProducerRuntime(o => o.SubjectNameStrategy = global::TypedProducer.SchemaRegistry.SubjectNameStrategy.TopicRecordName);

                public static async Task<int> RegisterAsync(ISchemaRegistryClient client, string subject)
                {
                    SubjectNameStrategy strategy = SubjectNameStrategy.TopicRecord;
                    var references = new List<SchemaReference> { new SchemaReference("shop.Money", "shop.Money", 1) };
                    var schema = new Schema("{\"type\":\"string\"}", references, SchemaType.Avro);
                    try
                    {
                        RegisteredSchema latest = await client.GetLatestSchemaAsync(subject);
                        return strategy == SubjectNameStrategy.TopicRecord ? latest.Id : await client.RegisterSchemaAsync(subject, schema, normalize: false);
                    }
                    catch (SchemaRegistryException e) when (e.ErrorCode == 40401)
                    {
                        return 0;
                    }
                }
            }
            """;

        GeneratorHarness.Run(source).AssertNoGeneratorException().AssertOutputCompiles();
    }

    [Fact]
    public void TypedProducerRootNamespace_HasNoPublicTypeNamedLikeAConfluentSchemaRegistryType()
    {
        var confluent = typeof(Confluent.SchemaRegistry.ISchemaRegistryClient).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Confluent.SchemaRegistry" && !t.IsNested)
            .Select(t => t.Name)
            .ToHashSet();
        string[] clashes = typeof(KafkaMessageAttribute).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "TypedProducer" && !t.IsNested && confluent.Contains(t.Name))
            .Select(t => t.FullName!)
            .Order()
            .ToArray();

        Assert.Contains("ISchemaRegistryClient", confluent);
        Assert.Empty(clashes);
    }
}
