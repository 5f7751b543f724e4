using System;

namespace ConvSharp.Binary;

/// <summary>
/// XNOR-Net's output by its definition, one window at a time: the count Σ sign(I)·sign(W) over the taps that count
/// (an exact integer), K = Σ|I| over the window (zero outside) ÷ kh·kw in double, times α. The truth the binary
/// algorithms are tested against.
/// </summary>
internal sealed class BinaryReference : BinaryAlgorithm
{
    public override string Name => "Reference";

    public override string Description => "The definition, window by window: the ±1 correlation of the signs, K and α in double.";

    public override bool Supports(BinaryConv2DProblem problem, out string reason)
    {
        reason = "native: every size, anchor, stride, dilation and padding";
        return true;
    }

    private protected override PreparedBinaryConvolution PrepareCore(BinaryConv2DProblem problem, BinaryKernel kernel) => new Prepared(problem, this, kernel);

    /// <summary>One output's count and exact K at (y, x).</summary>
    public static (int Count, double K) At(BinaryConv2DProblem problem, BinaryKernel kernel, ReadOnlyPlane2D input, int y, int x)
    {
        var g = problem.Geometry;
        int agree = 0, n = 0;
        double sumAbs = 0;
        for (int i = 0; i < g.KernelHeight; i++)
        {
            long r = ((long)y * g.Stride.Y) + ((long)i * g.Dilation.Y) - g.Anchor.Y;
            for (int j = 0; j < g.KernelWidth; j++)
            {
                long c = ((long)x * g.Stride.X) + ((long)j * g.Dilation.X) - g.Anchor.X;
                bool weight = kernel.Signs[(i * g.KernelWidth) + j];
                if (r >= 0 && r < g.InputHeight && c >= 0 && c < g.InputWidth)
                {
                    float v = input.Row((int)r)[(int)c];
                    sumAbs += Math.Abs((double)v);
                    n++;
                    if ((v > 0) == weight) agree++;
                }
                else if (problem.Padding != BinaryPadding.Zero)
                {
                    n++;
                    if ((problem.Padding == BinaryPadding.PlusOne) == weight) agree++;
                }
            }
        }

        return ((2 * agree) - n, sumAbs / problem.Taps);
    }

    private sealed class Prepared(BinaryConv2DProblem problem, BinaryAlgorithm algorithm, BinaryKernel kernel) : PreparedBinaryConvolution(problem, algorithm, kernel)
    {
        private protected override void ExecuteCore(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context)
        {
            var g = Problem.Geometry;
            for (int y = 0; y < g.OutputHeight; y++)
            {
                var row = output.Row(y);
                for (int x = 0; x < g.OutputWidth; x++)
                {
                    var (count, k) = At(Problem, Kernel, input, y, x);
                    row[x] = (float)(count * k * Kernel.Alpha);
                }
            }
        }

        private protected override void CountsCore(ReadOnlyPlane2D input, Span<int> counts, ExecutionContext context)
        {
            var g = Problem.Geometry;
            for (int y = 0; y < g.OutputHeight; y++)
            {
                for (int x = 0; x < g.OutputWidth; x++) counts[(y * g.OutputWidth) + x] = At(Problem, Kernel, input, y, x).Count;
            }
        }
    }
}
