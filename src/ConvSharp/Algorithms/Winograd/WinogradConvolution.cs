using System;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Winograd;

/// <summary>
/// Winograd F(3, 3) down the columns, nested over three-row kernel slices (<see cref="WinogradF3"/>): a kh × kw kernel
/// costs (5/3)·⌈kh/3⌉·kw multiply-adds per output instead of kh·kw (9×9: 45 against 81; 11×11: 73 against 121), plus a
/// transform of each input row and each output row that needs only adds. The products are the Simd algorithm's register
/// blocks over five transformed planes, so they run as fast per multiply-add as the direct path.
/// </summary>
/// <remarks>
/// Bounded: the transforms round (<see cref="WinogradF3.ErrorFactor"/>). A NaN or infinity in the input reaches the
/// outputs of its tile (three rows), not only those whose window holds it; kernels with one are declined.
/// </remarks>
internal sealed class WinogradConvolution : Conv2DAlgorithm
{
    public override string Name => "Winograd";

    public override string Description => "Winograd F(3, 3) down the columns over three-row kernel slices: (5/3)·⌈kh/3⌉·kw multiply-adds per output instead of kh·kw; stride and dilation 1.";

    public override Conv2DAccuracy Accuracy => Conv2DAccuracy.Bounded;

    public override bool Supports(Conv2DProblem problem, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Stride != (1, 1) || problem.Dilation != (1, 1))
        {
            reason = $"needs stride and dilation 1 (stride {ThrowHelper.Format(problem.Stride)}, dilation {ThrowHelper.Format(problem.Dilation)}): a tile is three adjacent output rows of adjacent taps";
            return false;
        }

        reason = "native: tiles of three output rows from five transformed input rows, borders applied in the transform";
        return true;
    }

    public override WorkspaceRequirement Workspace(Conv2DProblem problem, Conv2DOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        return WinogradLayout.For(problem, options.Threads).Requirement;
    }

    protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        float[] taps = ConvolutionRunner.PackKernel(kernel, problem.Kind);
        if (!Array.TrueForAll(taps, float.IsFinite))
        {
            reason = "the kernel holds a NaN or an infinity, which the transform would spread to every component";
            return null;
        }

        reason = $"{WinogradF3.Slices(problem.KernelHeight)} three-row slice(s)";
        return new PreparedWinograd(problem, this, taps);
    }

    /// <summary>
    /// Auto takes Winograd for kernels of at least 9 × 9 whose products cost at most 0.62 of the direct multiply-adds,
    /// (5/3)·⌈kh/3⌉ ≤ 0.62·kh (9, 11, 12, 14, 15, 17, 18 … rows; not 10, 13 or 16, which pad a slice with two zero rows).
    /// </summary>
    /// <remarks>
    /// Measured on the 2-core Zen 3 machine, 1024², per-round ratios to Simd in one process (docs/benchmarks.md):
    /// 7×7 (ratio 0.71) 1.15 on one thread and 1.20 on two (Stencil and Simd win); 9×9 (0.56) 0.81–0.86 / 0.85;
    /// 11×11 (0.61) 0.79 / 0.84; 15×15 (0.56) 0.69 / 0.72.
    /// </remarks>
    protected internal override bool ConsideredByAuto(Conv2DProblem problem, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int kh = problem.KernelHeight, kw = problem.KernelWidth, slices = WinogradF3.Slices(kh);
        bool considered = kh >= 9 && kw >= 9 && 500 * slices <= 186 * kh;
        reason = considered ? "" : $"(5/3)·⌈kh/3⌉·kw = {5.0 * slices * kw / 3:0.#} multiply-adds per output against {kh * kw} direct: the direct algorithms are faster below 9 × 9 or above 0.62 of the direct count";
        return considered;
    }
}
