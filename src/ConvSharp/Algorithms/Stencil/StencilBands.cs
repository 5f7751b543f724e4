using System;
using System.Runtime.CompilerServices;
using ConvSharp.Algorithms.Simd;
using ConvSharp.Borders;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Algorithms.Stencil;

/// <summary>
/// A band of output rows for the stencil and Simd: blocks of <see cref="IStencilSize.BlockRows"/> rows go through the block kernel, on the interior columns straight
/// from the input rows and on the (vector-wide) edge segments from small border-filled buffers. Rows left over at the end
/// of a band, and rows narrower than a vector, go row by row through <see cref="SimdRowKernel{TOps, TVector}"/>, which does
/// the same arithmetic.
/// </summary>
internal readonly unsafe struct StencilBands<TSize, TOps, TVector>(ConvolutionData data) : IRowBandOperation
    where TSize : IStencilSize
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    private static int BlockRows => TSize.BlockRows;
    private readonly ConvolutionData _data = data;

    /// <summary>All output rows of <paramref name="data"/> in parallel bands whose starts are multiples of the block height.</summary>
    public static void RunAll(in ConvolutionData data, ExecutionContext context) =>
        ParallelRowIterator.For(data.OutputHeight, data.MultiplyAddsPerRow, context, TSize.BlockRows, new StencilBands<TSize, TOps, TVector>(data));

    // Hot loop: compiled fully optimised at once, so long calls never run on first-tier or OSR code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        ref readonly ConvolutionData d = ref _data;
        int sourceCount = d.KernelHeight + BlockRows - 1;
        var rowKernel = default(SimdRowKernel<TOps, TVector>);
        var layout = new ScratchLayout(in d, rowKernel.HandlesHorizontalStride, TSize.EdgeVectors * TOps.Count, sourceCount);
        float* bandScratch = d.BandScratch(band);
        float** sources = (float**)bandScratch;
        float** rows = sources + sourceCount;
        float* scratchPtr = bandScratch + RowDriver.PointerFloats(sourceCount);
        float** outputs = stackalloc float*[BlockRows];
        bool stage = StagedRows.Worthwhile(in d, sourceCount, pitchConflicts: BlockRows > 2);
        var staged = stage ? new StagedRows(bandScratch + RowDriver.StagingOffset(in d, sourceCount), sourceCount, in d) : default;

        // Blocks need every segment at least one vector wide; narrower rows go row by row.
        // Staged rows carry their border columns, so every output column is interior to them.
        int interiorStart = stage ? 0 : Math.Max(d.InteriorStart, layout.LeftEnd), interiorEnd = stage ? d.OutputWidth : Math.Min(d.InteriorEnd, layout.RightStart);
        bool blocks = d.OutputWidth >= TOps.Count && (interiorStart >= interiorEnd || interiorEnd - interiorStart >= TOps.Count);
        int y = start;
        long edgesFilledUpTo = long.MinValue;

        // The sweep direction is voted once per band where the input and output rows keep their distance from block to
        // block (same pitch, not staged), and on rows of at most 256 outputs, where a vote per block costs more than the
        // stalls it avoids (a quarter of a 112² plane). Edge segments read small scratch buffers and are a vector or two
        // wide: they go forward unless a test forces the direction.
        bool revote = (stage || d.InputPitch != d.OutputPitch) && d.OutputWidth > 256;
        int interiorSweep = d.ForcedSweep;
        bool edgesBackward = d.ForcedSweep == 1;
        for (; blocks && y + BlockRows <= end; y += BlockRows)
        {
            long top = (long)y - d.AnchorY;
            // Stride and dilation 1: output rows y .. y + B − 1 read input rows y − ay .. y − ay + K + B − 2.
            for (int t = 0; t < sourceCount; t++) sources[t] = stage ? staged.Row(in d, top + t) : RowSources.Row(in d, top + t);
            for (int o = 0; o < BlockRows; o++) outputs[o] = d.Output + (long)(y + o) * d.OutputPitch;
            if (interiorStart < interiorEnd)
            {
                for (int t = 0; t < sourceCount; t++) rows[t] = sources[t] - d.AnchorX;
                if (interiorSweep < 0 || (revote && d.ForcedSweep < 0)) interiorSweep = StoreLoadAliasing.PreferBackward(rows, sourceCount, outputs, BlockRows, -1) ? 1 : 0;
                Block(rows, outputs, interiorStart, interiorEnd, in d, interiorSweep == 1);
            }

            if (!stage && layout.LeftEnd > 0)
            {
                RowSources.FillEdgeRing(in d, sources, sourceCount, top, edgesFilledUpTo, 0, layout.LeftLength, scratchPtr, rows);
                Block(rows, outputs, 0, layout.LeftEnd, in d, edgesBackward);
            }

            if (!stage && layout.RightStart < d.OutputWidth)
            {
                RowSources.FillEdgeRing(in d, sources, sourceCount, top, edgesFilledUpTo, layout.RightStart, layout.RightLength, scratchPtr + layout.RightOffset, rows);
                Block(rows, outputs, layout.RightStart, d.OutputWidth, in d, edgesBackward);
            }

            edgesFilledUpTo = top + sourceCount;
        }

        for (; y < end; y++)
        {
            RowDriver.SourceRows(in d, y, sources);
            RowDriver.RunOutputRow(in d, ref rowKernel, sources, rows, d.Output + (long)y * d.OutputPitch, scratchPtr, in layout);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(float** rows, float** outputs, int x0, int x1, in ConvolutionData d, bool backward)
    {
        if (TSize.Size == 3) Stencil3x3BlockKernel<TOps, TVector>.Run(rows, outputs, x0, x1, in d, backward);
        else if (TSize.Size == 0) AnySizeBlockKernel<TOps, TVector>.Run(rows, outputs, x0, x1, in d);
        else StencilBlockKernel<TSize, TOps, TVector>.Run(rows, outputs, x0, x1, in d, backward);
    }
}
