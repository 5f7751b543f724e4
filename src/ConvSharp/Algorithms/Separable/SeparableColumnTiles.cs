using System;
using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// The column pass over output rows [y0, y1), column tile by column tile: output row y adds, for each rank r and tap i,
/// u_r[i] times intermediate row y·sy + i·dy of rank r. With vertical stride and dilation 1, blocks of four rows go
/// through <see cref="ColumnBlockKernel{TOps, TVector}"/> (each row load shared among them); the rest, one row at a time,
/// through the row kernel as one R·kh × 1 kernel. Both add rank by rank, tap by tap, so every output has the same bits
/// whichever path, strip, band or tile computed it. Used by the strips (<see cref="SeparableColumnBands{TKernel, TOps, TVector}"/>)
/// and the one-pass form (<see cref="SeparableRingBands{TOps, TVector}"/>), which differ only in where the rows live.
/// </summary>
internal static unsafe class SeparableColumnTiles<TRows, TKernel, TOps, TVector>
    where TRows : struct, IIntermediateRows
    where TKernel : struct, IRowKernel
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>
    /// The strips' output columns per tile: 256 floats (1 KiB) per row, so 15 rows of a 15-tap column kernel take 15 KiB of
    /// L1. The one-pass form sweeps whole rows instead (<see cref="WholeRows"/>).
    /// </summary>
    public const int StripTileWidth = 256;

    /// <summary>No column tiles: each block sweeps the whole width.</summary>
    public const int WholeRows = int.MaxValue;

    /// <summary>A last tile narrower than this joins the one before, so no tile is too narrow for full vectors.</summary>
    private const int MinimumTail = 64;

    /// <param name="rows">Where the intermediate rows are.</param>
    /// <param name="pointers">Scratch for <see cref="SeparableLayout.ColumnPointers"/> row pointers.</param>
    /// <param name="d">The column pass: kernel (R·kh column taps), output, its pitch and width.</param>
    /// <param name="rank">R.</param>
    /// <param name="taps">kh.</param>
    /// <param name="strideY">sy.</param>
    /// <param name="dilationY">dy.</param>
    /// <param name="blocks">Whether four-row blocks may be used (a vector tier is accelerated).</param>
    /// <param name="kernel">The one-row kernel.</param>
    /// <param name="y0">First output row.</param>
    /// <param name="y1">Output row past the last.</param>
    /// <param name="tileWidth">Output columns per tile (<see cref="StripTileWidth"/> or <see cref="WholeRows"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(TRows rows, float** pointers, in ConvolutionData d, int rank, int taps, int strideY, int dilationY, bool blocks, TKernel kernel, int y0, int y1, int tileWidth)
    {
        int read = ColumnBlockKernel<TOps, TVector>.RowsRead(taps);
        float** blockRows = pointers + (rank * taps);
        float** outputs = blockRows + (rank * read);

        // Column tiles (the strips'): down one tile the kh rows an output row reads (kh · tileWidth floats) stay in L1 for
        // the next output rows, which reuse kh − 1 of them. The one-pass form's rows come from a ring in L2, where whole
        // rows measured faster: long streams of rows read and written beat that reuse (WholeRows).
        for (int x0 = 0; x0 < d.OutputWidth;)
        {
            int x1 = (int)Math.Min(d.OutputWidth, (long)x0 + tileWidth);
            if (d.OutputWidth - x1 < MinimumTail) x1 = d.OutputWidth;
            int y = y0;
            if (blocks && strideY == 1 && dilationY == 1 && taps >= 3 && x1 - x0 >= 2 * TOps.Count)
            {
                for (; y + ColumnBlockKernel<TOps, TVector>.Rows <= y1; y += ColumnBlockKernel<TOps, TVector>.Rows)
                {
                    for (int r = 0; r < rank; r++)
                    {
                        for (int t = 0; t < read; t++) blockRows[(r * read) + t] = rows.Row(r, y + t);
                    }

                    for (int o = 0; o < ColumnBlockKernel<TOps, TVector>.Rows; o++) outputs[o] = d.Output + ((long)(y + o) * d.OutputPitch);
                    ColumnBlockKernel<TOps, TVector>.Run(blockRows, rank, d.Kernel, taps, outputs, x0, x1);
                }
            }

            for (; y < y1; y++)
            {
                for (int r = 0; r < rank; r++)
                {
                    for (int i = 0; i < taps; i++) pointers[(r * taps) + i] = rows.Row(r, ((long)y * strideY) + ((long)i * dilationY));
                }

                kernel.Run(pointers, d.Output + ((long)y * d.OutputPitch), x0, x1, in d);
            }

            x0 = x1;
        }
    }
}
