namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// When Auto prefers Separable to the direct algorithms: when the two passes' R·(kh + kw) multiply-adds per sample are
/// at most 0.6 of the direct kh·kw.
/// </summary>
/// <remarks>
/// Measured on the 2-core Zen 3 machine (docs/benchmarks.md, Separable ÷ the faster of Stencil and Simd, 1024² / 2048²):
/// rank 1: 3×3 1.26 / 1.71 (loses: 6 against 9 multiply-adds, ratio 0.67), 5×5 0.66 / 0.85 (ratio 0.4), 7×7 0.30 / 0.51,
/// 9×9 0.25 / 0.38, 11×11 0.23 / 0.22, 15×15 0.14 / 0.18; rank 2 (difference of Gaussians): 5×5 1.09 / 1.09 (loses:
/// ratio 0.8), 7×7 0.58 / 0.58 (ratio 0.57), 9×9 0.54 / 0.45, 11×11 0.47 / 0.37, 15×15 0.26 / 0.29. The threshold 0.6
/// separates every loss from every win.
/// </remarks>
internal static class SeparableRule
{
    /// <summary>True when R separable passes beat the direct algorithms on <paramref name="problem"/>.</summary>
    public static bool Prefers(Conv2DProblem problem, int rank)
    {
        long direct = (long)problem.KernelHeight * problem.KernelWidth;
        long passes = (long)rank * (problem.KernelHeight + problem.KernelWidth);
        return problem.KernelHeight > 1 && problem.KernelWidth > 1 && 5 * passes <= 3 * direct;
    }
}
