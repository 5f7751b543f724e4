using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>
/// Four output rows × two vectors at once for a K×K kernel (5×5, 7×7) at stride 1 and vertical dilation 1: output rows
/// y..y+3 read input rows y..y+K+2, and each input vector is loaded once and fed to every output row that uses it.
/// </summary>
/// <remarks>
/// Register blocking: eight accumulators (4 rows × 2 vectors) stay in registers across all K+3 input rows; input row r
/// feeds output row o with kernel row r − o when 0 ≤ r − o &lt; K. Per tap column j a row loads two vectors and one
/// broadcast weight per output row it feeds, and each broadcast serves two FMAs. The K+3 input rows are unrolled by hand
/// (<see cref="Stencil5x5"/>: 8, <see cref="Stencil7x7"/>: 10) and a row that feeds no output row o passes a null
/// weight row, which the JIT folds away after inlining, so no branch is left in the loop.
/// Order: each output row adds its taps row-major, exactly as <see cref="Simd.SimdRowKernel{TOps, TVector}"/> does.
/// Remainder: one overlapping double-vector, or the row kernel when the segment is narrower than two vectors. The sweep
/// goes through <see cref="ColumnOrder"/>, so the column body is inlined once.
/// </remarks>
internal static unsafe class StencilBlockKernel<TSize, TOps, TVector>
    where TSize : IStencilSize
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    public const int Rows = 4;

    /// <summary>Columns [x0, x1) of four output rows, right to left when <paramref name="backward"/>; requires x1 − x0 ≥ one vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float** inputRows, float** outputRows, int x0, int x1, in ConvolutionData data, bool backward)
    {
        int n = TOps.Count, step = 2 * n;
        if (x1 - x0 < step)
        {
            // Narrower than the double vector: one output row at a time through the Simd row kernel, same arithmetic.
            for (int o = 0; o < Rows; o++) default(Simd.SimdRowKernel<TOps, TVector>).Run(inputRows + o, outputRows[o], x0, x1, in data);
            return;
        }

        long dx = data.DilationX;
        float* k = data.Kernel;
        var order = new ColumnOrder(x0, x1, step, backward);
        for (int b = 0; b < order.Count; b++) Column(inputRows, outputRows, order[b], n, dx, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column(float** inputRows, float** outputRows, int x, int n, long dx, float* k)
    {
        TVector a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
        TVector b0 = TOps.Zero, b1 = TOps.Zero, b2 = TOps.Zero, b3 = TOps.Zero;
        const int K = 5;
        if (TSize.Size == K)
        {
            // Input row r feeds output row o through kernel row r − o.
            InputRow(inputRows[0] + x, n, dx, TSize.Size, k, null, null, null, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[1] + x, n, dx, TSize.Size, k + 1 * K, k, null, null, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[2] + x, n, dx, TSize.Size, k + 2 * K, k + 1 * K, k, null, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[3] + x, n, dx, TSize.Size, k + 3 * K, k + 2 * K, k + 1 * K, k, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[4] + x, n, dx, TSize.Size, k + 4 * K, k + 3 * K, k + 2 * K, k + 1 * K, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[5] + x, n, dx, TSize.Size, null, k + 4 * K, k + 3 * K, k + 2 * K, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[6] + x, n, dx, TSize.Size, null, null, k + 4 * K, k + 3 * K, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[7] + x, n, dx, TSize.Size, null, null, null, k + 4 * K, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
        }
        else
        {
            const int S = 7;
            InputRow(inputRows[0] + x, n, dx, S, k, null, null, null, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[1] + x, n, dx, S, k + 1 * S, k, null, null, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[2] + x, n, dx, S, k + 2 * S, k + 1 * S, k, null, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[3] + x, n, dx, S, k + 3 * S, k + 2 * S, k + 1 * S, k, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[4] + x, n, dx, S, k + 4 * S, k + 3 * S, k + 2 * S, k + 1 * S, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[5] + x, n, dx, S, k + 5 * S, k + 4 * S, k + 3 * S, k + 2 * S, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[6] + x, n, dx, S, k + 6 * S, k + 5 * S, k + 4 * S, k + 3 * S, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[7] + x, n, dx, S, null, k + 6 * S, k + 5 * S, k + 4 * S, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[8] + x, n, dx, S, null, null, k + 6 * S, k + 5 * S, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
            InputRow(inputRows[9] + x, n, dx, S, null, null, null, k + 6 * S, ref a0, ref b0, ref a1, ref b1, ref a2, ref b2, ref a3, ref b3);
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

    /// <summary>One input row's contribution: for each tap column j, two vectors times kernel row w_o[j] into output row o's accumulators (w_o null: row o does not use this input row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputRow(
        float* row, int n, long dx, int size, float* w0, float* w1, float* w2, float* w3,
        ref TVector a0, ref TVector b0, ref TVector a1, ref TVector b1, ref TVector a2, ref TVector b2, ref TVector a3, ref TVector b3)
    {
        for (int j = 0; j < size; j++)
        {
            float* p = row + j * dx;
            TVector u = TOps.Load(p), v = TOps.Load(p + n);
            if (w0 != null) { TVector w = TOps.Broadcast(w0[j]); a0 = TOps.MultiplyAdd(u, w, a0); b0 = TOps.MultiplyAdd(v, w, b0); }
            if (w1 != null) { TVector w = TOps.Broadcast(w1[j]); a1 = TOps.MultiplyAdd(u, w, a1); b1 = TOps.MultiplyAdd(v, w, b1); }
            if (w2 != null) { TVector w = TOps.Broadcast(w2[j]); a2 = TOps.MultiplyAdd(u, w, a2); b2 = TOps.MultiplyAdd(v, w, b2); }
            if (w3 != null) { TVector w = TOps.Broadcast(w3[j]); a3 = TOps.MultiplyAdd(u, w, a3); b3 = TOps.MultiplyAdd(v, w, b3); }
        }
    }
}
