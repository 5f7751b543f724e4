using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>
/// Four output rows × two vectors at once for any kh × kw kernel with kh ≥ 3, at stride 1 and vertical dilation 1: the
/// stencil's register blocking with the sizes read at run time. Output rows y..y+3 read input rows y..y+kh+2, and each
/// input vector pair is loaded once for every output row that uses it.
/// </summary>
/// <remarks>
/// <para>Input row t feeds output row o through kernel row t − o when 0 ≤ t − o &lt; kh. The rows are walked in three
/// parts so no loop tests which outputs a row feeds: rows 0, 1, 2 (outputs 0; 0–1; 0–2), rows 3 .. kh − 1 (all four),
/// rows kh, kh + 1, kh + 2 (outputs 1–3; 2–3; 3). No output multiplies a row outside its window, so a NaN or infinity
/// there cannot leak in through a zero weight.</para>
/// <para>Order: each output row adds kernel row by kernel row, tap by tap (j = 0 .. kw − 1), with FMAs from zero, exactly
/// as <see cref="Simd.SimdRowKernel{TOps, TVector}"/> does, so a row has the same bits from a block or alone.</para>
/// <para>Registers: eight accumulators, two input vectors and one broadcast: 11 of 16 on AVX2. Remainder: one
/// overlapping double-vector step (<see cref="ColumnOrder"/>), or the row kernel when the segment is narrower.</para>
/// </remarks>
internal static unsafe class AnySizeBlockKernel<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Columns [x0, x1) of four output rows; requires x1 − x0 ≥ one vector and kh ≥ 3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float** inputRows, float** outputRows, int x0, int x1, in ConvolutionData data)
    {
        int n = TOps.Count, step = 2 * n;
        if (x1 - x0 < step)
        {
            for (int o = 0; o < 4; o++) default(Simd.SimdRowKernel<TOps, TVector>).Run(inputRows + o, outputRows[o], x0, x1, in data);
            return;
        }

        int kh = data.KernelHeight;
        var order = new ColumnOrder(x0, x1, step, StoreLoadAliasing.PreferBackward(inputRows, kh + 3, outputRows, 4, data.ForcedSweep));
        for (int b = 0; b < order.Count; b++) Column(inputRows, outputRows, order[b], in data);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column(float** inputRows, float** outputRows, int x, in ConvolutionData data)
    {
        int n = TOps.Count, kh = data.KernelHeight, kw = data.KernelWidth;
        long dx = data.DilationX;
        float* k = data.Kernel;
        TVector a0 = TOps.Zero, b0 = TOps.Zero, a1 = TOps.Zero, b1 = TOps.Zero;
        TVector a2 = TOps.Zero, b2 = TOps.Zero, a3 = TOps.Zero, b3 = TOps.Zero;

        // Rows 0, 1, 2: the first outputs begin.
        float* p = inputRows[0] + x;
        for (int j = 0; j < kw; j++)
        {
            TVector u = TOps.Load(p + (j * dx)), v = TOps.Load(p + (j * dx) + n), w;
            w = TOps.Broadcast(k[j]); a0 = TOps.MultiplyAdd(u, w, a0); b0 = TOps.MultiplyAdd(v, w, b0);
        }

        p = inputRows[1] + x;
        for (int j = 0; j < kw; j++)
        {
            TVector u = TOps.Load(p + (j * dx)), v = TOps.Load(p + (j * dx) + n), w;
            w = TOps.Broadcast(k[kw + j]); a0 = TOps.MultiplyAdd(u, w, a0); b0 = TOps.MultiplyAdd(v, w, b0);
            w = TOps.Broadcast(k[j]); a1 = TOps.MultiplyAdd(u, w, a1); b1 = TOps.MultiplyAdd(v, w, b1);
        }

        p = inputRows[2] + x;
        for (int j = 0; j < kw; j++)
        {
            TVector u = TOps.Load(p + (j * dx)), v = TOps.Load(p + (j * dx) + n), w;
            w = TOps.Broadcast(k[(2 * kw) + j]); a0 = TOps.MultiplyAdd(u, w, a0); b0 = TOps.MultiplyAdd(v, w, b0);
            w = TOps.Broadcast(k[kw + j]); a1 = TOps.MultiplyAdd(u, w, a1); b1 = TOps.MultiplyAdd(v, w, b1);
            w = TOps.Broadcast(k[j]); a2 = TOps.MultiplyAdd(u, w, a2); b2 = TOps.MultiplyAdd(v, w, b2);
        }

        // Rows 3 .. kh − 1: every output row takes one kernel row.
        for (int t = 3; t < kh; t++)
        {
            p = inputRows[t] + x;
            float* k0 = k + (t * kw), k1 = k0 - kw, k2 = k1 - kw, k3 = k2 - kw;
            for (int j = 0; j < kw; j++)
            {
                TVector u = TOps.Load(p + (j * dx)), v = TOps.Load(p + (j * dx) + n), w;
                w = TOps.Broadcast(k0[j]); a0 = TOps.MultiplyAdd(u, w, a0); b0 = TOps.MultiplyAdd(v, w, b0);
                w = TOps.Broadcast(k1[j]); a1 = TOps.MultiplyAdd(u, w, a1); b1 = TOps.MultiplyAdd(v, w, b1);
                w = TOps.Broadcast(k2[j]); a2 = TOps.MultiplyAdd(u, w, a2); b2 = TOps.MultiplyAdd(v, w, b2);
                w = TOps.Broadcast(k3[j]); a3 = TOps.MultiplyAdd(u, w, a3); b3 = TOps.MultiplyAdd(v, w, b3);
            }
        }

        // Rows kh, kh + 1, kh + 2: the last outputs finish.
        float* last = k + ((kh - 1) * kw);
        p = inputRows[kh] + x;
        for (int j = 0; j < kw; j++)
        {
            TVector u = TOps.Load(p + (j * dx)), v = TOps.Load(p + (j * dx) + n), w;
            w = TOps.Broadcast(last[j]); a1 = TOps.MultiplyAdd(u, w, a1); b1 = TOps.MultiplyAdd(v, w, b1);
            w = TOps.Broadcast(last[j - kw]); a2 = TOps.MultiplyAdd(u, w, a2); b2 = TOps.MultiplyAdd(v, w, b2);
            w = TOps.Broadcast(last[j - (2 * kw)]); a3 = TOps.MultiplyAdd(u, w, a3); b3 = TOps.MultiplyAdd(v, w, b3);
        }

        p = inputRows[kh + 1] + x;
        for (int j = 0; j < kw; j++)
        {
            TVector u = TOps.Load(p + (j * dx)), v = TOps.Load(p + (j * dx) + n), w;
            w = TOps.Broadcast(last[j]); a2 = TOps.MultiplyAdd(u, w, a2); b2 = TOps.MultiplyAdd(v, w, b2);
            w = TOps.Broadcast(last[j - kw]); a3 = TOps.MultiplyAdd(u, w, a3); b3 = TOps.MultiplyAdd(v, w, b3);
        }

        p = inputRows[kh + 2] + x;
        for (int j = 0; j < kw; j++)
        {
            TVector u = TOps.Load(p + (j * dx)), v = TOps.Load(p + (j * dx) + n), w;
            w = TOps.Broadcast(last[j]); a3 = TOps.MultiplyAdd(u, w, a3); b3 = TOps.MultiplyAdd(v, w, b3);
        }

        // All loads first, then the stores (see StoreLoadAliasing).
        TOps.Store(outputRows[0] + x, a0);
        TOps.Store(outputRows[0] + x + n, b0);
        TOps.Store(outputRows[1] + x, a1);
        TOps.Store(outputRows[1] + x + n, b1);
        TOps.Store(outputRows[2] + x, a2);
        TOps.Store(outputRows[2] + x + n, b2);
        TOps.Store(outputRows[3] + x, a3);
        TOps.Store(outputRows[3] + x + n, b3);
    }
}
