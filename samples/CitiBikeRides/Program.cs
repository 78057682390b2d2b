using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System;
using CitiBikeRides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TypedProducer.SchemaRegistry;
using TypedProducer;

var csvArgument = new Argument<FileInfo?>("csv") { Description = "A Citi Bike trips CSV. Default: ../shared/data/citibike/citibike-trips-2024-03-05.csv beside the checkout, else a generated day.", Arity = ArgumentArity.ZeroOrOne };
var bootstrapOption = new Option<string?>("--bootstrap-servers") { Description = "Produce to this Kafka cluster instead of the embedded mock cluster." };
var limitOption = new Option<int?>("--limit") { Description = "Use only the first N rides." };
var formatOption = new Option<RideFormat>("--format") { Description = "The wire format: avro (citibike.rides), protobuf (citibike.rides.proto) or json (citibike.rides.json).", DefaultValueFactory = _ => RideFormat.Avro };
var registryOption = new Option<string?>("--schema-registry")
{
    Description = "Register the value schemas with this Confluent-compatible Schema Registry (one URL, or several comma-separated, " +
        "e.g. http://localhost:8081) through the REST client, and read the schemas back from it by id when verifying. " +
        "Sets Kafka:SchemaRegistry:Url. Default: the in-memory registry, which only the embedded cluster accepts (with --bootstrap-servers a registry is required).",
};
var root = new RootCommand("Produces Citi Bike ride events through generated typed producers, reads them back and checks them.") { csvArgument, bootstrapOption, limitOption, registryOption, formatOption };
root.SetAction(async (parse, _) => await RunAsync(parse.GetValue(csvArgument), parse.GetValue(bootstrapOption), parse.GetValue(limitOption), parse.GetValue(registryOption), parse.GetValue(formatOption)));
return await root.Parse(args).InvokeAsync();

