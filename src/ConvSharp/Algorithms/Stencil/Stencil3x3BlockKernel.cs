using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>
/// The hand-unrolled 3×3 block kernel: three output rows × two vectors, each input vector loaded once and added straight
/// into every accumulator that needs it.
/// </summary>
/// <remarks>
/// <para>Registers: the nine weights are broadcast once per call and stay in registers, six accumulators (3 rows × 2
/// vectors) and one loaded vector make 16, all that AVX2 has, so nothing spills. Each of the five input rows is loaded as
/// three shifted vectors (x, x+dx, x+2dx) per column vector: 30 loads for 54 FMAs.</para>
/// <para>Why this shape (measured on the Zen 3 machine, one thread, 1024 × 1008 outputs, every candidate in one
/// process): the chains of the two columns advance together in program order, so the out-of-order core always has
/// independent FMAs at hand, where the previous four-row block issued one column's 36 dependent FMAs before the next
/// column's and waited on FMA latency (0.26–0.31 against 0.36–0.41 ms at ordinary pitches). Three rows keep five input
/// and three output rows in flight: eight rows, as many as an 8-way L1 holds at one set, so a pitch of a multiple of
/// 4 KiB needs no staging (four rows: 0.31 ms, the old block 0.36–0.82 ms there). All stores come after every load of
/// the block: a store followed by a load of the same column 4K-aliases whenever the output sits just above the input
/// modulo 4 KiB, whichever way the columns are swept.</para>
/// <para>Order: every output row adds its taps row-major (kernel row 0, 1, 2; within a row column 0, 1, 2), exactly as
/// <see cref="Simd.SimdRowKernel{TOps, TVector}"/> does, so the two algorithms agree bit for bit.
/// Remainder: one vector at a time, then an overlapping last vector. Direction: left to right, or right to left when the caller's
/// <see cref="StoreLoadAliasing"/> vote says the buffers' placement would make loads 4K-alias recent stores.</para>
/// </remarks>
internal static unsafe class Stencil3x3BlockKernel<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Output rows per block.</summary>
    public const int Rows = 3;

    /// <summary>Columns [x0, x1) of three output rows from five input rows, right to left when <paramref name="backward"/>; requires x1 − x0 ≥ one vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float** inputRows, float** outputRows, int x0, int x1, in ConvolutionData data, bool backward)
    {
        // Everything the loop touches is a local: a struct of nine vectors would not be promoted to registers.
        int n = TOps.Count;
        long dx = data.DilationX;
        float* k = data.Kernel;
        TVector k00 = TOps.Broadcast(k[0]), k01 = TOps.Broadcast(k[1]), k02 = TOps.Broadcast(k[2]);
        TVector k10 = TOps.Broadcast(k[3]), k11 = TOps.Broadcast(k[4]), k12 = TOps.Broadcast(k[5]);
        TVector k20 = TOps.Broadcast(k[6]), k21 = TOps.Broadcast(k[7]), k22 = TOps.Broadcast(k[8]);
        float* in0 = inputRows[0], in1 = inputRows[1], in2 = inputRows[2], in3 = inputRows[3], in4 = inputRows[4];
        float* out0 = outputRows[0], out1 = outputRows[1], out2 = outputRows[2];

        if (backward)
        {
            int x = x1;
            for (; x - 2 * n >= x0; x -= 2 * n) Pair(in0, in1, in2, in3, in4, out0, out1, out2, x - 2 * n, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
            for (; x - n >= x0; x -= n) Single(in0, in1, in2, in3, in4, out0, out1, out2, x - n, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
            if (x > x0) Single(in0, in1, in2, in3, in4, out0, out1, out2, x0, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
        }
        else
        {
            int x = x0;
            for (; x <= x1 - 2 * n; x += 2 * n) Pair(in0, in1, in2, in3, in4, out0, out1, out2, x, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
            for (; x <= x1 - n; x += n) Single(in0, in1, in2, in3, in4, out0, out1, out2, x, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
            if (x < x1) Single(in0, in1, in2, in3, in4, out0, out1, out2, x1 - n, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
        }
    }

    /// <summary>Columns x and x + one vector of the three rows, the two columns' taps interleaved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(
        float* in0, float* in1, float* in2, float* in3, float* in4, float* out0, float* out1, float* out2, long x, long dx,
        TVector k00, TVector k01, TVector k02, TVector k10, TVector k11, TVector k12, TVector k20, TVector k21, TVector k22)
    {
        long n = TOps.Count;
        float* r;
        TVector v, a0, a1, a2, b0, b1, b2;
        r = in0 + x;
        v = TOps.Load(r); a0 = F(v, k00, TOps.Zero);
        v = TOps.Load(r + n); b0 = F(v, k00, TOps.Zero);
        v = TOps.Load(r + dx); a0 = F(v, k01, a0);
        v = TOps.Load(r + n + dx); b0 = F(v, k01, b0);
        v = TOps.Load(r + 2 * dx); a0 = F(v, k02, a0);
        v = TOps.Load(r + n + 2 * dx); b0 = F(v, k02, b0);
        r = in1 + x;
        v = TOps.Load(r); a0 = F(v, k10, a0); a1 = F(v, k00, TOps.Zero);
        v = TOps.Load(r + n); b0 = F(v, k10, b0); b1 = F(v, k00, TOps.Zero);
        v = TOps.Load(r + dx); a0 = F(v, k11, a0); a1 = F(v, k01, a1);
        v = TOps.Load(r + n + dx); b0 = F(v, k11, b0); b1 = F(v, k01, b1);
        v = TOps.Load(r + 2 * dx); a0 = F(v, k12, a0); a1 = F(v, k02, a1);
        v = TOps.Load(r + n + 2 * dx); b0 = F(v, k12, b0); b1 = F(v, k02, b1);
        r = in2 + x;
        v = TOps.Load(r); a0 = F(v, k20, a0); a1 = F(v, k10, a1); a2 = F(v, k00, TOps.Zero);
        v = TOps.Load(r + n); b0 = F(v, k20, b0); b1 = F(v, k10, b1); b2 = F(v, k00, TOps.Zero);
        v = TOps.Load(r + dx); a0 = F(v, k21, a0); a1 = F(v, k11, a1); a2 = F(v, k01, a2);
        v = TOps.Load(r + n + dx); b0 = F(v, k21, b0); b1 = F(v, k11, b1); b2 = F(v, k01, b2);
        v = TOps.Load(r + 2 * dx); a0 = F(v, k22, a0); a1 = F(v, k12, a1); a2 = F(v, k02, a2);
        v = TOps.Load(r + n + 2 * dx); b0 = F(v, k22, b0); b1 = F(v, k12, b1); b2 = F(v, k02, b2);
        r = in3 + x;
        v = TOps.Load(r); a1 = F(v, k20, a1); a2 = F(v, k10, a2);
        v = TOps.Load(r + n); b1 = F(v, k20, b1); b2 = F(v, k10, b2);
        v = TOps.Load(r + dx); a1 = F(v, k21, a1); a2 = F(v, k11, a2);
        v = TOps.Load(r + n + dx); b1 = F(v, k21, b1); b2 = F(v, k11, b2);
        v = TOps.Load(r + 2 * dx); a1 = F(v, k22, a1); a2 = F(v, k12, a2);
        v = TOps.Load(r + n + 2 * dx); b1 = F(v, k22, b1); b2 = F(v, k12, b2);
        r = in4 + x;
        v = TOps.Load(r); a2 = F(v, k20, a2);
        v = TOps.Load(r + n); b2 = F(v, k20, b2);
        v = TOps.Load(r + dx); a2 = F(v, k21, a2);
        v = TOps.Load(r + n + dx); b2 = F(v, k21, b2);
        v = TOps.Load(r + 2 * dx); a2 = F(v, k22, a2);
        v = TOps.Load(r + n + 2 * dx); b2 = F(v, k22, b2);
        TOps.Store(out0 + x, a0);
        TOps.Store(out0 + x + n, b0);
        TOps.Store(out1 + x, a1);
        TOps.Store(out1 + x + n, b1);
        TOps.Store(out2 + x, a2);
        TOps.Store(out2 + x + n, b2);
    }

    /// <summary>Column x of the three rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Single(
        float* in0, float* in1, float* in2, float* in3, float* in4, float* out0, float* out1, float* out2, long x, long dx,
        TVector k00, TVector k01, TVector k02, TVector k10, TVector k11, TVector k12, TVector k20, TVector k21, TVector k22)
    {
        float* r;
        TVector v, a0, a1, a2;
        r = in0 + x;
        v = TOps.Load(r); a0 = F(v, k00, TOps.Zero);
        v = TOps.Load(r + dx); a0 = F(v, k01, a0);
        v = TOps.Load(r + 2 * dx); a0 = F(v, k02, a0);
        r = in1 + x;
        v = TOps.Load(r); a0 = F(v, k10, a0); a1 = F(v, k00, TOps.Zero);
        v = TOps.Load(r + dx); a0 = F(v, k11, a0); a1 = F(v, k01, a1);
        v = TOps.Load(r + 2 * dx); a0 = F(v, k12, a0); a1 = F(v, k02, a1);
        r = in2 + x;
        v = TOps.Load(r); a0 = F(v, k20, a0); a1 = F(v, k10, a1); a2 = F(v, k00, TOps.Zero);
        v = TOps.Load(r + dx); a0 = F(v, k21, a0); a1 = F(v, k11, a1); a2 = F(v, k01, a2);
        v = TOps.Load(r + 2 * dx); a0 = F(v, k22, a0); a1 = F(v, k12, a1); a2 = F(v, k02, a2);
        r = in3 + x;
        v = TOps.Load(r); a1 = F(v, k20, a1); a2 = F(v, k10, a2);
        v = TOps.Load(r + dx); a1 = F(v, k21, a1); a2 = F(v, k11, a2);
        v = TOps.Load(r + 2 * dx); a1 = F(v, k22, a1); a2 = F(v, k12, a2);
        r = in4 + x;
        v = TOps.Load(r); a2 = F(v, k20, a2);
        v = TOps.Load(r + dx); a2 = F(v, k21, a2);
        v = TOps.Load(r + 2 * dx); a2 = F(v, k22, a2);
        TOps.Store(out0 + x, a0);
        TOps.Store(out1 + x, a1);
        TOps.Store(out2 + x, a2);
    }

    /// <summary>acc + v·k, fused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector F(TVector v, TVector k, TVector acc) => TOps.MultiplyAdd(v, k, acc);
}
