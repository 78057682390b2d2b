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

        // One check of every figure, so that a failure shows the whole result (every count, not only the first that is off).
        var problems = new List<string>();
        void Expect(bool holds, string what) { if (!holds) { problems.Add(what); } }
        Expect(result.Messages >= 4_000, "messages >= 4,000");
        Expect(result.Faults > 0, "faults > 0");
        Expect(result.Lost == 0, "lost = 0");
        Expect(result.Duplicated == 0, "duplicated = 0");
        Expect(result.OrderViolations == 0, "order_violations = 0");
        Expect(result.OffsetMismatches == 0, "offset mismatches = 0");
        Expect(result.ValueMismatches == 0, "value mismatches = 0");
        Expect(result.PartitionMismatches == 0, "partition mismatches = 0");
        Expect(result.ProduceCalls == result.DeliveryReports, "one delivery report per produce call");
        Expect(result.AbortedRecordsVisible == 0, "no aborted record visible to read_committed");
        Expect(result.Transactions >= 4, "transactions committed >= 4");
        Assert.True(problems.Count == 0, $"not held: {string.Join("; ", problems)}{Environment.NewLine}{result.SummaryLine}{Environment.NewLine}{result}");
    }
}
