using System;

namespace ConvSharp.Execution;

/// <summary>
/// Everything a fast path needs, as raw pointers into buffers pinned by <see cref="ConvolutionRunner"/> for the whole call.
/// The kernel is already packed row-major and flipped for convolution, so fast paths only ever correlate. The same struct
/// describes a pass of a multi-stage algorithm (Separable's row pass and column pass), whose "input" may be an
/// intermediate buffer.
/// </summary>
internal unsafe struct ConvolutionData
{
    /// <summary>The buffer the input rows come from; element 0 is image row <see cref="InputRowOrigin"/>, column <see cref="InputColumnOrigin"/>.</summary>
    public float* Input;
    public int InputPitch;

    /// <summary>The whole image's extent, against which the border is applied (a tile's buffer may hold less of it).</summary>
    public int InputHeight;
    public int InputWidth;

    /// <summary>Where <see cref="Input"/> sits in the image: 0, 0 for the whole plane, the halo's corner for a tile.</summary>
    public int InputRowOrigin;
    public int InputColumnOrigin;

    /// <summary>True when <see cref="Input"/> is a tile's buffer, which may hold fewer columns than the image (set by <see cref="ForTile"/>).</summary>
    public bool Tile;

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

    /// <summary>The call's per-band workspace: band b owns <see cref="ScratchPerBand"/> floats from Scratch + b·ScratchPerBand.</summary>
    public float* Scratch;
    public long ScratchPerBand;

    /// <summary>
    /// A 1 × kw kernel whose taps mirror (taps[j] = taps[kw − 1 − j]): Separable's row pass may then add each mirrored
    /// pair of samples before one multiply (<see cref="Algorithms.Separable.MirroredTaps"/>). Other paths ignore it.
    /// </summary>
    public bool MirroredRow;

    /// <summary>−1: <see cref="StoreLoadAliasing"/> chooses each sweep's direction; 0 or 1: forward or backward, always (tests).</summary>
    public int ForcedSweep;

    /// <summary>0 (the default): <see cref="Borders.StagedRows.Worthwhile"/> decides whether rows are staged; −1 or 1: never, or wherever possible (tests).</summary>
    public int ForcedStaging;

    /// <summary>Every field a problem fixes: shapes, stride, dilation, anchor, border and interior columns; the pointers are left null.</summary>
    public static ConvolutionData Describe(Conv2DProblem problem)
    {
        var (interiorStart, interiorEnd) = ConvolutionRunner.InteriorColumns(problem);
        return new ConvolutionData
        {
            InputHeight = problem.InputHeight,
            InputWidth = problem.InputWidth,
            KernelHeight = problem.KernelHeight,
            KernelWidth = problem.KernelWidth,
            OutputHeight = problem.OutputHeight,
            OutputWidth = problem.OutputWidth,
            StrideY = problem.Stride.Y,
            StrideX = problem.Stride.X,
            DilationY = problem.Dilation.Y,
            DilationX = problem.Dilation.X,
            AnchorY = problem.Anchor.Y,
            AnchorX = problem.Anchor.X,
            BorderMode = problem.Border.Mode,
            FillValue = problem.Border.Value,
            InteriorStart = interiorStart,
            InteriorEnd = interiorEnd,
            ForcedSweep = -1,
        };
    }

    /// <summary>
    /// This description restricted to the output tile <paramref name="output"/> of the whole output: output row y of the
    /// tile is output row output.Row + y of the whole, which the anchor absorbs (the virtual row y·sy − ay becomes
    /// (output.Row + y)·sy − ay), and so for columns; the interior columns are the whole output's, shifted and clipped.
    /// The input buffer's origin is set by the caller.
    /// </summary>
    public readonly ConvolutionData ForTile(Borders.TileRegion output)
    {
        var tile = this;
        tile.Tile = true;
        tile.AnchorY = checked(AnchorY - (output.Row * StrideY));
        tile.AnchorX = checked(AnchorX - (output.Column * StrideX));
        tile.OutputHeight = output.Height;
        tile.OutputWidth = output.Width;
        tile.InteriorStart = Math.Clamp(InteriorStart - output.Column, 0, output.Width);
        tile.InteriorEnd = Math.Clamp(InteriorEnd - output.Column, tile.InteriorStart, output.Width);
        return tile;
    }

    /// <summary>Band <paramref name="band"/>'s slice of the workspace.</summary>
    public readonly float* BandScratch(int band) => Scratch + (band * ScratchPerBand);

    public readonly long MultiplyAddsPerRow => (long)OutputWidth * KernelHeight * KernelWidth;
}