static async Task<int> RunAsync(FileInfo? csv, string? bootstrapServers, int? limit, string? schemaRegistry, RideFormat format)
{
    if (format == RideFormat.Protobuf && !ProtosMatchContracts())
    {
        return 2;
    }

    var rides = LoadRides(csv);
    if (limit is { } n)
    {
        rides = rides.Take(n).ToList();
    }

    var events = RidePublisher.ToEvents(rides, format);
    Console.WriteLine($"{rides.Count} rides -> {events.Count} events (RideStarted + RideEnded), in event-time order, format {format.ToString().ToLowerInvariant()}");

    HostApplicationBuilder builder = Host.CreateApplicationBuilder();
    builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false);
    if (!string.IsNullOrWhiteSpace(bootstrapServers))
    {
        // A real cluster: turn the embedded one off (configuring both is an error by design).
        builder.Configuration["Kafka:BootstrapServers"] = bootstrapServers;
        builder.Configuration["Kafka:Embedded:Enabled"] = "false";
    }

    if (!string.IsNullOrWhiteSpace(schemaRegistry))
    {
        // The REST client replaces the in-memory registry (AddTypedProducers picks it when the URL is set).
        builder.Configuration["Kafka:SchemaRegistry:Url"] = schemaRegistry;
    }

    builder.Services.AddTypedProducers(builder.Configuration.GetSection("Kafka"));
    builder.Services.AddSingleton<RidePublisher>();
    PublishResult published;
    VerificationResult verified;
    string latency;
    // The delivery latency of each send, from TypedProducer's messaging.client.operation.duration histogram.
    using var deliveryLatency = new DeliveryLatency();
    using (IHost host = builder.Build())
    {
        try
        {
            await host.StartAsync();
        }
        catch (SchemaRegistryException ex)
        {
            // Start-up resolves every schema id first; a registry that refuses or does not answer stops the run here.
            Console.Error.WriteLine($"schema registry error {ex.ErrorCode}: {ex.Message}");
            return 2;
        }

        var connection = host.Services.GetRequiredService<KafkaProducerConnection>();
        Console.WriteLine(connection.EmbeddedCluster is null
            ? $"Kafka cluster: {connection.BootstrapServers}"
            : $"Kafka cluster: embedded mock, {connection.EmbeddedCluster.BrokerCount} brokers at {connection.BootstrapServers}");
        var registry = host.Services.GetRequiredService<ISchemaRegistryClient>();
        Console.WriteLine($"Schemas: {registry}");

        published = host.Services.GetRequiredService<RidePublisher>().PublishAll(events);
        latency = deliveryLatency.Describe();
        string topic = format switch
        {
            RideFormat.Protobuf => RideStartedProtoKafkaContract.TopicName,
            RideFormat.Json => RideStartedJsonKafkaContract.TopicName,
            _ => RideStartedKafkaContract.TopicName,
        };
        var decoder = new RideDecoder(registry, format);
        int partitions = connection.GetPartitionCount(topic);
        verified = RideVerifier.ReadBack(connection.BootstrapServers, topic, partitions, decoder, events);

        double seconds = published.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput ({format.ToString().ToLowerInvariant()}, topic {topic}): {published.Produced / seconds:F0} events/s, {verified.Bytes / seconds / 1_000_000:F2} MB/s (key+value bytes), {published.Produced} events in {seconds:F2} s"));
        Console.WriteLine($"delivery latency (messaging.client.operation.duration): {latency}");
        Console.WriteLine($"partitions ({partitions}): " + string.Join(" ", verified.PerPartition.Select(p => $"p{p.Key}={p.Value}")));
        Console.WriteLine($"keys on the Java client's partition: {verified.Consumed - verified.PartitionMismatches}/{verified.Consumed}; value mismatches: {verified.Mismatched}; failed deliveries: {published.Failed}");
        Console.WriteLine("decoded events:");
        foreach (DecodedRecord record in verified.Samples)
        {
            Console.WriteLine(RideVerifier.Describe(record));
        }

        await host.StopAsync();
    }

    // Printed after the host is disposed, so that no shutdown log line can follow the summary.
    Console.WriteLine($"produced={published.Produced} delivered={published.Delivered} consumed={verified.Consumed} lost={verified.Lost} duplicated={verified.Duplicated} order_violations={verified.OrderViolations}");
    bool ok = verified.Lost == 0 && verified.Duplicated == 0 && verified.OrderViolations == 0 && published.Delivered == published.Produced && verified.Consumed == published.Produced && verified.PartitionMismatches == 0;
    return ok ? 0 : 1;
}

static System.Collections.Generic.List<Ride> LoadRides(FileInfo? csv)
{
    if (csv is not null)
    {
        Console.WriteLine($"reading {csv.FullName}");
        return RideSource.Load(csv.FullName);
    }

    string? checkout = FindCheckout();
    string? defaultPath = checkout is null ? null : Path.GetFullPath(Path.Combine(checkout, "..", "shared", "data", "citibike", "citibike-trips-2024-03-05.csv"));
    if (defaultPath is not null && File.Exists(defaultPath))
    {
        Console.WriteLine($"reading {defaultPath}");
        return RideSource.Load(defaultPath);
    }

    Console.WriteLine($"the Citi Bike data folder was not found ({defaultPath ?? "no checkout found"}): using a generated day of 2000 rides");
    return RideSource.Generate(2000);
}

// Protos/*.proto are the .proto files published for consumers in other languages: they must be the generator's .proto text.
static bool ProtosMatchContracts()
{
    foreach ((string file, string generated) in new[] { ("ride_started.proto", RideStartedProtoKafkaContract.ProtobufSchema), ("ride_ended.proto", RideEndedProtoKafkaContract.ProtobufSchema) })
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Protos", file);
        if (File.ReadAllText(path).Replace("\r\n", "\n") != generated)
        {
            Console.Error.WriteLine($"{path} differs from the generator's .proto of its contract; copy the contract's ProtobufSchema constant into samples/CitiBikeRides/Protos/{file}.");
            return false;
        }
    }

    return true;
}

// The folder holding TypedProducer.sln, found from the program's own location (the sample may run from any cwd).
static string? FindCheckout()
{
    for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "TypedProducer.sln")))
        {
            return dir.FullName;
        }
    }

    return null;
}
