using System;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Im2ColGemm;

/// <summary>
/// The workspace of the im2col algorithms. Segmented: each band's column panel covers <see cref="SegmentRows"/> output rows
/// of <see cref="SegmentColumns"/> columns, at most <see cref="SegmentBytes"/>, so it is still in L2 when the product
/// reads it. Materialised: the whole kh·kw × H'·W' matrix, plus an output vector when the output's rows are not contiguous.
/// Both: the Constant fill row.
/// </summary>
internal readonly record struct Im2ColLayout(long FillFloats, long PanelFloats, long ResultFloats, int SegmentRows, int SegmentColumns, int Bands)
{
    /// <summary>
    /// A segment's panel: 192 KiB, under half the 512 KiB L2 of a Zen 3 core, so the product reads it from L2 right after
    /// im2col wrote it (three 1024-wide output rows of a 3×3 kernel).
    /// </summary>
    public const long SegmentBytes = 192 << 10;

    public long TotalFloats => FillFloats + ResultFloats + (PanelFloats * Bands);

    public WorkspaceRequirement Requirement => new((FillFloats + ResultFloats) * sizeof(float), PanelFloats * sizeof(float), Bands);

    public static Im2ColLayout For(Conv2DProblem problem, Im2ColForm form, int threads)
    {
        long fill = problem.Border.Mode == BorderMode.Constant ? problem.InputWidth : 0;
        long taps = (long)problem.KernelHeight * problem.KernelWidth;
        int width = problem.OutputWidth, height = problem.OutputHeight;
        if (form != Im2ColForm.Segmented)
        {
            long outputs = (long)height * width;
            return new Im2ColLayout(fill, taps * outputs, outputs, height, width, 1);
        }

        long budget = SegmentBytes / sizeof(float);

        // Whole rows when one fits, else a single row cut into column chunks (a wide image under a large kernel).
        int columns = (int)Math.Clamp(budget / taps, 1, width);
        int rows = columns < width ? 1 : (int)Math.Clamp(budget / (taps * width), 1, height);
        return new Im2ColLayout(fill, taps * rows * columns, 0, rows, columns, ParallelRowIterator.MaxBands(threads));
    }
}
