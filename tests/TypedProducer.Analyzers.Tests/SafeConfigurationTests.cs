using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static TypedProducer.Analyzers.Tests.Infrastructure.AnalyzerHarness;

namespace TypedProducer.Analyzers.Tests;

/// <summary>Safe configurations, in every supported form, report nothing at all.</summary>
public sealed class SafeConfigurationTests
{
    public static IEnumerable<object[]> SafeForms() => new[]
    {
        new object[] { "typed initializer", """
            var config = new ProducerConfig
            {
                BootstrapServers = "broker:9092",
                EnableIdempotence = true,
                Acks = Acks.All,
                Partitioner = Partitioner.Murmur2Random,
                LingerMs = 10,
                BatchSize = 500000,
                CompressionType = CompressionType.Lz4,
                MessageTimeoutMs = 120000,
                SaslPassword = configuration["Kafka:SaslPassword"],
            };
            config.MaxInFlight = 5;
            using var producer = new ProducerBuilder<string, string>(config).Build();
            """ },
        new object[] { "Set calls", """
            var config = new ProducerConfig();
            config.Set("bootstrap.servers", "broker:9092");
            config.Set("enable.idempotence", "true");
            config.Set("acks", "all");
            config.Set("partitioner", "murmur2_random");
            config.Set("linger.ms", 12.5.ToString(CultureInfo.InvariantCulture));
            """ },
        new object[] { "dictionary", """
            var settings = new Dictionary<string, string>
            {
                ["bootstrap.servers"] = "broker:9092",
                ["enable.idempotence"] = "true",
                ["partitioner"] = "murmur2_random",
                ["delivery.timeout.ms"] = "120000",
            };
            using var producer = new ProducerBuilder<string, string>(settings).Build();
            """ },
        new object[] { "key/value pairs", """
            var settings = new List<KeyValuePair<string, string>>
            {
                new("bootstrap.servers", "broker:9092"),
                new("enable.idempotence", "true"),
                new("partitioner", "murmur2_random"),
            };
            using var producer = new ProducerBuilder<string, string>(settings).Build();
            """ },
        new object[] { "transactional", """
            var config = new ProducerConfig { BootstrapServers = "b:9092", TransactionalId = "orders", Partitioner = Partitioner.Murmur2Random, MessageTimeoutMs = 60000, TransactionTimeoutMs = 60000 };
            """ },
        new object[] { "TypedProducer options", """
            services.AddTypedProducerRuntime(options =>
            {
                options.BootstrapServers = "broker:9092";
                options.Producer["linger.ms"] = "20";
                options.Producer["compression.type"] = "zstd";
                options.Producer.Add("batch.size", "500000");
            });
            services.AddTypedProducerRuntime(configuration.GetSection("Kafka"));
            """ },
    };

    [Theory]
    [MemberData(nameof(SafeForms))]
    public async Task SafeConfiguration_ReportsNothing(string form, string body)
    {
        var diagnostics = await TpkDiagnosticsAsync(InMethod(body));
        Assert.True(diagnostics.Count == 0, form + ": " + string.Join("; ", diagnostics));
    }

    [Fact]
    public async Task SafeAppSettings_ReportsNothing()
    {
        var diagnostics = await TpkDiagnosticsAsync(InMethod(string.Empty), new[]
        {
            ("/app/appsettings.json", """
            {
              "Kafka": {
                "BootstrapServers": "broker:9092",
                "SubjectNameStrategy": "TopicRecordName",
                "Producer": { "linger.ms": "10", "compression.type": "zstd", "enable.idempotence": true, "sasl.password": "" }
              }
            }
            """),
            ("/app/appsettings.Development.json", """{ "Kafka": { "Embedded": { "Enabled": true }, "Producer": { "linger.ms": 0.5 } } }"""),
        });
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task NoKafkaAtAll_ReportsNothing()
    {
        var diagnostics = await TpkDiagnosticsAsync(InMethod("""
            var settings = new Dictionary<string, string> { ["acks"] = "1" };
            var list = new List<KeyValuePair<string, string>> { new("group.id", "x") };
            Console.WriteLine(settings.Count + list.Count);
            """));
        Assert.Empty(diagnostics);
    }
}
