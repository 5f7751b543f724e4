using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace ConvSharp.Cli.Bench;

/// <summary>Median, min and max of repeated runs, in milliseconds.</summary>
/// <param name="MedianMs">Median.</param>
/// <param name="MinMs">Fastest run.</param>
/// <param name="MaxMs">Slowest run.</param>
/// <param name="Runs">Timed runs.</param>
public sealed record Timing(double MedianMs, double MinMs, double MaxMs, int Runs)
{
    /// <summary>
    /// A warm-up (one run, repeated for up to <paramref name="warmUpSeconds"/> so the JIT's tiering settles), then
    /// repetitions until at least <paramref name="minSeconds"/> have passed and at least <paramref name="minRuns"/> runs
    /// are done, or until <paramref name="maxSeconds"/> runs out. A first run that alone exceeds
    /// <paramref name="maxSeconds"/> is reported as the single run, so slow rows do not hold a suite up.
    /// </summary>
    public static Timing Measure(Action run, double minSeconds = 0.3, int minRuns = 5, double maxSeconds = 10, double warmUpSeconds = 0.1)
    {
        ArgumentNullException.ThrowIfNull(run);

        // Settle the heap first: a background collection of the previous row's garbage would otherwise take a core.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        long warmStart = Stopwatch.GetTimestamp();
        run();
        double warm = Stopwatch.GetElapsedTime(warmStart).TotalMilliseconds;
        if (warm > maxSeconds * 1000) return new Timing(warm, warm, warm, 1);
        while (Stopwatch.GetElapsedTime(warmStart).TotalSeconds < warmUpSeconds) run();

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while ((times.Count < minRuns || total.Elapsed.TotalSeconds < minSeconds) && (times.Count == 0 || total.Elapsed.TotalSeconds < maxSeconds))
        {
            long start = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        double median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        return new Timing(median, times[0], times[^1], times.Count);
    }
}
