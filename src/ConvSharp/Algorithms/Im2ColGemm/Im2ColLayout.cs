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

    /// <summary>The narrowest column chunk: sixteen AVX2 vectors, two of the product's eight-vector steps.</summary>
    public const int MinimumColumns = 128;

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

        // Whole rows when one fits, else a single row cut into column chunks (a wide image under a large kernel). A chunk
        // keeps at least MinimumColumns, so the product's rows stay long enough for whole vector steps: each panel element
        // is read once, so a panel past the L2 (63×63: 3969 taps × 128 columns, 2 MiB) costs an L3 round trip, where
        // 12-column chunks (the 192 KiB budget) left the product mostly scalar (2048², 63×63: 15.3 s).
        int columns = (int)Math.Clamp(Math.Max(budget / taps, MinimumColumns), 1, width);
        int rows = columns < width ? 1 : (int)Math.Clamp(budget / (taps * width), 1, height);
        return new Im2ColLayout(fill, taps * rows * columns, 0, rows, columns, ParallelRowIterator.MaxBands(threads));
    }
}
