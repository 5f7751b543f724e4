using ConvSharp.Borders;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Layers.Winograd;

/// <summary>
/// The input transform of one band, in parallel over (channel block, tile row) items: the block's channels' six input
/// rows are read through the core's row sources (so every padding mode is the other algorithms'), interleaved so each
/// pixel's channels are one vector, and each tile's 6 × 6 patch transformed into V. Items are (block, row) with the
/// band's <paramref name="rows"/> tile rows varying fastest.
/// </summary>
internal readonly unsafe struct WinogradInputBands<TOps, TVector>(
    WinogradGeometry geometry, ConvolutionData plane, float* groupInput, int firstRow, int rows, int tilePad, float* v, float* scratch) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    public void Invoke(int band, int start, int end)
    {
        var g = geometry;
        var p = g.Problem;
        int lanes = g.Lanes, width = g.StagedWidth, used = (WinogradF4x3.TileOutput * g.TilesX) + 2;
        long rowBlock = (long)width * lanes;
        float* plain = scratch + (band * g.BandScratchFloats);
        float* staged = plain + (WinogradF4x3.TileInput * rowBlock);
        float* transform = staged + (WinogradF4x3.TileInput * rowBlock);
        long planeFloats = (long)p.InputHeight * p.InputWidth, pointStride = (long)tilePad * g.ChannelPad;
        var d = plane;
        for (int item = start; item < end; item++)
        {
            int block = item / rows, localRow = item % rows, row = firstRow + localRow;
            int image = row / g.TilesY, tileRow = row % g.TilesY, c0 = block * lanes;
            for (int i = 0; i < WinogradF4x3.TileInput; i++)
            {
                long virtualRow = ((long)tileRow * WinogradF4x3.TileOutput) + i - p.Padding.Top;
                if (virtualRow >= 0 && virtualRow < p.InputHeight && c0 + lanes <= p.GroupInputChannels)
                {
                    float* first = groupInput + ((((long)image * p.InputChannels) + c0) * planeFloats) + (virtualRow * p.InputWidth);
                    InterleaveInside(first, planeFloats, plain + (i * rowBlock), staged + (i * rowBlock), in d);
                    continue;
                }

                for (int lane = 0; lane < lanes; lane++)
                {
                    float* target = plain + (i * rowBlock) + ((long)lane * width);
                    int c = c0 + lane;
                    if (c >= p.GroupInputChannels)
                    {
                        new System.Span<float>(target, used).Clear();
                        continue;
                    }

                    d.Input = groupInput + ((((long)image * p.InputChannels) + c) * planeFloats);
                    RowSources.FillColumns(in d, RowSources.Row(in d, virtualRow), -p.Padding.Left, used, target);
                }

                LaneTranspose.Interleave(plain + (i * rowBlock), width, staged + (i * rowBlock), width, lanes);
            }

            float* tiles = v + (((long)localRow * g.TilesX) * g.ChannelPad) + c0;
            for (int tx = 0; tx < g.TilesX; tx++)
            {
                WinogradTransforms<TOps, TVector>.Input(
                    staged + ((long)tx * WinogradF4x3.TileOutput * lanes), rowBlock, lanes, transform, tiles + ((long)tx * g.ChannelPad), pointStride);
            }
        }
    }

    /// <summary>
    /// A row inside the image for a whole block of channels: the lane blocks whose columns all lie inside the image are
    /// interleaved straight from the input planes (<paramref name="first"/>: the first channel's row, the others
    /// <paramref name="planeFloats"/> apart); only the blocks that reach past an edge go through the row sources, into
    /// <paramref name="plain"/>.
    /// </summary>
    private void InterleaveInside(float* first, long planeFloats, float* plain, float* staged, in ConvolutionData d)
    {
        var g = geometry;
        var p = g.Problem;
        int lanes = g.Lanes, width = g.StagedWidth;
        for (int x = 0; x < width; x += lanes)
        {
            long column = (long)x - p.Padding.Left;
            if (column >= 0 && column + lanes <= p.InputWidth)
            {
                LaneTranspose.Block(first + column, planeFloats, staged + ((long)x * lanes), lanes, lanes);
                continue;
            }

            for (int lane = 0; lane < lanes; lane++)
            {
                float* row = first + (lane * planeFloats);
                for (int k = 0; k < lanes; k++) plain[(lane * lanes) + k] = RowSources.Bordered(in d, row, column + k);
            }

            LaneTranspose.Block(plain, lanes, staged + ((long)x * lanes), lanes, lanes);
        }
    }
}
