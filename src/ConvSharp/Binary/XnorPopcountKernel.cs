using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvSharp.Binary;

/// <summary>
/// The binary layer's inner loop: disagreements Σ over taps and channel words of popcount(x ⊕ f) between output pixels'
/// windows in a <see cref="ChannelBitImage"/> and filters packed [o][tap][word].
/// </summary>
/// <remarks>
/// <see cref="Row4"/> is register-blocked like an SGEMM micro-kernel: two pixels × four filters, eight byte accumulators.
/// Each 256-bit XOR is counted by nibbles through a 16-entry table (two byte shuffles, Muła's AVX2 popcount) and added in
/// bytes; a byte holds at most 8 per vector, so the accumulators are widened (sum of absolute differences) every 31
/// vectors. Per pixel-filter pair and 256 channels that is eight instructions: XOR, two ANDs, a shift, two shuffles and two
/// adds, with each pixel's vector loaded once for four filters and each filter's once for two pixels. Harley–Seal's carry-save
/// tree pays only over long runs of words; with the 9 taps × 4 words of a 256-channel 3 × 3 window it needs as many
/// instructions as the table. The scalar <see cref="Disagreements"/> serves words not a multiple of four and machines without AVX2.
/// </remarks>
internal static unsafe class XnorPopcountKernel
{
    /// <summary>Whether <see cref="Row4"/> can run for <paramref name="words"/> words per pixel.</summary>
    public static bool CanBlock(int words) => Avx2.IsSupported && words % 4 == 0;

    /// <summary>
    /// Disagreements of <paramref name="count"/> pixels along a row (window origins <paramref name="first"/>, then every
    /// <paramref name="pixelStep"/> words) with four filters <paramref name="filterStride"/> words apart, two pixels at a
    /// time: <c>result[f·count + x]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Row4(ulong* first, long pixelStep, int count, long* tapOffsets, int taps, int words, ulong* filter, long filterStride, int* result)
    {
        var table = Vector256.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        var low = Vector256.Create((byte)0x0F);
        ulong* f1 = filter + filterStride, f2 = filter + (2 * filterStride), f3 = filter + (3 * filterStride);
        int* r1 = result + count, r2 = result + (2 * count), r3 = result + (3 * count);
        for (int x = 0; x < count; x += 2)
        {
            // An odd last pixel runs as a pair with itself; its second results land on its own.
            int xb = Math.Min(x + 1, count - 1);
            ulong* pixel0 = first + (x * pixelStep), pixel1 = first + (xb * pixelStep);
            Vector256<byte> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
            result[x] = r1[x] = r2[x] = r3[x] = 0;
            result[xb] = r1[xb] = r2[xb] = r3[xb] = 0;
            int budget = 31;
            for (int t = 0; t < taps; t++)
            {
                ulong* x0 = pixel0 + tapOffsets[t], x1 = pixel1 + tapOffsets[t];
                long at = (long)t * words;
                for (int w = 0; w < words; w += 4, at += 4)
                {
                    var a0 = Vector256.Load(x0 + w);
                    var a1 = Vector256.Load(x1 + w);
                    var f = Vector256.Load(filter + at);
                    s00 = Avx2.Add(s00, Nibbles(a0 ^ f, table, low));
                    s10 = Avx2.Add(s10, Nibbles(a1 ^ f, table, low));
                    f = Vector256.Load(f1 + at);
                    s01 = Avx2.Add(s01, Nibbles(a0 ^ f, table, low));
                    s11 = Avx2.Add(s11, Nibbles(a1 ^ f, table, low));
                    f = Vector256.Load(f2 + at);
                    s02 = Avx2.Add(s02, Nibbles(a0 ^ f, table, low));
                    s12 = Avx2.Add(s12, Nibbles(a1 ^ f, table, low));
                    f = Vector256.Load(f3 + at);
                    s03 = Avx2.Add(s03, Nibbles(a0 ^ f, table, low));
                    s13 = Avx2.Add(s13, Nibbles(a1 ^ f, table, low));
                    if (--budget == 0)
                    {
                        Widen(ref s00, ref s01, ref s02, ref s03, result + x, count);
                        if (xb != x) Widen(ref s10, ref s11, ref s12, ref s13, result + xb, count);
                        else s10 = s11 = s12 = s13 = default;
                        budget = 31;
                    }
                }
            }

            Widen(ref s00, ref s01, ref s02, ref s03, result + x, count);
            if (xb != x) Widen(ref s10, ref s11, ref s12, ref s13, result + xb, count);
        }
    }

    /// <summary>Disagreements of one pixel's window (origin <paramref name="pixel"/>) with one filter, a word at a time.</summary>
    public static int Disagreements(ulong* pixel, long* tapOffsets, int taps, int words, ulong* filter)
    {
        int sum = 0;
        for (int t = 0; t < taps; t++)
        {
            ulong* x = pixel + tapOffsets[t], f = filter + ((long)t * words);
            for (int w = 0; w < words; w++) sum += BitOperations.PopCount(x[w] ^ f[w]);
        }

        return sum;
    }

    /// <summary>Per byte, the number of set bits of <paramref name="x"/>'s byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Nibbles(Vector256<ulong> x, Vector256<byte> table, Vector256<byte> low)
    {
        var bytes = x.AsByte();
        var lowNibbles = Avx2.Shuffle(table, Avx2.And(bytes, low));
        var highNibbles = Avx2.Shuffle(table, Avx2.And(Avx2.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte(), low));
        return Avx2.Add(lowNibbles, highNibbles);
    }

    /// <summary>Adds four byte accumulators' totals to <paramref name="result"/>[0], [stride], [2·stride], [3·stride] and clears them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Widen(ref Vector256<byte> a, ref Vector256<byte> b, ref Vector256<byte> c, ref Vector256<byte> d, int* result, int stride)
    {
        // Each sum of absolute differences leaves four 64-bit partial sums below 2¹¹; two accumulators share a vector (one
        // shifted into the high halves), and the halves of the vector are added before the lanes are read.
        var zero = Vector256<byte>.Zero;
        var ab = Avx2.SumAbsoluteDifferences(a, zero).AsUInt64() | (Avx2.SumAbsoluteDifferences(b, zero).AsUInt64() << 32);
        var cd = Avx2.SumAbsoluteDifferences(c, zero).AsUInt64() | (Avx2.SumAbsoluteDifferences(d, zero).AsUInt64() << 32);
        var abcd = Avx2.Add(Avx2.UnpackLow(ab, cd), Avx2.UnpackHigh(ab, cd));          // lanes: ab0+ab1, cd0+cd1, ab2+ab3, cd2+cd3
        var sum = (abcd.GetLower() + abcd.GetUpper()).AsUInt32();                       // ab, cd as (low, high) pairs
        result[0] += (int)sum.GetElement(0);
        result[stride] += (int)sum.GetElement(1);
        result[2 * stride] += (int)sum.GetElement(2);
        result[3 * stride] += (int)sum.GetElement(3);
        a = zero;
        b = zero;
        c = zero;
        d = zero;
    }
}
