namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// When Auto prefers Separable to the direct algorithms, from measurements recorded in docs/benchmarks.md.
/// </summary>
internal static class SeparableRule
{
    /// <summary>True when R separable passes beat the direct algorithms on <paramref name="problem"/>.</summary>
    public static bool Prefers(Conv2DProblem problem, int rank)
    {
        long direct = (long)problem.KernelHeight * problem.KernelWidth;
        long passes = (long)rank * (problem.KernelHeight + problem.KernelWidth);
        return problem.KernelHeight > 1 && problem.KernelWidth > 1 && 2 * passes <= direct;
    }
}
