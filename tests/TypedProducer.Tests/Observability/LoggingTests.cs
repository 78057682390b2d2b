using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedProducer.SchemaRegistry;
using TypedProducer.Tests.Contracts;
using TypedProducer.Tests.Infrastructure;

namespace TypedProducer.Tests.Observability;

/// <summary>One EventId per distinct event, each in README's table; high-rate events logged a few times, then summarised.</summary>
public sealed class LoggingTests
{
    [Fact]
    public void EveryLoggerMessage_HasAnEventIdOfItsOwn_ListedInReadme()
    {
        var events = typeof(KafkaProducerConnection).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m.DeclaringType!.Name + "." + m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .ToList();
        Assert.True(events.Count >= 20, $"only {events.Count} [LoggerMessage] methods found");

        var shared = events.GroupBy(e => e.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}").ToList();
        Assert.True(shared.Count == 0, "EventIds used by more than one event: " + string.Join("; ", shared));

        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        string table = readme[readme.IndexOf("| EventId |", StringComparison.Ordinal)..];
        var documented = Regex.Matches(table, @"^\| (\d+) \|", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var missing = events.Where(e => !documented.Contains(e.Attribute!.EventId)).Select(e => $"{e.Attribute!.EventId} ({e.Method})").ToList();
        Assert.True(missing.Count == 0, "EventIds missing from README's log table: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task ManyUndeliveredMessagesWithoutHandler_LogAFewLinesAndOneSummary()
    {
        var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        // Port 1 refuses connections: every message times out after message.timeout.ms.
        var options = new TypedProducerOptions { BootstrapServers = "127.0.0.1:1" };
#pragma warning disable TPK2024 // deliberately short: the messages must time out within the test
        options.Producer["message.timeout.ms"] = "300";
#pragma warning restore TPK2024
        options.Producer["log_level"] = "0";
        var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient(), factory.CreateLogger<KafkaProducerConnection>());
        await connection.RegisterSchemasAsync([HeartbeatKafkaContract.Instance]);
        var producer = new HeartbeatProducer(connection);
        const int Count = 50;
        for (int i = 0; i < Count; i++)
        {
            producer.Produce(new Heartbeat("lost-" + i, DateTimeOffset.UnixEpoch));
        }

        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (connection.FailuresWithin(TimeSpan.FromMinutes(1)) < Count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the messages did not time out within 30 s");
            await Task.Delay(50);
        }

        connection.Dispose();

        var lines = logs.Entries.Where(e => e.EventId.Id == 8).ToList();
        Assert.Equal(3, lines.Count);
        var summary = Assert.Single(logs.Entries, e => e.EventId.Id == 12);
        Assert.Contains($"{Count - 3} more Heartbeat messages to topic 'unkeyed' were not delivered", summary.Message);
        Assert.Contains("Local_MsgTimedOut", summary.Message);
        Assert.Equal(LogLevel.Error, summary.Level);
    }

    [Fact]
    public async Task LibrdkafkaDebugFlood_IsCappedPerFacilityAndSummarised()
    {
        var logs = new ListLoggerProvider { MinimumLevel = LogLevel.Debug };
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var options = new TypedProducerOptions { Embedded = { Enabled = true, BrokerCount = 1 } };
        options.Producer["debug"] = "broker,protocol,msg";
        var connection = new KafkaProducerConnection(Options.Create(options), new InMemorySchemaRegistryClient(), factory.CreateLogger<KafkaProducerConnection>());
        connection.CreateEmbeddedTopics([HeartbeatKafkaContract.Instance]);
        await connection.RegisterSchemasAsync([HeartbeatKafkaContract.Instance]);
        var producer = new HeartbeatProducer(connection);
        for (int i = 0; i < 20; i++)
        {
            await producer.ProduceAsync(new Heartbeat("debug-" + i, DateTimeOffset.UnixEpoch));
        }

        connection.Dispose();

        var lines = logs.Entries.Where(e => e.EventId.Id == 4).ToList();
        Assert.NotEmpty(lines);
        foreach (var facility in lines.GroupBy(e => e.Message.Split(':')[0]))
        {
            // At most 10 per facility and 10 s window; this test runs within a few windows at most.
            Assert.True(facility.Count() <= 30, $"{facility.Key}: {facility.Count()} lines");
        }

        Assert.Contains(logs.Entries, e => e.EventId.Id == 13 && e.Message.Contains("more librdkafka"));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TypedProducer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TypedProducer.sln not found above " + AppContext.BaseDirectory);
    }
}
