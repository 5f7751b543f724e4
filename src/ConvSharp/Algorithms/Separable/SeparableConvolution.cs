using System;
using System.Collections.Generic;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// Kernels of rank ≤ 3 (K = Σ_r u_r v_rᵀ: Gaussians, box filters, Sobel, differences of Gaussians) as a row pass with
/// each v_r into an intermediate buffer, then a column pass with the u_r through that buffer: R·(kh + kw) multiply-adds
/// per output sample instead of kh·kw. The factors are found once per kernel, when it is prepared.
/// </summary>
internal sealed class SeparableConvolution : Conv2DAlgorithm
{
    /// <summary>The highest rank taken: past it the two passes rarely beat the direct algorithms.</summary>
    public const int MaxRank = 3;

    private static readonly string[] StageNames = ["factor", "row-pass", "column-pass"];

    public override string Name => "Separable";

    public override string Description => "Rank-1 and low-rank (≤ 3) kernels as a row pass into an intermediate buffer, then a column pass; R·(kh + kw) multiply-adds per sample.";

    public override Conv2DAccuracy Accuracy => Conv2DAccuracy.Bounded;

    public override IReadOnlyList<string> Stages => StageNames;

    public override bool Supports(Conv2DProblem problem, out string reason) => Always(
        "native for kernels of rank ≤ 3: row pass (borders in x, stride sx, dilation dx) into the workspace, then column pass (borders in y through the intermediate rows)",
        out reason);

    /// <summary>The one-pass form's workspace (at the highest rank) where it applies and fits the cap, else the strips', which shrink to fit.</summary>
    public override WorkspaceRequirement Workspace(Conv2DProblem problem, Conv2DOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PreparedSeparable.UsesRing(problem, MaxRank, options.Threads, options.MaxWorkspaceBytes)
            ? SeparableRing.For(problem, MaxRank, options.Threads).Requirement
            : SeparableLayout.For(problem, MaxRank, options.Threads, options.MaxWorkspaceBytes).Requirement;
    }

    protected internal override PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason)
    {
        using var stage = new StageScope(profiler, "factor");
        float[] taps = ConvolutionRunner.PackKernel(kernel, problem.Kind);
        var factors = KernelFactorization.Factorize(taps, problem.KernelHeight, problem.KernelWidth, MaxRank);
        if (factors is null)
        {
            reason = $"the kernel is zero, not finite, or not within {KernelFactorization.RelativeTolerance:G2}·Σ|k| of any rank ≤ {MaxRank}";
            return null;
        }

        reason = $"rank {factors.Rank}{(factors.Exact ? ", exact integer factors" : "")}";
        return new PreparedSeparable(problem, this, factors, options.MaxWorkspaceBytes);
    }

    protected internal override bool ConsideredByAuto(Conv2DProblem problem, out string reason)
    {
        ArgumentNullException.ThrowIfNull(problem);
        bool considered = SeparableRule.Prefers(problem, rank: 1);
        reason = considered ? "" : "even a rank-1 kernel runs faster through the direct algorithms at this size";
        return considered;
    }

    protected internal override bool WorthChoosing(PreparedConvolution prepared, out string reason)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var separable = (PreparedSeparable)prepared;
        var p = prepared.Problem;
        long direct = (long)p.KernelHeight * p.KernelWidth;
        long passes = (long)separable.Rank * (p.KernelHeight + p.KernelWidth);
        bool worth = SeparableRule.Prefers(p, separable.Rank);
        reason = worth
            ? $"rank {separable.Rank}: {passes} multiply-adds per sample instead of {direct}"
            : $"rank {separable.Rank}: the direct algorithms are faster here ({passes} against {direct} multiply-adds per sample)";
        return worth;
    }
}
