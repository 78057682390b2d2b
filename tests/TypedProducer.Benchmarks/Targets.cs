using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TypedProducer.Benchmarks.EndToEnd;
using TypedProducer.Benchmarks.Generator;
using TypedProducer.Benchmarks.Native;
using TypedProducer.Benchmarks.Serialization;

namespace TypedProducer.Benchmarks;

/// <summary>The performance targets of issues 6 and 11 and how a run measures up to them.</summary>
public static class Targets
{
    public const double AvroVsProtobuf = 1.0;
    public const double TypedVsRawThroughput = 0.9;
    public const double NativeVsRawCpu = 0.8;
    public const double TypedVsCCpu = 2.0;

    public static IReadOnlyDictionary<string, string> Describe() => new SortedDictionary<string, string>
    {
        ["avroSpeedVsProtobuf"] = $">= {AvroVsProtobuf.ToString(CultureInfo.InvariantCulture)} (Google.Protobuf CPU time / Avro CPU time, median of interleaved rounds, every record shape)",
        ["extraAllocatedBytes"] = "0 (per message, each generated serializer (Avro, Protobuf, JSON) allocates only the returned byte[])",
        ["typedToRawThroughput"] = $">= {TypedVsRawThroughput.ToString(CultureInfo.InvariantCulture)} (raw byte[] producer CPU time per message / typed; wall-clock ratio reported beside it)",
        ["generatorUnrelatedEdit"] = "every tracked step output Cached or Unchanged",
        ["typedToRawCpu"] = $"<= {NativeVsRawCpu.ToString(CultureInfo.InvariantCulture)} (issue 11: generated producer's CPU time per message, serializing included, / raw Confluent byte[] producer's, pre-serialized)",
        ["typedToCCpu"] = $"<= {TypedVsCCpu.ToString(CultureInfo.InvariantCulture)} (issue 11 stretch: generated producer's CPU time per message / the C producer's on the same mock)",
        ["typedAllocatedBytes"] = "0 (issue 11: bytes allocated per message, process-wide, by the generated producer's Produce without a handler, to 0.1 B)",
        ["nativeAllocatedBytes"] = "0 (bytes allocated per message, process-wide, by NativeKafkaProducer.Produce without a handler, to 0.1 B)",
    };

    public static IReadOnlyList<TargetResult> Evaluate(IReadOnlyList<SerializationRow> serialization, IReadOnlyList<EndToEndRow> endToEnd, IReadOnlyList<NativeProduceRow> native, GeneratorRow? generator)
    {
        var results = new List<TargetResult>();
        foreach (SerializationRow row in serialization)
        {
            double speed = row.Ratios["avroVsProtobuf"];
            results.Add(new TargetResult($"Avro at least as fast as Google.Protobuf: {row.Record}", F(speed) + "x", speed >= AvroVsProtobuf));
            foreach (string generated in new[] { SerializerCandidate.Avro, SerializerCandidate.GeneratedProtobuf, SerializerCandidate.GeneratedJson })
            {
                long extra = row[generated].ExtraAllocatedBytesMax ?? -1;
                results.Add(new TargetResult($"{generated} serializer allocates only the final array: {row.Record}", $"{extra} extra bytes (max)", extra == 0));
            }
        }

        foreach (EndToEndRow row in endToEnd)
        {
            results.Add(new TargetResult(
                $"Typed end-to-end throughput at least 0.9 of raw byte[]: {row.Settings}",
                $"{F(row.TypedToRawThroughput)} (CPU), {F(row.TypedToRawThroughputWallClock)} (wall clock)",
                row.TypedToRawThroughput >= TypedVsRawThroughput && row.RawDeliveryFailures == 0));
        }

        foreach (NativeProduceRow row in native)
        {
            results.Add(new TargetResult(
                $"Typed producer CPU per message at most {F(NativeVsRawCpu)} of raw byte[]: {row.Settings}",
                $"{F(row.TypedToRawCpu)} (NativeKafkaProducer pre-serialized: {F(row.NativeToRawCpu)}, C producer: {F(row.CToRawCpu)}, GenericRecord + AvroSerializer: {F(row.GenericRecordToRawCpu)})",
                row.TypedToRawCpu <= NativeVsRawCpu && row.DeliveryFailures == 0));
            results.Add(new TargetResult(
                $"Stretch: typed producer CPU per message at most {F(TypedVsCCpu)}x the C producer's: {row.Settings}",
                $"{F(row.TypedToCCpu)}x",
                row.TypedToCCpu <= TypedVsCCpu));
            results.Add(new TargetResult(
                $"Typed Produce without a handler allocates nothing per message: {row.Settings}",
                $"{row.TypedAllocatedBytesPerMessage.ToString("0.0", CultureInfo.InvariantCulture)} B/msg (ProduceAsync: {row.TypedAsyncAllocatedBytesPerMessage.ToString("0", CultureInfo.InvariantCulture)} B/msg, its task, completion and result)",
                row.TypedAllocatedBytesPerMessage == 0));
            results.Add(new TargetResult(
                $"Native Produce without a handler allocates nothing per message: {row.Settings}",
                $"{row.NativeAllocatedBytesPerMessage.ToString("0.0", CultureInfo.InvariantCulture)} B/msg",
                row.NativeAllocatedBytesPerMessage == 0));
        }

        if (generator is not null)
        {
            string measured = generator.UnrelatedEdit.AllCached
                ? $"{generator.UnrelatedEdit.StepOutputs} step outputs, all Cached or Unchanged"
                : "re-ran: " + string.Join(", ", generator.UnrelatedEdit.Rerun.Concat(generator.UnrelatedEdit.MissingSteps.Select(m => m + ": not tracked")));
            results.Add(new TargetResult("No generator step re-runs on an unrelated edit", measured, generator.UnrelatedEdit.AllCached));
        }

        return results;
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
