using System.Globalization;
using System.IO;
using TypedProducer.Benchmarks.Serialization;

namespace TypedProducer.Benchmarks;

/// <summary>Prints the summary as Markdown tables (the README's Performance section takes them as they are).</summary>
public static class SummaryTable
{
    public static void Print(SuiteSummary summary, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"## TypedProducer benchmarks ({summary.Mode}, {summary.GeneratedAt}, {summary.Machine.LogicalCores} cores, {summary.Machine.Runtime})");
        output.WriteLine();
        if (summary.Serialization.Count > 0)
        {
            output.WriteLine("| Record | Avro vs Google.Protobuf | Avro vs System.Text.Json | CPU ns/msg Avro / Protobuf / STJ | Bytes Avro / Protobuf / JSON | Allocated B/msg Avro / Protobuf / STJ | Avro allocation beyond the result |");
            output.WriteLine("|---|---:|---:|---|---|---|---:|");
            foreach (SerializationRow row in summary.Serialization)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Record} | {row.AvroSpeedVsProtobuf:0.00}x (wall {row.AvroSpeedVsProtobufWallClock:0.00}x) | {row.AvroSpeedVsSystemTextJson:0.00}x (wall {row.AvroSpeedVsSystemTextJsonWallClock:0.00}x) | {row.Paired.CpuMedianNs[SerializationRow.Avro]:0} / {row.Paired.CpuMedianNs[SerializationRow.Protobuf]:0} / {row.Paired.CpuMedianNs[SerializationRow.Json]:0} | {row.AvroAverageBytes:0} / {row.ProtobufAverageBytes:0} / {row.JsonAverageBytes:0} | {row.AvroAllocatedBytesPerMessage:0} / {row.ProtobufAllocatedBytesPerMessage:0} / {row.SystemTextJsonAllocatedBytesPerMessage:0} | {row.AvroExtraAllocatedBytesMax} B |"));
            }

            output.WriteLine();
        }

        foreach (string pending in summary.Pending)
        {
            output.WriteLine("TODO: " + pending);
        }

        output.WriteLine();
        if (summary.EndToEnd is { } e2e)
        {
            output.WriteLine("| End to end (mock cluster, RideStarted) | msg per CPU-second | msg/s (wall clock) | B allocated/msg |");
            output.WriteLine("|---|---:|---:|---:|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| raw IProducer<byte[],byte[]>, pre-serialized | {e2e.RawMessagesPerCpuSecond:0} | {e2e.RawMessagesPerSecond:0} | {e2e.RawAllocatedBytesPerMessage:0} |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| typed producer (serializes key and value) | {e2e.TypedMessagesPerCpuSecond:0} | {e2e.TypedMessagesPerSecond:0} | {e2e.TypedAllocatedBytesPerMessage:0} |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| typed / raw | {e2e.TypedToRawThroughput:0.00} | {e2e.TypedToRawThroughputWallClock:0.00} | {e2e.TypedAllocatedBytesPerMessage - e2e.RawAllocatedBytesPerMessage:+0;-0;0} |"));
            output.WriteLine();
        }

        if (summary.Generator is { } generator)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generator, {generator.Contracts} contracts: cold run {generator.ColdRunMs:0} ms, after an unrelated edit {generator.UnrelatedEditMs:0.0} ms; step outputs after the edit: {string.Join(", ", generator.UnrelatedEdit.StepOutputsByReason)}; source outputs: {string.Join(", ", generator.UnrelatedEdit.SourceOutputsByReason)}"));
            output.WriteLine();
        }

        output.WriteLine("| Target | Measured | Met |");
        output.WriteLine("|---|---|---|");
        foreach (TargetResult target in summary.TargetsMet)
        {
            output.WriteLine($"| {target.Target} | {target.Measured} | {(target.Met ? "yes" : "NO")} |");
        }
    }
}
