using System;

namespace ConvSharp.Binary;

/// <summary>
/// A binary algorithm with one kernel binarised and packed, and its α: runs on any number of inputs, from several
/// threads at once. <see cref="Execute"/> gives XNOR-Net's scaled output, (H ⊛ B)·K·α; <see cref="ComputeCounts"/> the
/// integer part H ⊛ B = 2·popcount(xnor) − n alone.
/// </summary>
public abstract class PreparedBinaryConvolution
{
    private protected PreparedBinaryConvolution(BinaryConv2DProblem problem, BinaryAlgorithm algorithm, BinaryKernel kernel)
    {
        Problem = problem;
        Algorithm = algorithm;
        Kernel = kernel;
    }

    /// <summary>The problem.</summary>
    public BinaryConv2DProblem Problem { get; }

    /// <summary>The algorithm.</summary>
    public BinaryAlgorithm Algorithm { get; }

    /// <summary>α = mean |W| of the kernel.</summary>
    public double Alpha => Kernel.Alpha;

    internal BinaryKernel Kernel { get; }

    /// <summary>
    /// The largest |result − Reference| at an output whose count is <paramref name="count"/> and whose exact K is
    /// <paramref name="k"/>: |count|·K·α·(kh·kw + 4)·2⁻²³ (K's sum of kh·kw terms and its division, α's and the two
    /// products' roundings). The count itself is exact.
    /// </summary>
    public double ErrorBound(int count, double k) => Math.Abs((double)count) * k * Alpha * (Problem.Taps + 4) * Math.Pow(2, -23);

    /// <summary>The scaled output (H ⊛ B)·K·α of <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">A shape differs from the problem's, or the buffers overlap.</exception>
    public void Execute(ReadOnlyPlane2D input, Plane2D output, ExecutionContext? context = null)
    {
        var g = Problem.Geometry;
        CheckInput(input);
        if (output.Height != g.OutputHeight || output.Width != g.OutputWidth)
            ThrowHelper.Argument(nameof(output), $"output is {output.Height}×{output.Width}; the problem's is {g.OutputHeight}×{g.OutputWidth}.");
        if (input.Data.Overlaps(output.Data)) ThrowHelper.Argument(nameof(output), "output overlaps input.");
        context ??= ExecutionContext.Default;
        context.Validate();
        ExecuteCore(input, output, context);
    }

    /// <summary>The integer part H ⊛ B (2·popcount(xnor) − n) of each output, row-major, into <paramref name="counts"/>.</summary>
    /// <exception cref="ArgumentException">The input's shape differs from the problem's, or counts is not H'·W' long.</exception>
    public void ComputeCounts(ReadOnlyPlane2D input, Span<int> counts, ExecutionContext? context = null)
    {
        var g = Problem.Geometry;
        CheckInput(input);
        if (counts.Length != (long)g.OutputHeight * g.OutputWidth)
            ThrowHelper.Argument(nameof(counts), $"counts holds {counts.Length}; the output has {g.OutputHeight}·{g.OutputWidth} = {(long)g.OutputHeight * g.OutputWidth}.");
        context ??= ExecutionContext.Default;
        context.Validate();
        CountsCore(input, counts, context);
    }

    private protected abstract void ExecuteCore(ReadOnlyPlane2D input, Plane2D output, ExecutionContext context);

    private protected abstract void CountsCore(ReadOnlyPlane2D input, Span<int> counts, ExecutionContext context);

    private void CheckInput(ReadOnlyPlane2D input)
    {
        var g = Problem.Geometry;
        if (input.Height != g.InputHeight || input.Width != g.InputWidth)
            ThrowHelper.Argument(nameof(input), $"input is {input.Height}×{input.Width}; the problem's is {g.InputHeight}×{g.InputWidth}.");
    }
}
