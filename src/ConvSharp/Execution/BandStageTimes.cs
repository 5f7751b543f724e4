using System;
using System.Diagnostics;
using System.Threading;

namespace ConvSharp.Execution;

/// <summary>
/// Stage times of an algorithm whose stages alternate inside each parallel band (im2col then product, segment after
/// segment): every band adds the ticks it spent in each stage, and the call reports the wall time it took split in those
/// proportions, so the stages still add up to the call. Made only when a profiler listens; without one nothing is timed.
/// </summary>
internal sealed class BandStageTimes(int stages)
{
    private readonly long[] _ticks = new long[stages];

    public static BandStageTimes? For(ExecutionContext context, int stages) => context.Profiler is null ? null : new BandStageTimes(stages);

    public void Add(int stage, long ticks) => Interlocked.Add(ref _ticks[stage], ticks);

    /// <summary>Reports <paramref name="names"/>[s] with its share of <paramref name="wallTicks"/> (a <see cref="Stopwatch"/> interval).</summary>
    public void Report(IStageProfiler profiler, ReadOnlySpan<string> names, long wallTicks)
    {
        long total = 0;
        for (int s = 0; s < _ticks.Length; s++) total += Interlocked.Read(ref _ticks[s]);
        for (int s = 0; s < _ticks.Length; s++)
        {
            double share = total == 0 ? 1.0 / _ticks.Length : (double)Interlocked.Read(ref _ticks[s]) / total;
            profiler.Record(names[s], TimeSpan.FromSeconds(wallTicks * share / Stopwatch.Frequency));
        }
    }
}
