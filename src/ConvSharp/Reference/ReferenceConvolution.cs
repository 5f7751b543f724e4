using System;

namespace ConvSharp.Algorithms.Reference;

/// <summary>
/// The definition, executed literally: for each output sample, every tap's input index is computed from the formula and
/// mapped through the border, and products are summed in double precision. It shares nothing with the fast paths except
/// the border index map, so every test can trust it. Slow by design.
/// </summary>
internal sealed class ReferenceConvolution : Conv2DAlgorithm
{
    public override string Name => "Reference";

    public override string Description => "The formula, literally, with double accumulation: the one truth every test compares against.";

    public override bool Supports(Conv2DProblem problem, out string reason) => Always("native: every feature, per-tap border mapping", out reason);

    protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason)
    {
        reason = "the kernel as given";
        return new PreparedReference(problem, this, kernel);
    }

    /// <summary>A copy of the kernel, as given (the formula flips it for convolution itself).</summary>
    private sealed class PreparedReference : PreparedConvolution
    {
        private readonly float[] _kernel;
        private readonly double _sumAbs;

        public PreparedReference(Conv2DProblem problem, Conv2DAlgorithm algorithm, ReadOnlyPlane2D kernel)
            : base(problem, algorithm)
        {
            _kernel = new float[problem.KernelHeight * problem.KernelWidth];
            for (int i = 0; i < problem.KernelHeight; i++) kernel.Row(i).CopyTo(_kernel.AsSpan(i * problem.KernelWidth));
            foreach (float k in _kernel) _sumAbs += Math.Abs(k);
        }

        // The reference rounds once, at the end; the bound is the same as every exact algorithm's, so tests can use one rule.
        public override double ErrorBound(double maxAbsInput) => Problem.ErrorBound(maxAbsInput, _sumAbs);

        protected override void ExecuteCore(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context)
        {
            using var stage = context.Stage("reference");
            var kernel = new ReadOnlyPlane2D(_kernel, Problem.KernelHeight, Problem.KernelWidth);
            for (int y = 0; y < Problem.OutputHeight; y++)
            {
                if ((y & 63) == 0) context.CancellationToken.ThrowIfCancellationRequested();
                for (int x = 0; x < Problem.OutputWidth; x++) output[y, x] = (float)Sample(input, kernel, Problem, y, x);
            }
        }
    }

    /// <summary>One output sample by the formula, accumulated in double.</summary>
    internal static double Sample(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Conv2DProblem problem, int y, int x)
    {
        int kh = problem.KernelHeight, kw = problem.KernelWidth;
        bool flip = problem.Kind == ConvolutionKind.Convolution;
        var (sy, sx) = problem.Stride;
        var (dy, dx) = problem.Dilation;
        var (ay, ax) = problem.Anchor;
        var border = problem.Border;
        double sum = 0;
        for (int i = 0; i < kh; i++)
        {
            int row = Borders.BorderIndex.Map((long)y * sy + (long)i * dy - ay, input.Height, border.Mode);
            for (int j = 0; j < kw; j++)
            {
                int column = Borders.BorderIndex.Map((long)x * sx + (long)j * dx - ax, input.Width, border.Mode);
                double sample = row < 0 || column < 0 ? border.Value : input[row, column];
                double weight = flip ? kernel[kh - 1 - i, kw - 1 - j] : kernel[i, j];
                sum += sample * weight;
            }
        }

        return sum;
    }
}
