using System;
using System.Collections.Generic;

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
    /// <summary>The default planner's algorithms, most specialised first, <see cref="Reference"/> last.</summary>
    public static IReadOnlyList<Conv2DAlgorithm> Algorithms => Conv2DPlanner.Default.Algorithms;

    /// <summary>The double-accumulating reference every other algorithm is tested against.</summary>
    public static Conv2DAlgorithm Reference => Conv2DPlanner.ReferenceAlgorithm;

    /// <summary>The default planner's algorithm named <paramref name="name"/> (case-insensitive), or null; "Auto" names none.</summary>
    public static Conv2DAlgorithm? FindAlgorithm(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Conv2DPlanner.Default.Find(name);
    }

    /// <summary>
    /// Computes into a caller-provided <paramref name="output"/> whose shape must be the problem's output shape
    /// (see <see cref="Conv2DProblem.Create"/>). Plans once per problem shape (cached), prepares the kernel and runs.
    /// Allocates nothing proportional to the image: the preparation holds a copy of the kernel, and scratch comes from the
    /// pooled <see cref="Workspace"/>. To run one kernel on many images, use <see cref="Conv2DPlan.Prepare"/> once instead.
    /// </summary>
    /// <exception cref="ArgumentException">A shape or option is invalid, the output has the wrong shape, or it overlaps an operand.</exception>
    public static void Apply(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DOptions? options = null)
    {
        options ??= Conv2DOptions.Default;
        var problem = Conv2DProblem.Create(input.Height, input.Width, kernel.Height, kernel.Width, options);
        ValidateBuffers(input, kernel, output, problem);
        var plan = Conv2DPlanner.Default.Plan(problem, options);
        var context = options.MaxDegreeOfParallelism == ExecutionContext.Default.MaxDegreeOfParallelism
            ? ExecutionContext.Default
            : new ExecutionContext { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        using var prepared = plan.Prepare(kernel);
        prepared.Execute(input, output, context);
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

    /// <summary>Plans a problem with the default planner: the candidates, their workspace and the first choice.</summary>
    /// <exception cref="ArgumentException">A shape or option is invalid, or the requested algorithm does not support the problem.</exception>
    public static Conv2DPlan Plan(int inputHeight, int inputWidth, int kernelHeight, int kernelWidth, Conv2DOptions? options = null) =>
        Conv2DPlanner.Default.Plan(inputHeight, inputWidth, kernelHeight, kernelWidth, options);

    /// <summary>The plan's readable account: which algorithm runs, why, and why each other one was or was not eligible.</summary>
    public static string Explain(int inputHeight, int inputWidth, int kernelHeight, int kernelWidth, Conv2DOptions? options = null) =>
        Plan(inputHeight, inputWidth, kernelHeight, kernelWidth, options).ToString();

    internal static void ValidateBuffers(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, Conv2DProblem problem)
    {
        if (kernel.Height != problem.KernelHeight || kernel.Width != problem.KernelWidth)
            ThrowHelper.Argument(nameof(kernel), $"kernel is {kernel.Height}x{kernel.Width} but the problem {problem} expects {problem.KernelHeight}x{problem.KernelWidth}.");
        ValidateInputOutput(input, output, problem);
        if (Used(output.Data, output.Height, output.Width, output.Pitch).Overlaps(Used(kernel.Data, kernel.Height, kernel.Width, kernel.Pitch)))
            ThrowHelper.Argument(nameof(output), "output overlaps kernel; use a separate buffer.");
    }

    internal static void ValidateInputOutput(ReadOnlyPlane2D input, Plane2D output, Conv2DProblem problem)
    {
        if (input.Height != problem.InputHeight || input.Width != problem.InputWidth)
            ThrowHelper.Argument(nameof(input), $"input is {input.Height}x{input.Width} but the problem {problem} expects {problem.InputHeight}x{problem.InputWidth}.");
        if (output.Height != problem.OutputHeight || output.Width != problem.OutputWidth)
            ThrowHelper.Argument(nameof(output), $"output is {output.Height}x{output.Width} but {problem} produces {problem.OutputHeight}x{problem.OutputWidth}.");

        // No algorithm reads and writes in place: an overlapping output would corrupt samples still to be read.
        if (Used(output.Data, output.Height, output.Width, output.Pitch).Overlaps(Used(input.Data, input.Height, input.Width, input.Pitch)))
            ThrowHelper.Argument(nameof(output), "output overlaps input; in-place convolution is not supported, use a separate buffer.");
    }

    private static ReadOnlySpan<float> Used(ReadOnlySpan<float> data, int height, int width, int pitch) =>
        data[..((height - 1) * pitch + width)];
}
