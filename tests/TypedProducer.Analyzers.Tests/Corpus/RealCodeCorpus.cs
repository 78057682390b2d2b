using System.Collections.Generic;

namespace TypedProducer.Analyzers.Tests.Corpus;

/// <summary>
/// Producer configuration from public projects (issue 10, Deliver 5). No code is copied: each entry regenerates, in
/// our own code, the configuration shape of the file it names (which keys are set, with constants or values from
/// elsewhere, the data flow: copies, branches, Bind, fields, helpers), at the commit recorded. Markup
/// (<c>{|TPK2041:...|}</c>) lists the Warnings and Errors judged by hand to be right there; the test fails on any other
/// Warning or Error. <see cref="CorpusEntry.Oracle"/> is the key/value list the shape hands librdkafka when every value
/// is visible: the bundled librdkafka must refuse it exactly when an Error is listed. <see cref="CorpusEntry.Miss"/>
/// records a real problem, judged by hand, that the analyzers do not report.
/// </summary>
internal static class RealCodeCorpus
{
    private const string ConfluentDotnet = "confluentinc/confluent-kafka-dotnet";
    private const string ConfluentDotnetCommit = "f96837a9cc47b1e51cb66ef5b4e80660c33535c6";
    private const string KafkaFlow = "Farfetch/kafkaflow";
    private const string KafkaFlowCommit = "45d4498eb4ffdd5f11b1f6e16d0be21a840f6ced";
    private const string MassTransit = "MassTransit/MassTransit";
    private const string MassTransitCommit = "c1e5caa9a49ba4e56dbad6ed1b9c8f7843a9dba5";
    private const string Cap = "dotnetcore/CAP";
    private const string CapCommit = "e52b8508e54cdb7a9ce7f9fec03d9ea8ad2710fb";
    private const string Brighter = "BrighterCommand/Brighter";
    private const string BrighterCommit = "4032a065b3d8f48106e115ebfa2cd8f7124ef1cd";
    private const string Streamiz = "LGouellec/kafka-streams-dotnet";
    private const string StreamizCommit = "90d66bda42f417fe7038e24747b26055c13e06f2";
    private const string Silverback = "BEagle1984/silverback";
    private const string SilverbackCommit = "471f4cfa40a20f5a7a8b5201fe92d72f8d09d569";
    private const string CecoChat = "cvetomir-todorov/CecoChat";
    private const string CecoChatCommit = "37cce9c3bcc52026ae8916b5fe9ac2952502b31a";
    private const string OrderService = "pavel-kudishin/order-service";
    private const string OrderServiceCommit = "62b7dde9a8550e34e7505576ad371733b0288e1a";

