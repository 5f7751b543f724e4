using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Separable;

/// <summary>
/// The workspace of Separable's one-pass form (<see cref="SeparableRingBands{TOps, TVector}"/>): the Constant fill row,
/// then per band R rings of kh − 1 + <see cref="StepRows"/> intermediate rows, the row pass's scratch and the column
/// pass's row pointers.
/// </summary>
internal readonly struct SeparableRing
{
    /// <summary>
    /// Output rows per step: the row pass fills their intermediate rows, then the column pass walks them tile by tile.
    /// Measured with 4, 8 and 16 (2048² Gaussians, two threads, alternating in one process): within 5 % of each other.
    /// </summary>
    public const int StepRows = 8;

    private SeparableRing(int kernelHeight, int pitch, int rank, long rowScratchFloats, long fillFloats, int bands)
    {
        Rows = kernelHeight - 1 + StepRows;
        Pitch = pitch;
        PlaneFloats = (long)Rows * pitch;
        RingFloats = rank * PlaneFloats;
        RowScratchFloats = rowScratchFloats;
        FillFloats = fillFloats;
        Bands = bands;
        BandFloats = RowDriver.SeparateBands(RingFloats + rowScratchFloats + RowDriver.PointerFloats(SeparableLayout.ColumnPointers(kernelHeight, rank)));
    }

    /// <summary>Rows per rank's ring.</summary>
    public int Rows { get; }

    public int Pitch { get; }

    public long PlaneFloats { get; }

    public long RingFloats { get; }

    /// <summary>The row pass's pointers and edge buffers.</summary>
    public long RowScratchFloats { get; }

    public long FillFloats { get; }

    public int Bands { get; }

    public long BandFloats { get; }

    public long TotalFloats => FillFloats + (BandFloats * Bands);

    public WorkspaceRequirement Requirement => new(FillFloats * sizeof(float), BandFloats * sizeof(float), Bands);

    /// <summary>Stride 1 both ways, vertical dilation 1, at least three kernel rows (the column block), an accelerated vector tier (the row pair kernel).</summary>
    public static bool Applies(Conv2DProblem problem) =>
        problem.Stride == (1, 1) && problem.Dilation.Y == 1 && problem.KernelHeight >= 3 && System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated;

    public static SeparableRing For(Conv2DProblem problem, int rank, int threads)
    {
        var rowPass = SeparableLayout.RowPassShape(problem);
        long fill = problem.Border.Mode == BorderMode.Constant ? problem.InputWidth : 0;
        return new SeparableRing(problem.KernelHeight, SeparableLayout.Pitch(problem), rank, RowDriver.BandScratchFloats(in rowPass, 1), fill, ParallelRowIterator.MaxBands(threads));
    }
}
