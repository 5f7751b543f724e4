using System;
using System.Numerics;
using ConvSharp.Algorithms.Im2ColGemm;
using ConvSharp.Execution;
using ConvSharp.GemmKernels;

namespace ConvSharp.Layers;

/// <summary>
/// The layer's im2col straight into the SGEMM's packed-B layout (<see cref="GemmDriver.PackedBOffset"/>), in parallel
/// over input channels: a channel's kh·kw tap rows for the whole panel are filled into the band's scratch, then each
/// tap row is dealt out NR columns at a time to its strips, with vector copies. The SGEMM then packs only the weights,
/// instead of copying the whole column matrix a second time.
/// </summary>
internal readonly unsafe struct LayerIm2ColPackedBands(ConvolutionData firstPlane, long planeFloats, int taps, int depth, int y0, int rows, float* packed, float* scratch, long scratchPerBand) : IRowBandOperation
{
    public void Invoke(int band, int start, int end)
    {
        var plane = firstPlane;
        int columns = rows * plane.OutputWidth, nr = GemmDriver.ActiveTile.Columns, full = columns / nr;
        long tapRow = columns;
        float* rowTaps = scratch + (band * scratchPerBand);
        for (int c = start; c < end; c++)
        {
            plane.Input = firstPlane.Input + (c * planeFloats);
            Im2Col.FillPanel(in plane, y0, rows, 0, plane.OutputWidth, rowTaps, tapRow);
            for (int tap = 0; tap < taps; tap++)
            {
                int t = (c * taps) + tap;
                float* source = rowTaps + (tap * tapRow);
                float* first = packed + GemmDriver.PackedBOffset(depth, columns, t, 0);
                long stripStep = GemmDriver.PackedBOffset(depth, columns, t, Math.Min(nr, columns - 1) / nr * nr) - (first - packed);
                float* target = first;
                for (int s = 0; s < full; s++, source += nr, target += stripStep) CopyStripRow(source, target, nr);
                for (int lane = 0; lane < columns - (full * nr); lane++) target[lane] = source[lane];
            }
        }
    }

    private static void CopyStripRow(float* source, float* target, int nr)
    {
        int lanes = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated && nr % lanes == 0)
        {
            for (int q = 0; q < nr; q += lanes) Vector.Store(Vector.Load(source + q), target + q);
            return;
        }

        for (int q = 0; q < nr; q++) target[q] = source[q];
    }
}
