using System.Runtime.CompilerServices;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>
/// Two output rows × six vectors at once for any kh × kw kernel (Simd uses it from kh = 3), at stride 1 and vertical dilation 1: the
/// register blocking of the direct path with the sizes read at run time. Output rows y, y+1 read input rows y..y+kh, and
/// each input vector is loaded once for both output rows that use it.
/// </summary>
/// <remarks>
/// <para>Why this shape: every output vector is one chain of kh·kw dependent FMAs (the fixed order below), so the core
/// needs as many independent chains as FMA latency × FMA issue rate (4 × 2 on Zen 3) to stay busy. Twelve accumulators
/// give slack above that in every input row but the first and the last, which feed six. The four-row × two-vector block
/// this replaced had eight chains in its middle rows (no slack) and two to six in its first and last three; Simd ran
/// 1.1–2× slower with it (docs/benchmarks.md, issue #6). Registers: 12 accumulators, two broadcast weights and one
/// input vector, 15 of AVX2's 16.</para>
/// <para>Order: each output row adds kernel row by kernel row, tap by tap (j = 0 .. kw − 1), with FMAs from zero, exactly
/// as <see cref="Simd.SimdRowKernel{TOps, TVector}"/> does, so a row has the same bits from a block or alone. No output
/// multiplies a row outside its window, so a NaN or infinity there cannot leak in through a zero weight.</para>
/// <para>Remainder: one overlapping six-vector step (<see cref="ColumnOrder"/>); a segment narrower than six vectors (a narrow
/// image) goes row by row through the row kernel.</para>
/// </remarks>
internal static unsafe class AnySizeBlockKernel<TOps, TVector>
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Output rows per block.</summary>
    public const int Rows = 2;

    /// <summary>Output columns per block; the band loop widens the edge segments to it (<see cref="StencilAnySize.EdgeVectors"/>), so they run at full speed too.</summary>
    public static int Step => SixVectorSteps<TOps, TVector>.Vectors * TOps.Count;

    /// <summary>Columns [x0, x1) of two output rows; requires kh ≥ 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float** inputRows, float** outputRows, int x0, int x1, in ConvolutionData data)
    {
        int step = Step;
        if (x1 - x0 < step)
        {
            for (int o = 0; o < Rows; o++) default(Simd.SimdRowKernel<TOps, TVector>).Run(inputRows + o, outputRows[o], x0, x1, in data);
            return;
        }

        // Always left to right (tests may force the other way): unlike the stencil's two-vector steps, this block's
        // six-vector steps measured no gain from the 4K-aliasing vote, and the backward sweep it picked for a 1024-float
        // pitch ran 2–3× slower (docs/benchmarks.md, issue #6).
        var order = new ColumnOrder(x0, x1, step, data.ForcedSweep == 1);
        for (int b = 0; b < order.Count; b++) Column(inputRows, outputRows, order[b], in data);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Column(float** inputRows, float** outputRows, int x, in ConvolutionData data)
    {
        int n = TOps.Count, kh = data.KernelHeight, kw = data.KernelWidth;
        long dx = data.DilationX;
        float* k = data.Kernel;
        TVector a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero, a4 = TOps.Zero, a5 = TOps.Zero;
        TVector c0 = TOps.Zero, c1 = TOps.Zero, c2 = TOps.Zero, c3 = TOps.Zero, c4 = TOps.Zero, c5 = TOps.Zero;

        // Input row 0 feeds output row 0 only, through kernel row 0.
        SixVectorSteps<TOps, TVector>.OneRow(inputRows[0] + x, n, dx, kw, k, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5);

        // Input rows 1 .. kh − 1 feed output row 0 through kernel row t and output row 1 through kernel row t − 1.
        for (int t = 1; t < kh; t++)
        {
            float* k0 = k + (t * kw);
            SixVectorSteps<TOps, TVector>.TwoRows(inputRows[t] + x, n, dx, kw, k0, k0 - kw, ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref c0, ref c1, ref c2, ref c3, ref c4, ref c5);
        }

        // Input row kh feeds output row 1 only, through the last kernel row.
        SixVectorSteps<TOps, TVector>.OneRow(inputRows[kh] + x, n, dx, kw, k + ((kh - 1) * kw), ref c0, ref c1, ref c2, ref c3, ref c4, ref c5);

        // All loads first, then the stores (see StoreLoadAliasing).
        SixVectorSteps<TOps, TVector>.Store(outputRows[0] + x, n, a0, a1, a2, a3, a4, a5);
        SixVectorSteps<TOps, TVector>.Store(outputRows[1] + x, n, c0, c1, c2, c3, c4, c5);
    }
}
