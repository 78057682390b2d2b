using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TypedProducer.Benchmarks;

/// <summary>
/// CPU time consumed by this thread or this whole process (every managed and native thread: librdkafka's and
/// the mock brokers'), in nanoseconds. Unlike wall-clock time it does not count the time other processes hold
/// the cores, which on a shared machine is most of the noise. Linux: clock_gettime with nanosecond
/// resolution; elsewhere: <see cref="Process.TotalProcessorTime"/> (coarser).
/// </summary>
public static partial class CpuClock
{
    private const int ClockProcessCpuTime = 2; // CLOCK_PROCESS_CPUTIME_ID
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID

    public static long ProcessNanoseconds() => OperatingSystem.IsLinux()
        ? Read(ClockProcessCpuTime)
        : (long)Process.GetCurrentProcess().TotalProcessorTime.TotalNanoseconds;

    public static long ThreadNanoseconds() => OperatingSystem.IsLinux()
        ? Read(ClockThreadCpuTime)
        : (long)Process.GetCurrentProcess().TotalProcessorTime.TotalNanoseconds;

    private static long Read(int clock)
    {
        if (clock_gettime(clock, out TimeSpec time) != 0)
        {
            throw new InvalidOperationException($"clock_gettime({clock}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);
}
