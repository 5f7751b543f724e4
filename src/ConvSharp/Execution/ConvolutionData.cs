namespace ConvSharp.Execution;

/// <summary>
/// Everything a fast path needs, as raw pointers into buffers pinned by <see cref="ConvolutionRunner"/> for the whole call.
/// The kernel is already packed row-major and flipped for convolution, so fast paths only ever correlate.
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

    public readonly long MultiplyAddsPerRow => (long)OutputWidth * KernelHeight * KernelWidth;
}
