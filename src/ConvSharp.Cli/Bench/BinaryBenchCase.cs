using ConvSharp.Binary;

namespace ConvSharp.Cli.Bench;

/// <summary>One case of <c>--suite binary</c>: XNOR-Net on one plane, with the notebook's semantics.</summary>
/// <param name="Name">The case's name (<c>seed</c>).</param>
/// <param name="Size">Image side.</param>
/// <param name="Kernel">Kernel side.</param>
public sealed record BinaryBenchCase(string Name, int Size, int Kernel) : ISuiteCase
{
    /// <summary>The binary problem: Same, minus-one padding (the notebook pads with 0, then binarises with x &gt; 0).</summary>
    public BinaryConv2DProblem Problem { get; } = BinaryConv2DProblem.Create(Size, Size, Kernel, Kernel, new BinaryConv2DOptions { Padding = BinaryPadding.MinusOne });

    /// <inheritdoc/>
    string ISuiteCase.Problem => $"{Name}_{Problem}";

    /// <summary>Operations counted as 2·kh·kw per output (an XNOR and a count per tap, as a float multiply-add is two flops), whatever a row does.</summary>
    public double Flops => 2.0 * Problem.Taps * Problem.Geometry.OutputHeight * Problem.Geometry.OutputWidth;

    /// <inheritdoc/>
    public double? Bytes => null;

    /// <summary>The notebook's problem: 1024² and a 3×3 filter.</summary>
    public static BinaryBenchCase[] Suite => [new("seed", 1024, 3)];
}
