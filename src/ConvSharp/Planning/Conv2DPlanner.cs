using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using ConvSharp.Algorithms.Direct;
using ConvSharp.Algorithms.Im2ColGemm;
using ConvSharp.Algorithms.Naive;
using ConvSharp.Algorithms.Parallel;
using ConvSharp.Algorithms.Reference;
using ConvSharp.Algorithms.Separable;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Algorithms.Stencil;
using ConvSharp.Algorithms.Winograd;

namespace ConvSharp;

/// <summary>
/// Chooses an algorithm for a problem from an ordered list, most specialised first and <see cref="ReferenceAlgorithm"/> last. Auto
/// takes, in list order, the first algorithm that supports the problem within the workspace cap, accepts the kernel's
/// values (<see cref="Conv2DPlan.Prepare"/>) and judges itself worth choosing over the next one.
/// </summary>
/// <remarks>
/// <para><see cref="Default"/> lists the core algorithms. Other assemblies (a GPU backend) build a planner with more through
/// <see cref="With"/>. Plans are cached per problem and options (problems compare by value), so repeated calls on one shape
/// plan once.</para>
/// <para>Thread-safe.</para>
/// </remarks>
public sealed class Conv2DPlanner
{
    private const int CacheLimit = 256;
    private readonly Conv2DAlgorithm[] _algorithms;
    private readonly ConcurrentDictionary<(Conv2DProblem Problem, string Algorithm, int Threads, long Cap), Conv2DPlan> _plans = new();

    /// <summary>A planner over <paramref name="algorithms"/>, in the order given; <see cref="ReferenceAlgorithm"/> is added last if missing.</summary>
    /// <exception cref="ArgumentException">Two algorithms share a name, or one is named Auto.</exception>
    public Conv2DPlanner(IEnumerable<Conv2DAlgorithm> algorithms)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        var list = algorithms.ToList();
        if (!list.Contains(ReferenceAlgorithm)) list.Add(ReferenceAlgorithm);
        foreach (var group in list.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (group.Count() > 1) ThrowHelper.Argument(nameof(algorithms), $"algorithms lists '{group.Key}' {group.Count()} times; names must be unique.");
            if (IsAuto(group.Key)) ThrowHelper.Argument(nameof(algorithms), "an algorithm may not be named 'Auto'.");
        }

        _algorithms = [.. list];
    }

    /// <summary>The double-accumulating reference, last in every planner. (Declared before <see cref="Default"/>: static initialisers run in textual order.)</summary>
    public static Conv2DAlgorithm ReferenceAlgorithm { get; } = new ReferenceConvolution();

    /// <summary>The core algorithms: Separable, Winograd, Stencil, Simd, Im2ColGemm, Im2ColGemmMaterialized, Matmul, Parallel, Direct, Naive, Reference.</summary>
    public static Conv2DPlanner Default { get; } = new(
    [
        new SeparableConvolution(),
        new WinogradConvolution(),
        new StencilConvolution(),
        new SimdConvolution(),
        new Im2ColConvolution(Im2ColForm.Segmented),
        new Im2ColConvolution(Im2ColForm.Materialized),
        new Im2ColConvolution(Im2ColForm.Matmul),
        new ParallelConvolution(),
        new DirectConvolution(),
        new NaiveConvolution(),
    ]);

    /// <summary>The algorithms in the order Auto considers them.</summary>
    public IReadOnlyList<Conv2DAlgorithm> Algorithms => _algorithms;

    /// <summary>A new planner with <paramref name="first"/> ahead of this one's algorithms (they are more specialised).</summary>
    public Conv2DPlanner With(params Conv2DAlgorithm[] first) => new(first.Concat(_algorithms));

    /// <summary>The algorithm named <paramref name="name"/> (case-insensitive), or null.</summary>
    public Conv2DAlgorithm? Find(string name)
    {
        foreach (var algorithm in _algorithms)
        {
            if (string.Equals(algorithm.Name, name, StringComparison.OrdinalIgnoreCase)) return algorithm;
        }

        return null;
    }

    /// <summary>"Auto" and every algorithm's name, comma-separated.</summary>
    public string Names => string.Join(", ", _algorithms.Select(a => a.Name).Prepend("Auto"));

    /// <summary>Plans <paramref name="problem"/>: the candidates, their workspace, and the first choice.</summary>
    /// <exception cref="ArgumentException">The options name an unknown algorithm, or one that does not support the problem.</exception>
    public Conv2DPlan Plan(Conv2DProblem problem, Conv2DOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= Conv2DOptions.Default;
        options.Validate();
        var key = (problem, IsAuto(options.Algorithm) ? "Auto" : options.Algorithm, options.Threads, options.MaxWorkspaceBytes);
        if (_plans.TryGetValue(key, out var cached)) return cached;
        var plan = Build(problem, options);
        if (_plans.Count >= CacheLimit) _plans.Clear();
        _plans[key] = plan;
        return plan;
    }

    /// <summary>Plans a problem given by its shapes and options.</summary>
    public Conv2DPlan Plan(int inputHeight, int inputWidth, int kernelHeight, int kernelWidth, Conv2DOptions? options = null) =>
        Plan(Conv2DProblem.Create(inputHeight, inputWidth, kernelHeight, kernelWidth, options), options);

    internal static bool IsAuto(string? name) => string.IsNullOrEmpty(name) || string.Equals(name, "Auto", StringComparison.OrdinalIgnoreCase);

    private Conv2DPlan Build(Conv2DProblem problem, Conv2DOptions options)
    {
        var candidates = new List<Conv2DCandidate>(_algorithms.Length);
        foreach (var algorithm in _algorithms)
        {
            bool supported = algorithm.Supports(problem, out string reason);
            var workspace = supported ? algorithm.Workspace(problem, options) : default;
            if (supported && workspace.TotalBytes > options.MaxWorkspaceBytes)
            {
                supported = false;
                reason = $"needs {workspace.TotalBytes} bytes of workspace, over the cap of {options.MaxWorkspaceBytes} (Conv2DOptions.MaxWorkspaceBytes)";
            }

            string skip = "";
            bool considered = supported && algorithm.ConsideredByAuto(problem, out skip);
            if (supported && !considered) reason += $"; Auto skips it: {skip}";
            candidates.Add(new Conv2DCandidate(algorithm, supported, reason, workspace, considered));
        }

        if (IsAuto(options.Algorithm))
        {
            var first = candidates.First(c => c.ConsideredByAuto);
            return new Conv2DPlan(problem, options, candidates, null, $"first supporting algorithm in planner order; {first.Reason}");
        }

        var named = Find(options.Algorithm);
        if (named is null)
            ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = '{options.Algorithm}' is not a registered algorithm. Known: {Names}.");
        var candidate = candidates.First(c => ReferenceEquals(c.Algorithm, named));
        if (!candidate.Supported)
            ThrowHelper.Argument("options.Algorithm", $"options.Algorithm = '{named.Name}' does not support {problem}: {candidate.Reason}");
        return new Conv2DPlan(problem, options, candidates, named, $"requested; {candidate.Reason}");
    }
}
