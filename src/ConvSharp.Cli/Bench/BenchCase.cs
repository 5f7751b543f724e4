using ConvSharp.Cli.IO;

namespace ConvSharp.Cli.Bench;

/// <summary>One problem of a suite with its data.</summary>
/// <param name="Name">The case's name within its suite (<c>seed</c>, <c>random3</c>, <c>gauss7</c>, <c>dog15</c>, ...): two cases may share a problem string.</param>
/// <param name="Problem">The problem.</param>
/// <param name="Input">The image.</param>
/// <param name="Kernel">The kernel.</param>
public sealed record BenchCase(string Name, Conv2DProblem Problem, Matrix Input, Matrix Kernel)
{
    /// <summary>The case and its problem string, e.g. <c>gauss7: h1024w1024_k7x7_same_constant0_s1_d1</c>.</summary>
    public string Title => $"{Name}: {Problem}";
}
