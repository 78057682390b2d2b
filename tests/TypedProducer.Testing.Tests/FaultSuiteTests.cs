using TypedProducer.FaultSuite;

namespace TypedProducer.Testing.Tests;

/// <summary>A small run of the fault-injection suite (the full one: ./build.sh faults).</summary>
public sealed class FaultSuiteTests
{
    [Fact]
    public async Task IdempotentAndTransactionalProducersUnderFaults_LoseDuplicateAndReorderNothing()
    {
        var options = new FaultRunOptions
        {
            IdempotentRides = 1_500,
            TransactionalRides = 500,
            Orders = 400,
            RidePartitions = 6,
            OrderPartitions = 3,
            TransactionSize = 250,
            FaultScale = 0.3,
            WaveFilter = ["NOT_LEADER_FOR_PARTITION x4", "REQUEST_TIMED_OUT x4", "transport errors", "leader moves", "coordinator errors", "broker 1 down"],
        };

        FaultRunResult result = await FaultRun.RunAsync(options);

        Assert.True(result.Messages >= 4_000, result.SummaryLine);
        Assert.True(result.Faults > 0, result.SummaryLine);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicated);
        Assert.Equal(0, result.OrderViolations);
        Assert.Equal(0, result.OffsetMismatches);
        Assert.Equal(0, result.ValueMismatches);
        Assert.Equal(0, result.PartitionMismatches);
        Assert.Equal(result.ProduceCalls, result.DeliveryReports);
        Assert.Equal(0, result.AbortedRecordsVisible);
        Assert.True(result.Transactions >= 4, $"{result.Transactions} transactions committed");
    }
}
