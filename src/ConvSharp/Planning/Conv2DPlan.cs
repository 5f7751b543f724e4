using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ConvSharp;

/// <summary>A resolved problem with the algorithm chosen for it, and why each candidate was taken or skipped.</summary>
public sealed class Conv2DPlan
{
    internal Conv2DPlan(Conv2DProblem problem, Conv2DAlgorithm algorithm, string reason, IReadOnlyList<(Conv2DAlgorithm Algorithm, bool Supported, string Reason)> candidates)
    {
        Problem = problem;
        Algorithm = algorithm;
        Reason = reason;
        Candidates = candidates;
    }

    /// <summary>The problem.</summary>
    public Conv2DProblem Problem { get; }

    /// <summary>The algorithm that will run.</summary>
    public Conv2DAlgorithm Algorithm { get; }

    /// <summary>Why it was chosen and how it handles the problem.</summary>
    public string Reason { get; }

    /// <summary>Every registered algorithm in registry order, whether it supports the problem and how, or why not.</summary>
    public IReadOnlyList<(Conv2DAlgorithm Algorithm, bool Supported, string Reason)> Candidates { get; }

    /// <summary>Computes the problem with the planned algorithm. Shapes must match <see cref="Problem"/>.</summary>
    public void Execute(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, int maxDegreeOfParallelism = -1)
    {
        Conv2D.ValidateBuffers(input, kernel, output, Problem);
        Conv2D.ValidateDegree(maxDegreeOfParallelism);
        Algorithm.Execute(input, kernel, output, Problem, maxDegreeOfParallelism);
    }

    /// <summary>A readable account: the problem, the choice, and each candidate with its reason.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"problem   {Problem}");
        text.AppendLine(CultureInfo.InvariantCulture, $"algorithm {Algorithm.Name}: {Reason}");
        foreach (var (algorithm, supported, reason) in Candidates)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {(supported ? "+" : "-")} {algorithm.Name,-10} {reason}");
        return text.ToString();
    }
}
