using System;
using System.Diagnostics;
using System.Globalization;

namespace TypedProducer.Benchmarks.EndToEnd;

/// <summary>Runs one side of <see cref="EndToEndBenchmarks"/> for a while, for a profiler, and prints its cost per message.</summary>
public static class EndToEndProfile
{
    public static int Run(string side, int seconds, string settings = EndToEndBenchmarks.DefaultSettings)
    {
        var benchmark = new EndToEndBenchmarks { Settings = settings };
        benchmark.Setup();
        try
        {
            Func<int> batch = side switch
            {
                "raw" => benchmark.RawProducer,
                "traced" => benchmark.TypedProducerTraced,
                _ => benchmark.TypedProducer,
            };
            batch();
            long messages = 0;
            long cpu = CpuClock.ProcessNanoseconds(), thread = CpuClock.ThreadNanoseconds();
            int gen0 = GC.CollectionCount(0);
            TimeSpan pause = GC.GetTotalPauseDuration();
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                batch();
                messages += EndToEndBenchmarks.MessagesPerInvoke;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{side}: {messages} messages, {(CpuClock.ProcessNanoseconds() - cpu) / (double)messages:0} ns process CPU/msg, {(CpuClock.ThreadNanoseconds() - thread) / (double)messages:0} ns producer-thread CPU/msg, {messages / watch.Elapsed.TotalSeconds:0} msg/s, {GC.CollectionCount(0) - gen0} gen0 GCs, {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0} ms GC pause"));
            return 0;
        }
        finally
        {
            benchmark.Cleanup();
        }
    }
}
