using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// Separable's row pass for two rows at once (stride and dilation 1), four vectors of each: eight chains cover the FMA
/// latency, each broadcast tap feeds eight FMAs, and taps j and j + N share their loads, since the vector at x + j + N·k
/// serves tap j of vector k and tap j + N of vector k − 1 (N = <c>TOps.Count</c>). A 15-tap row loads 10 vectors per
/// 16 FMAs instead of 16.
/// </summary>
/// <remarks>
/// Order: taps in residue order (<see cref="ResidueRowKernel{TOps, TVector}"/>, which computes the edges, the remainder
/// narrower than four vectors and any dilated row the same way), so a row has the same bits whichever kernel computed
/// each sample. Measured as a standalone kernel (15 taps, L1/L2): 3.6–3.7 G vector FMAs/s against 2.9–3.4 with one
/// load per FMA (docs/benchmarks.md). A mirrored row of 2N − 1 taps (a 15-tap Gaussian on AVX2) goes through
/// <see cref="MirroredBlock"/> instead.
/// </remarks>
internal static unsafe class RowPairKernel<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Floats per 64-byte cache line.</summary>
    private const int LineFloats = 16;

    /// <summary>Columns [x0, x1) of both rows; <paramref name="a"/> and <paramref name="b"/> point at the input rows less the anchor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* a, float* b, float* dstA, float* dstB, int x0, int x1, in ConvolutionData data)
    {
        int n = TOps.Count;
        int x = x0;
        if (data.DilationX == 1)
        {
            // The next pair's input rows (two rows down), fetched into L2 line by line while this pair computes: each
            // input row starts a new stream, and a 2048-float row crosses a page, where the hardware's own fetching stops.
            // Measured on 2048² side by side against no fetch, two threads: gauss7 0.89 / 0.95, gauss15 0.93 / 0.93,
            // gauss31 0.97 / 0.98 (four rows down: 0.91, 0.94, 0.99; one thread, two rows down: 0.90, 0.96, 0.99). Past
            // the image's last row the fetch lands nowhere (prefetches do not fault).
            long ahead = 2L * data.InputPitch;
            bool folded = MirroredTaps.Folds(data.MirroredRow, data.KernelWidth, n);
            for (; x <= x1 - (4 * n); x += 4 * n)
            {
                if (Sse.IsSupported)
                {
                    for (int line = 0; line < 4 * n; line += LineFloats)
                    {
                        Sse.Prefetch1(a + x + ahead + line);
                        Sse.Prefetch1(b + x + ahead + line);
                    }
                }

                if (folded) MirroredBlock(a + x, b + x, dstA + x, dstB + x, in data);
                else Block(a + x, b + x, dstA + x, dstB + x, in data);
            }
        }

        if (x < x1)
        {
            var single = default(ResidueRowKernel<TOps, TVector>);
            single.Run(&a, dstA, x, x1, in data);
            single.Run(&b, dstB, x, x1, in data);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block(float* pa, float* pb, float* dstA, float* dstB, in ConvolutionData data)
    {
        int n = TOps.Count, kw = data.KernelWidth;
        float* taps = data.Kernel;
        TVector a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
        TVector b0 = TOps.Zero, b1 = TOps.Zero, b2 = TOps.Zero, b3 = TOps.Zero;
        for (int r = 0; r < n && r < kw; r++)
        {
            int j = r;
            for (; j + n < kw; j += 2 * n)
            {
                // Taps j and j + N: five loads per row for eight FMAs; each accumulator adds tap j, then tap j + N.
                TVector w0 = TOps.Broadcast(taps[j]), w1 = TOps.Broadcast(taps[j + n]), u, v;
                float* qa = pa + j, qb = pb + j;
                u = TOps.Load(qa); v = TOps.Load(qb);
                a0 = TOps.MultiplyAdd(u, w0, a0); b0 = TOps.MultiplyAdd(v, w0, b0);
                u = TOps.Load(qa + n); v = TOps.Load(qb + n);
                a1 = TOps.MultiplyAdd(u, w0, a1); b1 = TOps.MultiplyAdd(v, w0, b1);
                a0 = TOps.MultiplyAdd(u, w1, a0); b0 = TOps.MultiplyAdd(v, w1, b0);
                u = TOps.Load(qa + (2 * n)); v = TOps.Load(qb + (2 * n));
                a2 = TOps.MultiplyAdd(u, w0, a2); b2 = TOps.MultiplyAdd(v, w0, b2);
                a1 = TOps.MultiplyAdd(u, w1, a1); b1 = TOps.MultiplyAdd(v, w1, b1);
                u = TOps.Load(qa + (3 * n)); v = TOps.Load(qb + (3 * n));
                a3 = TOps.MultiplyAdd(u, w0, a3); b3 = TOps.MultiplyAdd(v, w0, b3);
                a2 = TOps.MultiplyAdd(u, w1, a2); b2 = TOps.MultiplyAdd(v, w1, b2);
                u = TOps.Load(qa + (4 * n)); v = TOps.Load(qb + (4 * n));
                a3 = TOps.MultiplyAdd(u, w1, a3); b3 = TOps.MultiplyAdd(v, w1, b3);
            }

            if (j < kw)
            {
                // The residue's last tap alone.
                TVector w = TOps.Broadcast(taps[j]);
                ResidueRowKernel<TOps, TVector>.OneTap(pa + j, w, ref a0, ref a1, ref a2, ref a3);
                ResidueRowKernel<TOps, TVector>.OneTap(pb + j, w, ref b0, ref b1, ref b2, ref b3);
            }
        }

        ResidueRowKernel<TOps, TVector>.Store(dstA, a0, a1, a2, a3);
        ResidueRowKernel<TOps, TVector>.Store(dstB, b0, b1, b2, b3);
    }

    /// <summary>
    /// Four vectors of both rows of a mirrored 2N − 1 tap row, folded in <see cref="MirroredTaps"/>' order: pairs j and
    /// h − 1 − j share their loads (the right sample of one is the other's left sample a vector on), so a 15-tap row loads
    /// 39 vectors per four, as residue order does, for 32 FMAs and 28 adds instead of 60 FMAs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MirroredBlock(float* pa, float* pb, float* dstA, float* dstB, in ConvolutionData data)
    {
        int n = TOps.Count, half = n - 1;
        float* taps = data.Kernel;
        TVector a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
        TVector b0 = TOps.Zero, b1 = TOps.Zero, b2 = TOps.Zero, b3 = TOps.Zero;
        int j = 0;
        for (; j < half - 1 - j; j++)
        {
            int q = half - 1 - j;
            TVector wj = TOps.Broadcast(taps[j]), wq = TOps.Broadcast(taps[q]);
            TwoPairs(pa + j, pa + q, wj, wq, ref a0, ref a1, ref a2, ref a3);
            TwoPairs(pb + j, pb + q, wj, wq, ref b0, ref b1, ref b2, ref b3);
        }

        if (j == half - 1 - j)
        {
            // The middle pair: its right sample is its own left sample a vector on.
            TVector w = TOps.Broadcast(taps[j]);
            MiddlePair(pa + j, w, ref a0, ref a1, ref a2, ref a3);
            MiddlePair(pb + j, w, ref b0, ref b1, ref b2, ref b3);
        }

        TVector c = TOps.Broadcast(taps[half]);
        ResidueRowKernel<TOps, TVector>.OneTap(pa + half, c, ref a0, ref a1, ref a2, ref a3);
        ResidueRowKernel<TOps, TVector>.OneTap(pb + half, c, ref b0, ref b1, ref b2, ref b3);
        ResidueRowKernel<TOps, TVector>.Store(dstA, a0, a1, a2, a3);
        ResidueRowKernel<TOps, TVector>.Store(dstB, b0, b1, b2, b3);
    }

    /// <summary>Pairs j and q = h − 1 − j of one row's four vectors: pair j of vector k is L_j[k] + L_q[k + 1], pair q is L_q[k] + L_j[k + 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwoPairs(float* lj, float* lq, TVector wj, TVector wq, ref TVector a0, ref TVector a1, ref TVector a2, ref TVector a3)
    {
        int n = TOps.Count;
        TVector j0 = TOps.Load(lj), q0 = TOps.Load(lq), j1 = TOps.Load(lj + n), q1 = TOps.Load(lq + n);
        a0 = TOps.MultiplyAdd(TOps.Add(j0, q1), wj, a0);
        a0 = TOps.MultiplyAdd(TOps.Add(q0, j1), wq, a0);
        TVector j2 = TOps.Load(lj + (2 * n)), q2 = TOps.Load(lq + (2 * n));
        a1 = TOps.MultiplyAdd(TOps.Add(j1, q2), wj, a1);
        a1 = TOps.MultiplyAdd(TOps.Add(q1, j2), wq, a1);
        TVector j3 = TOps.Load(lj + (3 * n)), q3 = TOps.Load(lq + (3 * n));
        a2 = TOps.MultiplyAdd(TOps.Add(j2, q3), wj, a2);
        a2 = TOps.MultiplyAdd(TOps.Add(q2, j3), wq, a2);
        TVector j4 = TOps.Load(lj + (4 * n)), q4 = TOps.Load(lq + (4 * n));
        a3 = TOps.MultiplyAdd(TOps.Add(j3, q4), wj, a3);
        a3 = TOps.MultiplyAdd(TOps.Add(q3, j4), wq, a3);
    }

    /// <summary>The middle pair m of one row's four vectors: L_m[k] + L_m[k + 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MiddlePair(float* lm, TVector w, ref TVector a0, ref TVector a1, ref TVector a2, ref TVector a3)
    {
        int n = TOps.Count;
        TVector l0 = TOps.Load(lm), l1 = TOps.Load(lm + n), l2 = TOps.Load(lm + (2 * n)), l3 = TOps.Load(lm + (3 * n)), l4 = TOps.Load(lm + (4 * n));
        a0 = TOps.MultiplyAdd(TOps.Add(l0, l1), w, a0);
        a1 = TOps.MultiplyAdd(TOps.Add(l1, l2), w, a1);
        a2 = TOps.MultiplyAdd(TOps.Add(l2, l3), w, a2);
        a3 = TOps.MultiplyAdd(TOps.Add(l3, l4), w, a3);
    }
}
