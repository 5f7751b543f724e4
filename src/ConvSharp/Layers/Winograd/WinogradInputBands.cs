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
    WinogradGeometry geometry, ConvolutionData plane, float* groupInput, bool channelsLast, int firstRow, int rows, int tilePad, float* v, float* scratch) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    public void Invoke(int band, int start, int end)
    {
        var g = geometry;
        var p = g.Problem;
        int lanes = g.Lanes;
        long rowBlock = (long)g.StagedWidth * lanes, pointStride = (long)tilePad * g.ChannelPad;
        float* plain = scratch + (band * g.BandScratchFloats);
        float* staged = plain + (WinogradF4x3.TileInput * rowBlock);
        float* transform = staged + (WinogradF4x3.TileInput * rowBlock);
        for (int item = start; item < end; item++)
        {
            // Channels-last: a tile row's channel blocks one after another, so the pixels' lines each block gathers a
            // vector from are still in L1 for the next block; NCHW: a block's tile rows, down its planes.
            int block = channelsLast ? item % g.ChannelBlocks : item / rows, localRow = channelsLast ? item / g.ChannelBlocks : item % rows, row = firstRow + localRow;
            int image = row / g.TilesY, tileRow = row % g.TilesY, c0 = block * lanes;
            if (channelsLast)
            {
                for (int i = 0; i < WinogradF4x3.TileInput; i++)
                    GatherChannelsLast(image, ((long)tileRow * WinogradF4x3.TileOutput) + i - p.Padding.Top, c0, staged + (i * rowBlock));
            }
            else
            {
                InterleavePlanes(image, tileRow, c0, plain, staged);
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
    /// NCHW: the six input rows of tile row <paramref name="tileRow"/> for channels c0 .. c0 + lanes − 1 of this group,
    /// interleaved into <paramref name="staged"/> (each pixel's channels one vector): rows inside the image straight from
    /// the planes, the others through the row sources into <paramref name="plain"/> first.
    /// </summary>
    private void InterleavePlanes(int image, int tileRow, int c0, float* plain, float* staged)
    {
        var g = geometry;
        var p = g.Problem;
        int lanes = g.Lanes, width = g.StagedWidth, used = (WinogradF4x3.TileOutput * g.TilesX) + 2;
        long rowBlock = (long)width * lanes, planeFloats = (long)p.InputHeight * p.InputWidth;
        var d = plane;
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
    }

    /// <summary>
    /// Channels-last: staged pixel x of input row <paramref name="virtualRow"/> (before the border) is the pixel's
    /// channels c0 .. c0 + lanes − 1 of this group, copied as they lie; pixels and rows outside the image through the
    /// padding mode, zero padding and the channels past the group's as zeros.
    /// </summary>
    private void GatherChannelsLast(int image, long virtualRow, int c0, float* staged)
    {
        var g = geometry;
        var p = g.Problem;
        int lanes = g.Lanes, width = g.StagedWidth, channels = System.Math.Min(lanes, p.GroupInputChannels - c0);
        var mode = p.Border.Mode;
        int row = BorderIndex.Map(virtualRow, p.InputHeight, mode);
        long pixelFloats = p.InputChannels;
        float* first = row < 0 ? null : groupInput + ((((long)image * p.InputHeight) + row) * p.InputWidth * pixelFloats) + c0;
        for (int x = 0; x < width; x++)
        {
            float* target = staged + ((long)x * lanes);
            int column = first is null ? BorderIndex.Fill : BorderIndex.Map((long)x - p.Padding.Left, p.InputWidth, mode);
            if (column < 0)
            {
                new System.Span<float>(target, lanes).Clear();
                continue;
            }

            float* source = first + (column * pixelFloats);
            if (channels == lanes)
            {
                TOps.Store(target, TOps.Load(source));
                continue;
            }

            for (int lane = 0; lane < lanes; lane++) target[lane] = lane < channels ? source[lane] : 0f;
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
