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
/// in column tiles, four rows at a time (<see cref="ColumnBlockKernel{TOps, TVector}"/>).
/// </summary>
/// <remarks>
/// Why: on 2048² both passes wait on memory, and the strips (<see cref="SeparableLayout"/>) write a 2 MiB intermediate,
/// read it back from L3 and recompute kh − 1 halo rows per strip. The ring (kh − 1 + 8 rows of the output width per
/// rank, 176 KiB at 15 taps on 2048²) stays in L2 and each intermediate row is computed once per band. Measured in one
/// process against the strips, two threads, 2048²: gauss7 0.80 / 0.87, gauss15 0.88 / 1.01 / 0.97 / 0.96, gauss31
/// 0.99 / 1.02 / 0.99 (one thread: gauss15 0.89, gauss7 0.87). Every sample is added in the strips' order, so the two
/// forms agree bit for bit (tiles, which run the strips, equal the whole plane's region).
/// </remarks>
internal readonly unsafe struct SeparableRingBands<TOps, TVector>(ConvolutionData rowPass, ConvolutionData columnPass, float* rowTaps, int rank, SeparableRing ring, BandStageTimes? times) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private const int BlockRows = 4;
    private const int TileWidth = 256;
    private readonly ConvolutionData _rowPass = rowPass;
    private readonly ConvolutionData _columnPass = columnPass;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        int kh = _columnPass.KernelHeight / rank, read = ColumnBlockKernel<TOps, TVector>.RowsRead(kh);
        float* slice = _columnPass.Scratch + (band * ring.BandFloats);
        float* rowScratch = slice + ring.RingFloats;
        float** columnRows = (float**)(rowScratch + ring.RowScratchFloats);
        float** blockRows = columnRows + (rank * kh);
        float** outputs = blockRows + (rank * read);
        var rowKernel = default(SimdRowKernel<TOps, TVector>);
        int filled = start, step = SeparableRing.StepRows, width = _columnPass.OutputWidth;
        bool blocks = width >= 2 * TOps.Count;
        long rowTicks = 0, columnTicks = 0;
        for (int y = start; y < end;)
        {
            int rows = Math.Min(step, end - y);
            long t0 = times is null ? 0 : Stopwatch.GetTimestamp();
            int need = y + rows + kh - 1;
            RowPass(Math.Max(filled, y), need, slice, rowScratch);
            filled = need;
            long t1 = times is null ? 0 : Stopwatch.GetTimestamp();

            // Column tiles: down one tile the rows the step's blocks read stay in L1 from block to block.
            for (int x0 = 0; x0 < width;)
            {
                int x1 = Math.Min(width, x0 + TileWidth);
                if (width - x1 < 64) x1 = width;
                int yy = y;
                for (; blocks && x1 - x0 >= 2 * TOps.Count && yy + BlockRows <= y + rows; yy += BlockRows)
                {
                    for (int r = 0; r < rank; r++)
                    {
                        for (int t = 0; t < read; t++) blockRows[(r * read) + t] = Row(slice, r, yy + t);
                    }

                    for (int o = 0; o < BlockRows; o++) outputs[o] = _columnPass.Output + ((long)(yy + o) * _columnPass.OutputPitch);
                    ColumnBlockKernel<TOps, TVector>.Run(blockRows, rank, _columnPass.Kernel, kh, outputs, x0, x1);
                }

                for (; yy < y + rows; yy++)
                {
                    for (int r = 0; r < rank; r++)
                    {
                        for (int i = 0; i < kh; i++) columnRows[(r * kh) + i] = Row(slice, r, yy + i);
                    }

                    rowKernel.Run(columnRows, _columnPass.Output + ((long)yy * _columnPass.OutputPitch), x0, x1, in _columnPass);
                }

                x0 = x1;
            }

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

    /// <summary>Ring slot of intermediate row <paramref name="t"/> in plane <paramref name="r"/>.</summary>
    private float* Row(float* slice, int r, int t) => slice + (r * ring.PlaneFloats) + ((long)(t % ring.Rows) * ring.Pitch);

    /// <summary>Intermediate rows [<paramref name="first"/>, <paramref name="last"/>) of every rank into their ring slots, two at a time (<see cref="SeparableRowPass{TOps, TVector}"/>).</summary>
    private void RowPass(int first, int last, float* slice, float* scratch)
    {
        var d = _rowPass;
        var pass = new SeparableRowPass<TOps, TVector>(in d, scratch);
        for (int r = 0; r < rank; r++)
        {
            d.Kernel = rowTaps + (r * d.KernelWidth);
            for (int t = first; t < last; t += 2) pass.Run(in d, t, Row(slice, r, t), t + 1 < last ? Row(slice, r, t + 1) : null);
        }
    }
}
