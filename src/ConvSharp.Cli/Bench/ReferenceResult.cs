using System;
using System.Collections.Generic;
using System.Linq;
using ConvSharp.Cli.IO;

namespace ConvSharp.Cli.Bench;

/// <summary>The Reference a suite row is checked against: every output sample, or for very large problems a fixed sample of them.</summary>
public sealed class ReferenceResult
{
    /// <summary>Above this many multiply-adds Reference is evaluated on <see cref="SampleCount"/> samples instead of all.</summary>
    public const long FullReferenceLimit = 1L << 31;

    /// <summary>Samples compared for very large problems: every corner and edge midpoint, plus seeded random positions.</summary>
    public const int SampleCount = 4096;

    private ReferenceResult(Conv2DProblem problem, int[] positions, double[] values, double tolerance, double scale)
    {
        Problem = problem;
        Positions = positions;
        Values = values;
        Tolerance = tolerance;
        Scale = scale;
    }

    /// <summary>The problem.</summary>
    public Conv2DProblem Problem { get; }

    /// <summary>Output indices (row-major) that were evaluated.</summary>
    public IReadOnlyList<int> Positions { get; }

    /// <summary>Reference values at <see cref="Positions"/>.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Allowed absolute error.</summary>
    public double Tolerance { get; }

    /// <summary>max |reference|, the denominator of the relative error.</summary>
    public double Scale { get; }

    /// <summary>True when only a sample of the output is checked.</summary>
    public bool IsSampled => Positions.Count < (long)Problem.OutputHeight * Problem.OutputWidth;

    /// <summary>Evaluates Reference for <paramref name="problem"/> on the given data.</summary>
    public static ReferenceResult Compute(Conv2DProblem problem, Matrix input, Matrix kernel)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernel);
        int outputCount = problem.OutputHeight * problem.OutputWidth;
        int[] positions;
        double[] values;
        if (problem.MultiplyAdds <= FullReferenceLimit)
        {
            var output = new float[outputCount];
            var options = problem.ToOptions() with { Algorithm = Conv2D.Reference.Name };
            Conv2D.Apply(input.AsPlane(), kernel.AsPlane(), new Plane2D(output, problem.OutputHeight, problem.OutputWidth), options);
            positions = Enumerable.Range(0, outputCount).ToArray();
            values = output.Select(v => (double)v).ToArray();
        }
        else
        {
            positions = SamplePositions(problem);
            values = positions.Select(p => Conv2D.ReferenceAt(input.AsPlane(), kernel.AsPlane(), problem, p / problem.OutputWidth, p % problem.OutputWidth)).ToArray();
        }

        double tolerance = problem.ErrorBound(
            input.Data.Where(float.IsFinite).Select(MathF.Abs).DefaultIfEmpty(0).Max(),
            kernel.Data.Sum(v => (double)MathF.Abs(v)));
        double scale = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        return new ReferenceResult(problem, positions, values, tolerance, scale);
    }

    /// <summary>Compares <paramref name="output"/> (dense row-major) with the reference.</summary>
    public Verification Check(float[] output)
    {
        ArgumentNullException.ThrowIfNull(output);
        double maxAbs = 0;
        bool ok = output.Length == (long)Problem.OutputHeight * Problem.OutputWidth;
        for (int k = 0; ok && k < Positions.Count; k++)
        {
            double expected = Values[k], actual = output[Positions[k]];
            if (double.IsNaN(expected) && double.IsNaN(actual)) continue;
            double error = Math.Abs(actual - expected);
            if (double.IsNaN(error)) error = double.PositiveInfinity;
            maxAbs = Math.Max(maxAbs, error);
        }

        ok &= maxAbs <= Tolerance;
        return new Verification(maxAbs, Scale > 0 ? maxAbs / Scale : maxAbs, Tolerance, ok, Positions.Count);
    }

    private static int[] SamplePositions(Conv2DProblem problem)
    {
        int h = problem.OutputHeight, w = problem.OutputWidth;
        var set = new HashSet<int>();
        foreach (int y in new[] { 0, h / 2, h - 1 })
        foreach (int x in new[] { 0, w / 2, w - 1 })
            set.Add(y * w + x);
        var random = new Random(20261125);
        while (set.Count < Math.Min(SampleCount, h * w)) set.Add(random.Next(h * w));
        return set.Order().ToArray();
    }
}
