namespace ConvSharp.Execution;

/// <summary>
/// Where <see cref="RowDriver"/> keeps its per-band scratch: kh left edge buffers, kh right edge buffers, then the dense
/// stride-1 row for kernels that do not step by sx themselves.
/// </summary>
internal readonly struct ScratchLayout
{
    public ScratchLayout(in ConvolutionData d, bool kernelHandlesStride)
    {
        long sx = d.StrideX;
        long span = (d.KernelWidth - 1L) * d.DilationX + 1;
        LeftLength = d.InteriorStart > 0 ? (int)((d.InteriorStart - 1) * sx + span) : 0;
        RightLength = d.InteriorEnd < d.OutputWidth ? (int)((d.OutputWidth - 1 - d.InteriorEnd) * sx + span) : 0;
        RightOffset = (long)d.KernelHeight * LeftLength;
        DenseOffset = RightOffset + (long)d.KernelHeight * RightLength;
        long dense = sx > 1 && !kernelHandlesStride ? (d.OutputWidth - 1) * sx + 1 : 0;
        TotalFloats = checked((int)(DenseOffset + dense));
    }

    /// <summary>Samples per left edge buffer: the columns the output columns [0, InteriorStart) read.</summary>
    public int LeftLength { get; }

    /// <summary>Samples per right edge buffer: the columns the output columns [InteriorEnd, OutputWidth) read.</summary>
    public int RightLength { get; }

    public long RightOffset { get; }

    public long DenseOffset { get; }

    public int TotalFloats { get; }
}
