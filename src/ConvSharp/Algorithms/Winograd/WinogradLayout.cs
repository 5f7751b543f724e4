using System;
using ConvSharp.Execution;

namespace ConvSharp.Algorithms.Winograd;

/// <summary>
/// How the Winograd algorithm cuts its work and lays out its workspace. Bands of output tiles (three rows each) run in
/// strips of <see cref="StripTiles"/> tiles. The workspace holds a zero row and, for Constant, the fill row (one image
/// row each), then one slice per band: five transformed planes, each a ring of strip + S − 1 rows of the input columns
/// the outputs read, five product planes of one row per tile, and the row pointers.
/// </summary>
internal readonly struct WinogradLayout
{
    /// <summary>
    /// Tiles per strip (24 output rows). Measured on 1024², one thread, per-round ratios to Simd in one process: strips of
    /// 4 / 8 / 16 / 32 tiles 0.84 / 0.80 / 0.86 / 0.84 at 9×9 and 0.667 / 0.664 / 0.672 / 0.664 at 15×15 (docs/benchmarks.md).
    /// Even, so the two-row product blocks fill a strip.
    /// </summary>
    public const int DefaultStripTiles = 8;

    private WinogradLayout(int slices, int stripTiles, int transformedPitch, int productPitch, long sharedFloats, long bandFloats, int bands)
    {
        Slices = slices;
        StripTiles = stripTiles;
        TransformedPitch = transformedPitch;
        ProductPitch = productPitch;
        SharedFloats = sharedFloats;
        BandFloats = bandFloats;
        Bands = bands;
    }

    /// <summary>Three-row kernel slices, S.</summary>
    public int Slices { get; }

    /// <summary>Tiles per strip.</summary>
    public int StripTiles { get; }

    /// <summary>Floats per row of a transformed input plane (at least ow + kw − 1).</summary>
    public int TransformedPitch { get; }

    /// <summary>Floats per row of a product plane (at least ow).</summary>
    public int ProductPitch { get; }

    /// <summary>The zero row and, for Constant, the fill row.</summary>
    public long SharedFloats { get; }

    public long BandFloats { get; }

    public int Bands { get; }

    /// <summary>Rows of each transformed plane's ring: strip + S − 1.</summary>
    public int TransformedRows => StripTiles + Slices - 1;

    public long TransformedPlaneFloats => (long)TransformedRows * TransformedPitch;

    public long ProductPlaneFloats => (long)StripTiles * ProductPitch;

    public long TotalFloats => SharedFloats + (BandFloats * Bands);

    public WorkspaceRequirement Requirement => new(SharedFloats * sizeof(float), BandFloats * sizeof(float), Bands);

    /// <summary>Tiles of three output rows that cover <paramref name="outputRows"/>.</summary>
    public static int TileCount(int outputRows) => (outputRows + WinogradF3.TileRows - 1) / WinogradF3.TileRows;

    public static WinogradLayout For(Conv2DProblem problem, int threads)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int slices = WinogradF3.Slices(problem.KernelHeight);
        const int tiles = DefaultStripTiles;
        int transformedPitch = OddLinePitch.For(problem.OutputWidth + problem.KernelWidth - 1L);
        int productPitch = OddLinePitch.For(problem.OutputWidth);
        long shared = problem.InputWidth * (problem.Border.Mode == BorderMode.Constant ? 2L : 1L);
        long planes = WinogradF3.Components * (((tiles + slices - 1L) * transformedPitch) + ((long)tiles * productPitch));
        long band = RowDriver.SeparateBands(planes + RowDriver.PointerFloats(tiles + slices - 1 + tiles));
        return new WinogradLayout(slices, tiles, transformedPitch, productPitch, shared, band, ParallelRowIterator.MaxBands(threads));
    }
}
