using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ConvSharp.Binary;

/// <summary>
/// An image's sign bits, packed 64 pixels to a word, one row of <see cref="Words"/> words per image row plus one row for
/// every row outside the image: bit b of word w of a row is the sign of image column <see cref="FirstColumn"/> + 64·w + b
/// (1 for x &gt; 0, and for a column outside the image the padding's sign: 1 for <see cref="BinaryPadding.PlusOne"/>,
/// else 0). <see cref="Valid"/> marks the columns inside the image, for <see cref="BinaryPadding.Zero"/>, where taps
/// outside do not count.
/// </summary>
internal readonly unsafe struct SignRows
{
    public SignRows(ulong* data, int height, int words, long firstColumn)
    {
        Data = data;
        Height = height;
        Words = words;
        FirstColumn = firstColumn;
    }

    /// <summary>Height + 1 rows (the last is the outside row), then one row of the inside columns' mask.</summary>
    public ulong* Data { get; }

    public int Height { get; }

    /// <summary>Words per row, including one word of slack past the last bit a window reads.</summary>
    public int Words { get; }

    /// <summary>The image column bit 0 of each row stands for (≤ 0: the columns left of the image a window reads).</summary>
    public long FirstColumn { get; }

    /// <summary>Words of the whole structure for an image of <paramref name="height"/> rows.</summary>
    public static long Floats(int height, int words) => ((long)height + 2) * words * 2;   // ulongs counted as two floats

    /// <summary>Row <paramref name="row"/> of the image, or the outside row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong* Row(long row) => Data + ((ulong)row < (ulong)Height ? row * Words : (long)Height * Words);

    /// <summary>The inside-columns mask.</summary>
    public ulong* Valid => Data + ((long)(Height + 1) * Words);

    /// <summary>The 64 bits of <paramref name="row"/> starting at bit <paramref name="bit"/> (a funnel shift of two words).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Extract(ulong* row, long bit)
    {
        long word = bit >> 6;
        int offset = (int)(bit & 63);
        return offset == 0 ? row[word] : (row[word] >> offset) | (row[word + 1] << (64 - offset));
    }

    /// <summary>
    /// Packs rows [<paramref name="start"/>, <paramref name="end"/>) of the image at <paramref name="image"/> (rows
    /// <paramref name="pitch"/> floats apart); the outside row and the mask when <paramref name="start"/> is 0.
    /// </summary>
    public void Pack(float* image, int width, long pitch, BinaryPadding padding, int start, int end)
    {
        ulong outside = padding == BinaryPadding.PlusOne ? ulong.MaxValue : 0;
        for (int r = start; r < end; r++) PackRow(image + (r * pitch), width, Data + ((long)r * Words), outside);
        if (start != 0) return;
        new Span<ulong>(Row(-1), Words).Fill(outside);
        new Span<ulong>(Valid, Words).Clear();
        SetRange(Valid, width, ulong.MaxValue);
    }

    /// <summary>
    /// Packs one image row at <paramref name="x"/> into <paramref name="target"/> (<see cref="Words"/> words), columns
    /// outside set to <paramref name="outside"/>; with <paramref name="absolute"/>, also writes |x| there from the same loads.
    /// </summary>
    public void PackRow(float* x, int width, ulong* target, ulong outside, float* absolute = null)
    {
        new Span<ulong>(target, Words).Fill(outside);
        SetRange(target, width, 0);   // clear the inside columns, then OR their signs in
        int c = 0;
        long offset = -FirstColumn;
        if (Vector256.IsHardwareAccelerated)
        {
            // 64 columns' signs gathered in a register from eight compares, then ORed into the (unaligned) bits once.
            for (; c + 64 <= width; c += 64)
            {
                ulong bits = 0;
                for (int k = 0; k < 8; k++)
                {
                    var v = Vector256.Load(x + c + (8 * k));
                    bits |= (ulong)Vector256.GreaterThan(v, Vector256<float>.Zero).ExtractMostSignificantBits() << (8 * k);
                    if (absolute != null) Vector256.Abs(v).Store(absolute + c + (8 * k));
                }

                Or64(target, offset + c, bits);
            }

            for (; c + 8 <= width; c += 8)
            {
                var v = Vector256.Load(x + c);
                Or(target, offset + c, Vector256.GreaterThan(v, Vector256<float>.Zero).ExtractMostSignificantBits());
                if (absolute != null) Vector256.Abs(v).Store(absolute + c);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; c + 4 <= width; c += 4)
            {
                var v = Vector128.Load(x + c);
                Or(target, offset + c, Vector128.GreaterThan(v, Vector128<float>.Zero).ExtractMostSignificantBits());
                if (absolute != null) Vector128.Abs(v).Store(absolute + c);
            }
        }

        for (; c < width; c++)
        {
            if (x[c] > 0) Or(target, offset + c, 1);
            if (absolute != null) absolute[c] = Math.Abs(x[c]);
        }
    }

    /// <summary>Sets (value all ones) or clears the bits of image columns [0, width) in a row.</summary>
    private void SetRange(ulong* row, int width, ulong value)
    {
        long first = -FirstColumn, last = first + width;   // bits [first, last)
        for (long bit = first; bit < last;)
        {
            long word = bit >> 6;
            int offset = (int)(bit & 63), count = (int)Math.Min(64 - offset, last - bit);
            ulong mask = (count == 64 ? ulong.MaxValue : ((1UL << count) - 1)) << offset;
            row[word] = (row[word] & ~mask) | (value & mask);
            bit += count;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Or64(ulong* row, long bit, ulong bits)
    {
        long word = bit >> 6;
        int offset = (int)(bit & 63);
        row[word] |= bits << offset;
        if (offset != 0) row[word + 1] |= bits >> (64 - offset);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Or(ulong* row, long bit, uint bits)
    {
        long word = bit >> 6;
        int offset = (int)(bit & 63);
        row[word] |= (ulong)bits << offset;
        if (offset > 32) row[word + 1] |= (ulong)bits >> (64 - offset);
    }

    /// <summary>Bits a row must hold for <paramref name="outputWords"/> words of outputs reading up to <paramref name="reach"/> columns right of each output.</summary>
    public static int WordsFor(int outputWords, long reach) => (int)((((64L * outputWords) + reach + 63) / 64) + 1);
}
