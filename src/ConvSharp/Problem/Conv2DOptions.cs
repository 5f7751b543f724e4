namespace ConvSharp;

/// <summary>
/// Everything about a 2D convolution except the data and its shape. Immutable; derive variants with <c>with</c>.
/// The defaults are correlation, <see cref="OutputSize.Same"/>, zero constant border, the default anchor,
/// stride and dilation 1, the planner's choice of algorithm and all cores.
/// </summary>
/// <remarks>
/// The options never name how the result is computed beyond <see cref="Algorithm"/>: every algorithm computes the same
/// function, <c>out[y,x] = Σ_{i,j} in[y·sy + i·dy − ay, x·sx + j·dx − ax] · k[i,j]</c> (kernel flipped on both axes for
/// <see cref="ConvolutionKind.Convolution"/>), with samples outside the input supplied by <see cref="Border"/>.
/// </remarks>
public sealed record Conv2DOptions
{
    /// <summary>The default options: correlation, Same, Constant(0), default anchor, stride 1, dilation 1, Auto.</summary>
    public static Conv2DOptions Default { get; } = new();

    /// <summary>Correlation (default) or convolution.</summary>
    public ConvolutionKind Kind { get; init; } = ConvolutionKind.Correlation;

    /// <summary>Full, Same (default) or Valid.</summary>
    public OutputSize Size { get; init; } = OutputSize.Same;

    /// <summary>How samples outside the input are made up. Default: <see cref="Border.Constant"/>(0).</summary>
    public Border Border { get; init; } = Border.Constant(0f);

    /// <summary>
    /// The kernel position, in dilated input pixels (Y, X), that lands on the output sample; applies to
    /// <see cref="OutputSize.Same"/> only. Null (default) centres Same on Full as scipy.signal does:
    /// ((KH−1)/2, (KW−1)/2) for correlation and (KH/2, KW/2) on the flipped kernel for convolution, KH and KW
    /// being the dilated kernel extents. For OpenCV's anchor use it as is; for ndimage's <c>origin</c> see docs/semantics.md.
    /// </summary>
    public (int Y, int X)? Anchor { get; init; }

    /// <summary>Output step in input pixels (Y, X). Default (1, 1). Same with stride s keeps every s-th row of the stride-1 result, as TensorFlow does.</summary>
    public (int Y, int X) Stride { get; init; } = (1, 1);

    /// <summary>Spacing between kernel taps in input pixels (Y, X). Default (1, 1).</summary>
    public (int Y, int X) Dilation { get; init; } = (1, 1);

    /// <summary>"Auto" (default) lets the planner choose; otherwise the name of a registered algorithm (case-insensitive), see <see cref="Conv2D.Algorithms"/>.</summary>
    public string Algorithm { get; init; } = "Auto";

    /// <summary>The most threads a parallel algorithm may use; -1 (default) means all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// The most scratch memory one call may rent, in bytes (default 64 MiB). An algorithm that would need more segments its
    /// work to fit, or the planner declines it and says so in <see cref="Conv2DPlan.Candidates"/>.
    /// </summary>
    public long MaxWorkspaceBytes { get; init; } = DefaultMaxWorkspaceBytes;

    /// <summary>The default <see cref="MaxWorkspaceBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxWorkspaceBytes = 64L << 20;

    /// <summary>The thread count <see cref="MaxDegreeOfParallelism"/> stands for on this machine.</summary>
    internal int Threads => Execution.ParallelRowIterator.ResolveDegree(MaxDegreeOfParallelism);

    /// <summary>Throws for a thread count or workspace cap that makes no sense.</summary>
    internal void Validate()
    {
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            ThrowHelper.OutOfRange("options.MaxDegreeOfParallelism", MaxDegreeOfParallelism, "−1 (all cores) or a positive thread count.");
        if (MaxWorkspaceBytes < 0)
            ThrowHelper.OutOfRange("options.MaxWorkspaceBytes", MaxWorkspaceBytes, "a byte count ≥ 0.");
    }
}
