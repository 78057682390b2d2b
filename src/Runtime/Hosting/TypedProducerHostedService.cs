using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TypedProducer;

/// <summary>
/// Starts and stops the shared producer with the host. Start: registers every contract's value schema (checking
/// its topic name), creates the contract topics on the embedded cluster (when enabled), reads the partition counts that
/// [PartitionKey] contracts need; a failure stops the host from starting. Stop: flushes with the bounded
/// wait (<see cref="TypedProducerOptions.FlushTimeout"/>) and logs every message that was not delivered.
/// </summary>
public sealed partial class TypedProducerHostedService : IHostedService
{
    private readonly KafkaProducerConnection _connection;
    private readonly MessageContract[] _contracts;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="connection">The shared producer.</param>
    /// <param name="contracts">The registered contracts.</param>
    /// <param name="logger">The logger.</param>
    public TypedProducerHostedService(KafkaProducerConnection connection, IEnumerable<MessageContract> contracts, ILogger<TypedProducerHostedService>? logger = null)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _contracts = contracts?.Distinct().ToArray() ?? throw new ArgumentNullException(nameof(contracts));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The report of the last stop, or null before the host stopped.</summary>
    public ProducerShutdownReport? LastShutdownReport { get; private set; }

    /// <summary>
    /// Registers schemas, creates embedded topics and reads partition counts (see the class). Honours
    /// <paramref name="cancellationToken"/> throughout, also while no broker answers.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start (the host's start-up token).</param>
    /// <returns>A task that completes when the producers are ready.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="SchemaRegistry.SchemaRegistryException">A schema could not be registered or resolved.</exception>
    /// <exception cref="InvalidOperationException">Contracts need a schema registry and none is configured for a real cluster (<c>Kafka:SchemaRegistry:Url</c>).</exception>
    /// <exception cref="Confluent.Kafka.KafkaException">The partition count a <c>[PartitionKey]</c> contract needs could not be read.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Schemas first: it validates every topic name, so an illegal one is never created on the embedded cluster.
        await _connection.RegisterSchemasAsync(_contracts, cancellationToken).ConfigureAwait(false);
        _connection.CreateEmbeddedTopics(_contracts);
        // Read each topic's metadata now: [PartitionKey] contracts need the partition count, and for the others it
        // saves the first produce the metadata round trips (about a second on the mock cluster).
        bool brokersUnreachable = false;
        foreach (IGrouping<string, MessageContract> topic in _contracts.GroupBy(c => c.Topic, StringComparer.Ordinal))
        {
            bool needed = topic.Any(c => c.HasPartitionKey);
            if (brokersUnreachable && !needed)
            {
                continue; // Already logged: waiting again for each topic would only delay the start.
            }

            try
            {
                _connection.GetPartitionCount(topic.Key, cancellationToken);
            }
            catch (Confluent.Kafka.KafkaException ex) when (!needed)
            {
                // The topic may be created by the first produce (auto.create.topics.enable): not an error yet.
                LogMetadataUnavailable(topic.Key, ex.Error.Reason);
                brokersUnreachable = ex.Error.Code is Confluent.Kafka.ErrorCode.Local_TimedOut or Confluent.Kafka.ErrorCode.Local_Transport or Confluent.Kafka.ErrorCode.Local_AllBrokersDown;
            }
        }

        LogStarted(_contracts.Length, _connection.BootstrapServers);
    }

    /// <summary>
    /// Shuts the shared producer down (<see cref="KafkaProducerConnection.Shutdown"/>): produce calls are refused from
    /// now on, outstanding messages get the bounded wait, and what is left is failed and reported in
    /// <see cref="LastShutdownReport"/> (and summarised in the log).
    /// </summary>
    /// <param name="cancellationToken">Not used: the wait is bounded by <see cref="TypedProducerOptions.FlushTimeout"/>.</param>
    /// <returns>A completed task.</returns>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        LastShutdownReport = _connection.Shutdown();
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Metadata of topic '{Topic}' is not available at start-up ({Reason}); the first produce will request it")]
    private partial void LogMetadataUnavailable(string topic, string reason);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Typed producers ready: {ContractCount} contracts, brokers {BootstrapServers}")]
    private partial void LogStarted(int contractCount, string bootstrapServers);
}
