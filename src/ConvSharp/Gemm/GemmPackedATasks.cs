using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using ConvSharp.Execution;

namespace ConvSharp.GemmKernels;

/// <summary>
/// The product with A packed in advance (<see cref="GemmPackedA"/>), one task per chunk of C's columns (whole strips,
/// balanced): the task packs its own strips of B for each depth block into its band's scratch (a row-major B while the
/// first tile multiplies it), then runs every block row of A over them. One fork per product, where the general driver
/// forks twice per depth block to pack A and B together.
/// </summary>
internal readonly unsafe struct GemmPackedATasks<TKernel> : IRowBandOperation
    where TKernel : struct, IGemmMicroKernel
{
    private readonly GemmOperands _operands;
    private readonly float* _a;
    private readonly long _padded;
    private readonly int _mc, _kcMax, _chunks, _stripsPerChunk;
    private readonly float* _scratch;
    private readonly long _bandFloats;

    public GemmPackedATasks(GemmOperands operands, float* packedA, int mc, int kcMax, int chunks, int stripsPerChunk, float* scratch, long bandFloats)
    {
        _operands = operands;
        _a = packedA;
        _padded = (long)(operands.M + TKernel.Rows - 1) / TKernel.Rows * TKernel.Rows;
        _mc = mc;
        _kcMax = kcMax;
        _chunks = chunks;
        _stripsPerChunk = stripsPerChunk;
        _scratch = scratch;
        _bandFloats = bandFloats;
    }

    /// <summary>Floats each band needs: its chunk of B for one depth block (strips <see cref="GemmPacking.RowPackPitch"/> apart), and one MR × NR edge tile.</summary>
    public static long BandFloats(int kcMax, int stripsPerChunk) => (GemmPacking.RowPackPitch(kcMax, TKernel.Columns) * stripsPerChunk) + (TKernel.Rows * TKernel.Columns);

    /// <summary>
    /// Share <paramref name="share"/> of <paramref name="shares"/> of the next strip's rows [p0, p0 + kc) (its columns
    /// from <paramref name="column"/>, one micro-panel wide) fetched into L2, so the tile that packs it finds its rows
    /// there. Each of the strip's other tiles fetches one share while it computes: measured on pw512, alternating in one
    /// process, 0.89–0.96× the time on one thread and 0.97–1.0× on two, against the first tile's own fetch 16 rows ahead
    /// alone.
    /// </summary>
    private static void PrefetchShare(in GemmOperands o, int p0, int kc, int column, int share, int shares)
    {
        if (!Sse.IsSupported) return;
        int rows = (kc + shares - 1) / shares, r0 = share * rows, r1 = Math.Min(kc, r0 + rows);
        float* next = o.B + ((p0 + r0) * o.BRowStride) + column;
        for (int r = r0; r < r1; r++, next += o.BRowStride)
        {
            // A micro-panel row is 64 bytes on AVX2, 128 on AVX-512: its first and last floats cover every line it touches.
            Sse.Prefetch1(next);
            Sse.Prefetch1(next + TKernel.Columns - 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        ref readonly GemmOperands o = ref _operands;
        int mr = TKernel.Rows, nr = TKernel.Columns;
        float* packedB = _scratch + (band * _bandFloats);
        float* tile = packedB + (GemmPacking.RowPackPitch(_kcMax, nr) * _stripsPerChunk);
        int total = (o.N + nr - 1) / nr, rowStrips = GemmRowStrips.Count(o.M, mr), stripsPerBlock = _mc / mr;

        // A row-major B (NCHW activations): the first tile of each whole strip packs the strip as it multiplies
        // (RunPacking), so no separate pass loads B; only a last, partial strip is packed ahead. Measured on pw512
        // (128 × 512 × 784), alternating in one process with packing ahead (PackBRows, 8 % of one thread's profile):
        // 0.98× on one thread, 0.94× on two. A transposed B is packed strip by strip ahead.
        bool fused = o.BColumnStride == 1 && GemmRowStrips.Strip(0, o.M, mr).Height == mr;

        // With one block of A's rows each strip packed on the fly serves its tiles one after another and never again, so
        // those strips share one slot (a partial last strip, packed ahead, takes the next): the chunk's packed B then
        // holds one strip of L2 beside A's whole block, not all of them. pw512, alternating in one process: 0.975–0.991×
        // the time on one thread and two (six runs).
        bool oneSlot = fused && rowStrips <= stripsPerBlock;
        for (int chunk = start; chunk < end; chunk++)
        {
            // Chunk c holds strips [c·S/chunks, (c + 1)·S/chunks): sizes differ by at most one, none above _stripsPerChunk.
            int first = (int)((long)chunk * total / _chunks), last = (int)((long)(chunk + 1) * total / _chunks);
            int j0 = first * nr, nc = Math.Min(o.N - j0, (last - first) * nr), strips = last - first;
            int whole = nc / nr, partialSlot = oneSlot ? Math.Min(whole, 1) : whole;
            for (int p0 = 0; p0 < o.K; p0 += _kcMax)
            {
                int kc = Math.Min(_kcMax, o.K - p0);
                float beta = p0 == 0 ? o.Beta : 1f;   // later depth blocks add to what the first wrote
                long pitch = o.BColumnStride == 1 ? GemmPacking.RowPackPitch(kc, nr) : (long)kc * nr;
                if (fused)
                {
                    if (whole < strips) GemmPacking.PackB(o.B, o.BRowStride, 1, p0, kc, j0 + (whole * nr), nc - (whole * nr), nr, 0, 1, packedB + (partialSlot * pitch));
                }
                else if (o.BColumnStride == 1) GemmPacking.PackBRows(o.B, o.BRowStride, p0, kc, j0, nc, nr, pitch, packedB);   // a first strip short of MR rows
                else GemmPacking.PackB(o.B, o.BRowStride, o.BColumnStride, p0, kc, j0, nc, nr, 0, strips, packedB);
                float* block = _a + ((long)p0 * _padded);
                for (int i0 = 0; i0 < rowStrips; i0 += stripsPerBlock)
                {
                    int i1 = Math.Min(rowStrips, i0 + stripsPerBlock);
                    for (int s = 0; s < strips; s++)
                    {
                        int columns = Math.Min(nr, nc - (s * nr));
                        int slot = !oneSlot ? s : s < whole ? 0 : partialSlot;   // one slot: the whole strips share 0
                        float* b = packedB + (slot * pitch);
                        for (int i = i0; i < i1; i++)
                        {
                            var (row, height) = GemmRowStrips.Strip(i, o.M, mr);
                            float* a = block + ((long)i * mr * kc);
                            float* c = o.C + ((long)row * o.Ldc) + j0 + (s * nr);
                            if (fused && i0 == 0 && i > 0 && s + 1 < strips) PrefetchShare(in o, p0, kc, j0 + ((s + 1) * nr), i - 1, i1 - 1);
                            if (fused && i == 0 && columns == nr) TKernel.RunPacking(kc, a, o.B + (p0 * o.BRowStride) + j0 + (s * nr), o.BRowStride, b, c, o.Ldc, o.Alpha, beta);
                            else if (height == mr && columns == nr) TKernel.Run(kc, a, b, c, o.Ldc, o.Alpha, beta);
                            else if (columns == nr) TKernel.RunRows(height, kc, a, b, c, o.Ldc, o.Alpha, beta);
                            else GemmEdge.Run<TKernel>(kc, a, b, c, o.Ldc, height, columns, o.Alpha, beta, tile);
                        }
                    }
                }
            }
        }
    }
}
