using System;
using System.Collections.Generic;
using ConvSharp.Planning;

namespace ConvSharp;

/// <summary>
/// 2D convolution and correlation of float32 planes with the exact semantics of scipy.signal (Full/Same/Valid, fill, wrap,
/// symm) and scipy.ndimage (Same with every border and origin), plus anchor, stride and dilation.
/// </summary>
/// <remarks>
/// <para>Formula: <c>out[y,x] = Σ_{i,j} in[y·sy + i·dy − ay, x·sx + j·dx − ax] · k[i,j]</c> for correlation; convolution
/// flips the kernel on both axes first. See <see cref="Conv2DProblem"/> for the output size and the default anchor, and
/// docs/semantics.md for the mapping to scipy, OpenCV and PyTorch names.</para>
/// <para>NaN and infinity propagate as IEEE arithmetic says: a NaN input sample makes every output that reads it NaN, and
/// an infinite sample times a zero weight is NaN. The Constant border's fill value takes part in the arithmetic like any
/// sample.</para>
/// <para>Errors: invalid shapes and options throw <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/>
/// naming the parameter and its value, before anything is written.</para>
/// </remarks>
public static class Conv2D
{
    /// <summary>Every registered algorithm, most specialised first, <see cref="Reference"/> last.</summary>
    public static IReadOnlyList<Conv2DAlgorithm> Algorithms => AlgorithmRegistry.All;

    /// <summary>The double-accumulating reference every other algorithm is tested against.</summary>
    public static Conv2DAlgorithm Reference => AlgorithmRegistry.Reference;

    /// <summary>
    /// Computes into a caller-provided <paramref name="output"/> whose shape must be the problem's output shape
    /// (see <see cref="Conv2DProblem.Create"/>). Allocates nothing proportional to the image; see docs/algorithms.md for
    /// each algorithm's small pooled scratch.
    /// </summary>
    /// <exception cref="ArgumentException">A shape or option is invalid, the output has the wrong shape, or it overlaps an operand.</exception>
    public static void Apply(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DOptions? options = null)
    {
        options ??= Conv2DOptions.Default;
        var problem = Conv2DProblem.Create(input.Height, input.Width, kernel.Height, kernel.Width, options);
        ValidateBuffers(input, kernel, output, problem);
        ValidateDegree(options.MaxDegreeOfParallelism);
        var algorithm = Choose(problem, options.Algorithm);
        algorithm.Execute(input, kernel, output, problem, options.MaxDegreeOfParallelism);
    }

