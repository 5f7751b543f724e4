using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvSharp.Binary;

/// <summary>
/// Per-pixel counters for 64 pixels at once, bit-sliced: counter bit b of pixel k is bit k of word b. Adding a plane
/// of 64 agreement bits is a ripple of half adders (three bit operations per counter bit), so 64 counts advance with a
/// handful of instructions instead of 64 popcounts; <see cref="Unslice"/> turns the planes back into one byte per
/// pixel with a table that spreads 8 bits into 8 bytes (counts up to 255).
/// </summary>
internal static unsafe class BitSlicedCounters
{
    /// <summary>Spread[v] has byte k = bit k of v.</summary>
    private static readonly ulong[] Spread = BuildSpread();

    /// <summary>Counter bits for counts up to <paramref name="taps"/>.</summary>
    public static int BitsFor(int taps) => 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)taps);

    /// <summary>counters += the plane <paramref name="bits"/> (one bit per pixel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ulong* counters, int width, ulong bits)
    {
        for (int b = 0; b < width && bits != 0; b++)
        {
            ulong carry = counters[b] & bits;
            counters[b] ^= bits;
            bits = carry;
        }
    }

    /// <summary>The 64 counts as bytes: target[k] = Σ_b ((counters[b] &gt;&gt; k) &amp; 1) &lt;&lt; b.</summary>
    public static void Unslice(ulong* counters, int width, byte* target)
    {
        if (Avx2.IsSupported)
        {
            UnsliceAvx2(counters, width, target);
            return;
        }

        fixed (ulong* spread = Spread)
        {
            for (int q = 0; q < 8; q++)
            {
                ulong lanes = 0;
                for (int b = 0; b < width; b++) lanes += spread[(counters[b] >> (8 * q)) & 0xFF] << b;
                *(ulong*)(target + (8 * q)) = lanes;
            }
        }
    }

    /// <summary>
    /// 32 pixels at a time: each counter word's 32 bits are spread to 32 bytes (<see cref="SpreadBits"/>), and the 0xFF
    /// bytes of bit plane b add 2^b: six instructions per plane per 32 pixels where the table takes four lookups per plane per 8.
    /// </summary>
    private static void UnsliceAvx2(ulong* counters, int width, byte* target) => UnsliceAvx2(counters, width, 1, target);

    /// <summary>
    /// <see cref="Unslice"/> of counters held <paramref name="stride"/> words apart (counter bit b at
    /// <paramref name="counters"/>[b·stride]): one 64-bit lane of 256-bit planes stored as they are, with no copy out of
    /// the vectors first. Requires AVX2.
    /// </summary>
    public static void UnsliceAvx2(ulong* counters, int width, int stride, byte* target)
    {
        for (int half = 0; half < 2; half++)
        {
            var sum = Vector256<byte>.Zero;
            for (int b = 0; b < width; b++) sum = Avx2.Add(sum, Avx2.And(SpreadBits((uint)(counters[b * stride] >> (32 * half))), Vector256.Create((byte)(1 << b))));
            sum.Store(target + (32 * half));
        }
    }

    /// <summary>
    /// Byte k is 0xFF where bit k of <paramref name="bits"/> is set, else 0: a broadcast, an in-lane byte shuffle that
    /// repeats byte j eight times, an AND with the bits 1, 2, … 128 and a compare. What both unslicers (these counters'
    /// and <see cref="CarrySaveCounters"/>') turn bit planes into bytes with. Requires AVX2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> SpreadBits(uint bits)
    {
        var repeat = Vector256.Create((byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
        var weights = Vector256.Create((byte)1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128);
        var spread = Avx2.Shuffle(Vector256.Create(bits).AsByte(), repeat);
        return Avx2.CompareEqual(Avx2.And(spread, weights), weights);
    }

    private static ulong[] BuildSpread()
    {
        var table = new ulong[256];
        for (int v = 0; v < 256; v++)
        {
            for (int k = 0; k < 8; k++) table[v] |= (ulong)((v >> k) & 1) << (8 * k);
        }

        return table;
    }
}
