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

    // Either the whole Reference output, or the values at a few sampled positions: never an index list of every sample.
    private readonly float[]? _full;
    private readonly int[]? _positions;
    private readonly double[]? _sampled;

    private ReferenceResult(Conv2DProblem problem, float[]? full, int[]? positions, double[]? sampled, double tolerance, double scale, double maxAbsInput)
    {
        MaxAbsInput = maxAbsInput;
        Problem = problem;
        _full = full;
        _positions = positions;
        _sampled = sampled;
        Tolerance = tolerance;
        Scale = scale;
    }

    /// <summary>The problem.</summary>
    public Conv2DProblem Problem { get; }

    /// <summary>Allowed absolute error of an exact algorithm (and of the peers): <see cref="Conv2DProblem.ErrorBound"/>.</summary>
    public double Tolerance { get; }

    /// <summary>max |x| over the finite input samples: what a preparation's own bound is evaluated at.</summary>
    public double MaxAbsInput { get; }

    /// <summary>max |reference|, the denominator of the relative error.</summary>
    public double Scale { get; }

    /// <summary>True when only a sample of the output is checked.</summary>
    public bool IsSampled => _full is null;

    /// <summary>How many output samples a check compares.</summary>
    public int Samples => _full?.Length ?? _positions!.Length;

    /// <summary>Evaluates Reference for <paramref name="problem"/> on the given data.</summary>
    public static ReferenceResult Compute(Conv2DProblem problem, Matrix input, Matrix kernel)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(kernel);
        double maxAbsInput = LargestFiniteMagnitude(input);
        double tolerance = problem.ErrorBound(maxAbsInput, kernel.Data.Sum(v => (double)MathF.Abs(v)));

        if (problem.MultiplyAdds <= FullReferenceLimit)
        {
            var output = new float[problem.OutputHeight * problem.OutputWidth];
            var options = problem.ToOptions() with { Algorithm = Conv2D.Reference.Name };
            Conv2D.Apply(input.AsPlane(), kernel.AsPlane(), new Plane2D(output, problem.OutputHeight, problem.OutputWidth), options);
            return new ReferenceResult(problem, output, null, null, tolerance, MaxFinite(output.Select(v => (double)v)), maxAbsInput);
        }

        var positions = SamplePositions(problem);
        var values = positions.Select(p => Conv2D.ReferenceAt(input.AsPlane(), kernel.AsPlane(), problem, p / problem.OutputWidth, p % problem.OutputWidth)).ToArray();
        return new ReferenceResult(problem, null, positions, values, tolerance, MaxFinite(values), maxAbsInput);
    }

    /// <summary>Compares <paramref name="output"/> (dense row-major) with the reference, allowed <paramref name="tolerance"/> (default <see cref="Tolerance"/>).</summary>
    public Verification Check(float[] output, double? tolerance = null)
    {
        double allowed = tolerance ?? Tolerance;
        ArgumentNullException.ThrowIfNull(output);
        double maxAbs = 0;
        bool ok = output.Length == (long)Problem.OutputHeight * Problem.OutputWidth;
        for (int k = 0; ok && k < Samples; k++)
        {
            double expected = _full is not null ? _full[k] : _sampled![k];
            double actual = output[_full is not null ? k : _positions![k]];
            if (double.IsNaN(expected) && double.IsNaN(actual)) continue;
            double error = Math.Abs(actual - expected);
            if (double.IsNaN(error)) error = double.PositiveInfinity;
            maxAbs = Math.Max(maxAbs, error);
        }

        ok &= maxAbs <= allowed;
        return new Verification(maxAbs, Scale > 0 ? maxAbs / Scale : maxAbs, allowed, ok, Samples);
    }

    private static double LargestFiniteMagnitude(Matrix input) => input.Data.Where(float.IsFinite).Select(MathF.Abs).DefaultIfEmpty(0).Max();

    private static double MaxFinite(IEnumerable<double> values) => values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();

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
