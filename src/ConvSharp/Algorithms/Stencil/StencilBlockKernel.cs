using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>
/// Four output rows at once for a K×K kernel at stride 1 and vertical dilation 1: output rows y..y+3 read input rows
/// y..y+K+2, and each input vector is loaded once and fed to every output row that uses it.
/// </summary>
/// <remarks>
/// Register blocking: four accumulators (one per output row) stay in registers across all K+3 input rows; input row r
/// contributes to output row o with kernel row r − o when 0 ≤ r − o &lt; K. So a vector is loaded (K+3)·K times for
/// 4·K² FMAs instead of 4·K² times. For 3×3 that is 18 loads per 36 FMAs. Lanes: lane l is output column x + l. The
/// remainder is one overlapping vector, as in <see cref="Simd.SimdRowKernel{TOps, TVector}"/>, and each output row
/// adds its taps in row-major order, so results equal the Simd algorithm's bit for bit.
/// </remarks>
internal static unsafe class StencilBlockKernel<TSize, TOps, TVector>
    where TSize : IStencilSize
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    public const int Rows = 4;

    /// <summary>Columns [x0, x1) of four output rows; requires x1 − x0 ≥ one vector.</summary>
    public static void Run(float** inputRows, float** outputRows, int x0, int x1, in ConvolutionData data)
    {
        int n = TOps.Count;
        int x = x0;
        for (; x <= x1 - n; x += n) Block(inputRows, outputRows, x, data.Kernel, data.DilationX);
        if (x < x1) Block(inputRows, outputRows, x1 - n, data.Kernel, data.DilationX);
    }

    private static void Block(float** inputRows, float** outputRows, int x, float* kernel, long dx)
    {
        int k = TSize.Size;
        TVector acc0 = TOps.Zero, acc1 = TOps.Zero, acc2 = TOps.Zero, acc3 = TOps.Zero;
        for (int r = 0; r < k + Rows - 1; r++)
        {
            float* row = inputRows[r] + x;
            for (int j = 0; j < k; j++)
            {
                TVector v = TOps.Load(row + j * dx);
                if (r < k) acc0 = TOps.MultiplyAdd(v, TOps.Broadcast(kernel[r * k + j]), acc0);
                if ((uint)(r - 1) < (uint)k) acc1 = TOps.MultiplyAdd(v, TOps.Broadcast(kernel[(r - 1) * k + j]), acc1);
                if ((uint)(r - 2) < (uint)k) acc2 = TOps.MultiplyAdd(v, TOps.Broadcast(kernel[(r - 2) * k + j]), acc2);
                if ((uint)(r - 3) < (uint)k) acc3 = TOps.MultiplyAdd(v, TOps.Broadcast(kernel[(r - 3) * k + j]), acc3);
            }
        }

        TOps.Store(outputRows[0] + x, acc0);
        TOps.Store(outputRows[1] + x, acc1);
        TOps.Store(outputRows[2] + x, acc2);
        TOps.Store(outputRows[3] + x, acc3);
    }
}
