using System;
using System.Runtime.Intrinsics;
using ConvSharp.Execution;
using ConvSharp.Layers;

namespace ConvSharp.Binary;

/// <summary>
/// <c>xnor-bgemm</c>'s output rows: the row's K (counts need none), then, per four filters and up to <see cref="Chunk"/>
/// pixels of the row, the XNOR popcounts over every tap's channel words in the padded bit image
/// (<see cref="XnorPopcountKernel"/>), turned into Σ sign products and scaled.
/// </summary>
internal readonly unsafe struct PopcountLayerBands(
Conv2DLayerProblem p, ChannelBitImage image, BinaryPadding padding, ulong* bits, ulong* filters, int* filterSums, float* alphas, float* mean, float* k,
float* output, int* counts) : IRowBandOperation
{
    /// <summary>Pixels per kernel call: the disagreements of four filters over them stay in 1 KiB of stack.</summary>
    private const int Chunk = 64;

    public void Invoke(int band, int start, int end)
    {
        int words = image.Words, taps = p.KernelHeight * p.KernelWidth, outputs = p.OutputChannels;
        long outPlane = (long)p.OutputHeight * p.OutputWidth, filterWords = (long)taps * words, pixelStep = (long)p.Stride.X * words;
        bool blocked = XnorPopcountKernel.CanBlock(words);
        long* tapOffsets = stackalloc long[taps];
        for (int t = 0; t < taps; t++) tapOffsets[t] = image.Offset((long)(t / p.KernelWidth) * p.Dilation.Y, (long)(t % p.KernelWidth) * p.Dilation.X);
        int* disagree = stackalloc int[4 * Chunk];
        int* columns = stackalloc int[2 * Chunk];   // per pixel, the first and one past the last tap column inside the input
        int* used = stackalloc int[Chunk];          // per pixel, the taps that count
        bool zeroPadding = padding == BinaryPadding.Zero;
        for (int item = start; item < end; item++)
        {
            int n = item / p.OutputHeight, y = item % p.OutputHeight;
            float* kRow = k + ((long)item * p.OutputWidth);
            if (output != null) BinaryLayerRows.WindowMeans(p, mean, n, y, kRow);
            ulong* rowBits = bits + (n * image.ImageWords) + image.Offset((long)y * p.Stride.Y, 0);
            long at = ((long)n * outputs * outPlane) + ((long)y * p.OutputWidth);
            var (rowFirst, rowEnd) = BinaryLayerRows.Inside((long)y * p.Stride.Y, p.Dilation.Y, p.KernelHeight, p.Padding.Top, p.InputHeight);
            for (int x0 = 0; x0 < p.OutputWidth; x0 += Chunk)
            {
                int count = Math.Min(Chunk, p.OutputWidth - x0);
                for (int x = 0; x < count; x++)
                {
                    var (columnFirst, columnEnd) = BinaryLayerRows.Inside((long)(x0 + x) * p.Stride.X, p.Dilation.X, p.KernelWidth, p.Padding.Left, p.InputWidth);
                    columns[2 * x] = columnFirst;
                    columns[(2 * x) + 1] = columnEnd;
                    used[x] = zeroPadding ? (rowEnd - rowFirst) * (columnEnd - columnFirst) : taps;
                }

                ulong* first = rowBits + image.Offset(0, (long)x0 * p.Stride.X);
                for (int o = 0; o < outputs; o += 4)
                {
                    ulong* filter = filters + (o * filterWords);
                    if (blocked) XnorPopcountKernel.Row4(first, pixelStep, count, tapOffsets, taps, words, filter, filterWords, disagree);
                    else
                    {
                        for (int f = 0; f < 4; f++)
                        {
                            for (int x = 0; x < count; x++) disagree[(f * count) + x] = XnorPopcountKernel.Disagreements(first + (x * pixelStep), tapOffsets, taps, words, filter + (f * filterWords));
                        }
                    }

                    for (int f = 0; f < 4 && o + f < outputs; f++)
                    {
                        int* sums = filterSums + ((long)(o + f) * (p.KernelHeight + 1) * (p.KernelWidth + 1));
                        Finish(disagree + (f * count), count, used, columns, rowFirst, rowEnd, sums, words);
                        long plane = at + ((long)(o + f) * outPlane) + x0;
                        if (counts != null) new ReadOnlySpan<int>(disagree + (f * count), count).CopyTo(new Span<int>(counts + plane, count));
                        else Scale(disagree + (f * count), kRow + x0, alphas[o + f], output + plane, count);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Turns a filter's disagreements over every tap's words into Σ sign products, in place. Each tap's run has 64·words
    /// bits, of which the ones past C always disagree, so count = 2·(64·words·used − d) − used·C. Under zero padding only
    /// the taps inside the input count; the ones outside read zero words, so their disagreements (the filter's set bits
    /// there, from the prefix sums) are taken back out of d at the border pixels.
    /// </summary>
    private void Finish(int* values, int count, int* used, int* columns, int rowFirst, int rowEnd, int* sums, int words)
    {
        int perTap = (128 * words) - p.InputChannels, x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(perTap);
            for (; x <= count - 8; x += 8) (Vector256.Load(used + x) * scale - (Vector256.Load(values + x) << 1)).Store(values + x);
        }

        for (; x < count; x++) values[x] = (used[x] * perTap) - (2 * values[x]);
        if (padding != BinaryPadding.Zero) return;
        int taps = p.KernelHeight * p.KernelWidth, all = sums[(p.KernelHeight * (p.KernelWidth + 1)) + p.KernelWidth];
        for (x = 0; x < count; x++)
        {
            if (used[x] == taps) continue;
            values[x] += 2 * (all - BinaryLayerRows.RectangleSum(sums, p.KernelWidth, rowFirst, rowEnd, columns[2 * x], columns[(2 * x) + 1]));
        }
    }

    /// <summary>target[x] = count[x]·(K[x]·α).</summary>
    private static void Scale(int* values, float* kRow, float alpha, float* target, int count)
    {
        int x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            for (; x <= count - 8; x += 8) (Vector256.ConvertToSingle(Vector256.Load(values + x)) * (Vector256.Load(kRow + x) * a)).Store(target + x);
        }

        for (; x < count; x++) target[x] = values[x] * (kRow[x] * alpha);
    }
}
