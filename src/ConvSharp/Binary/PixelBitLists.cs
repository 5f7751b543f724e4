namespace ConvSharp.Binary;

/// <summary>
/// The layout of <c>xnor-csa</c>'s set-bit lists: for every pixel of the padded bit images and every channel word, the
/// positions of the set bits, one byte each (<see cref="SetBitList"/>), in a segment of <see cref="SegmentBytes"/>, indexed
/// like the words themselves. Built once per input pixel, as it is packed (<see cref="ChannelBitPacking"/>), where each output
/// window would otherwise find them again for every tap that reads the pixel (nine times for 3 × 3).
/// </summary>
internal static class PixelBitLists
{
    /// <summary>Bytes per (pixel, word) segment: 64 positions and the store slack.</summary>
    public const int SegmentBytes = 64 + SetBitList.Slack;

    /// <summary>(pixel, word) segments for <paramref name="batch"/> images.</summary>
    public static long Segments(ChannelBitImage image, int batch) => batch * image.ImageWords;
}
