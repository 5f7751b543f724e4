using System;

namespace ConvSharp.Execution;

/// <summary>
/// The edge segments of every output row and where a band keeps their buffers: one left edge buffer per buffered
/// input row, as many right edge buffers, then the dense stride-1 row for kernels that do not step by sx themselves.
/// </summary>
/// <remarks>
/// Edge segments are widened to at least <c>edgeWidth</c> output columns (one vector for a row kernel, a whole column step
/// for a block kernel) where the row is that wide, so a SIMD kernel computes them at full speed instead of in a narrower
/// loop. Columns that the widened edge shares with the
/// interior are computed twice with the same arithmetic and the same result.
/// </remarks>
internal readonly struct ScratchLayout
{
    public ScratchLayout(in ConvolutionData d, bool kernelHandlesStride, int edgeWidth, int bufferedRows)
    {
        long sx = d.StrideX;
        long span = (d.KernelWidth - 1L) * d.DilationX + 1;
        int width = Math.Min(edgeWidth, d.OutputWidth);
        LeftEnd = d.InteriorStart > 0 ? Math.Max(d.InteriorStart, width) : 0;
        RightStart = d.InteriorEnd < d.OutputWidth ? Math.Min(d.InteriorEnd, d.OutputWidth - width) : d.OutputWidth;
        LeftLength = LeftEnd > 0 ? checked((int)((LeftEnd - 1) * sx + span)) : 0;
        RightLength = RightStart < d.OutputWidth ? checked((int)((d.OutputWidth - 1 - RightStart) * sx + span)) : 0;
        RightOffset = (long)bufferedRows * LeftLength;
        DenseOffset = RightOffset + (long)bufferedRows * RightLength;
        long dense = sx > 1 && !kernelHandlesStride ? (d.OutputWidth - 1) * sx + 1 : 0;
        TotalFloats = checked((int)(DenseOffset + dense));
    }

    /// <summary>Output columns [0, LeftEnd) read the left edge buffers.</summary>
    public int LeftEnd { get; }

    /// <summary>Output columns [RightStart, OutputWidth) read the right edge buffers.</summary>
    public int RightStart { get; }

    /// <summary>Samples per left edge buffer: input columns −ax .. (LeftEnd − 1)·sx + (kw − 1)·dx − ax.</summary>
    public int LeftLength { get; }

    /// <summary>Samples per right edge buffer.</summary>
    public int RightLength { get; }


    public long RightOffset { get; }

    public long DenseOffset { get; }

    public int TotalFloats { get; }
}
