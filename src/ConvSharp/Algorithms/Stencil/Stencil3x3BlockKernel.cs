using System.Runtime.CompilerServices;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>
/// The hand-unrolled 3×3 case of <see cref="StencilBlockKernel{TSize, TOps, TVector}"/>: four output rows × two vectors.
/// </summary>
/// <remarks>
/// Registers: the nine weights are broadcast once per call and stay in registers; eight accumulators (4 rows × 2
/// vectors) give eight independent FMA chains, enough to cover FMA latency on two FMA pipes. Each of the six input rows
/// is loaded as three shifted vectors (x, x+dx, x+2dx) per column vector, i.e. 36 loads for 72 FMAs, and each load feeds
/// up to three output rows. With AVX-512 that is 9 + 8 + 6 = 23 of the 32 vector registers.
/// Order: every output row adds its taps row-major (kernel row 0, 1, 2; within a row column 0, 1, 2), exactly as
/// <see cref="Simd.SimdRowKernel{TOps, TVector}"/> does, so the two algorithms agree bit for bit.
/// Remainder: one vector at a time, then an overlapping last vector. Direction: left to right, or right to left when the caller's
/// <see cref="StoreLoadAliasing"/> vote says the buffers' placement would make loads 4K-alias recent stores.
/// </remarks>
internal static unsafe class Stencil3x3BlockKernel<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Columns [x0, x1) of four output rows from six input rows, right to left when <paramref name="backward"/>; requires x1 − x0 ≥ one vector.</summary>
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
        float* in0 = inputRows[0], in1 = inputRows[1], in2 = inputRows[2], in3 = inputRows[3], in4 = inputRows[4], in5 = inputRows[5];
        float* out0 = outputRows[0], out1 = outputRows[1], out2 = outputRows[2], out3 = outputRows[3];

        if (backward)
        {
            int x = x1;
            for (; x - 2 * n >= x0; x -= 2 * n)
            {
                Column(in0, in1, in2, in3, in4, in5, out0, out1, out2, out3, x - n, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
                Column(in0, in1, in2, in3, in4, in5, out0, out1, out2, out3, x - 2 * n, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
            }

            for (; x - n >= x0; x -= n) Column(in0, in1, in2, in3, in4, in5, out0, out1, out2, out3, x - n, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
            if (x > x0) Column(in0, in1, in2, in3, in4, in5, out0, out1, out2, out3, x0, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
        }
        else
        {
            int x = x0;
            for (; x <= x1 - 2 * n; x += 2 * n)
            {
                Column(in0, in1, in2, in3, in4, in5, out0, out1, out2, out3, x, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
                Column(in0, in1, in2, in3, in4, in5, out0, out1, out2, out3, x + n, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
            }

            for (; x <= x1 - n; x += n) Column(in0, in1, in2, in3, in4, in5, out0, out1, out2, out3, x, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
            if (x < x1) Column(in0, in1, in2, in3, in4, in5, out0, out1, out2, out3, x1 - n, dx, k00, k01, k02, k10, k11, k12, k20, k21, k22);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column(
        float* in0, float* in1, float* in2, float* in3, float* in4, float* in5, float* out0, float* out1, float* out2, float* out3, long x, long dx,
        TVector k00, TVector k01, TVector k02, TVector k10, TVector k11, TVector k12, TVector k20, TVector k21, TVector k22)
    {
        float* r = in0 + x;
        TVector v0 = TOps.Load(r), v1 = TOps.Load(r + dx), v2 = TOps.Load(r + 2 * dx);
        TVector acc0 = Taps(v0, v1, v2, k00, k01, k02, TOps.Zero);

        r = in1 + x;
        v0 = TOps.Load(r); v1 = TOps.Load(r + dx); v2 = TOps.Load(r + 2 * dx);
        acc0 = Taps(v0, v1, v2, k10, k11, k12, acc0);
        TVector acc1 = Taps(v0, v1, v2, k00, k01, k02, TOps.Zero);

        r = in2 + x;
        v0 = TOps.Load(r); v1 = TOps.Load(r + dx); v2 = TOps.Load(r + 2 * dx);
        acc0 = Taps(v0, v1, v2, k20, k21, k22, acc0);
        acc1 = Taps(v0, v1, v2, k10, k11, k12, acc1);
        TVector acc2 = Taps(v0, v1, v2, k00, k01, k02, TOps.Zero);

        r = in3 + x;
        v0 = TOps.Load(r); v1 = TOps.Load(r + dx); v2 = TOps.Load(r + 2 * dx);
        acc1 = Taps(v0, v1, v2, k20, k21, k22, acc1);
        acc2 = Taps(v0, v1, v2, k10, k11, k12, acc2);
        TVector acc3 = Taps(v0, v1, v2, k00, k01, k02, TOps.Zero);

        r = in4 + x;
        v0 = TOps.Load(r); v1 = TOps.Load(r + dx); v2 = TOps.Load(r + 2 * dx);
        acc2 = Taps(v0, v1, v2, k20, k21, k22, acc2);
        acc3 = Taps(v0, v1, v2, k10, k11, k12, acc3);

        r = in5 + x;
        v0 = TOps.Load(r); v1 = TOps.Load(r + dx); v2 = TOps.Load(r + 2 * dx);
        acc3 = Taps(v0, v1, v2, k20, k21, k22, acc3);

        // Stores come after every load of the block: a store followed by a load of the same column 4K-aliases whenever
        // the output sits just above the input modulo 4 KiB, whichever way the columns are swept.
        TOps.Store(out0 + x, acc0);
        TOps.Store(out1 + x, acc1);
        TOps.Store(out2 + x, acc2);
        TOps.Store(out3 + x, acc3);
    }

    /// <summary>acc + v0·k0 + v1·k1 + v2·k2, in that order, fused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Taps(TVector v0, TVector v1, TVector v2, TVector k0, TVector k1, TVector k2, TVector acc) =>
        TOps.MultiplyAdd(v2, k2, TOps.MultiplyAdd(v1, k1, TOps.MultiplyAdd(v0, k0, acc)));
}
