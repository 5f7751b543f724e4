using System;
using ConvSharp.Layers;

namespace ConvSharp.Binary;

/// <summary>
/// Where the binary layer keeps an input's sign bits: per image a padded <see cref="Height"/> × <see cref="Width"/> grid of
/// pixels, each <see cref="Words"/> ulongs of channel bits (channel c at word c / 64, bit c % 64: an NHWC bit layout). The
/// border holds the padding's word, so every tap of every output reads a word and the count kernels need no bounds checks.
/// </summary>
/// <remarks>
/// The grid reaches as far as the last output's last tap, so stride, dilation and asymmetric padding need nothing more.
/// Bits past C in the last word are 0 everywhere (pixels and padding); the filters hold 1 there, so those bits always
/// disagree, the same number at every tap, and the layer subtracts them.
/// </remarks>
internal readonly struct ChannelBitImage
{
    public ChannelBitImage(Conv2DLayerProblem problem, int words, BinaryPadding padding)
    {
        Words = words;
        Top = problem.Padding.Top;
        Left = problem.Padding.Left;
        Height = Math.Max(problem.InputHeight + Top, ((problem.OutputHeight - 1) * problem.Stride.Y) + ((problem.KernelHeight - 1) * problem.Dilation.Y) + 1);
        Width = Math.Max(problem.InputWidth + Left, ((problem.OutputWidth - 1) * problem.Stride.X) + ((problem.KernelWidth - 1) * problem.Dilation.X) + 1);
        PaddingBits = padding == BinaryPadding.PlusOne ? ulong.MaxValue : 0;
        LastWordMask = (problem.InputChannels & 63) == 0 ? ulong.MaxValue : (1UL << (problem.InputChannels & 63)) - 1;
    }

    /// <summary>ulongs per pixel: ⌈C / 64⌉.</summary>
    public int Words { get; }

    /// <summary>Padded rows: the input's row r is row r + <see cref="Top"/>.</summary>
    public int Height { get; }

    /// <summary>Padded columns: the input's column c is column c + <see cref="Left"/>.</summary>
    public int Width { get; }

    /// <summary>Rows of padding above the input.</summary>
    public int Top { get; }

    /// <summary>Columns of padding left of the input.</summary>
    public int Left { get; }

    /// <summary>Every word of a padding pixel but the last: +1 is all ones, 0 and −1 are zeros (zero padding's taps are subtracted afterwards).</summary>
    public ulong PaddingBits { get; }

    /// <summary>The channels that exist in a pixel's last word.</summary>
    public ulong LastWordMask { get; }

    /// <summary>ulongs per image.</summary>
    public long ImageWords => (long)Height * Width * Words;

    /// <summary>The word offset of padded pixel (<paramref name="row"/>, <paramref name="column"/>) within its image.</summary>
    public long Offset(long row, long column) => ((row * Width) + column) * Words;
}
