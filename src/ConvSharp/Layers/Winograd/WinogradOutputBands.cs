using System;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Layers.Winograd;

/// <summary>
/// The output transform of one band, in parallel over (output-channel block, tile row) items: each tile's 36 × lanes
/// products become a 4 × 4 block of pixels, each a vector of the block's channels, plus the bias; the four rows are
/// de-interleaved straight into the NCHW output planes (a partial channel block through one plain row per channel),
/// clipped where the last tiles overhang the output.
/// </summary>
internal readonly unsafe struct WinogradOutputBands<TOps, TVector>(
    WinogradGeometry geometry, float* m, float* bias, float* groupOutput, bool channelsLast, int firstRow, int rows, int tilePad, float* scratch) : IRowBandOperation
    where TOps : IVectorOps<TVector>
    where TVector : struct
{
    public void Invoke(int band, int start, int end)
    {
        var g = geometry;
        var p = g.Problem;
        int lanes = g.Lanes, width = g.OutputStagedWidth;
        long rowBlock = (long)width * lanes;
        float* staged = scratch + (band * g.BandScratchFloats);
        float* plain = staged + (WinogradF4x3.TileOutput * rowBlock);
        float* transform = plain + rowBlock;
        long planeFloats = (long)p.OutputHeight * p.OutputWidth, pointStride = (long)tilePad * g.OutputPad;
        for (int item = start; item < end; item++)
        {
            // Channels-last: a tile row's channel blocks one after another, so each pixel's output line is finished while
            // it is still in L1; NCHW: a block's tile rows, down its planes.
            int block = channelsLast ? item % g.OutputBlocks : item / rows, localRow = channelsLast ? item / g.OutputBlocks : item % rows, row = firstRow + localRow;
            int image = row / g.TilesY, tileRow = row % g.TilesY, o0 = block * lanes;
            TVector offset = TOps.Load(bias + o0);
            float* tiles = m + ((long)localRow * g.TilesX * g.OutputPad) + o0;
            for (int tx = 0; tx < g.TilesX; tx++)
            {
                WinogradTransforms<TOps, TVector>.Output(
                    tiles + ((long)tx * g.OutputPad), pointStride, transform, offset, staged + ((long)tx * WinogradF4x3.TileOutput * lanes), rowBlock, lanes);
            }

            int y0 = tileRow * WinogradF4x3.TileOutput, outputRows = Math.Min(WinogradF4x3.TileOutput, p.OutputHeight - y0);
            int channels = Math.Min(lanes, p.GroupOutputChannels - o0);
            if (channelsLast)
            {
                // Each staged pixel is its channels o0 .. as one vector: copied as it is into the pixel's channels.
                for (int i = 0; i < outputRows; i++)
                {
                    float* source = staged + (i * rowBlock), target = groupOutput + ((((((long)image * p.OutputHeight) + y0 + i) * p.OutputWidth) * p.OutputChannels) + o0);
                    for (int x = 0; x < p.OutputWidth; x++, source += lanes, target += p.OutputChannels)
                    {
                        if (channels == lanes) TOps.Store(target, TOps.Load(source));
                        else new ReadOnlySpan<float>(source, channels).CopyTo(new Span<float>(target, channels));
                    }
                }

                continue;
            }

            long rowBytes = (long)p.OutputWidth * sizeof(float);
            float* planes = groupOutput + ((((long)image * p.OutputChannels) + o0) * planeFloats) + ((long)y0 * p.OutputWidth);
            for (int i = 0; i < outputRows; i++)
            {
                if (channels == lanes)
                {
                    // Whole blocks of pixels go straight into the block's planes; the last few columns one by one.
                    float* source = staged + (i * rowBlock), target = planes + ((long)i * p.OutputWidth);
                    int x = 0;
                    for (; x + lanes <= p.OutputWidth; x += lanes) LaneTranspose.Block(source + ((long)x * lanes), lanes, target + x, planeFloats, lanes);
                    for (; x < p.OutputWidth; x++)
                    {
                        for (int lane = 0; lane < lanes; lane++) target[(lane * planeFloats) + x] = source[((long)x * lanes) + lane];
                    }

                    continue;
                }

                LaneTranspose.Deinterleave(staged + (i * rowBlock), plain, width, width, lanes);
                for (int lane = 0; lane < channels; lane++)
                {
                    Buffer.MemoryCopy(plain + ((long)lane * width), planes + (lane * planeFloats) + ((long)i * p.OutputWidth), rowBytes, rowBytes);
                }
            }
        }
    }
}
