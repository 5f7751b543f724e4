using System;
using System.Threading;

namespace ConvSharp.Execution;

/// <summary>
/// One parallel loop over bands for <see cref="BandTeam"/>: threads claim band indices one at a time from a shared
/// counter, so a thread the host slows takes fewer bands, and the caller knows the loop is over when every band has
/// finished. A band that throws stops the others from starting; the first exception is kept for the caller.
/// </summary>
internal abstract class BandJob
{
    private int _next, _finished, _seats, _count;
    private CancellationToken _cancellation;
    private Exception? _error;

    /// <summary>Runs band <paramref name="band"/>.</summary>
    protected abstract void RunBand(int band);

    /// <summary>Arms the job for <paramref name="count"/> bands and at most <paramref name="helpers"/> threads besides the caller's.</summary>
    internal void Arm(int count, int helpers, CancellationToken cancellation)
    {
        _count = count;
        _seats = helpers;
        _cancellation = cancellation;
    }

    /// <summary>Whether every band has run (or was skipped after an error or a cancellation).</summary>
    internal bool IsComplete => Volatile.Read(ref _finished) == _count;

    /// <summary>The first exception a band threw, or null.</summary>
    internal Exception? Error => _error;

    /// <summary>A helper thread takes one of the job's seats, so no more threads run it than the caller asked for.</summary>
    internal bool TryTakeSeat() => Interlocked.Decrement(ref _seats) >= 0;

    /// <summary>Claims and runs bands until none is left.</summary>
    internal void Work()
    {
        while (true)
        {
            int band = Interlocked.Increment(ref _next) - 1;
            if (band >= _count) return;
            if (_error is null && !_cancellation.IsCancellationRequested)
            {
                try
                {
                    RunBand(band);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _error, e, null);
                }
            }

            Interlocked.Increment(ref _finished);
        }
    }
}
