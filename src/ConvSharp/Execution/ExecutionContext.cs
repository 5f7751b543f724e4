using System.Threading;

namespace ConvSharp;

/// <summary>
/// How one call runs: how many threads it may use, where its scratch memory comes from, who hears its stage timings, and
/// when to stop. Immutable; one instance can serve many calls, on many threads at once.
/// </summary>
/// <remarks>
/// <para>Pass one to <see cref="PreparedConvolution.Execute"/>. Without one, calls use <see cref="Default"/>: all cores, the
/// shared <see cref="ConvSharp.Workspace"/> with its 64 MiB cap, no profiler and no cancellation.</para>
/// <para>Cancellation is checked between bands of rows and between stages, never inside a hot loop; a cancelled call
/// throws <see cref="System.OperationCanceledException"/> and may have written part of the output.</para>
/// </remarks>
public sealed record ExecutionContext
{
    /// <summary>All cores, the shared workspace, no profiler, no cancellation.</summary>
    public static ExecutionContext Default { get; } = new();

    /// <summary>The most threads a parallel algorithm may use; −1 (default) means all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Where scratch memory is rented, and its cap. Default: <see cref="Workspace.Shared"/>.</summary>
    public Workspace Workspace { get; init; } = Workspace.Shared;

    /// <summary>Receives each named stage's time (e.g. <c>row-pass</c>, <c>column-pass</c>); null (default) costs nothing.</summary>
    public IStageProfiler? Profiler { get; init; }

    /// <summary>Stops a long call between bands and stages.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Test hook: the least multiply-adds a parallel band must hold (default <see cref="Execution.ParallelRowIterator.MinimumWorkPerBand"/>).
    /// Lowering it splits even the tiny problems of the conformance table into bands.
    /// </summary>
    internal long MinimumWorkPerBand { get; init; } = Execution.ParallelRowIterator.MinimumWorkPerBand;

    /// <summary>Test hook: null lets <see cref="Execution.StoreLoadAliasing"/> choose each sweep's direction; true or false forces backward or forward.</summary>
    internal bool? ForceBackwardSweep { get; init; }

    /// <summary><see cref="ForceBackwardSweep"/> as <see cref="Execution.ConvolutionData.ForcedSweep"/> codes it: −1 to choose, 0 forward, 1 backward.</summary>
    internal int ForcedSweep => ForceBackwardSweep is { } backward ? (backward ? 1 : 0) : -1;

    /// <summary>Test and benchmark hook: true runs parallel loops on the thread pool instead of the <see cref="Execution.BandTeam"/>.</summary>
    internal bool ForceThreadPool { get; init; }

    /// <summary>Test hook: null lets <see cref="Borders.StagedRows.Worthwhile"/> choose; true or false stages rows wherever possible, or never.</summary>
    internal bool? ForceStaging { get; init; }

    /// <summary>Times the stage <paramref name="name"/> until the returned scope is disposed; a no-op without a profiler.</summary>
    public StageScope Stage(string name) => new(Profiler, name);

    internal int Threads => Execution.ParallelRowIterator.ResolveDegree(MaxDegreeOfParallelism);

    internal void Validate()
    {
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            ThrowHelper.OutOfRange("context.MaxDegreeOfParallelism", MaxDegreeOfParallelism, "−1 (all cores) or a positive thread count.");
    }
}
