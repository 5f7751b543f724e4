using System;
using System.Globalization;
using System.Linq;

namespace ConvSharp.Tests.Infrastructure;

/// <summary>
/// Runs one algorithm on one conformance case and compares it with <see cref="Conv2D.Reference"/>: bit for bit on small
/// integers (for exact algorithms), within <see cref="Tolerance"/> on random floats. Returns null when it passes or the
/// algorithm does not support the problem, else a message that starts with the algorithm and the problem string.
/// </summary>
public static class ConformanceCheck
{
    /// <summary>
    /// Allowed error for float data: each of the kh·kw additions may round by half an ulp of a partial sum bounded by
    /// S = Σ|k|·max(|x|, |fill|), and the reference itself rounds once: taps · 2⁻²³ · S, plus the smallest normal.
    /// </summary>
    public static double Tolerance(Conv2DProblem problem, float[] input, float[] kernel) =>
        problem.ErrorBound(input.Max(MathF.Abs), kernel.Sum(MathF.Abs)) + float.Epsilon;

    public static string? Check(Conv2DAlgorithm algorithm, ConformanceCase testCase)
    {
        var problem = Conv2DProblem.Parse(testCase.Problem);
        if (!algorithm.Supports(problem, out _)) return null;

        int inputCount = problem.InputHeight * problem.InputWidth, kernelCount = problem.KernelHeight * problem.KernelWidth;
        var exactInput = TestData.SmallIntegers(inputCount, testCase.Seed);
        var exactKernel = TestData.SmallIntegers(kernelCount, testCase.Seed + 1);
        string? failure = Compare(algorithm, problem, testCase, exactInput, exactKernel, algorithm.IsExactOnSmallIntegers ? 0 : double.NaN);
        if (failure is not null) return failure;

        var floatInput = TestData.RandomFloats(inputCount, testCase.Seed + 2);
        var floatKernel = TestData.RandomFloats(kernelCount, testCase.Seed + 3);
        return Compare(algorithm, problem, testCase, floatInput, floatKernel, double.NaN);
    }

    /// <summary>Runs <paramref name="algorithm"/> through the public API with the case's pitch; the output's row padding must stay NaN.</summary>
    public static float[] Run(Conv2DAlgorithm algorithm, Conv2DProblem problem, float[] input, float[] kernel, int extraPitch, out string? layoutFailure)
    {
        int inPitch = problem.InputWidth + extraPitch, outPitch = problem.OutputWidth + extraPitch;
        var pitchedInput = TestData.Pitched(input, problem.InputHeight, problem.InputWidth, inPitch);
        var output = new float[(problem.OutputHeight - 1) * outPitch + problem.OutputWidth + extraPitch];
        Array.Fill(output, float.NaN);
        var options = problem.ToOptions() with { Algorithm = algorithm.Name };
        Conv2D.Apply(
            new ReadOnlyPlane2D(pitchedInput, problem.InputHeight, problem.InputWidth, inPitch),
            new ReadOnlyPlane2D(kernel, problem.KernelHeight, problem.KernelWidth),
            new Plane2D(output, problem.OutputHeight, problem.OutputWidth, outPitch),
            options);

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

    private static string? Compare(Conv2DAlgorithm algorithm, Conv2DProblem problem, ConformanceCase testCase, float[] input, float[] kernel, double exactOrNaN)
    {
        var expected = Run(Conv2D.Reference, problem, input, kernel, 0, out _);
        var actual = Run(algorithm, problem, input, kernel, testCase.ExtraPitch, out string? layoutFailure);
        string data = double.IsNaN(exactOrNaN) ? "random floats" : "small integers";
        if (layoutFailure is not null) return $"{algorithm.Name} on {testCase}: {layoutFailure}";

        double tolerance = double.IsNaN(exactOrNaN) ? Tolerance(problem, input, kernel) : 0;
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected[i], a = actual[i];
            bool ok = tolerance == 0 ? e.Equals(a) || (e == 0 && a == 0) : Math.Abs((double)e - a) <= tolerance;
            if (!ok)
            {
                int y = i / problem.OutputWidth, x = i % problem.OutputWidth;
                return string.Create(CultureInfo.InvariantCulture,
                    $"{algorithm.Name} on {testCase} with {data}: out[{y},{x}] = {a:R}, Reference = {e:R} (|diff| {Math.Abs((double)e - a):E3} > tolerance {tolerance:E3})");
            }
        }

        return null;
    }
}
