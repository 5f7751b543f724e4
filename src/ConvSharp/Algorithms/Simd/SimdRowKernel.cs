using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Simd;

/// <summary>
/// Any kernel size, one output row segment at a time, N = <c>TOps.Count</c> output columns per vector.
/// </summary>
/// <remarks>
/// Lane layout: lane l of the vector at column x holds output column x + l; the tap (i, j) contributes the N input
/// samples starting at rows[i] + x + j·dx, an unaligned load, times the broadcast weight. Four vectors (4N columns) are
/// computed together so each broadcast weight is loaded once for four FMAs and four independent dependency chains hide
/// the FMA latency. The remainder runs one vector at a time, and the last partial vector is recomputed overlapping the
/// previous one (outputs are pure functions of the input, so rewriting a column is harmless). The sweep runs right to
/// left when <see cref="StoreLoadAliasing"/> finds that left to right would 4K-alias loads with recent stores. Segments narrower than one
/// vector use <see cref="FusedScalarRowKernel"/>, which does the same arithmetic in the same order.
/// </remarks>
internal unsafe struct SimdRowKernel<TOps, TVector> : IRowKernel
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    public readonly bool HandlesHorizontalStride => false;

    public readonly int VectorWidth => TOps.Count;

    // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Run(float** rows, float* dst, int x0, int x1, in ConvolutionData data)
    {
        int n = TOps.Count;
        if (x1 - x0 < n)
        {
            default(FusedScalarRowKernel).Run(rows, dst, x0, x1, in data);
            return;
        }

        if (StoreLoadAliasing.PreferBackward(rows, data.KernelHeight, &dst, 1, data.ForcedSweep))
        {
            int x = x1;
            for (; x - 4 * n >= x0; x -= 4 * n) FourVectors(rows, dst, x - 4 * n, in data);
            for (; x - n >= x0; x -= n) OneVector(rows, dst, x - n, in data);
            if (x > x0) OneVector(rows, dst, x0, in data);
        }
        else
        {
            int x = x0;
            for (; x <= x1 - 4 * n; x += 4 * n) FourVectors(rows, dst, x, in data);
            for (; x <= x1 - n; x += n) OneVector(rows, dst, x, in data);
            if (x < x1) OneVector(rows, dst, x1 - n, in data);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void FourVectors(float** rows, float* dst, int x, in ConvolutionData data)
    {
        int n = TOps.Count, kh = data.KernelHeight, kw = data.KernelWidth;
        long dx = data.DilationX;
        TVector acc0 = TOps.Zero, acc1 = TOps.Zero, acc2 = TOps.Zero, acc3 = TOps.Zero;
        for (int i = 0; i < kh; i++)
        {
            float* row = rows[i] + x;
            float* taps = data.Kernel + i * kw;
            for (int j = 0; j < kw; j++)
            {
                TVector weight = TOps.Broadcast(taps[j]);
                float* p = row + j * dx;
                acc0 = TOps.MultiplyAdd(TOps.Load(p), weight, acc0);
                acc1 = TOps.MultiplyAdd(TOps.Load(p + n), weight, acc1);
                acc2 = TOps.MultiplyAdd(TOps.Load(p + 2 * n), weight, acc2);
                acc3 = TOps.MultiplyAdd(TOps.Load(p + 3 * n), weight, acc3);
            }
        }

        TOps.Store(dst + x, acc0);
        TOps.Store(dst + x + n, acc1);
        TOps.Store(dst + x + 2 * n, acc2);
        TOps.Store(dst + x + 3 * n, acc3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneVector(float** rows, float* dst, int x, in ConvolutionData data)
    {
        int kh = data.KernelHeight, kw = data.KernelWidth;
        long dx = data.DilationX;
        TVector acc = TOps.Zero;
        for (int i = 0; i < kh; i++)
        {
            float* row = rows[i] + x;
            float* taps = data.Kernel + i * kw;
            for (int j = 0; j < kw; j++) acc = TOps.MultiplyAdd(TOps.Load(row + j * dx), TOps.Broadcast(taps[j]), acc);
        }

        TOps.Store(dst + x, acc);
    }
}
