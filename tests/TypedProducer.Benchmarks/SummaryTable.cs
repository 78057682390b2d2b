using System.Globalization;
using System.Linq;
using System.IO;
using TypedProducer.Benchmarks.Deserialization;
using TypedProducer.Benchmarks.EndToEnd;
using TypedProducer.Benchmarks.Native;
using TypedProducer.Benchmarks.Serialization;

namespace TypedProducer.Benchmarks;

/// <summary>Prints the summary as Markdown tables (the README's Performance section takes them as they are).</summary>
public static class SummaryTable
{
    private static string Cell(CandidateResult c)
    {
        string extra = c.ExtraAllocatedBytesMax is { } bytes ? " (+" + bytes.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{c.CpuNs:0} ns / {c.AverageBytes:0} B / {c.AllocatedBytesPerMessage:0} B{extra}");
    }

    public static void Print(SuiteSummary summary, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"## TypedProducer benchmarks ({summary.Mode}, {summary.GeneratedAt}, {summary.Machine.LogicalCores} cores, {summary.Machine.Runtime})");
        output.WriteLine();
        if (summary.Serialization.Count > 0)
        {
            output.WriteLine("Serialization: speed relative to the reference (its CPU time / the candidate's; above 1 = faster), median of interleaved rounds.");
            output.WriteLine();
            output.WriteLine("| Record | Avro vs Google.Protobuf | Avro vs STJ | Protobuf vs Google.Protobuf (same .proto) | Protobuf vs STJ | JSON vs STJ | JSON vs Google.Protobuf |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (SerializationRow row in summary.Serialization)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Record} | {row.Ratios["avroVsProtobuf"]:0.00}x | {row.Ratios["avroVsSystemTextJson"]:0.00}x | {row.Ratios["protobufVsGoogleProtobufSameProto"]:0.00}x | {row.Ratios["protobufVsSystemTextJson"]:0.00}x | {row.Ratios["jsonVsSystemTextJson"]:0.00}x | {row.Ratios["jsonVsGoogleProtobuf"]:0.00}x |"));
            }

            output.WriteLine();
            output.WriteLine("Per message: CPU ns / bytes on the wire / bytes allocated (allocated beyond the returned array, generated serializers).");
            output.WriteLine();
            output.WriteLine("| Record | Google.Protobuf | Avro | Protobuf | Google.Protobuf (generated .proto) | JSON | System.Text.Json |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (SerializationRow row in summary.Serialization)
            {
                output.WriteLine($"| {row.Record} | " + string.Join(" | ", row.Candidates.Select(Cell)) + " |");
            }

            output.WriteLine();
        }

        if (summary.Deserialization is { Count: > 0 } deserialization)
        {
            output.WriteLine("Deserialization: speed of the generated reader relative to the reference (its CPU time / the generated reader's), median of interleaved rounds; per value: CPU ns / bytes allocated.");
            output.WriteLine();
            output.WriteLine("| Record | Avro vs Apache.Avro generic | Avro vs Confluent Avro | JSON vs Confluent JSON | " + string.Join(" | ", deserialization[0].Candidates.Select(c => c.Name)) + " |");
            output.WriteLine("|---|---:|---:|---:|" + string.Concat(deserialization[0].Candidates.Select(_ => "---|")));
            foreach (DeserializationRow row in deserialization)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Record} | {row.Ratios["avroVsApacheAvroGeneric"]:0.00}x | {row.Ratios["avroVsConfluentAvro"]:0.00}x | {row.Ratios["jsonVsConfluentJson"]:0.00}x | ")
                    + string.Join(" | ", row.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.CpuNs:0} ns / {c.AllocatedBytesPerMessage:0} B"))) + " |");
            }

            output.WriteLine();
        }

        if (summary.EndToEnd.Count > 0)
        {
            output.WriteLine("| End to end (mock cluster, RideStarted) | settings | msg per CPU-second | msg/s (wall clock) | B allocated/msg |");
            output.WriteLine("|---|---|---:|---:|---:|");
            foreach (EndToEndRow e2e in summary.EndToEnd)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| raw IProducer<byte[],byte[]>, pre-serialized | {e2e.Settings} | {e2e.RawMessagesPerCpuSecond:0} | {e2e.RawMessagesPerSecond:0} | {e2e.RawAllocatedBytesPerMessage:0} |"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| typed producer (serializes key and value) | {e2e.Settings} | {e2e.TypedMessagesPerCpuSecond:0} | {e2e.TypedMessagesPerSecond:0} | {e2e.TypedAllocatedBytesPerMessage:0} |"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **typed / raw** | {e2e.Settings} | {e2e.TypedToRawThroughput:0.00} | {e2e.TypedToRawThroughputWallClock:0.00} | {e2e.TypedAllocatedBytesPerMessage - e2e.RawAllocatedBytesPerMessage:+0;-0;0} |"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| typed, every span sampled, metrics on | {e2e.Settings} | {e2e.TypedMessagesPerCpuSecond * e2e.TracedToTypedThroughput:0} | {e2e.TypedMessagesPerSecond * e2e.TracedToTypedThroughputWallClock:0} | {e2e.TracedAllocatedBytesPerMessage:0} |"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **traced / typed** | {e2e.Settings} | {e2e.TracedToTypedThroughput:0.00} | {e2e.TracedToTypedThroughputWallClock:0.00} | {e2e.TracedAllocatedBytesPerMessage - e2e.TypedAllocatedBytesPerMessage:+0;-0;0} |"));
            }

            output.WriteLine();
        }

        if (summary.NativeProduce.Count > 0)
        {
            output.WriteLine("Produce paths: CPU time per message relative to the raw Confluent producer's (below 1 = cheaper), median of interleaved rounds; whole process, the C producer's own process. The typed producer produces through librdkafka directly (NativeKafkaProducer).");
            output.WriteLine();
            output.WriteLine("| Candidate | settings | CPU / raw | CPU ns/msg | B allocated/msg |");
            output.WriteLine("|---|---|---:|---:|---:|");
            foreach (NativeProduceRow row in summary.NativeProduce)
            {
                void Line(string label, string name, double ratio, string allocated) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {label} | {row.Settings} | {ratio:0.00} | {row.Paired.CpuMedianNs[name]:0} | {allocated} |"));
                Line("NativeKafkaProducer, pre-serialized, no handler", NativeProduceRow.Native, row.NativeToRawCpu, F(row.NativeAllocatedBytesPerMessage));
                Line("NativeKafkaProducer, pre-serialized, one shared handler", NativeProduceRow.NativeWithHandler, row.NativeWithHandlerToRawCpu, F(row.NativeWithHandlerAllocatedBytesPerMessage));
                Line("raw IProducer<byte[],byte[]>, pre-serialized", NativeProduceRow.Raw, 1, F(row.RawAllocatedBytesPerMessage));
                Line("typed producer (generated RideStartedProducer), Produce", NativeProduceRow.Typed, row.TypedToRawCpu, F(row.TypedAllocatedBytesPerMessage));
                Line("typed producer, ProduceAsync", NativeProduceRow.TypedAsync, row.TypedAsyncToRawCpu, F(row.TypedAsyncAllocatedBytesPerMessage));
                Line("Confluent IProducer<string,GenericRecord> + AvroSerializer", NativeProduceRow.GenericRecord, row.GenericRecordToRawCpu, F(row.GenericRecordAllocatedBytesPerMessage));
                Line("C producer (native_producer.c, own mock cluster)", NativeProduceRow.C, row.CToRawCpu, "n/a");
            }

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

    private static string F(double bytes) => bytes.ToString("0.0", CultureInfo.InvariantCulture);
}
