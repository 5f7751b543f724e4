using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvSharp.Binary;

/// <summary>
/// XNOR-Net's binary convolution (Rastegari et al. 2016, §3.2) of one plane: I ∗ W ≈ (sign(I) ⊛ sign(W))·K·α, with
/// sign(x) = +1 for x &gt; 0 and −1 otherwise (so 0 maps to −1), α = mean |W|, K = the mean of |I| over each window
/// (zero outside, always divided by kh·kw), and ⊛ a correlation by XNOR and popcount, 2·popcount(xnor) − n over the n
/// taps that count (<see cref="BinaryPadding"/>). An approximation of a correlation, so its own operator: never a
/// Conv2D algorithm, never picked by Conv2D's Auto. See docs/algorithms.md.
/// </summary>
public static class BinaryConv2D
{
    private static readonly BinaryAlgorithm[] AlgorithmList = [new XnorBitsliced(), new XnorSeed(), new BinaryReference()];

    /// <summary>The binary algorithms, in the order Auto considers them.</summary>
    public static IReadOnlyList<BinaryAlgorithm> Algorithms => AlgorithmList;

    /// <summary>The algorithm Auto (or <paramref name="options"/>' named one) runs on <paramref name="problem"/>.</summary>
    /// <exception cref="ArgumentException">The named algorithm is unknown or does not support the problem.</exception>
    public static BinaryAlgorithm AlgorithmFor(BinaryConv2DProblem problem, BinaryConv2DOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        string name = (options ?? BinaryConv2DOptions.Default).Algorithm;
        if (string.Equals(name, "Auto", StringComparison.OrdinalIgnoreCase)) return AlgorithmList.First(a => a.Supports(problem, out _));
        var named = AlgorithmList.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
        if (named is null) ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = '{name}' is not a binary algorithm. Known: Auto, {string.Join(", ", AlgorithmList.Select(a => a.Name))}.");
        if (!named!.Supports(problem, out string reason)) ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = '{named.Name}' does not support {problem}: {reason}");
        return named;
    }

    /// <summary>Which algorithm runs, and every algorithm's answer.</summary>
    public static string Explain(BinaryConv2DProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var lines = new List<string> { $"{problem}: {AlgorithmFor(problem).Name}" };
        foreach (var algorithm in AlgorithmList)
        {
            bool supported = algorithm.Supports(problem, out string reason);
            lines.Add($"  {algorithm.Name}: {(supported ? "yes" : "no")}, {reason}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Plans and prepares <paramref name="kernel"/> for inputs of <paramref name="inputHeight"/> × <paramref name="inputWidth"/>.</summary>
    public static PreparedBinaryConvolution Prepare(int inputHeight, int inputWidth, ReadOnlyPlane2D kernel, BinaryConv2DOptions? options = null)
    {
        var problem = BinaryConv2DProblem.Create(inputHeight, inputWidth, kernel.Height, kernel.Width, options);
        return AlgorithmFor(problem, options).Prepare(problem, kernel);
    }

    /// <summary>
    /// K, the mean of |I| over each window (zero outside, ÷ kh·kw), in one of the notebook's three forms, into
    /// <paramref name="k"/> (H' × W', row-major). All three agree within float rounding; <c>convsharp profile
    /// --algorithm xnor-seed</c> times each.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not the problem's size, or k is not H'·W' long.</exception>
    public static void WindowMeans(ReadOnlyPlane2D input, BinaryConv2DProblem problem, WindowMeanForm form, Span<float> k, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var g = problem.Geometry;
        if (input.Height != g.InputHeight || input.Width != g.InputWidth)
            ThrowHelper.Argument(nameof(input), $"input is {input.Height}×{input.Width}; the problem's is {g.InputHeight}×{g.InputWidth}.");
        if (k.Length != (long)g.OutputHeight * g.OutputWidth)
            ThrowHelper.Argument(nameof(k), $"k holds {k.Length}; the output has {g.OutputHeight}·{g.OutputWidth} = {(long)g.OutputHeight * g.OutputWidth}.");
        if (!Enum.IsDefined(form)) ThrowHelper.OutOfRange(nameof(form), form, "Im2ColColumns, Im2ColVectorised or BoxFilter.");
        context ??= ExecutionContext.Default;
        context.Validate();
        ConvSharp.Binary.WindowMeans.Compute(input, problem, form, k, context);
    }

    /// <summary>The scaled output (sign(I) ⊛ sign(W))·K·α of <paramref name="input"/> into <paramref name="output"/> (H' × W' of the options' size).</summary>
    /// <exception cref="ArgumentException">A shape or option is invalid, or the output has the wrong shape or overlaps the input.</exception>
    public static void Apply(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, BinaryConv2DOptions? options = null, ExecutionContext? context = null) =>
        Prepare(input.Height, input.Width, kernel, options).Execute(input, output, context);
}
