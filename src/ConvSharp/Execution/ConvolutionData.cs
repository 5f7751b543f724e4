namespace ConvSharp.Execution;

/// <summary>
/// Everything a fast path needs, as raw pointers into buffers pinned by <see cref="ConvolutionRunner"/> for the whole call.
/// The kernel is already packed row-major and flipped for convolution, so fast paths only ever correlate. The same struct
/// describes a pass of a multi-stage algorithm (Separable's row pass and column pass), whose "input" may be an
/// intermediate buffer.
/// </summary>
internal unsafe struct ConvolutionData
{
    public float* Input;
    public int InputPitch;
    public int InputHeight;
    public int InputWidth;

    /// <summary>kh·kw taps, row-major, as correlation applies them.</summary>
    public float* Kernel;
    public int KernelHeight;
    public int KernelWidth;

    public float* Output;
    public int OutputPitch;
    public int OutputHeight;
    public int OutputWidth;

    public int StrideY;
    public int StrideX;
    public int DilationY;
    public int DilationX;
    public int AnchorY;
    public int AnchorX;

    public BorderMode BorderMode;
    public float FillValue;

    /// <summary>A row of <see cref="InputWidth"/> copies of <see cref="FillValue"/>, for Constant rows above and below the input; null otherwise.</summary>
    public float* FillRow;

    /// <summary>Output columns [InteriorStart, InteriorEnd) read only real input columns, so their rows can point straight into the input.</summary>
    public int InteriorStart;
    public int InteriorEnd;

    /// <summary>The call's per-band workspace: band b owns <see cref="ScratchPerBand"/> floats from Scratch + b·ScratchPerBand.</summary>
    public float* Scratch;
    public long ScratchPerBand;

    /// <summary>−1: <see cref="StoreLoadAliasing"/> chooses each sweep's direction; 0 or 1: forward or backward, always (tests).</summary>
    public int ForcedSweep;

    /// <summary>Every field a problem fixes: shapes, stride, dilation, anchor, border and interior columns; the pointers are left null.</summary>
    public static ConvolutionData Describe(Conv2DProblem problem)
    {
        var (interiorStart, interiorEnd) = ConvolutionRunner.InteriorColumns(problem);
        return new ConvolutionData
        {
            InputHeight = problem.InputHeight,
            InputWidth = problem.InputWidth,
            KernelHeight = problem.KernelHeight,
            KernelWidth = problem.KernelWidth,
            OutputHeight = problem.OutputHeight,
            OutputWidth = problem.OutputWidth,
            StrideY = problem.Stride.Y,
            StrideX = problem.Stride.X,
            DilationY = problem.Dilation.Y,
            DilationX = problem.Dilation.X,
            AnchorY = problem.Anchor.Y,
            AnchorX = problem.Anchor.X,
            BorderMode = problem.Border.Mode,
            FillValue = problem.Border.Value,
            InteriorStart = interiorStart,
            InteriorEnd = interiorEnd,
            ForcedSweep = -1,
        };
    }

    /// <summary>Band <paramref name="band"/>'s slice of the workspace.</summary>
    public readonly float* BandScratch(int band) => Scratch + (band * ScratchPerBand);

    public readonly long MultiplyAddsPerRow => (long)OutputWidth * KernelHeight * KernelWidth;
}
