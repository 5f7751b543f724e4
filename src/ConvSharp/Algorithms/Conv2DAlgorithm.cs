using System;

namespace ConvSharp;

/// <summary>
/// One way of computing a <see cref="Conv2DProblem"/>. Every algorithm computes the same function (see
/// <see cref="Conv2DProblem"/>); they differ in speed, in the problems and kernels they accept, in scratch memory and in
/// rounding. Instances are stateless and thread-safe; what an algorithm derives from a kernel lives in the
/// <see cref="PreparedConvolution"/> that <see cref="TryPrepare"/> returns.
/// </summary>
/// <remarks>
/// Other assemblies add algorithms by deriving from this class and listing them in a <see cref="Conv2DPlanner"/>.
/// </remarks>
public abstract class Conv2DAlgorithm
{
    /// <summary>The registered name, used by <see cref="Conv2DOptions.Algorithm"/>, the CLI and benchmark rows.</summary>
    public abstract string Name { get; }

    /// <summary>One line on how it works.</summary>
    public abstract string Description { get; }

    /// <summary>Exact (default) or Bounded; see <see cref="Conv2DAccuracy"/>.</summary>
    public virtual Conv2DAccuracy Accuracy => Conv2DAccuracy.Exact;

    private string[]? _stages;

    /// <summary>The named stages a call reports to a profiler, in order; one stage, named after the algorithm, by default.</summary>
    public virtual System.Collections.Generic.IReadOnlyList<string> Stages => _stages ??= [Name.ToLowerInvariant()];

    /// <summary>
    /// Whether this algorithm computes <paramref name="problem"/> (its shapes and options, whatever the kernel's values).
    /// When it does, <paramref name="reason"/> says how (natively, or through which shared pre-pass); when not, why not.
    /// </summary>
    public abstract bool Supports(Conv2DProblem problem, out string reason);

    /// <summary>
    /// The scratch a call on <paramref name="problem"/> rents with <paramref name="options"/> (its thread count and its
    /// <see cref="Conv2DOptions.MaxWorkspaceBytes"/>, which an algorithm that segments its work sizes its segments to).
    /// The planner declines an algorithm whose requirement still exceeds the cap. None by default.
    /// </summary>
    public virtual WorkspaceRequirement Workspace(Conv2DProblem problem, Conv2DOptions options) => default;

    /// <summary>
    /// Auto asks this once per problem, at plan time, of an algorithm that supports it: false, with the reason, when the
    /// measured rule says the algorithm cannot beat the ones after it on this problem whatever the kernel's values, so Auto
    /// skips it without preparing. True by default.
    /// </summary>
    protected internal virtual bool ConsideredByAuto(Conv2DProblem problem, out string reason)
    {
        reason = "";
        return true;
    }

    /// <summary>
    /// Auto asks this after a successful <see cref="TryPrepare"/>: false, with the reason, when the measured rule says the
    /// next candidate is faster for this preparation (say a Separable kernel of rank 3 on a 5×5 problem). True by default.
    /// </summary>
    protected internal virtual bool WorthChoosing(PreparedConvolution prepared, out string reason)
    {
        reason = "";
        return true;
    }

    /// <summary>
    /// Derives what the algorithm needs from the kernel's values (packed taps, separable factors, ...). Returns null, with
    /// the reason, when the algorithm declines these values (a Separable kernel of too high a rank); the planner then takes
    /// the next candidate. Called only for problems <see cref="Supports"/> accepts, with a kernel of the problem's shape.
    /// A preparation with stages of its own (Separable's <c>factor</c>) reports them to <c>profiler</c> when there is one.
    /// </summary>
    protected internal abstract PreparedConvolution? TryPrepare(Conv2DProblem problem, ReadOnlyPlane2D kernel, Conv2DOptions options, IStageProfiler? profiler, out string reason);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Shorthand for a <see cref="Supports"/> that accepts every problem.</summary>
    protected static bool Always(string how, out string reason)
    {
        ArgumentNullException.ThrowIfNull(how);
        reason = how;
        return true;
    }
}
