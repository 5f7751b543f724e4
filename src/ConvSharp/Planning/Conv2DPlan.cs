using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ConvSharp;

/// <summary>
/// A problem with the algorithms that can compute it, in the order the planner tries them, and the first choice. Prepare
/// it with a kernel to get a <see cref="PreparedConvolution"/>; the choice is final only then, because some algorithms
/// (Separable) depend on the kernel's values.
/// </summary>
public sealed class Conv2DPlan
{
    private readonly Conv2DAlgorithm? _requested;

    internal Conv2DPlan(Conv2DProblem problem, Conv2DOptions options, IReadOnlyList<Conv2DCandidate> candidates, Conv2DAlgorithm? requested, string reason)
    {
        Problem = problem;
        Options = options;
        Candidates = candidates;
        _requested = requested;
        Reason = reason;
        foreach (var candidate in candidates)
        {
            if (requested is null ? !candidate.ConsideredByAuto : !ReferenceEquals(candidate.Algorithm, requested)) continue;
            Algorithm = candidate.Algorithm;
            Workspace = candidate.Workspace;
            break;
        }

        Algorithm ??= Conv2DPlanner.ReferenceAlgorithm;
    }

    /// <summary>The problem.</summary>
    public Conv2DProblem Problem { get; }

    /// <summary>The options it was planned with (threads, workspace cap, the algorithm asked for).</summary>
    public Conv2DOptions Options { get; }

    /// <summary>
    /// The first choice: the requested algorithm, or for Auto the first candidate that supports the problem. A kernel whose
    /// values that algorithm declines (a full-rank kernel for Separable) makes <see cref="Prepare"/> take the next.
    /// </summary>
    public Conv2DAlgorithm Algorithm { get; }

    /// <summary>The scratch the first choice declared.</summary>
    public WorkspaceRequirement Workspace { get; }

    /// <summary>Why it was chosen and how it handles the problem.</summary>
    public string Reason { get; }

    /// <summary>Every algorithm of the planner in its order, whether it supports the problem and how, or why not.</summary>
    public IReadOnlyList<Conv2DCandidate> Candidates { get; }

    /// <summary>
    /// Derives what the algorithm needs from <paramref name="kernel"/>'s values, once, for any number of
    /// <see cref="PreparedConvolution.Execute"/> calls. Under Auto, an algorithm that declines the values, or judges the next
    /// candidate faster for them, passes to the next.
    /// </summary>
    /// <param name="kernel">kh × kw, as the problem says.</param>
    /// <param name="profiler">Hears the preparation's stages (Separable's <c>factor</c>); null for none.</param>
    /// <exception cref="ArgumentException">The kernel's shape is wrong, or the requested algorithm declines its values.</exception>
    public PreparedConvolution Prepare(ReadOnlyPlane2D kernel, IStageProfiler? profiler = null)
    {
        if (kernel.Height != Problem.KernelHeight || kernel.Width != Problem.KernelWidth)
            ThrowHelper.Argument(nameof(kernel), $"kernel is {kernel.Height}x{kernel.Width} but the problem {Problem} expects {Problem.KernelHeight}x{Problem.KernelWidth}.");
        if (_requested is not null)
        {
            var prepared = _requested.TryPrepare(Problem, kernel, Options, profiler, out string why);
            if (prepared is null) ThrowHelper.Argument(nameof(kernel), $"options.Algorithm = '{_requested.Name}' declines this kernel for {Problem}: {why}");
            return prepared;
        }

        foreach (var candidate in Candidates)
        {
            if (!candidate.ConsideredByAuto) continue;
            var prepared = candidate.Algorithm.TryPrepare(Problem, kernel, Options, profiler, out _);
            if (prepared is null) continue;
            if (candidate.Algorithm.WorthChoosing(prepared, out _)) return prepared;
            prepared.Dispose();
        }

        throw new InvalidOperationException($"no algorithm accepted the kernel for {Problem}; Reference always should.");
    }

    /// <summary>
    /// As <see cref="Prepare"/>, but a requested algorithm that declines the kernel's values returns false with the reason
    /// instead of throwing.
    /// </summary>
    /// <exception cref="ArgumentException">The kernel's shape is wrong.</exception>
    public bool TryPrepare(ReadOnlyPlane2D kernel, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PreparedConvolution? prepared, out string reason, IStageProfiler? profiler = null)
    {
        if (kernel.Height != Problem.KernelHeight || kernel.Width != Problem.KernelWidth)
            ThrowHelper.Argument(nameof(kernel), $"kernel is {kernel.Height}x{kernel.Width} but the problem {Problem} expects {Problem.KernelHeight}x{Problem.KernelWidth}.");
        if (_requested is not null)
        {
            prepared = _requested.TryPrepare(Problem, kernel, Options, profiler, out reason);
            return prepared is not null;
        }

        prepared = Prepare(kernel, profiler);
        reason = "";
        return true;
    }

    /// <summary>Prepares <paramref name="kernel"/> and computes <paramref name="input"/> into <paramref name="output"/>: one call, as <see cref="Conv2D.Apply(ReadOnlyPlane2D, ReadOnlyPlane2D, Plane2D, Conv2DOptions?)"/> does.</summary>
    /// <exception cref="ArgumentException">A shape does not match the problem, or the output overlaps an operand.</exception>
    public void Execute(ReadOnlyPlane2D input, ReadOnlyPlane2D kernel, Plane2D output, ExecutionContext? context = null)
    {
        Conv2D.ValidateBuffers(input, kernel, output, Problem);
        context ??= ExecutionContext.Default;
        context.Validate();
        using var prepared = Prepare(kernel, context.Profiler);
        prepared.Execute(input, output, context);
    }

    /// <summary>A readable account: the problem, the choice, and each candidate with its reason and workspace.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"problem   {Problem}");
        text.AppendLine(CultureInfo.InvariantCulture, $"algorithm {Algorithm.Name}: {Reason}");
        text.AppendLine(CultureInfo.InvariantCulture, $"workspace {Workspace.TotalBytes} bytes (cap {Options.MaxWorkspaceBytes})");
        foreach (var candidate in Candidates)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {(candidate.Supported ? "+" : "-")} {candidate.Algorithm.Name,-10} {candidate.Reason}");
        return text.ToString();
    }
}
