using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// Both passes of Separable over a band of output rows, a few rows at a time: the row pass computes the intermediate rows
/// the step's outputs need into a ring per rank, then the column pass computes the step's output rows from the ring,
/// four rows at a time across the whole width (<see cref="ColumnBlockKernel{TOps, TVector}"/>).
/// </summary>
/// <remarks>
/// Why: on 2048² both passes wait on memory, and the strips (<see cref="SeparableLayout"/>) write a 2 MiB intermediate,
/// read it back from L3 and recompute kh − 1 halo rows per strip. The ring (kh − 1 + 8 rows of the output width per
/// rank, 176 KiB at 15 taps on 2048²) stays in L2 and each intermediate row is computed once per band. Measured in one
/// process against the strips, two threads, 2048²: gauss7 0.80 / 0.87, gauss15 0.88 / 1.01 / 0.97 / 0.96, gauss31
/// 0.99 / 1.02 / 0.99 (one thread: gauss15 0.89, gauss7 0.87). The column pass sweeps whole rows rather than the strips'
/// 256-column tiles: 0.94 / 0.93 / 0.93 the time of tiles on two threads (gauss7 / 15 / 31, side by side), 0.95 on one;
/// 1024-column tiles gave 0.97–1.00, and rings of 256 or 512 columns swept down the band (so they stay in L1) 1.01–1.54×
/// slower, their input rows read in short pieces. Every sample is added in the strips' order, so the two forms agree
/// bit for bit (tiles, which run the strips, equal the whole plane's region).
/// </remarks>
internal readonly unsafe struct SeparableRingBands<TOps, TVector>(ConvolutionData rowPass, ConvolutionData columnPass, float* rowTaps, int rank, int mirroredRows, SeparableRing ring, BandStageTimes? times) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private readonly ConvolutionData _rowPass = rowPass;
    private readonly ConvolutionData _columnPass = columnPass;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        int kh = _columnPass.KernelHeight / rank;
        float* slice = _columnPass.Scratch + (band * ring.BandFloats);
        float* rowScratch = slice + ring.RingFloats;
        float** columnRows = (float**)(rowScratch + ring.RowScratchFloats);
        int filled = start, step = SeparableRing.StepRows;
        long rowTicks = 0, columnTicks = 0;
        for (int y = start; y < end;)
        {
            int rows = Math.Min(step, end - y);
            long t0 = times is null ? 0 : Stopwatch.GetTimestamp();
            int need = y + rows + kh - 1;
            RowPass(Math.Max(filled, y), need, slice, rowScratch);
            filled = need;
            long t1 = times is null ? 0 : Stopwatch.GetTimestamp();

            SeparableColumnTiles<RingRows, SimdRowKernel<TOps, TVector>, TOps, TVector>.Run(
                new RingRows(slice, ring), columnRows, in _columnPass, rank, kh, 1, 1, blocks: true, default, y, y + rows, SeparableColumnTiles<RingRows, SimdRowKernel<TOps, TVector>, TOps, TVector>.WholeRows);

            if (times is not null)
            {
                rowTicks += t1 - t0;
                columnTicks += Stopwatch.GetTimestamp() - t1;
            }

            y += rows;
        }

        if (times is not null)
        {
            times.Add(0, rowTicks);
            times.Add(1, columnTicks);
        }
    }


    /// <summary>Intermediate rows [<paramref name="first"/>, <paramref name="last"/>) of every rank into their ring slots, two at a time (<see cref="SeparableRowPass{TOps, TVector}"/>).</summary>
    private void RowPass(int first, int last, float* slice, float* scratch)
    {
        var d = _rowPass;
        var pass = new SeparableRowPass<TOps, TVector>(in d, scratch);
        var rows = new RingRows(slice, ring);
        for (int r = 0; r < rank; r++)
        {
            d.Kernel = rowTaps + (r * d.KernelWidth);
            d.MirroredRow = (mirroredRows & (1 << r)) != 0;
            for (int t = first; t < last; t += 2) pass.Run(in d, t, rows.Row(r, t), t + 1 < last ? rows.Row(r, t + 1) : null);
        }
    }
}
