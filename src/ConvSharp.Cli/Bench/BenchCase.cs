using ConvSharp.Cli.IO;

namespace ConvSharp.Cli.Bench;

/// <summary>One problem of a suite with its data.</summary>
/// <param name="Label">Short name for charts, e.g. "3x3".</param>
/// <param name="Problem">The problem.</param>
/// <param name="Input">The image.</param>
/// <param name="Kernel">The kernel.</param>
public sealed record BenchCase(string Label, Conv2DProblem Problem, Matrix Input, Matrix Kernel)
{
    /// <summary>The problem string, plus the label where the label says more than the kernel size (e.g. a separable Gaussian).</summary>
    public string Title => Label == $"{Problem.KernelHeight}x{Problem.KernelWidth}" ? Problem.ToString() : $"{Problem} ({Label})";
}
