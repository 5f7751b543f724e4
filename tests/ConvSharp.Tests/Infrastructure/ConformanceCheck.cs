using System;
using System.Globalization;
using System.Linq;

namespace ConvSharp.Tests.Infrastructure;

/// <summary>
/// Runs one algorithm on one conformance case and compares it with <see cref="Conv2D.Reference"/>: bit for bit on small
/// integers (for preparations that are exact), within the preparation's own <see cref="PreparedConvolution.ErrorBound"/>
/// on random floats. Returns null when it passes or the algorithm does not support the problem, else a message that
/// starts with the algorithm and the problem string.
/// </summary>
/// <remarks>
/// An algorithm that declines a kernel's values (Separable with a full-rank kernel) gets a kernel it accepts instead: a
/// rank-1 outer product of small nonzero integers for the exact run, and a rank-1 or rank-2 sum of random outer products
/// for the float run, its rows mirrored in every other pair of cases. A rank-1 integer kernel it still declines is a failure.
/// </remarks>
public static class ConformanceCheck
{
    public static string? Check(Conv2DAlgorithm algorithm, ConformanceCase testCase, ExecutionContext? context = null)
    {
        var problem = Conv2DProblem.Parse(testCase.Problem);
        if (!algorithm.Supports(problem, out _)) return null;
        context ??= ExecutionContext.Default;

        int inputCount = problem.InputHeight * problem.InputWidth;
        var exactInput = TestData.SmallIntegers(inputCount, testCase.Seed);
        var exactKernel = TestData.SmallIntegers(problem.KernelHeight * problem.KernelWidth, testCase.Seed + 1);
        using (var prepared = PrepareOrRankOne(algorithm, problem, ref exactKernel, testCase.Seed + 1, integers: true, out string? declined))
        {
            if (prepared is null) return $"{algorithm.Name} on {testCase}: declined a rank-1 integer kernel: {declined}";
            string? failure = Compare(prepared, testCase, exactInput, exactKernel, exact: prepared.IsExact, context);
            if (failure is not null) return failure;
        }

        var floatInput = TestData.RandomFloats(inputCount, testCase.Seed + 2);
        var floatKernel = TestData.RandomFloats(problem.KernelHeight * problem.KernelWidth, testCase.Seed + 3);
        using (var prepared = PrepareOrRankOne(algorithm, problem, ref floatKernel, testCase.Seed + 3, integers: false, out string? declined))
        {
            if (prepared is null) return $"{algorithm.Name} on {testCase}: declined a low-rank float kernel: {declined}";
            return Compare(prepared, testCase, floatInput, floatKernel, exact: false, context);
        }
    }

    /// <summary>Prepares <paramref name="algorithm"/> with its default options for <paramref name="problem"/>, or null with the reason when it declines the kernel.</summary>
    public static PreparedConvolution? TryPrepare(Conv2DAlgorithm algorithm, Conv2DProblem problem, float[] kernel, out string reason) =>
        algorithm.TryPrepare(problem, new ReadOnlyPlane2D(kernel, problem.KernelHeight, problem.KernelWidth), problem.ToOptions() with { Algorithm = algorithm.Name }, null, out reason);

    private static PreparedConvolution? PrepareOrRankOne(Conv2DAlgorithm algorithm, Conv2DProblem problem, ref float[] kernel, int seed, bool integers, out string? reason)
    {
        var prepared = TryPrepare(algorithm, problem, kernel, out reason);
        if (prepared is not null) return prepared;
        kernel = integers
            ? TestData.RankOneIntegers(problem.KernelHeight, problem.KernelWidth, seed)
            : TestData.LowRankFloats(problem.KernelHeight, problem.KernelWidth, rank: 1 + (seed % 2), seed);

        // Every other pair of cases mirrors its rows, as a Gaussian's do, so Separable's folded row pass is checked too.
        if (seed / 2 % 2 == 0) kernel = TestData.Mirrored(kernel, problem.KernelHeight, problem.KernelWidth);
        return TryPrepare(algorithm, problem, kernel, out reason);
    }

    /// <summary>Runs <paramref name="prepared"/> with the case's pitch; the output's row padding must stay NaN.</summary>
    public static float[] Run(PreparedConvolution prepared, float[] input, int extraPitch, ExecutionContext context, out string? layoutFailure)
    {
        var problem = prepared.Problem;
        int inPitch = problem.InputWidth + extraPitch, outPitch = problem.OutputWidth + extraPitch;
        var pitchedInput = TestData.Pitched(input, problem.InputHeight, problem.InputWidth, inPitch);
        var output = new float[(problem.OutputHeight - 1) * outPitch + problem.OutputWidth + extraPitch];
        Array.Fill(output, float.NaN);
        prepared.Execute(
            new ReadOnlyPlane2D(pitchedInput, problem.InputHeight, problem.InputWidth, inPitch),
            new Plane2D(output, problem.OutputHeight, problem.OutputWidth, outPitch),
            context);

        layoutFailure = null;
        var dense = new float[problem.OutputHeight * problem.OutputWidth];
        for (int y = 0; y < problem.OutputHeight; y++)
        {
            output.AsSpan(y * outPitch, problem.OutputWidth).CopyTo(dense.AsSpan(y * problem.OutputWidth));
            for (int x = problem.OutputWidth; x < outPitch && y * outPitch + x < output.Length; x++)
            {
                if (!float.IsNaN(output[y * outPitch + x])) layoutFailure = $"wrote into the row padding at row {y}, column {x}";
            }
        }

        return dense;
    }

    /// <summary>Reference's output for the problem and data.</summary>
    public static float[] Reference(Conv2DProblem problem, float[] input, float[] kernel)
    {
        using var reference = TryPrepare(Conv2D.Reference, problem, kernel, out _)!;
        return Run(reference, input, 0, ExecutionContext.Default, out _);
    }

    private static string? Compare(PreparedConvolution prepared, ConformanceCase testCase, float[] input, float[] kernel, bool exact, ExecutionContext context)
    {
        var problem = prepared.Problem;
        string name = prepared.Algorithm.Name;
        var expected = Reference(problem, input, kernel);
        var actual = Run(prepared, input, testCase.ExtraPitch, context, out string? layoutFailure);
        string data = exact ? "small integers" : "random floats";
        if (layoutFailure is not null) return $"{name} on {testCase}: {layoutFailure}";

        double tolerance = exact ? 0 : prepared.ErrorBound(input.Max(MathF.Abs)) + float.Epsilon;
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected[i], a = actual[i];
            bool ok = tolerance == 0 ? e.Equals(a) || (e == 0 && a == 0) : Math.Abs((double)e - a) <= tolerance;
            if (!ok)
            {
                int y = i / problem.OutputWidth, x = i % problem.OutputWidth;
                return string.Create(CultureInfo.InvariantCulture,
                    $"{name} on {testCase} with {data}: out[{y},{x}] = {a:R}, Reference = {e:R} (|diff| {Math.Abs((double)e - a):E3} > tolerance {tolerance:E3})");
            }
        }

        return null;
    }
}
