using ConvSharp.Execution;
using ConvSharp.Layers;

namespace ConvSharp.Binary;

/// <summary>
/// For every pixel of the padded bit images and every channel word, the positions of the set bits, one byte each
/// (<see cref="SetBitList"/>): built once per input pixel, where each output window would otherwise find them again for
/// every tap that reads the pixel (nine times for 3 × 3). An item is one padded row of one image.
/// </summary>
internal readonly unsafe struct PixelBitLists(ChannelBitImage image, ulong* bits, byte* lists, int* counts) : IRowBandOperation
{
    /// <summary>Bytes per (pixel, word) segment: 64 positions and the store slack.</summary>
    public const int SegmentBytes = 64 + SetBitList.Slack;

    /// <summary>(pixel, word) segments for <paramref name="batch"/> images.</summary>
    public static long Segments(ChannelBitImage image, int batch) => batch * image.ImageWords;

    /// <summary>Items: padded rows of every image.</summary>
    public static int Items(ChannelBitImage image, int batch) => batch * image.Height;

    public void Invoke(int band, int start, int end)
    {
        long rowWords = (long)image.Width * image.Words;
        for (int item = start; item < end; item++)
        {
            long first = (item / image.Height * image.ImageWords) + (item % image.Height * rowWords);
            for (long s = first; s < first + rowWords; s++) counts[s] = SetBitList.Write(bits[s], lists + (s * SegmentBytes));
        }
    }
}
