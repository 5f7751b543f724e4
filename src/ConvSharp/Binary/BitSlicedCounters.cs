using System.Runtime.CompilerServices;

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
