using System;
using System.Buffers;
using System.Threading;

namespace ConvSharp;

/// <summary>
/// Where calls rent their scratch memory: each call rents what its algorithm declared at plan time
/// (<see cref="WorkspaceRequirement"/>) once, from a pool, and hands each parallel band its slice. Nothing is rented
/// inside a hot loop. The cap on one call's scratch is a planning option, <see cref="Conv2DOptions.MaxWorkspaceBytes"/>:
/// an algorithm that would exceed it segments its work or declines.
/// </summary>
/// <remarks>Thread-safe: concurrent calls rent separate buffers. Rented buffers go back to the pool when the call ends.</remarks>
public sealed class Workspace
{
    private long _peakBytes;

    /// <summary>The process-wide workspace, used when a call brings none.</summary>
    public static Workspace Shared { get; } = new();

    /// <summary>The largest scratch one call has rented from this workspace, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    /// <summary>Forgets <see cref="PeakBytes"/>.</summary>
    public void ResetPeak() => Interlocked.Exchange(ref _peakBytes, 0);

    /// <summary>Rents at least <paramref name="floats"/> floats; give it back with <see cref="Return"/>.</summary>
    internal float[] Rent(long floats)
    {
        if (floats > Array.MaxLength)
            throw new InvalidOperationException($"a call asked for {floats} floats of workspace, more than one array holds; the planner should have segmented it.");
        long bytes = floats * sizeof(float), peak;
        while (bytes > (peak = Interlocked.Read(ref _peakBytes)) && Interlocked.CompareExchange(ref _peakBytes, bytes, peak) != peak)
        {
        }

        return ArrayPool<float>.Shared.Rent((int)Math.Max(1, floats));
    }

    internal static void Return(float[] buffer) => ArrayPool<float>.Shared.Return(buffer);
}
