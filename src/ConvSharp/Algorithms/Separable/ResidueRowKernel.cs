using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// Separable's row pass for one row (kh = 1), its taps added in residue order: j = ρ, ρ + N, ρ + 2N, … for ρ = 0 … N − 1,
/// N = <c>TOps.Count</c>. <see cref="RowPairKernel{TOps, TVector}"/> adds in the same order (which lets it load each
/// input vector once for taps j and j + N), so every sample of the row pass has the same bits whichever kernel computed
/// it: interior pairs, edge segments, a band's odd row, a tile. A mirrored row of 2N − 1 taps is folded instead
/// (<see cref="MirroredTaps"/>), in its own order, the same in both kernels.
/// </summary>
internal unsafe struct ResidueRowKernel<TOps, TVector> : IRowKernel
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    public readonly bool HandlesHorizontalStride => false;

    public readonly int VectorWidth => TOps.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Run(float** rows, float* dst, int x0, int x1, in ConvolutionData data)
    {
        int n = TOps.Count;
        float* row = rows[0];
        if (x1 - x0 < n)
        {
            for (int x = x0; x < x1; x++) dst[x] = Sample(row + x, in data);
            return;
        }

        int i = x0;
        for (; i <= x1 - (4 * n); i += 4 * n) FourVectors(row + i, dst + i, in data);
        for (; i <= x1 - n; i += n) TOps.Store(dst + i, OneVector(row + i, in data));
        if (i < x1) TOps.Store(dst + x1 - n, OneVector(row + x1 - n, in data));
    }

    /// <summary>One sample in residue order, with the vector lanes' fused-or-not multiply-add.</summary>
    public static float Sample(float* p, in ConvolutionData data)
    {
        int n = TOps.Count, kw = data.KernelWidth;
        long dx = data.DilationX;
        float* taps = data.Kernel;
        float sum = 0f;
        if (MirroredTaps.Folds(data.MirroredRow, kw, n))
        {
            int half = kw / 2;
            for (int i = 0; i < half; i++)
            {
                int j = MirroredTaps.Pair(i, half);
                sum = float.MultiplyAddEstimate(p[j * dx] + p[(kw - 1 - j) * dx], taps[j], sum);
            }

            return (kw & 1) != 0 ? float.MultiplyAddEstimate(p[half * dx], taps[half], sum) : sum;
        }

        for (int r = 0; r < n && r < kw; r++)
        {
            for (int j = r; j < kw; j += n) sum = float.MultiplyAddEstimate(p[j * dx], taps[j], sum);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector OneVector(float* p, in ConvolutionData data)
    {
        int n = TOps.Count, kw = data.KernelWidth;
        long dx = data.DilationX;
        float* taps = data.Kernel;
        TVector acc = TOps.Zero;
        if (MirroredTaps.Folds(data.MirroredRow, kw, n))
        {
            int half = kw / 2;
            for (int i = 0; i < half; i++)
            {
                int j = MirroredTaps.Pair(i, half);
                acc = TOps.MultiplyAdd(TOps.Add(TOps.Load(p + (j * dx)), TOps.Load(p + ((kw - 1 - j) * dx))), TOps.Broadcast(taps[j]), acc);
            }

            return (kw & 1) != 0 ? TOps.MultiplyAdd(TOps.Load(p + (half * dx)), TOps.Broadcast(taps[half]), acc) : acc;
        }

        for (int r = 0; r < n && r < kw; r++)
        {
            for (int j = r; j < kw; j += n) acc = TOps.MultiplyAdd(TOps.Load(p + (j * dx)), TOps.Broadcast(taps[j]), acc);
        }

        return acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourVectors(float* p, float* dst, in ConvolutionData data)
    {
        int n = TOps.Count, kw = data.KernelWidth;
        long dx = data.DilationX;
        float* taps = data.Kernel;
        TVector a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
        if (MirroredTaps.Folds(data.MirroredRow, kw, n))
        {
            int half = kw / 2;
            for (int i = 0; i < half; i++)
            {
                int j = MirroredTaps.Pair(i, half);
                OnePair(p + (j * dx), p + ((kw - 1 - j) * dx), TOps.Broadcast(taps[j]), ref a0, ref a1, ref a2, ref a3);
            }

            if ((kw & 1) != 0) OneTap(p + (half * dx), TOps.Broadcast(taps[half]), ref a0, ref a1, ref a2, ref a3);
        }
        else
        {
            for (int r = 0; r < n && r < kw; r++)
            {
                for (int j = r; j < kw; j += n) OneTap(p + (j * dx), TOps.Broadcast(taps[j]), ref a0, ref a1, ref a2, ref a3);
            }
        }

        Store(dst, a0, a1, a2, a3);
    }

    /// <summary>One tap <paramref name="w"/> times the four vectors from <paramref name="q"/>, into the four accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void OneTap(float* q, TVector w, ref TVector a0, ref TVector a1, ref TVector a2, ref TVector a3)
    {
        int n = TOps.Count;
        a0 = TOps.MultiplyAdd(TOps.Load(q), w, a0);
        a1 = TOps.MultiplyAdd(TOps.Load(q + n), w, a1);
        a2 = TOps.MultiplyAdd(TOps.Load(q + (2 * n)), w, a2);
        a3 = TOps.MultiplyAdd(TOps.Load(q + (3 * n)), w, a3);
    }

    /// <summary>A mirrored pair: (the four vectors from <paramref name="q"/> + those from <paramref name="m"/>) × <paramref name="w"/>, into the four accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OnePair(float* q, float* m, TVector w, ref TVector a0, ref TVector a1, ref TVector a2, ref TVector a3)
    {
        int n = TOps.Count;
        a0 = TOps.MultiplyAdd(TOps.Add(TOps.Load(q), TOps.Load(m)), w, a0);
        a1 = TOps.MultiplyAdd(TOps.Add(TOps.Load(q + n), TOps.Load(m + n)), w, a1);
        a2 = TOps.MultiplyAdd(TOps.Add(TOps.Load(q + (2 * n)), TOps.Load(m + (2 * n))), w, a2);
        a3 = TOps.MultiplyAdd(TOps.Add(TOps.Load(q + (3 * n)), TOps.Load(m + (3 * n))), w, a3);
    }

    /// <summary>Four vectors to <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store(float* dst, TVector a0, TVector a1, TVector a2, TVector a3)
    {
        int n = TOps.Count;
        TOps.Store(dst, a0);
        TOps.Store(dst + n, a1);
        TOps.Store(dst + (2 * n), a2);
        TOps.Store(dst + (3 * n), a3);
    }
}
