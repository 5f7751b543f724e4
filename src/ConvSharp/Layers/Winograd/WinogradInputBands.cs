using ConvSharp.Borders;
using ConvSharp.Execution;
using ConvSharp.Simd;

namespace ConvSharp.Layers.Winograd;

/// <summary>
/// The input transform of one band, in parallel over (channel block, tile row) items: the block's channels' six input
/// rows are read through the core's row sources (so every padding mode is the other algorithms'), staged channel-last,
/// and each tile's 6 × 6 × lanes patch transformed into V. Items are (block, row) with the band's <paramref name="rows"/>
/// tile rows varying fastest.
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
        int lanes = g.Lanes, width = g.StagedWidth;
        float* rowBuffer = scratch + (band * g.BandScratchFloats);
        float* staged = rowBuffer + width;
        float* transform = staged + ((long)WinogradF4x3.TileInput * width * lanes);
        long planeFloats = (long)p.InputHeight * p.InputWidth, pointStride = (long)tilePad * g.ChannelPad;
        var d = plane;
        for (int item = start; item < end; item++)
        {
            int block = item / rows, localRow = item % rows, row = firstRow + localRow;
            int image = row / g.TilesY, tileRow = row % g.TilesY, c0 = block * lanes;
            for (int lane = 0; lane < lanes; lane++)
            {
                int c = c0 + lane;
                for (int i = 0; i < WinogradF4x3.TileInput; i++)
                {
                    float* target = staged + ((long)i * width * lanes) + lane;
                    if (c >= p.GroupInputChannels)
                    {
                        for (int x = 0; x < width; x++) target[(long)x * lanes] = 0f;
                        continue;
                    }

                    d.Input = groupInput + ((((long)image * p.InputChannels) + c) * planeFloats);
                    long virtualRow = ((long)tileRow * WinogradF4x3.TileOutput) + i - p.Padding.Top;
                    RowSources.FillColumns(in d, RowSources.Row(in d, virtualRow), -p.Padding.Left, width, rowBuffer);
                    for (int x = 0; x < width; x++) target[(long)x * lanes] = rowBuffer[x];
                }
            }

            float* tiles = v + (((long)localRow * g.TilesX) * g.ChannelPad) + c0;
            for (int tx = 0; tx < g.TilesX; tx++)
            {
                WinogradTransforms<TOps, TVector>.Input(
                    staged + ((long)tx * WinogradF4x3.TileOutput * lanes), (long)width * lanes, lanes, transform, tiles + ((long)tx * g.ChannelPad), pointStride);
            }
        }
    }
}
