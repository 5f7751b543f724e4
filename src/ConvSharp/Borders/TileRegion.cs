using System;

namespace ConvSharp.Borders;

/// <summary>
/// A rectangle of the whole image or of the whole output, in global coordinates: rows [Row, Row + Height), columns
/// [Column, Column + Width).
/// </summary>
internal readonly record struct TileRegion(int Row, int Column, int Height, int Width)
{
    /// <summary>
    /// The input region the outputs <paramref name="output"/> read after the border map: the smallest rectangle holding
    /// every mapped row and column (Constant fill reads nothing). A tile buffer must cover it.
    /// </summary>
    public static TileRegion Required(Conv2DProblem problem, TileRegion output)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var (rowStart, rowEnd) = Span(problem.InputHeight, problem.Border.Mode, output.Row, output.Height, problem.Stride.Y, problem.KernelHeight, problem.Dilation.Y, problem.Anchor.Y);
        var (columnStart, columnEnd) = Span(problem.InputWidth, problem.Border.Mode, output.Column, output.Width, problem.Stride.X, problem.KernelWidth, problem.Dilation.X, problem.Anchor.X);
        return rowEnd < rowStart || columnEnd < columnStart
            ? new TileRegion(0, 0, 0, 0)
            : new TileRegion(rowStart, columnStart, rowEnd - rowStart + 1, columnEnd - columnStart + 1);
    }

    private static (int Start, int End) Span(int extent, BorderMode mode, int first, int count, int stride, int taps, int dilation, int anchor)
    {
        int start = int.MaxValue, end = int.MinValue;
        long lo = ((long)first * stride) - anchor, hi = ((long)(first + count - 1) * stride) + ((long)(taps - 1) * dilation) - anchor;
        if (lo >= 0 && hi < extent) return ((int)lo, (int)hi);
        for (long v = lo; v <= hi; v++)
        {
            int mapped = BorderIndex.Map(v, extent, mode);
            if (mapped < 0) continue;
            start = Math.Min(start, mapped);
            end = Math.Max(end, mapped);
        }

        return (start, end);
    }
}
