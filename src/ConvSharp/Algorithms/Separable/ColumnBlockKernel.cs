using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// The column pass for four consecutive output rows at once (vertical stride and dilation 1), two vectors wide: output
/// rows o = 0..3 read intermediate rows o..o + kh − 1 of each plane, so each loaded row vector feeds up to four outputs.
/// </summary>
/// <remarks>
/// <para>Registers: eight accumulators (4 rows × 2 vectors), two row vectors and one broadcast tap: 11 of 16 AVX2 registers.
/// Per intermediate row the kernel loads two vectors and up to four taps for up to eight FMAs, where one output row at a
/// time loads two vectors per two FMAs.</para>
/// <para>Order: every output row adds rank by rank, tap by tap (i = 0 .. kh − 1), with fused multiply-adds from zero:
/// exactly what <see cref="Simd.SimdRowKernel{TOps, TVector}"/> does for one row over the same R·kh row pointers, so a row
/// computed here or alone (a band's last rows, a narrow tile) has the same bits. The rows a block reads are walked in three
/// parts (rows 0..2 feed fewer outputs, rows 3..kh − 1 all four, rows kh..kh + 2 the last ones), so no output row ever
/// multiplies a row outside its window: a NaN or infinity there cannot leak in through a zero weight.</para>
/// </remarks>
internal static unsafe class ColumnBlockKernel<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    public const int Rows = 4;

    /// <summary>
    /// How far ahead, in floats, each output row's line is fetched: 512 bytes, eight lines. Measured on 2048² side by side
    /// against no fetch (bench/SideBySide, both load orders), two threads: gauss7 0.93 / 0.92, gauss15 0.96 / 0.99, gauss31
    /// 0.97 / 0.92; one thread 0.95, 0.99, 1.02. 64 floats ahead gave less.
    /// </summary>
    private const int OutputLead = 128;

    /// <summary>Intermediate rows a block reads per rank: kh + <see cref="Rows"/> − 1.</summary>
    public static int RowsRead(int kh) => kh + Rows - 1;

    /// <summary>
    /// Columns [x0, x1) of output rows out[0..3]; <paramref name="rows"/>[r·(kh + 3) + t] points at intermediate row t of
    /// plane r (output row o reads rows o .. o + kh − 1; the rows need not be evenly spaced, so a ring of rows serves).
    /// Requires kh ≥ 3 and x1 − x0 ≥ two vectors; the last step overlaps the one before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float** rows, int rank, float* taps, int kh, float** outputs, int x0, int x1)
    {
        int step = 2 * TOps.Count;
        for (int x = x0; ; x += step)
        {
            if (x > x1 - step) x = x1 - step;
            if (Sse.IsSupported)
            {
                // The output lines a few steps ahead: their fetch for ownership then overlaps the FMAs instead of
                // holding the stores. Past a row's end the fetch lands in the next row, or nowhere (prefetches do not fault).
                for (int o = 0; o < Rows; o++) Sse.Prefetch0(outputs[o] + x + OutputLead);
            }

            Column(rows, rank, taps, kh, outputs, x);
            if (x == x1 - step) break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Column(float** rows, int rank, float* taps, int kh, float** outputs, int x)
    {
        int n = TOps.Count;
        TVector a0 = TOps.Zero, b0 = TOps.Zero, a1 = TOps.Zero, b1 = TOps.Zero;
        TVector a2 = TOps.Zero, b2 = TOps.Zero, a3 = TOps.Zero, b3 = TOps.Zero;
        for (int r = 0; r < rank; r++)
        {
            float** p = rows + (r * RowsRead(kh));
            float* u = taps + (r * kh);

            // Rows 0, 1, 2: the first outputs begin.
            TVector v = TOps.Load(p[0] + x), w = TOps.Load(p[0] + x + n), k;
            k = TOps.Broadcast(u[0]); a0 = TOps.MultiplyAdd(v, k, a0); b0 = TOps.MultiplyAdd(w, k, b0);
            v = TOps.Load(p[1] + x); w = TOps.Load(p[1] + x + n);
            k = TOps.Broadcast(u[1]); a0 = TOps.MultiplyAdd(v, k, a0); b0 = TOps.MultiplyAdd(w, k, b0);
            k = TOps.Broadcast(u[0]); a1 = TOps.MultiplyAdd(v, k, a1); b1 = TOps.MultiplyAdd(w, k, b1);
            v = TOps.Load(p[2] + x); w = TOps.Load(p[2] + x + n);
            k = TOps.Broadcast(u[2]); a0 = TOps.MultiplyAdd(v, k, a0); b0 = TOps.MultiplyAdd(w, k, b0);
            k = TOps.Broadcast(u[1]); a1 = TOps.MultiplyAdd(v, k, a1); b1 = TOps.MultiplyAdd(w, k, b1);
            k = TOps.Broadcast(u[0]); a2 = TOps.MultiplyAdd(v, k, a2); b2 = TOps.MultiplyAdd(w, k, b2);

            // Rows 3 .. kh − 1: every output row takes one.
            // Pointers walk the rows and taps, so each step's addresses are constant offsets (no index arithmetic).
            float** row = p + 3, rowEnd = p + kh;
            for (float* tap = u + 3; row < rowEnd; row++, tap++)
            {
                float* line = *row + x;
                v = TOps.Load(line); w = TOps.Load(line + n);
                k = TOps.Broadcast(tap[0]); a0 = TOps.MultiplyAdd(v, k, a0); b0 = TOps.MultiplyAdd(w, k, b0);
                k = TOps.Broadcast(tap[-1]); a1 = TOps.MultiplyAdd(v, k, a1); b1 = TOps.MultiplyAdd(w, k, b1);
                k = TOps.Broadcast(tap[-2]); a2 = TOps.MultiplyAdd(v, k, a2); b2 = TOps.MultiplyAdd(w, k, b2);
                k = TOps.Broadcast(tap[-3]); a3 = TOps.MultiplyAdd(v, k, a3); b3 = TOps.MultiplyAdd(w, k, b3);
            }

            // Rows kh, kh + 1, kh + 2: the last outputs finish (row kh − 1 was output 0's last).
            v = TOps.Load(p[kh] + x); w = TOps.Load(p[kh] + x + n);
            k = TOps.Broadcast(u[kh - 1]); a1 = TOps.MultiplyAdd(v, k, a1); b1 = TOps.MultiplyAdd(w, k, b1);
            k = TOps.Broadcast(u[kh - 2]); a2 = TOps.MultiplyAdd(v, k, a2); b2 = TOps.MultiplyAdd(w, k, b2);
            k = TOps.Broadcast(u[kh - 3]); a3 = TOps.MultiplyAdd(v, k, a3); b3 = TOps.MultiplyAdd(w, k, b3);
            v = TOps.Load(p[kh + 1] + x); w = TOps.Load(p[kh + 1] + x + n);
            k = TOps.Broadcast(u[kh - 1]); a2 = TOps.MultiplyAdd(v, k, a2); b2 = TOps.MultiplyAdd(w, k, b2);
            k = TOps.Broadcast(u[kh - 2]); a3 = TOps.MultiplyAdd(v, k, a3); b3 = TOps.MultiplyAdd(w, k, b3);
            v = TOps.Load(p[kh + 2] + x); w = TOps.Load(p[kh + 2] + x + n);
            k = TOps.Broadcast(u[kh - 1]); a3 = TOps.MultiplyAdd(v, k, a3); b3 = TOps.MultiplyAdd(w, k, b3);
        }

        TOps.Store(outputs[0] + x, a0);
        TOps.Store(outputs[0] + x + n, b0);
        TOps.Store(outputs[1] + x, a1);
        TOps.Store(outputs[1] + x + n, b1);
        TOps.Store(outputs[2] + x, a2);
        TOps.Store(outputs[2] + x + n, b2);
        TOps.Store(outputs[3] + x, a3);
        TOps.Store(outputs[3] + x + n, b3);
    }
}
