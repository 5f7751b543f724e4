using System;
using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.GemmKernels;

/// <summary>
/// One row of op(A) times a row-major B (m = 1, B as stored): c = alpha·a·B + beta·c without packing, since each B
/// element is used once. This is the product of one-plane im2col (a 1 × kh·kw kernel row times the column matrix) and the
/// notebook's 1 × 9 · 9 × 1048576. Tasks are column chunks; each output sums p = 0 .. k − 1 in order, with FMAs, as a
/// packed tile does when k fits one block.
/// </summary>
internal readonly unsafe struct GemvBands<TOps, TVector>(GemmOperands operands, int columnsPerTask) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Columns per task: 2048 floats of each of the k rows of B, enough to amortise a band's start.</summary>
    public const int DefaultColumnsPerTask = 2048;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        ref readonly GemmOperands o = ref operands;
        for (int t = start; t < end; t++)
        {
            int j0 = t * columnsPerTask, j1 = Math.Min(o.N, j0 + columnsPerTask);
            if (System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated) j0 = Vectors(in o, j0, j1);
            Scalars(in o, j0, j1);
        }
    }

    // Eight vectors at a time (eight FMA chains cover the FMA latency), then one; returns where the scalar tail begins.
    private static int Vectors(in GemmOperands o, int j0, int j1)
    {
        int n = TOps.Count, x = j0;
        TVector alpha = TOps.Broadcast(o.Alpha), beta = TOps.Broadcast(o.Beta);
        for (; x <= j1 - (8 * n); x += 8 * n)
        {
            TVector s0 = TOps.Zero, s1 = TOps.Zero, s2 = TOps.Zero, s3 = TOps.Zero, s4 = TOps.Zero, s5 = TOps.Zero, s6 = TOps.Zero, s7 = TOps.Zero;
            float* row = o.B + x;
            float* a = o.A;
            for (int p = 0; p < o.K; p++, row += o.BRowStride, a += o.AColumnStride)
            {
                TVector w = TOps.Broadcast(*a);
                s0 = TOps.MultiplyAdd(w, TOps.Load(row), s0);
                s1 = TOps.MultiplyAdd(w, TOps.Load(row + n), s1);
                s2 = TOps.MultiplyAdd(w, TOps.Load(row + (2 * n)), s2);
                s3 = TOps.MultiplyAdd(w, TOps.Load(row + (3 * n)), s3);
                s4 = TOps.MultiplyAdd(w, TOps.Load(row + (4 * n)), s4);
                s5 = TOps.MultiplyAdd(w, TOps.Load(row + (5 * n)), s5);
                s6 = TOps.MultiplyAdd(w, TOps.Load(row + (6 * n)), s6);
                s7 = TOps.MultiplyAdd(w, TOps.Load(row + (7 * n)), s7);
            }

            float* c = o.C + x;
            Store(c, s0, alpha, beta, o.Beta);
            Store(c + n, s1, alpha, beta, o.Beta);
            Store(c + (2 * n), s2, alpha, beta, o.Beta);
            Store(c + (3 * n), s3, alpha, beta, o.Beta);
            Store(c + (4 * n), s4, alpha, beta, o.Beta);
            Store(c + (5 * n), s5, alpha, beta, o.Beta);
            Store(c + (6 * n), s6, alpha, beta, o.Beta);
            Store(c + (7 * n), s7, alpha, beta, o.Beta);
        }

        for (; x <= j1 - n; x += n)
        {
            TVector s = TOps.Zero;
            float* row = o.B + x;
            float* a = o.A;
            for (int p = 0; p < o.K; p++, row += o.BRowStride, a += o.AColumnStride) s = TOps.MultiplyAdd(TOps.Broadcast(*a), TOps.Load(row), s);
            Store(o.C + x, s, alpha, beta, o.Beta);
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, TVector sum, TVector alpha, TVector beta, float betaValue) =>
        TOps.Store(c, TOps.MultiplyAdd(sum, alpha, betaValue == 0f ? TOps.Zero : TOps.MultiplyAdd(TOps.Load(c), beta, TOps.Zero)));

    private static void Scalars(in GemmOperands o, int j0, int j1)
    {
        for (int j = j0; j < j1; j++)
        {
            float s = 0f;
            for (int p = 0; p < o.K; p++) s = float.MultiplyAddEstimate(o.A[p * o.AColumnStride], o.B[(p * o.BRowStride) + j], s);
            o.C[j] = GemmEdge.Combine(s, o.Alpha, o.Beta, o.C[j]);
        }
    }
}
