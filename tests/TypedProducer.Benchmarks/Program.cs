using System;
using System.Linq;
using BenchmarkDotNet.Running;
using TypedProducer.Benchmarks;
using TypedProducer.Benchmarks.EndToEnd;

// Confluent.Kafka 2.15.1 on the OS librdkafka 2.0.2 (see DEVELOPERS.md); harmless with the real librdkafka.redist.
TypedProducer.LibrdkafkaLibrary.Load();

// --quick: the short suite that writes artifacts/bench/summary.json and prints the ratio table (./build.sh bench).
// --full:  the same benchmarks and summary with BenchmarkDotNet's default accuracy (minutes).
//   Further arguments: --no-benchmarkdotnet (interleaved ratios and checks only), and class name fragments to
//   run only some (Olist, EndToEnd, Generator, ...).
// --profile raw|typed|traced [seconds] [defaults|sample]: one end-to-end producer in a loop, for a profiler (perf record).
if (args.Length > 0 && args[0] == "--profile")
{
    return EndToEndProfile.Run(
        args.Length > 1 ? args[1] : "typed",
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20,
        args.Length > 3 ? args[3] : EndToEndBenchmarks.DefaultSettings);
}

// Anything else goes to BenchmarkDotNet's own command line (for example --filter '*Olist*' --list flat).
if (args.Length > 0 && args[0] is "--quick" or "--full")
{
    string[] rest = args.Skip(1).ToArray();
    return BenchmarkSuite.Run(
        quick: args[0] == "--quick",
        benchmarkDotNet: !rest.Contains("--no-benchmarkdotnet"),
        only: rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray());
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkSuite).Assembly).Run(args, BenchmarkSuite.CreateConfig(quick: false));
return 0;
