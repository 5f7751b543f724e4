using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// Separable's row pass for two intermediate rows at once (stride 1): each broadcast tap feeds eight FMAs, four vectors
/// of each row, so eight independent chains cover the FMA latency and half the broadcasts are saved.
/// </summary>
/// <remarks>
/// Order: each sample adds its taps j = 0 .. kw − 1 with FMAs from zero, exactly as
/// <see cref="Simd.SimdRowKernel{TOps, TVector}"/> does for one row (which computes the remainder narrower than four
/// vectors), so a row has the same bits whether it was computed in a pair or alone.
/// </remarks>
internal static unsafe class RowPairKernel<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Columns [x0, x1) of both rows; <paramref name="a"/> and <paramref name="b"/> point at the input rows less the anchor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* a, float* b, float* dstA, float* dstB, int x0, int x1, in ConvolutionData data)
    {
        int n = TOps.Count, kw = data.KernelWidth;
        long dx = data.DilationX;
        float* taps = data.Kernel;
        int x = x0;
        for (; x <= x1 - (4 * n); x += 4 * n)
        {
            TVector a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
            TVector b0 = TOps.Zero, b1 = TOps.Zero, b2 = TOps.Zero, b3 = TOps.Zero;
            float* pa = a + x, pb = b + x;
            for (int j = 0; j < kw; j++)
            {
                TVector w = TOps.Broadcast(taps[j]);
                long o = j * dx;
                a0 = TOps.MultiplyAdd(TOps.Load(pa + o), w, a0);
                b0 = TOps.MultiplyAdd(TOps.Load(pb + o), w, b0);
                a1 = TOps.MultiplyAdd(TOps.Load(pa + o + n), w, a1);
                b1 = TOps.MultiplyAdd(TOps.Load(pb + o + n), w, b1);
                a2 = TOps.MultiplyAdd(TOps.Load(pa + o + (2 * n)), w, a2);
                b2 = TOps.MultiplyAdd(TOps.Load(pb + o + (2 * n)), w, b2);
                a3 = TOps.MultiplyAdd(TOps.Load(pa + o + (3 * n)), w, a3);
                b3 = TOps.MultiplyAdd(TOps.Load(pb + o + (3 * n)), w, b3);
            }

            TOps.Store(dstA + x, a0);
            TOps.Store(dstA + x + n, a1);
            TOps.Store(dstA + x + (2 * n), a2);
            TOps.Store(dstA + x + (3 * n), a3);
            TOps.Store(dstB + x, b0);
            TOps.Store(dstB + x + n, b1);
            TOps.Store(dstB + x + (2 * n), b2);
            TOps.Store(dstB + x + (3 * n), b3);
        }

        if (x < x1)
        {
            var single = default(Simd.SimdRowKernel<TOps, TVector>);
            single.Run(&a, dstA, x, x1, in data);
            single.Run(&b, dstB, x, x1, in data);
        }
    }
}