    /// <summary>Computes and returns a new array of the output shape.</summary>
    /// <exception cref="ArgumentException">A shape or option is invalid.</exception>
    public static float[,] Apply(float[,] input, float[,] kernel, Conv2DOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernel);
        var problem = Conv2DProblem.Create(input.GetLength(0), input.GetLength(1), kernel.GetLength(0), kernel.GetLength(1), options);
        var result = new float[problem.OutputHeight, problem.OutputWidth];
        Apply(new ReadOnlyPlane2D(input), new ReadOnlyPlane2D(kernel), new Plane2D(result), options);
        return result;
    }

    /// <summary>Computes a dense row-major input of <paramref name="height"/> × <paramref name="width"/> and returns the output with its shape.</summary>
    /// <exception cref="ArgumentException">A shape or option is invalid.</exception>
    public static float[] Apply(ReadOnlySpan<float> input, int height, int width, ReadOnlySpan<float> kernel, int kernelHeight, int kernelWidth, Conv2DOptions? options, out int outputHeight, out int outputWidth)
    {
        var problem = Conv2DProblem.Create(height, width, kernelHeight, kernelWidth, options);
        var result = new float[(long)problem.OutputHeight * problem.OutputWidth];
        Apply(new ReadOnlyPlane2D(input, height, width), new ReadOnlyPlane2D(kernel, kernelHeight, kernelWidth), new Plane2D(result, problem.OutputHeight, problem.OutputWidth), options);
        (outputHeight, outputWidth) = (problem.OutputHeight, problem.OutputWidth);
        return result;
    }

    /// <summary>
    /// The exact value of output sample (<paramref name="y"/>, <paramref name="x"/>) by the formula, accumulated in double:
    /// what <see cref="Reference"/> computes, for spot-checking results too large to recompute whole.
    /// </summary>
    /// <exception cref="ArgumentException">A shape does not match <paramref name="problem"/>, or the sample is outside the output.</exception>
    public static double ReferenceAt(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Conv2DProblem problem, int y, int x)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (input.Height != problem.InputHeight || input.Width != problem.InputWidth)
            ThrowHelper.Argument(nameof(input), $"input is {input.Height}x{input.Width} but the problem {problem} expects {problem.InputHeight}x{problem.InputWidth}.");
        if (kernel.Height != problem.KernelHeight || kernel.Width != problem.KernelWidth)
            ThrowHelper.Argument(nameof(kernel), $"kernel is {kernel.Height}x{kernel.Width} but the problem {problem} expects {problem.KernelHeight}x{problem.KernelWidth}.");
        if ((uint)y >= (uint)problem.OutputHeight) ThrowHelper.OutOfRange(nameof(y), y, $"0 ≤ y < {problem.OutputHeight}.");
        if ((uint)x >= (uint)problem.OutputWidth) ThrowHelper.OutOfRange(nameof(x), x, $"0 ≤ x < {problem.OutputWidth}.");
        return ConvSharp.Algorithms.Reference.ReferenceConvolution.Sample(input, kernel, problem, y, x);
    }

    /// <summary>Resolves the problem and the algorithm that <see cref="Apply(ReadOnlyPlane2D, ReadOnlyPlane2D, Plane2D, Conv2DOptions?)"/> would use.</summary>
    public static Conv2DPlan Plan(int inputHeight, int inputWidth, int kernelHeight, int kernelWidth, Conv2DOptions? options = null)
    {
        options ??= Conv2DOptions.Default;
        var problem = Conv2DProblem.Create(inputHeight, inputWidth, kernelHeight, kernelWidth, options);
        var algorithm = Choose(problem, options.Algorithm);
        var candidates = new List<(Conv2DAlgorithm, bool, string)>(AlgorithmRegistry.All.Count);
        foreach (var candidate in AlgorithmRegistry.All)
        {
            bool supported = candidate.Supports(problem, out string why);
            candidates.Add((candidate, supported, why));
        }

        algorithm.Supports(problem, out string how);
        bool auto = IsAuto(options.Algorithm);
        string reason = auto ? $"first supporting algorithm in registry order; {how}" : $"requested; {how}";
        return new Conv2DPlan(problem, algorithm, reason, candidates);
    }

    /// <summary>The plan's readable account: which algorithm runs, why, and why each other one was or was not eligible.</summary>
    public static string Explain(int inputHeight, int inputWidth, int kernelHeight, int kernelWidth, Conv2DOptions? options = null) =>
        Plan(inputHeight, inputWidth, kernelHeight, kernelWidth, options).ToString();

    /// <summary>The algorithm that runs: the named one, or for Auto the first in registry order that supports the problem. Allocates nothing.</summary>
    internal static Conv2DAlgorithm Choose(Conv2DProblem problem, string? name)
    {
        if (IsAuto(name))
        {
            foreach (var algorithm in AlgorithmRegistry.All)
            {
                if (algorithm.Supports(problem, out _)) return algorithm;
            }

            return AlgorithmRegistry.Reference;
        }

        var named = AlgorithmRegistry.Find(name!);
        if (named is null)
            ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = '{name}' is not a registered algorithm. Known: {AlgorithmRegistry.Names}.");
        if (!named.Supports(problem, out string whyNot))
            ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = '{named.Name}' does not support {problem}: {whyNot}");
        return named;
    }

    private static bool IsAuto(string? name) => string.IsNullOrEmpty(name) || string.Equals(name, "Auto", StringComparison.OrdinalIgnoreCase);

    internal static void ValidateBuffers(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DProblem problem)
    {
        if (input.Height != problem.InputHeight || input.Width != problem.InputWidth)
            ThrowHelper.Argument(nameof(input), $"input is {input.Height}x{input.Width} but the problem {problem} expects {problem.InputHeight}x{problem.InputWidth}.");
        if (kernel.Height != problem.KernelHeight || kernel.Width != problem.KernelWidth)
            ThrowHelper.Argument(nameof(kernel), $"kernel is {kernel.Height}x{kernel.Width} but the problem {problem} expects {problem.KernelHeight}x{problem.KernelWidth}.");
        if (output.Height != problem.OutputHeight || output.Width != problem.OutputWidth)
            ThrowHelper.Argument(nameof(output), $"output is {output.Height}x{output.Width} but {problem} produces {problem.OutputHeight}x{problem.OutputWidth}.");

        // No algorithm reads and writes in place: an overlapping output would corrupt samples still to be read.
        var written = Used(output.Data, output.Height, output.Width, output.Pitch);
        if (written.Overlaps(Used(input.Data, input.Height, input.Width, input.Pitch)))
            ThrowHelper.Argument(nameof(output), "output overlaps input; in-place convolution is not supported, use a separate buffer.");
        if (written.Overlaps(Used(kernel.Data, kernel.Height, kernel.Width, kernel.Pitch)))
            ThrowHelper.Argument(nameof(output), "output overlaps kernel; use a separate buffer.");
    }

    private static ReadOnlySpan<float> Used(ReadOnlySpan<float> data, int height, int width, int pitch) =>
        data[..((height - 1) * pitch + width)];

    internal static void ValidateDegree(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            ThrowHelper.OutOfRange("options.MaxDegreeOfParallelism", maxDegreeOfParallelism, "−1 (all cores) or a positive thread count.");
    }
}
