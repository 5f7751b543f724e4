using System;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// How Separable cuts a problem into horizontal strips of output rows and lays out its workspace: the Constant fill row,
/// one scratch slice per band (the row pass's edge buffers or the column pass's row pointers, never both at once), then
/// the strip's intermediate planes, one per rank, each holding every virtual input row the strip's outputs read.
/// </summary>
internal readonly struct SeparableLayout
{
    /// <summary>
    /// The most intermediate a strip holds: 2 MiB, half per core on two cores, so the rows the row pass writes are still in
    /// cache (L2 512 KiB per core and L3 32 MiB on the Zen 3 machine) when the column pass reads them, while a strip is tall
    /// enough that the kh − 1 halo rows each strip recomputes stay a small part of it. Measured on 2048² Gaussians 7/15/31:
    /// 512 KiB strips 5.4/9.5/19.4 ms (the kh − 1 halo rows recomputed per strip dominate), 1 MiB 4.0/6.2/9.9, 2 MiB
    /// 4.7/6.0/10.7, 8 MiB 5.3/8.1/10.2, 48 MiB (the whole plane) 8.6/7.8/10.3; docs/benchmarks.md.
    /// </summary>
    public const long TargetStripBytes = 2L << 20;

    private SeparableLayout(long fillFloats, long bandFloats, int bands, int stripRows, long planeFloats, int rank)
    {
        FillFloats = fillFloats;
        BandFloats = bandFloats;
        Bands = bands;
        StripRows = stripRows;
        PlaneFloats = planeFloats;
        Rank = rank;
    }

    /// <summary>Floats from one intermediate row to the next: the output width at an odd number of cache lines (<see cref="OddLinePitch"/>).</summary>
    public static int Pitch(Conv2DProblem problem) => OddLinePitch.For(problem.OutputWidth);

    public long FillFloats { get; }

    public long BandFloats { get; }

    public int Bands { get; }

    /// <summary>Output rows per strip.</summary>
    public int StripRows { get; }

    /// <summary>Floats of one rank's intermediate for a full strip: <see cref="IntermediateRows"/>(StripRows) × <see cref="Pitch"/>.</summary>
    public long PlaneFloats { get; }

    public int Rank { get; }

    public long TotalFloats => FillFloats + (BandFloats * Bands) + (PlaneFloats * Rank);

    public WorkspaceRequirement Requirement => new(
        (FillFloats + (PlaneFloats * Rank)) * sizeof(float), BandFloats * sizeof(float), Bands);

    /// <summary>Virtual input rows <paramref name="outputRows"/> consecutive output rows read: (n − 1)·sy + (kh − 1)·dy + 1.</summary>
    public static long IntermediateRows(Conv2DProblem problem, long outputRows) =>
        ((outputRows - 1) * problem.Stride.Y) + problem.DilatedKernelHeight;

    public static SeparableLayout For(Conv2DProblem problem, int rank, int threads, long capBytes)
    {
        long fill = problem.Border.Mode == BorderMode.Constant ? problem.InputWidth : 0;
        var rowPass = RowPassShape(problem);
        long band = Math.Max(RowDriver.BandScratchFloats(in rowPass, 1), RowDriver.SeparateBands(RowDriver.PointerFloats(ColumnPointers(problem.KernelHeight, rank))));
        int bands = ParallelRowIterator.MaxBands(threads);
        long fixedFloats = fill + (band * bands);

        // As many output rows per strip as the target (and the cap) allow, at least one.
        long budget = (Math.Min(capBytes, TargetStripBytes + (fixedFloats * sizeof(float))) / sizeof(float)) - fixedFloats;
        long rowsPerPlane = budget / ((long)rank * Pitch(problem));
        long strip = rowsPerPlane < problem.DilatedKernelHeight ? 1 : ((rowsPerPlane - problem.DilatedKernelHeight) / problem.Stride.Y) + 1;
        strip = Math.Clamp(strip, 1, problem.OutputHeight);
        return new SeparableLayout(fill, band, bands, (int)strip, IntermediateRows(problem, strip) * Pitch(problem), rank);
    }

    /// <summary>Row pointers the column pass holds: R·kh for one row, R·(kh + 3) for a four-row block, and its four outputs.</summary>
    public static int ColumnPointers(int kernelHeight, int rank) =>
        (rank * kernelHeight) + (rank * ColumnBlockKernel<ConvSharp.Simd.Vector128Ops, System.Runtime.Intrinsics.Vector128<float>>.RowsRead(kernelHeight)) + ColumnBlockKernel<ConvSharp.Simd.Vector128Ops, System.Runtime.Intrinsics.Vector128<float>>.Rows;

    /// <summary>The row pass as a 1 × kw problem over the intermediate's rows; the caller sets the pointers, the rows and the strip's anchor.</summary>
    public static ConvolutionData RowPassShape(Conv2DProblem problem)
    {
        var d = ConvolutionData.Describe(problem);
        d.KernelHeight = 1;
        d.StrideY = 1;
        d.DilationY = 1;
        return d;
    }
}