    public static IReadOnlyList<CorpusEntry> Entries { get; } = new[]
    {
        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/Producer/Program.cs", "Apache-2.0", 1, """
            public static void Run(string brokers)
            {
                var config = new ProducerConfig { BootstrapServers = brokers };
                using var producer = new ProducerBuilder<string, string>(config).Build();
            }
            """, Oracle: new[] { P("bootstrap.servers", "b:9092") }),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/ConfluentCloud/Program.cs", "Apache-2.0", 1, """
            public static void Run()
            {
                var config = new ProducerConfig
                {
                    BootstrapServers = "<cluster bootstrap>",
                    SaslMechanism = SaslMechanism.Plain,
                    SecurityProtocol = SecurityProtocol.SaslSsl,
                    SaslUsername = "<api key>",
                    SaslPassword = "<api secret>",
                };
                using var producer = new ProducerBuilder<Null, string>(config).Build();
            }
            """, Oracle: new[] { P("bootstrap.servers", "b:9092"), P("sasl.mechanism", "PLAIN"), P("security.protocol", "sasl_ssl"), P("sasl.username", "<api key>"), P("sasl.password", "<api secret>") }),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/ExactlyOnce/Program.cs", "Apache-2.0", 2, """
            private const string MapWordsPrefix = "map-words-transaction-id";

            public static void Generate(string brokers, string clientId)
            {
                var config = new ProducerConfig { BootstrapServers = brokers, ClientId = clientId };
                using var producer = new ProducerBuilder<Null, string>(config).Build();
            }

            public static void MapWords(string brokers, string clientId)
            {
                var config = new ProducerConfig
                {
                    BootstrapServers = brokers,
                    ClientId = clientId + "_producer",
                    TransactionalId = MapWordsPrefix + "-" + clientId,
                };
                using var producer = new ProducerBuilder<string, Null>(config).Build();
                producer.InitTransactions(TimeSpan.FromSeconds(30));
            }
            """),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/ExactlyOnceOldBroker/Program.cs", "Apache-2.0", 1, """
            public static void OnAssigned(string brokers, string clientId, IEnumerable<TopicPartition> partitions, List<IProducer<string, Null>> producers)
            {
                foreach (var partition in partitions)
                {
                    System.Threading.Tasks.Task.Run(() =>
                    {
                        var config = new ProducerConfig { BootstrapServers = brokers, TransactionalId = "map-words-" + clientId + "-" + partition.Partition };
                        var producer = new ProducerBuilder<string, Null>(config).Build();
                        producer.InitTransactions(TimeSpan.FromSeconds(30));
                        lock (producers) { producers.Add(producer); }
                    });
                }
            }
            """),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/OAuthOIDC/Program.cs", "Apache-2.0", 1, """
            private const string ClientIdValue = "<oauthbearer_client_id>";
            private const string ClientSecretValue = "<oauthbearer_client_secret>";
            private const string TokenUrl = "<token_endpoint_url>";

            public static void Run(string brokers)
            {
                var common = new ClientConfig
                {
                    BootstrapServers = brokers,
                    SecurityProtocol = SecurityProtocol.SaslPlaintext,
                    SaslMechanism = SaslMechanism.OAuthBearer,
                    SaslOauthbearerMethod = SaslOauthbearerMethod.Oidc,
                    SaslOauthbearerClientId = ClientIdValue,
                    SaslOauthbearerClientSecret = ClientSecretValue,
                    SaslOauthbearerTokenEndpointUrl = TokenUrl,
                    SaslOauthbearerScope = "<scope>",
                };
                CreateTopic(common, "t");
                using var producer = new ProducerBuilder<string, string>(common).Build();
            }

            private static void CreateTopic(ClientConfig config, string topic) { }
            """, Oracle: new[] { P("security.protocol", "sasl_plaintext"), P("sasl.mechanism", "OAUTHBEARER"), P("sasl.oauthbearer.method", "oidc"), P("sasl.oauthbearer.client.id", "<id>"), P("sasl.oauthbearer.client.secret", "<secret>"), P("sasl.oauthbearer.token.endpoint.url", "http://127.0.0.1:9/token"), P("sasl.oauthbearer.scope", "<scope>") }),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/OAuthOIDCAzureIMDS/Program.cs", "Apache-2.0", 1, """
            private const string QueryParameters = "api-version=&resource=&client_id=";

            public static void Run(string brokers)
            {
                var common = new ClientConfig
                {
                    BootstrapServers = brokers,
                    SecurityProtocol = SecurityProtocol.SaslPlaintext,
                    SaslMechanism = SaslMechanism.OAuthBearer,
                    SaslOauthbearerMethod = SaslOauthbearerMethod.Oidc,
                    SaslOauthbearerMetadataAuthenticationType = SaslOauthbearerMetadataAuthenticationType.AzureIMDS,
                    SaslOauthbearerConfig = $"query={QueryParameters}",
                    SaslOauthbearerExtensions = "logicalCluster=lkc,identityPoolId=pool",
                };
                using var producer = new ProducerBuilder<Null, string>(common).Build();
            }
            """, Oracle: new[] { P("security.protocol", "sasl_plaintext"), P("sasl.mechanism", "OAUTHBEARER"), P("sasl.oauthbearer.method", "oidc"), P("sasl.oauthbearer.metadata.authentication.type", "azure_imds"), P("sasl.oauthbearer.config", "query=api-version=&resource=&client_id="), P("sasl.oauthbearer.extensions", "logicalCluster=lkc,identityPoolId=pool") }),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/OAuthBearerAws/Program.cs (its project references Confluent.Kafka.OAuthBearer.Aws)", "Apache-2.0", 1, """
            public static void Run(string brokers)
            {
                var common = new ClientConfig
                {
                    BootstrapServers = brokers,
                    SecurityProtocol = SecurityProtocol.SaslSsl,
                    SaslMechanism = SaslMechanism.OAuthBearer,
                    SaslOauthbearerMethod = SaslOauthbearerMethod.Oidc,
                    SaslOauthbearerMetadataAuthenticationType = SaslOauthbearerMetadataAuthenticationType.AwsIam,
                    SaslOauthbearerConfig = "region=eu-north-1,audience=https://example/oidc",
                    SaslOauthbearerExtensions = "logicalCluster=lkc,identityPoolId=pool",
                };
                using var producer = new ProducerBuilder<Null, string>(common).Build();
            }
            """, ReferencesAwsPackage: true),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/OAuthBearerAws/Program.cs, built without the Confluent.Kafka.OAuthBearer.Aws package (variant)", "Apache-2.0", 1, """
            public static void Run(string brokers)
            {
                var common = new ClientConfig
                {
                    BootstrapServers = brokers,
                    SecurityProtocol = SecurityProtocol.SaslSsl,
                    SaslMechanism = SaslMechanism.OAuthBearer,
                    SaslOauthbearerMethod = SaslOauthbearerMethod.Oidc,
                    {|TPK2018:SaslOauthbearerMetadataAuthenticationType = SaslOauthbearerMetadataAuthenticationType.AwsIam|},
                    SaslOauthbearerConfig = "region=eu-north-1,audience=https://example/oidc",
                };
                using var producer = new ProducerBuilder<Null, string>(common).Build();
            }
            """, Oracle: new[] { P("security.protocol", "sasl_ssl"), P("sasl.mechanism", "OAUTHBEARER"), P("sasl.oauthbearer.method", "oidc"), P("sasl.oauthbearer.metadata.authentication.type", "aws_iam"), P("sasl.oauthbearer.config", "region=eu-north-1,audience=https://example/oidc") }, Derived: true),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/OAuthProducer/Program.cs", "Apache-2.0", 1, """
            public static void Run(string brokers, string oauthConf)
            {
                var config = new ProducerConfig
                {
                    BootstrapServers = brokers,
                    SecurityProtocol = SecurityProtocol.SaslPlaintext,
                    SaslMechanism = SaslMechanism.OAuthBearer,
                    SaslOauthbearerConfig = oauthConf,
                };
                using var producer = new ProducerBuilder<string, string>(config)
                    .SetOAuthBearerTokenRefreshHandler((client, _) => client.OAuthBearerSetTokenFailure("none"))
                    .Build();
            }
            """),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/TlsAuth/Program.cs", "Apache-2.0", 1, """
            public static void Run(string[] args)
            {
                var config = new ProducerConfig { BootstrapServers = args[0], SecurityProtocol = SecurityProtocol.Ssl, SslCaLocation = args[3] };
                if (args[2] == "auth")
                {
                    config.SslKeystoreLocation = args[4];
                    config.SslKeystorePassword = args[5];
                }

                using var producer = new ProducerBuilder<string, string>(config).Build();
            }
            """, Miss: null),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/MultiProducer/Program.cs", "Apache-2.0", 1, """
            public static void Run(string brokers)
            {
                var config = new ProducerConfig { BootstrapServers = brokers };
                using var producer = new ProducerBuilder<string, string>(config).Build();
                using var dependent = new DependentProducerBuilder<Null, int>(producer.Handle).Build();
            }
            """),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/Web/KafkaClientHandle.cs", "Apache-2.0", 1, """
            public static IProducer<byte[], byte[]> Create(IConfiguration configuration)
            {
                var config = new ProducerConfig();
                configuration.GetSection("Kafka:ProducerSettings").Bind(config);
                return new ProducerBuilder<byte[], byte[]>(config).Build();
            }
            """),

        new CorpusEntry(ConfluentDotnet, ConfluentDotnetCommit, "examples/AvroSpecific, JsonSerialization, Protobuf (Program.cs)", "Apache-2.0", 3, """
            public static void Avro(string brokers) { var config = new ProducerConfig { BootstrapServers = brokers }; using var p = new ProducerBuilder<string, string>(config).Build(); }

            public static void Json(string brokers) { var config = new ProducerConfig { BootstrapServers = brokers }; using var p = new ProducerBuilder<string, string>(config).Build(); }

            public static void Protobuf(string brokers) { var config = new ProducerConfig { BootstrapServers = brokers }; using var p = new ProducerBuilder<string, string>(config).Build(); }
            """),

        new CorpusEntry(KafkaFlow, KafkaFlowCommit, "src/KafkaFlow/Configuration/ProducerConfigurationBuilder.cs", "MIT", 2, """
            public sealed class Builder
            {
                private ProducerConfig _config;
                private double? _lingerMs;
                private int _statisticsInterval;

                public void WithCompression(CompressionType type, int? level)
                {
                    _config ??= new ProducerConfig();
                    _config.CompressionType = type;
                    _config.CompressionLevel = level;
                }

                public void WithLingerMs(double lingerMs) => _lingerMs = lingerMs;

                public ProducerConfig Build(object cluster)
                {
                    _config ??= new ProducerConfig();
                    _config.StatisticsIntervalMs = _statisticsInterval;
                    {|TPK2041:_config.LingerMs = _lingerMs|};
                    Security.ReadFrom(_config, cluster);
                    return _config;
                }
            }

            public static class Security { public static void ReadFrom(ProducerConfig config, object cluster) { } }
            """, Judgement: "TPK2041: WithLingerMs takes a double, and Confluent.Kafka writes a fractional linger.ms with the current culture (0,5 under de-DE, which librdkafka reads as 0)."),

        new CorpusEntry(KafkaFlow, KafkaFlowCommit, "src/KafkaFlow/Configuration/ProducerConfiguration.cs (GetKafkaConfig)", "MIT", 1, """
            public sealed class Configuration
            {
                public ProducerConfig BaseProducerConfig { get; } = new();

                public IEnumerable<string> Brokers { get; set; } = Array.Empty<string>();

                public Acks? Acks { get; set; }

                public ProducerConfig GetKafkaConfig()
                {
                    this.BaseProducerConfig.BootstrapServers = string.Join(",", this.Brokers);
                    this.BaseProducerConfig.Acks = this.Acks;
                    return this.BaseProducerConfig;
                }
            }
            """),

        new CorpusEntry(MassTransit, MassTransitCommit, "src/Transports/MassTransit.KafkaIntegration/KafkaIntegration/Configuration/KafkaProducerSpecification.cs", "Apache-2.0", 1, """
            public sealed class Specification
            {
                private readonly ProducerConfig _producerConfig;

                public Specification(ProducerConfig producerConfig) => _producerConfig = producerConfig;

                public TimeSpan? Linger { set => _producerConfig.LingerMs = (int?)value?.TotalMilliseconds; }

                public TimeSpan? RetryBackoff { set => _producerConfig.RetryBackoffMs = (int?)value?.TotalMilliseconds; }

                public TimeSpan? MessageTimeout { set => _producerConfig.MessageTimeoutMs = (int?)value?.TotalMilliseconds; }

                public bool? EnableIdempotence { set => _producerConfig.EnableIdempotence = value; }

                public string TransactionalId { set => _producerConfig.TransactionalId = value; }

                public IProducer<byte[], byte[]> Create(Func<ProducerConfig, ProducerConfig> host) =>
                    new ProducerBuilder<byte[], byte[]>(host(_producerConfig)).Build();
            }
            """),

        new CorpusEntry(MassTransit, MassTransitCommit, "src/Transports/MassTransit.KafkaIntegration/KafkaIntegration/Configuration/KafkaFactoryConfigurator.cs", "Apache-2.0", 1, """
            public sealed class Configurator
            {
                public void TopicProducer(string topic) => this.TopicProducer(topic, new ProducerConfig());

                public void TopicProducer(string topic, ProducerConfig config) { }
            }
            """),

        new CorpusEntry(Cap, CapCommit, "src/DotNetCore.CAP.Kafka/IConnectionPool.Default.cs", "MIT", 1, """
            public sealed class Pool
            {
                private readonly IDictionary<string, string> _mainConfig = new Dictionary<string, string>();
                private readonly string _servers = "";

                public IProducer<string, byte[]> Rent()
                {
                    var config = new ProducerConfig(new Dictionary<string, string>(_mainConfig)) { BootstrapServers = _servers };
                    config.QueueBufferingMaxMessages ??= 10;
                    config.MessageTimeoutMs ??= 5000;
                    config.RequestTimeoutMs ??= 3000;
                    return Build(config);
                }

                private static IProducer<string, byte[]> Build(ProducerConfig config) => new ProducerBuilder<string, byte[]>(config).Build();
            }
            """, Oracle: new[] { P("queue.buffering.max.messages", "10"), P("message.timeout.ms", "5000"), P("request.timeout.ms", "3000") }),

        new CorpusEntry(Brighter, BrighterCommit, "src/Paramore.Brighter.MessagingGateway.Kafka/KafkaMessageProducer.cs", "MIT", 1, """
            public sealed class Publication
            {
                public int Replication { get; set; }
                public bool EnableIdempotence { get; set; }
                public int MaxInFlight { get; set; } = 1;
                public int LingerMs { get; set; } = 5;
                public int? MessageTimeoutMs { get; set; }
                public int? Retries { get; set; }
                public string? TransactionalId { get; set; }
            }

            public static ProducerConfig Create(Publication publication, string[] servers, string? user, string? password)
            {
                return new ProducerConfig
                {
                    Acks = (Acks)publication.Replication,
                    BootstrapServers = string.Join(",", servers),
                    SaslUsername = user,
                    SaslPassword = password,
                    EnableIdempotence = publication.EnableIdempotence,
                    EnableDeliveryReports = true,
                    MaxInFlight = publication.MaxInFlight,
                    LingerMs = publication.LingerMs,
                    MessageTimeoutMs = publication.MessageTimeoutMs,
                    MessageSendMaxRetries = publication.Retries,
                    TransactionalId = publication.TransactionalId,
                };
            }
            """, Judgement: "Silent: LingerMs comes from an int (TPK2041 used to fire on it); every value comes from the publication object."),

        new CorpusEntry(Streamiz, StreamizCommit, "core/StreamConfig.cs (ToProducerConfig, property setters)", "MIT", 2, """
            public sealed class StreamSettings
            {
                private readonly ProducerConfig _producerConfig = new();
                private readonly ProducerConfig _override = new();

                public Acks? Acks { set => _producerConfig.Acks = value; }

                public ProducerConfig ToProducerConfig(string clientId)
                {
                    var config = new ProducerConfig(System.Linq.Enumerable.ToDictionary(_producerConfig, p => p.Key, p => p.Value));
                    foreach (var pair in _override)
                    {
                        config.Set(pair.Key, pair.Value);
                    }

                    config.ClientId = clientId;
                    return config;
                }
            }
            """),

        new CorpusEntry(Streamiz, StreamizCommit, "core/Kafka/Internal/DefaultKafkaClientSupplier.cs", "MIT", 1, """
            public static IProducer<byte[], byte[]> GetProducer(ProducerConfig config)
            {
                var builder = new ProducerBuilder<byte[], byte[]>(config);
                builder.SetLogHandler((_, _) => { });
                return builder.Build();
            }
            """),

        new CorpusEntry(Silverback, SilverbackCommit, "src/Silverback.Integration.Kafka/Messaging/Broker/Kafka/ConfluentProducerBuilder.cs", "MIT", 1, """
            public sealed class Builder
            {
                private ProducerConfig? _config;

                public void SetConfig(ProducerConfig config) => _config = config;

                public IProducer<byte[]?, byte[]?> Build()
                {
                    if (_config == null)
                    {
                        throw new InvalidOperationException("SetConfig first.");
                    }

                    ProducerBuilder<byte[]?, byte[]?> builder = new(_config);
                    return builder.Build();
                }
            }
            """),

        new CorpusEntry(CecoChat, CecoChatCommit, "source/Common.Kafka/KafkaProducer.cs, KafkaProducerOptions.cs (SSPL: shape only)", "SSPL-1.0", 1, """
            public sealed class ProducerOptions
            {
                public Acks Acks { get; set; }
                public double LingerMs { get; set; }
                public int MessageTimeoutMs { get; set; }
                public int MessageSendMaxRetries { get; set; }
            }

            public static IProducer<string, string> Initialize(string[] servers, ProducerOptions options)
            {
                ProducerConfig configuration = new()
                {
                    BootstrapServers = string.Join(',', servers),
                    Acks = options.Acks,
                    {|TPK2041:LingerMs = options.LingerMs|},
                    MessageTimeoutMs = options.MessageTimeoutMs,
                    MessageSendMaxRetries = options.MessageSendMaxRetries,
                };
                return new ProducerBuilder<string, string>(configuration).Build();
            }
            """, Judgement: "TPK2041: the options' LingerMs is a double bound from configuration.",
            Miss: "ProducerOptions.Acks has no initializer, so an unbound Acks is default(Acks) = Acks.None (acks=0: no acknowledgement, losses unreported); the value comes from another object, which the analyzers do not follow (TPK2020 not reported)."),

        new CorpusEntry(CecoChat, CecoChatCommit, "source/Common.Kafka/Health/KafkaHealthRegistrations.cs (SSPL: shape only)", "SSPL-1.0", 1, """
            public sealed class HealthProducerOptions { public Acks Acks { get; set; } public double LingerMs { get; set; } public int MessageTimeoutMs { get; set; } }

            public static void Register(Action<Action<ProducerConfig>> addKafka, string[] servers, HealthProducerOptions options)
            {
                addKafka(config =>
                {
                    config.BootstrapServers = string.Join(',', servers);
                    config.Acks = options.Acks;
                    {|TPK2041:config.LingerMs = options.LingerMs|};
                    config.MessageTimeoutMs = options.MessageTimeoutMs;
                });
            }
            """, Judgement: "TPK2041: as above."),

        new CorpusEntry(OrderService, OrderServiceCommit, "src/Ozon.Route256.Five.OrderService.Kafka/Producers/KafkaProducer.cs, Settings/ProducerSettings.cs (no licence: shape only)", "none stated", 1, """
            public sealed class ProducerSettings
            {
                public Acks Acks { get; set; } = Acks.Leader;
                public bool EnableIdempotence { get; set; } = false;
            }

            public static IProducer<string, string> Create(string servers, ProducerSettings settings)
            {
                var config = new ProducerConfig { BootstrapServers = servers, Acks = settings.Acks, EnableIdempotence = settings.EnableIdempotence };
                return new ProducerBuilder<string, string>(config).Build();
            }
            """, Miss: "ProducerSettings defaults to acks=1 without idempotence (loss on leader failure, duplicates on retry); the defaults live in the settings class, which the analyzers do not follow into the configuration (TPK2020/TPK2023 not reported)."),
    };

    private static KeyValuePair<string, string?> P(string key, string value) => new(key, value);
}

/// <summary>One corpus file: where the shape comes from, how many producer configurations it holds, the code, and the judgement.</summary>
internal sealed record CorpusEntry(
    string Repository,
    string Commit,
    string Path,
    string Licence,
    int Configurations,
    string Code,
    KeyValuePair<string, string?>[]? Oracle = null,
    string? Judgement = null,
    string? Miss = null,
    bool ReferencesAwsPackage = false,
    bool Derived = false);
