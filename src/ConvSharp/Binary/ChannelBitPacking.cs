using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ConvSharp.Execution;
using ConvSharp.Layers;

namespace ConvSharp.Binary;

/// <summary>
/// Fills <see cref="ChannelBitImage"/>s from NCHW floats, and the channel mean of |I| per pixel (unpadded, for K). An item
/// is a block of <see cref="BlockPixels"/> consecutive pixels of one image, counted through the plane as one flat run, so a
/// narrow image (14 × 14) vectorises as well as a wide one; the first block of each image also writes the padding. For
/// <c>xnor-csa</c> it also writes each pixel's set-bit lists (<see cref="PixelBitLists"/>) while the words are in L1.
/// </summary>
/// <remarks>
/// Eight channels × eight pixels at a time: each channel's eight signs come from one compare and move-mask, the 8 × 8 bit
/// block is transposed in a register (three delta swaps), and each pixel's byte of channel bits is stored whole, so no
/// word is cleared or read back. The pixels left over at the end of a plane (fewer than eight) go one at a time.
/// </remarks>
internal readonly unsafe struct ChannelBitPacking(Conv2DLayerProblem problem, ChannelBitImage image, float* input, ulong* bits, float* mean, byte* lists = null, int* listCounts = null) : IRowBandOperation
{
    /// <summary>Pixels per item: 64 floats of each channel plane, one cache line's worth of each channel's bits per row of words.</summary>
    public const int BlockPixels = 64;

    /// <summary>Items for <paramref name="problem"/>: blocks of every image.</summary>
    public static int Items(Conv2DLayerProblem problem) => problem.Batch * BlocksPerImage(problem);

    private static int BlocksPerImage(Conv2DLayerProblem problem) => (int)((((long)problem.InputHeight * problem.InputWidth) + BlockPixels - 1) / BlockPixels);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Invoke(int band, int start, int end)
    {
        int blocks = BlocksPerImage(problem);
        long pixels = (long)problem.InputHeight * problem.InputWidth;
        long* targets = stackalloc long[BlockPixels];
        for (int item = start; item < end; item++)
        {
            int n = item / blocks, block = item % blocks;
            ulong* imageBits = bits + (n * image.ImageWords);
            if (block == 0) WritePadding(imageBits, n * image.ImageWords);
            long first = (long)block * BlockPixels;
            int count = (int)Math.Min(BlockPixels, pixels - first);
            for (int q = 0; q < count; q++)
            {
                long pixel = first + q;
                targets[q] = image.Offset((pixel / problem.InputWidth) + image.Top, (pixel % problem.InputWidth) + image.Left);
            }

            float* planes = input + ((long)n * problem.InputChannels * pixels) + first;
            int vectorCount = Vector256.IsHardwareAccelerated ? count & ~7 : 0;
            if (vectorCount > 0) PackEights(planes, pixels, imageBits, targets, vectorCount, mean + (n * pixels) + first);
            for (int q = vectorCount; q < count; q++) PackOne(planes + q, pixels, imageBits + targets[q], mean + (n * pixels) + first + q);
            if (lists == null) continue;
            for (int q = 0; q < count; q++) List(n * image.ImageWords + targets[q]);
        }
    }

    /// <summary>The set-bit lists (<see cref="PixelBitLists"/>) of the pixel whose words start at <paramref name="word"/>, while they are in L1.</summary>
    private void List(long word)
    {
        for (long s = word; s < word + image.Words; s++) listCounts[s] = SetBitList.Write(bits[s], lists + (s * PixelBitLists.SegmentBytes));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackEights(float* planes, long pixels, ulong* imageBits, long* targets, int count, float* means)
    {
        int channels = problem.InputChannels;
        if ((channels & 63) != 0)
        {
            // The last word's bytes past C are never stored below: zero the word first.
            for (int q = 0; q < count; q++) imageBits[targets[q] + image.Words - 1] = 0;
        }

        for (int q = 0; q < count; q += 8) Vector256<float>.Zero.Store(means + q);
        for (int c8 = 0; c8 < channels; c8 += 8)
        {
            int group = Math.Min(8, channels - c8);
            for (int q = 0; q < count; q += 8)
            {
                ulong block = 0;
                var sum = Vector256.Load(means + q);
                for (int k = 0; k < group; k++)
                {
                    var v = Vector256.Load(planes + ((c8 + k) * pixels) + q);
                    block |= (ulong)Vector256.GreaterThan(v, Vector256<float>.Zero).ExtractMostSignificantBits() << (8 * k);
                    sum += Vector256.Abs(v);
                }

                sum.Store(means + q);
                block = Transpose8x8(block);

                // Channel c is byte c / 8, bit c % 8 of the pixel's little-endian words.
                for (int j = 0; j < 8; j++) ((byte*)(imageBits + targets[q + j]))[c8 >> 3] = (byte)(block >> (8 * j));
            }
        }

        var inverse = Vector256.Create(1f / channels);
        for (int q = 0; q < count; q += 8) (Vector256.Load(means + q) * inverse).Store(means + q);
    }

    private void PackOne(float* planes, long pixels, ulong* target, float* mean)
    {
        float sum = 0;
        for (int w = 0; w < image.Words; w++)
        {
            ulong word = 0;
            int last = Math.Min(64, problem.InputChannels - (w * 64));
            for (int b = 0; b < last; b++)
            {
                float v = planes[((w * 64) + b) * pixels];
                if (v > 0) word |= 1UL << b;
                sum += Math.Abs(v);
            }

            target[w] = word;
        }

        *mean = sum * (1f / problem.InputChannels);
    }

    private void WritePadding(ulong* imageBits, long imageWord)
    {
        int words = image.Words;
        for (int r = 0; r < image.Height; r++)
        {
            bool rowInside = r >= image.Top && r < image.Top + problem.InputHeight;
            for (int c = 0; c < image.Width; c++)
            {
                if (rowInside && c >= image.Left && c < image.Left + problem.InputWidth) continue;
                ulong* word = imageBits + image.Offset(r, c);
                for (int w = 0; w < words - 1; w++) word[w] = image.PaddingBits;
                word[words - 1] = image.PaddingBits & image.LastWordMask;
                if (lists != null) List(imageWord + image.Offset(r, c));
            }
        }
    }

    /// <summary>Byte i bit j ↔ byte j bit i (Hacker's Delight's transpose8, three delta swaps).</summary>
    private static ulong Transpose8x8(ulong x)
    {
        ulong t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x ^= t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x ^= t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        return x ^ t ^ (t << 28);
    }
}
