using System;
using System.CommandLine;
using System.Globalization;
using System.Threading.Tasks;
using TypedProducer.FaultSuite;

// The fault-injection suite: ./build.sh faults (or dotnet run -c Release --project tests/FaultSuite). Its last line is
// messages=<n> faults=<n> lost=<n> duplicated=<n> order_violations=<n>; the exit code is 0 only when nothing was lost,
// duplicated, reordered or misreported.
TypedProducer.LibrdkafkaLibrary.Load();

var idempotentRides = new Option<int>("--idempotent-rides") { Description = "Rides of 2024-03-05 for the idempotent phase (2 events each).", DefaultValueFactory = _ => int.MaxValue };
var transactionalRides = new Option<int>("--transactional-rides") { Description = "Rides of 2024-03-27 for the transactional phase (2 events each).", DefaultValueFactory = _ => 12_500 };
var orders = new Option<int>("--orders") { Description = "olist orders (split between the phases).", DefaultValueFactory = _ => int.MaxValue };
var scale = new Option<double>("--fault-scale") { Description = "Multiplies every fault wave's duration.", DefaultValueFactory = _ => 1.0 };
var transactionSize = new Option<int>("--transaction-size") { Description = "Events per transaction.", DefaultValueFactory = _ => 1_000 };
var waves = new Option<string[]>("--waves") { Description = "Run only the fault waves whose name contains one of these strings.", AllowMultipleArgumentsPerToken = true };
var root = new RootCommand("Produces real events through typed idempotent and transactional producers while injecting Kafka faults, then reads the log back and checks that nothing was lost, duplicated or reordered.")
{
    idempotentRides, transactionalRides, orders, scale, transactionSize, waves,
};
root.SetAction(async (parse, token) =>
{
    var options = new FaultRunOptions
    {
        IdempotentRides = parse.GetValue(idempotentRides),
        TransactionalRides = parse.GetValue(transactionalRides),
        Orders = parse.GetValue(orders),
        FaultScale = parse.GetValue(scale),
        TransactionSize = parse.GetValue(transactionSize),
        WaveFilter = parse.GetValue(waves) is { Length: > 0 } filter ? filter : null,
        Log = Console.WriteLine,
    };
    FaultRunResult result = await FaultRun.RunAsync(options, token);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"delivery reports: {result.DeliveryReports}/{result.ProduceCalls} produce calls accounted for ({result.FailedDeliveries} failed, all in aborted transaction attempts or listed as lost)"));
    Console.WriteLine($"transactions: {result.Transactions} committed ({result.ResumedCommits} timed-out commits resumed), {result.AbortedAttempts} attempts aborted and produced again; records of aborted attempts: {result.AbortedRecordsInLog} in the log (read_uncommitted), {result.AbortedRecordsVisible} visible to read_committed");
    Console.WriteLine($"checks: offset_mismatches={result.OffsetMismatches} offsets_unknown={result.OffsetsUnknown} (duplicate batches the mock acknowledges without their offset) value_mismatches={result.ValueMismatches} partition_mismatches={result.PartitionMismatches}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"retries: txretries={result.Retries} (produce requests retried), txmsgs={result.MessagesTransmitted} (messages transmitted, resends included; {result.MessagesTransmitted - result.ProduceCalls} more than produce calls)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run time: {result.Elapsed.TotalSeconds:F1} s; result: {(result.Passed ? "PASS" : "FAIL")}"));
    Console.WriteLine(result.SummaryLine);
    return result.Passed ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();
