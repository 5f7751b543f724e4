using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

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
    public static Timing Measure(Action run, double minSeconds = 0.3, int minRuns = 5, double maxSeconds = 10, double warmUpSeconds = 0.1) =>
        FromSamples(Sample(run, minSeconds, minRuns, maxSeconds, warmUpSeconds));

    /// <summary>
    /// The timed runs of <see cref="Measure"/>, in milliseconds, unsorted; one element (the warm-up itself) when the
    /// warm-up alone exceeds <paramref name="maxSeconds"/>. Rounds of a row measured at different moments are merged by
    /// concatenating their samples (<see cref="FromSamples"/>).
    /// </summary>
    public static List<double> Sample(Action run, double minSeconds = 0.3, int minRuns = 5, double maxSeconds = 10, double warmUpSeconds = 0.1) =>
        Sample(run, minSeconds, minRuns, maxSeconds, warmUpSeconds, out _);

    /// <summary><see cref="Sample(Action, double, int, double, double)"/>, saying whether the warm-up alone exceeded <paramref name="maxSeconds"/>.</summary>
    private static List<double> Sample(Action run, double minSeconds, int minRuns, double maxSeconds, double warmUpSeconds, out bool warmUpOnly)
    {
        ArgumentNullException.ThrowIfNull(run);
        warmUpOnly = false;

        // Settle the heap first: a background collection of the previous row's garbage would otherwise take a core.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        long warmStart = Stopwatch.GetTimestamp();
        run();
        double warm = Stopwatch.GetElapsedTime(warmStart).TotalMilliseconds;
        if (warm > maxSeconds * 1000)
        {
            warmUpOnly = true;
            return [warm];
        }

        while (Stopwatch.GetElapsedTime(warmStart).TotalSeconds < warmUpSeconds) run();

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while ((times.Count < minRuns || total.Elapsed.TotalSeconds < minSeconds) && (times.Count == 0 || total.Elapsed.TotalSeconds < maxSeconds))
        {
            long start = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    /// <summary>
    /// Times <paramref name="runs"/> in <paramref name="rounds"/> rounds, every action once per round in turn (a
    /// <see cref="Sample"/> each, the warm-up only in the first round), and merges each action's runs. An action whose
    /// first round was its single over-long warm-up run is not timed again. <paramref name="timeOne"/>, when given,
    /// wraps each sampling (round, index, the sampling itself), for progress display.
    /// </summary>
    public static List<Timing> Rounds(IReadOnlyList<Action> runs, int rounds, double maxSeconds, Func<int, int, Func<List<double>>, List<double>>? timeOne = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var samples = new List<double>[runs.Count];
        var tooSlow = new bool[runs.Count];
        for (int i = 0; i < samples.Length; i++) samples[i] = [];
        for (int round = 0; round < rounds; round++)
        {
            double warmUp = round == 0 ? 0.1 : 0;
            for (int i = 0; i < runs.Count; i++)
            {
                if (tooSlow[i]) continue;
                var run = runs[i];
                int index = i;
                List<double> Time() => Sample(run, 0.3, 5, maxSeconds, warmUp, out tooSlow[index]);
                samples[i].AddRange(timeOne is null ? Time() : timeOne(round, i, Time));
            }
        }

        return samples.Select(FromSamples).ToList();
    }

    /// <summary>Median, min, max and count of <paramref name="samples"/> (milliseconds; at least one).</summary>
    public static Timing FromSamples(IReadOnlyCollection<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("at least one sample is needed", nameof(samples));
        var times = new List<double>(samples);
        times.Sort();
        double median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        return new Timing(median, times[0], times[^1], times.Count);
    }
}
