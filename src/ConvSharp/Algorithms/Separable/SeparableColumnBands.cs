using System;
using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// The column pass over a band of a strip's output rows: output row y adds, for each rank r and tap i, u_r[i] times
/// intermediate row y·sy + i·dy of plane r. The R·kh rows are handed to a row kernel as one R·kh × 1 kernel, so each
/// output sample sums rank by rank, tap by tap, in that fixed order, wherever its strip and band begin.
/// </summary>
/// <remarks>
/// With vertical stride and dilation 1, blocks of four output rows go through <see cref="ColumnBlockKernel{TOps, TVector}"/>
/// (when <paramref name="blocks"/>), which shares each row load among them and adds in the same order.
/// </remarks>
internal readonly unsafe struct SeparableColumnBands<TKernel, TOps, TVector>(ConvolutionData data, float* planes, long planeFloats, int rank, int taps, int strideY, int dilationY, bool blocks, TKernel kernel) : IRowBandOperation
    where TKernel : struct, IRowKernel
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Output columns per tile: 256 floats (1 KiB) per row, so 15 rows of a 15-tap column kernel take 15 KiB of L1.</summary>
    private const int TileWidth = 256;

    /// <summary>A last tile narrower than this joins the one before, so no tile is too narrow for full vectors.</summary>
    private const int MinimumTail = 64;

    private readonly ConvolutionData _data = data;
    private readonly TKernel _kernel = kernel;

    // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        ref readonly ConvolutionData d = ref _data;
        float** rows = (float**)d.BandScratch(band);
        var kernel = _kernel;

        // Column tiles: down one tile the kh rows an output row reads (kh · TileWidth floats) stay in L1 for the next
        // output rows, which reuse kh − 1 of them; across the whole width they would be refetched from L2 every row.
        for (int x0 = 0; x0 < d.OutputWidth;)
        {
            int x1 = Math.Min(d.OutputWidth, x0 + TileWidth);
            if (d.OutputWidth - x1 < MinimumTail) x1 = d.OutputWidth;
            int y = start;
            if (blocks && strideY == 1 && dilationY == 1 && taps >= 3 && x1 - x0 >= 2 * TOps.Count)
            {
                int read = ColumnBlockKernel<TOps, TVector>.RowsRead(taps);
                float** blockRows = rows + (rank * taps);
                float** outputs = blockRows + (rank * read);
                for (; y + ColumnBlockKernel<TOps, TVector>.Rows <= end; y += ColumnBlockKernel<TOps, TVector>.Rows)
                {
                    for (int r = 0; r < rank; r++)
                    {
                        for (int t = 0; t < read; t++) blockRows[(r * read) + t] = planes + (r * planeFloats) + ((long)(y + t) * d.InputPitch);
                    }

                    for (int o = 0; o < ColumnBlockKernel<TOps, TVector>.Rows; o++) outputs[o] = d.Output + ((long)(y + o) * d.OutputPitch);
                    ColumnBlockKernel<TOps, TVector>.Run(blockRows, rank, d.Kernel, taps, outputs, x0, x1);
                }
            }

            for (; y < end; y++)
            {
                for (int r = 0; r < rank; r++)
                {
                    float* plane = planes + (r * planeFloats);
                    for (int i = 0; i < taps; i++) rows[(r * taps) + i] = plane + ((((long)y * strideY) + ((long)i * dilationY)) * d.InputPitch);
                }

                kernel.Run(rows, d.Output + ((long)y * d.OutputPitch), x0, x1, in d);
            }

            x0 = x1;
        }
    }
}
