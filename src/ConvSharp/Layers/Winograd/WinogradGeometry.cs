using System;

namespace ConvSharp.Layers.Winograd;

/// <summary>
/// How one layer problem is cut into Winograd tiles and laid out in memory on one vector width. Tiles run over global
/// tile rows (image n's tile row ty is row n·TilesY + ty), so a batch of small images shares one product, and a band of
/// <see cref="BandRows"/> tile rows is transformed, multiplied and transformed back at a time, its V and M at most
/// <see cref="BandBytes"/>.
/// </summary>
/// <remarks>
/// V holds the transformed input of a band, point-major: V[p][t][c] at (p·TilePad + t)·ChannelPad + c, channels
/// contiguous (what the input transform's vectors write and the product broadcasts from). M holds the products,
/// M[p][t][o] at (p·TilePad + t)·OutputPad + o.
/// </remarks>
internal sealed class WinogradGeometry
{
    /// <summary>V and M of one band together: 4 MiB, in L3 beside the weights while the three passes go over them.</summary>
    public const long BandBytes = 4 << 20;

    public WinogradGeometry(Conv2DLayerProblem problem, int lanes)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        Lanes = lanes;
        Columns = 2 * lanes;
        TilesY = (problem.OutputHeight + WinogradF4x3.TileOutput - 1) / WinogradF4x3.TileOutput;
        TilesX = (problem.OutputWidth + WinogradF4x3.TileOutput - 1) / WinogradF4x3.TileOutput;
        StagedWidth = RoundUp((WinogradF4x3.TileOutput * TilesX) + 2, lanes);
        OutputStagedWidth = RoundUp(WinogradF4x3.TileOutput * TilesX, lanes);
        ChannelPad = RoundUp(problem.GroupInputChannels, lanes);
        OutputPad = RoundUp(problem.GroupOutputChannels, Columns);
        TotalRows = problem.Batch * TilesY;
        long perRow = (long)WinogradF4x3.Points * TilesX * (ChannelPad + OutputPad) * sizeof(float);
        BandRows = (int)Math.Clamp(BandBytes / perRow, 1, TotalRows);
        TilePadMax = TilePad(BandRows);
    }

    public Conv2DLayerProblem Problem { get; }

    /// <summary>Channels per vector: the channel block of the transforms.</summary>
    public int Lanes { get; }

    /// <summary>Output channels per strip of U (the product's two vectors).</summary>
    public int Columns { get; }

    public int TilesY { get; }

    public int TilesX { get; }

    /// <summary>Input columns a tile row reads, 4·TilesX + 2, rounded up to whole lane blocks.</summary>
    public int StagedWidth { get; }

    /// <summary>Output columns a tile row writes before clipping, 4·TilesX, rounded up to whole lane blocks.</summary>
    public int OutputStagedWidth { get; }

    /// <summary>C/g rounded up to whole vectors.</summary>
    public int ChannelPad { get; }

    /// <summary>O/g rounded up to whole strips.</summary>
    public int OutputPad { get; }

    public int ChannelBlocks => ChannelPad / Lanes;

    public int OutputBlocks => (Problem.GroupOutputChannels + Lanes - 1) / Lanes;

    public int Strips => OutputPad / Columns;

    /// <summary>Tile rows over the whole batch, N·TilesY.</summary>
    public int TotalRows { get; }

    /// <summary>Tile rows per band.</summary>
    public int BandRows { get; }

    /// <summary>Tiles of the largest band, rounded up to the product's six.</summary>
    public int TilePadMax { get; }

    public long TransformedInputFloats => (long)WinogradF4x3.Points * TilePadMax * ChannelPad;

    public long ProductFloats => (long)WinogradF4x3.Points * TilePadMax * OutputPad;

    /// <summary>
    /// One parallel band's scratch: the input pass's rows (6 × lanes rows) and their interleaved copy plus the transform's
    /// scratch, or the output pass's interleaved rows (4 × lanes), one block of plain rows and the transform's scratch.
    /// </summary>
    public long BandScratchFloats => Math.Max(
        (2L * WinogradF4x3.TileInput * StagedWidth * Lanes) + (WinogradF4x3.Points * Lanes),
        ((long)(WinogradF4x3.TileOutput + 1) * OutputStagedWidth * Lanes) + (WinogradF4x3.TileInput * WinogradF4x3.TileOutput * Lanes));

    /// <summary>Floats of U per group: 36 points × strips × C/g × Columns.</summary>
    public long WeightFloatsPerGroup => (long)WinogradF4x3.Points * Strips * Problem.GroupInputChannels * Columns;

    /// <summary>Tiles of a band of <paramref name="rows"/> tile rows, rounded up to the product's six.</summary>
    public int TilePad(int rows) => RoundUp(rows * TilesX, GemmKernels.VectorMicroKernel<Simd.ScalarOps, float>.Rows);

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
