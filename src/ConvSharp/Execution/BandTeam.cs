using System;
using System.Diagnostics;
using System.Threading;

namespace ConvSharp.Execution;

/// <summary>
/// A team of background threads, up to one per core besides the caller's, that run <see cref="BandJob"/>s: the parallel loops'
/// threads instead of the thread pool's. Why: on two cores, a loop on the pool had two or three pool workers runnable
/// beside the caller (the pool wakes idle workers that spin looking for work), so four threads shared two cores, and
/// the per-call times spread widely (Simd 9×9 on 1024²: 90th percentile 1.5–2.0× the median); with one helper per
/// core there are exactly as many runnable threads as cores (1.03–1.17×), and pw512's median fell by about 3 %
/// (docs/benchmarks.md, issue #6, eighth session). A helper spins 20 µs after each loop, so the stages of one call find it
/// awake, then sleeps: a longer spin held its core from a caller sharing it when another process kept the machine busy.
/// One loop runs on the team at a time; a second, concurrent or nested loop finds it busy and goes to the thread pool.
/// </summary>
internal static class BandTeam
{
    /// <summary>How long an idle helper watches for the next loop before it sleeps.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 50000;   // 20 µs

    private static Helper[]? _helpers;
    private static int _busy;
    private static long _generation;
    private static BandJob? _job;

    /// <summary>
    /// Runs <paramref name="job"/>'s <paramref name="count"/> bands on the caller's thread and up to
    /// <paramref name="degree"/> − 1 helpers, and returns true once all have finished; false, having run nothing, when the
    /// team is busy with another loop.
    /// </summary>
    public static bool TryRun(BandJob job, int count, int degree, CancellationToken cancellation)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        try
        {
            Helper[] helpers = Grow(Math.Min(degree - 1, Environment.ProcessorCount - 1));
            int seats = Math.Min(degree - 1, helpers.Length);
            job.Arm(count, seats, cancellation);
            Volatile.Write(ref _job, job);
            Interlocked.Increment(ref _generation);   // a full fence: a helper that then reads its state as sleeping is woken below

            // Only as many helpers as the loop has seats are woken: on a many-core machine a two-thread loop wakes one.
            for (int i = 0; i < seats; i++) helpers[i].Wake();
            job.Work();
            var spin = new SpinWait();
            while (!job.IsComplete) spin.SpinOnce(sleep1Threshold: -1);
            Volatile.Write(ref _job, null);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }

        return true;
    }

    /// <summary>
    /// The helpers, at least <paramref name="wanted"/> of them: started as loops first ask for them, so a process that only
    /// runs two-thread loops holds one helper however many cores it has. Called only by the loop that holds the team.
    /// </summary>
    private static Helper[] Grow(int wanted)
    {
        Helper[] helpers = _helpers ?? [];
        if (helpers.Length >= wanted) return helpers;

        // No lock: only the loop that won _busy reads or replaces the array, and the helpers never touch it.
        var grown = new Helper[wanted];
        helpers.CopyTo(grown, 0);
        for (int i = helpers.Length; i < wanted; i++) grown[i] = new Helper(i);
        _helpers = grown;
        return grown;
    }

    /// <summary>One background thread: it spins while loops keep coming and waits on its monitor when they stop.</summary>
    private sealed class Helper
    {
        private const int Running = 0, Sleeping = 1;
        private readonly object _sleep = new();
        private int _state;

        public Helper(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"ConvSharp band team {index + 1}" };
            thread.Start();
        }

        /// <summary>Wakes the helper if it sleeps; called after a new generation is published.</summary>
        public void Wake()
        {
            if (Interlocked.CompareExchange(ref _state, Running, Sleeping) != Sleeping) return;
            lock (_sleep) Monitor.Pulse(_sleep);
        }

        private void Loop()
        {
            long seen = Volatile.Read(ref _generation);
            while (true)
            {
                long start = Stopwatch.GetTimestamp();
                long generation;
                while ((generation = Volatile.Read(ref _generation)) == seen)
                {
                    if (Stopwatch.GetTimestamp() - start > SpinTicks)
                    {
                        Sleep(seen);
                        start = Stopwatch.GetTimestamp();
                    }
                    else
                    {
                        Thread.SpinWait(16);
                    }
                }

                seen = generation;
                BandJob? job = Volatile.Read(ref _job);
                if (job is not null && job.TryTakeSeat()) job.Work();
            }
        }

        /// <summary>
        /// Sleeps until <see cref="Wake"/>. The state is set before the generation is read again, and the caller
        /// publishes the generation before it reads the state (both with full fences), so one of them sees the other:
        /// either the helper finds the new loop, or the caller finds it sleeping and pulses it (under the lock, so not
        /// before it waits).
        /// </summary>
        private void Sleep(long seen)
        {
            lock (_sleep)
            {
                Interlocked.Exchange(ref _state, Sleeping);
                if (Volatile.Read(ref _generation) != seen)
                {
                    Interlocked.CompareExchange(ref _state, Running, Sleeping);
                    return;
                }

                while (Volatile.Read(ref _state) == Sleeping) Monitor.Wait(_sleep);
            }
        }
    }
}
