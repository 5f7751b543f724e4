using System;
using System.Collections.Generic;
using System.Linq;
using ConvSharp.Binary;
using ConvSharp.Layers;

namespace ConvSharp.Cli.Bench;

/// <summary>
/// <c>--suite binary</c>: the binary algorithms (every row named <c>xnor…</c>) and the float convolution of the same data
/// for comparison, each verified: binary rows against the binary reference (counts exact, outputs within
/// (kh·kw + 5)·2⁻²³ of it), the float row against the float reference's bound.
/// </summary>
public static class BinaryBench
{
    /// <summary>The notebook's data: seeded uniform values in [−1, 1) for the image and the filter.</summary>
    public static (float[] Input, float[] Kernel) Operands(BinaryBenchCase benchCase)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        var random = new Random(2026);
        var input = new float[benchCase.Size * benchCase.Size];
        var kernel = new float[benchCase.Kernel * benchCase.Kernel];
        for (int i = 0; i < input.Length; i++) input[i] = (float)((random.NextDouble() * 2) - 1);
        for (int i = 0; i < kernel.Length; i++) kernel[i] = (float)((random.NextDouble() * 2) - 1);
        return (input, kernel);
    }

    /// <summary>Times each binary algorithm that takes the case, then the float convolution (Auto) of the same data.</summary>
    public static IReadOnlyList<SuiteRow> RunOurs(BinaryBenchCase benchCase, float[] input, float[] kernel, int threads, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        var g = benchCase.Problem.Geometry;
        var context = new ExecutionContext { MaxDegreeOfParallelism = threads };
        var image = new ReadOnlyPlane2D(input, g.InputHeight, g.InputWidth);
        var filter = new ReadOnlyPlane2D(kernel, g.KernelHeight, g.KernelWidth);
        var output = new float[g.OutputHeight * g.OutputWidth];
        var rows = new List<SuiteRow>();
        foreach (var algorithm in BinaryConv2D.Algorithms)
        {
            if (algorithm.Name == "Reference" || !algorithm.Supports(benchCase.Problem, out _)) continue;
            var prepared = algorithm.Prepare(benchCase.Problem, filter);
            var timing = Timing.Measure(() => prepared.Execute(new ReadOnlyPlane2D(input, g.InputHeight, g.InputWidth), new Plane2D(output, g.OutputHeight, g.OutputWidth), context), maxSeconds: maxSeconds);
            var (error, verified) = Verify(benchCase, input, kernel, output);
            rows.Add(new SuiteRow(benchCase, algorithm.Name, false, "dotnet", timing, error, verified));
        }

        // The float correlation the approximation stands in for: same data, same geometry, zero border.
        var plan = Conv2D.Plan(g.InputHeight, g.InputWidth, g.KernelHeight, g.KernelWidth, g.ToOptions() with { MaxDegreeOfParallelism = threads });
        using var floatPrepared = plan.Prepare(filter);
        var floatTiming = Timing.Measure(() => floatPrepared.Execute(new ReadOnlyPlane2D(input, g.InputHeight, g.InputWidth), new Plane2D(output, g.OutputHeight, g.OutputWidth), context), maxSeconds: maxSeconds);
        var reference = new float[output.Length];
        Conv2D.Apply(image, filter, new Plane2D(reference, g.OutputHeight, g.OutputWidth), g.ToOptions() with { Algorithm = "Reference" });
        double bound = floatPrepared.ErrorBound(1.0), worst = 0;
        for (int i = 0; i < output.Length; i++) worst = Math.Max(worst, Math.Abs(output[i] - reference[i]));
        rows.Add(new SuiteRow(benchCase, $"float Conv2D (Auto: {floatPrepared.Algorithm.Name})", false, "dotnet", floatTiming, worst, worst <= bound));
        return rows;
    }

    /// <summary>Worst relative error against the binary reference, and whether every output is within (kh·kw + 5)·2⁻²³ of it.</summary>
    public static (double MaxRelativeError, bool Verified) Verify(BinaryBenchCase benchCase, float[] input, float[] kernel, float[] output)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        var (relative, _, verified) = Check(benchCase.Problem, input, kernel, output);
        return (relative, verified);
    }

    /// <summary>
    /// <paramref name="output"/> against the binary reference of <paramref name="problem"/> (row-major planes): the worst
    /// relative and absolute errors, and whether every output is within (kh·kw + 5)·2⁻²³ of the reference's.
    /// </summary>
    public static (double MaxRelativeError, double MaxAbsError, bool Verified) Check(BinaryConv2DProblem problem, float[] input, float[] kernel, float[] output)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(output);
        var g = problem.Geometry;
        if (output.Length != g.OutputHeight * g.OutputWidth) return (double.PositiveInfinity, double.PositiveInfinity, false);
        var expected = new float[output.Length];
        Reference(problem, kernel).Execute(new ReadOnlyPlane2D(input, g.InputHeight, g.InputWidth), new Plane2D(expected, g.OutputHeight, g.OutputWidth));
        double tolerance = (problem.Taps + 5) * Math.Pow(2, -23), relative = 0, absolute = 0;
        bool verified = true;
        for (int i = 0; i < output.Length; i++)
        {
            double error = Math.Abs((double)output[i] - expected[i]);
            absolute = Math.Max(absolute, error);
            if (expected[i] != 0) relative = Math.Max(relative, error / Math.Abs(expected[i]));
            verified &= error <= (tolerance * Math.Abs(expected[i])) + 1e-30;
        }

        return (relative, absolute, verified);
    }

    /// <summary>The binary reference prepared for <paramref name="problem"/> itself (its size, anchor, stride, dilation and padding).</summary>
    public static PreparedBinaryConvolution Reference(BinaryConv2DProblem problem, float[] kernel)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var g = problem.Geometry;
        return BinaryConv2D.Algorithms.Single(a => a.Name == "Reference").Prepare(problem, new ReadOnlyPlane2D(kernel, g.KernelHeight, g.KernelWidth));
    }

    /// <summary>The layer cases of the suite: 256 → 256 channels, 3×3, padding 1, at 28² and 14² (problem strings start with <c>layer</c>).</summary>
    public static LayerBenchCase[] LayerCases => [new("layer28", 1, 256, 28, 256, 3, 1, 1), new("layer14", 1, 256, 14, 256, 3, 1, 1)];

    /// <summary>
    /// The binary layer (<c>xnor layer</c>) and our float layer (Auto) on a layer case, with the layers suite's data; the
    /// binary row verified against the binary layer's reference bit for bit (the same K and α, the counts by definition).
    /// </summary>
    public static IReadOnlyList<SuiteRow> RunLayer(LayerBenchCase benchCase, float[] input, float[] weights, int threads, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(benchCase);
        var p = benchCase.Problem;
        var options = new BinaryLayerOptions { Padding = benchCase.Options.Padding };
        var layer = new BinaryConv2DLayer(weights, p.OutputChannels, p.KernelHeight, p.KernelWidth, options);
        var context = new ExecutionContext { MaxDegreeOfParallelism = threads };
        var output = new float[p.OutputLength];
        var timing = Timing.Measure(() => layer.Forward(input, p.Batch, p.InputHeight, p.InputWidth, output, context), maxSeconds: maxSeconds);
        var reference = new BinaryConv2DLayer(weights, p.OutputChannels, p.KernelHeight, p.KernelWidth, options with { Algorithm = "Reference" }).Forward(input, p.Batch, p.InputHeight, p.InputWidth, context);
        bool same = output.AsSpan().SequenceEqual(reference);
        var floatRow = LayerBench.RunOurs(benchCase, input, weights, threads, maxSeconds);
        return [new SuiteRow(benchCase, $"xnor layer ({layer.Algorithm})", false, "dotnet", timing, same ? 0 : double.PositiveInfinity, same), floatRow with { Algorithm = "float " + floatRow.Algorithm }];
    }
}
