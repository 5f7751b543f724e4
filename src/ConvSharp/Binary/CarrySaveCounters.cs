using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvSharp.Binary;

/// <summary>
/// Sums of selected 256-bit vectors, lane by lane, kept bit-sliced: level b holds bit b of all 256 lane counts. The vectors
/// are added 32 at a time by Harley–Seal's carry-save tree (Harley and Seal; Muła, Kurz and Lemire 2018): a carry-save adder
/// takes three vectors of weight w to one of weight w and one of 2w in five bit operations (two with AVX-512's ternary
/// logic, <see cref="BitSum"/>), so the running ones, twos, fours, eights (two sets, one per half of the 32) and sixteens
/// absorb 32 vectors in 31 adders and pass one vector of weight 32 on to a ripple through the levels above. No shuffles,
/// no shifts: every instruction is an AND, OR or XOR (or a ternary logic), which every vector port executes.
/// </summary>
internal static unsafe class CarrySaveCounters
{
    /// <summary>The levels for sums up to <paramref name="largest"/>: at least five, the tree's own.</summary>
    public static int LevelsFor(int largest) => System.Math.Max(5, 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)largest));

    /// <summary>Vectors of a running sum's state: the two trees' ones … eights, the sixteens, then the levels.</summary>
    public static int StateVectors(int width) => TreeVectors + width;

    /// <summary>Where the levels start in a state (levels 0–4 are only written by <see cref="Finish"/>).</summary>
    public const int TreeVectors = 9;

    /// <summary>Starts a running sum at zero.</summary>
    public static void Clear(Vector256<ulong>* state, int width) => new System.Span<byte>(state, StateVectors(width) * 32).Clear();

    /// <summary>
    /// Adds to the running sum in <paramref name="state"/> the vectors <paramref name="list"/>[i] bytes past
    /// <paramref name="vectors"/>, i &lt; <paramref name="count"/>, a multiple of 32 (pad with the offset of a zero vector).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(ulong* vectors, int* list, int count, Vector256<ulong>* state, int width)
    {
        // Two trees, one per half of each 32: a carry-save adder's low output feeds the next adder of its tree, so one tree
        // is a chain of two XORs per two inputs; two independent chains let the core overlap them.
        Vector256<ulong> onesA = state[0], twosA = state[1], foursA = state[2], eightsA = state[3];
        Vector256<ulong> onesB = state[4], twosB = state[5], foursB = state[6], eightsB = state[7], sixteens = state[8];
        Vector256<ulong>* levels = state + TreeVectors;
        int i = 0;
        for (; i + 64 <= count; i += 64)
        {
            // Two carries of weight 32 per 64 vectors meet level 5 in one more carry-save adder, so only one carry (of
            // weight 64) ripples through the levels in memory: half the ripples (5 % fewer instructions, measured).
            var sixteensA = Sixteen(vectors, list + i, ref onesA, ref twosA, ref foursA, ref eightsA);
            var sixteensB = Sixteen(vectors, list + i + 16, ref onesB, ref twosB, ref foursB, ref eightsB);
            var first = Add(ref sixteens, sixteensA, sixteensB);
            sixteensA = Sixteen(vectors, list + i + 32, ref onesA, ref twosA, ref foursA, ref eightsA);
            sixteensB = Sixteen(vectors, list + i + 48, ref onesB, ref twosB, ref foursB, ref eightsB);
            var second = Add(ref sixteens, sixteensA, sixteensB);
            var level5 = levels[5];
            var carry = Add(ref level5, first, second);
            levels[5] = level5;
            Ripple(levels, 6, width, carry);
        }

        for (; i < count; i += 32)
        {
            var sixteensA = Sixteen(vectors, list + i, ref onesA, ref twosA, ref foursA, ref eightsA);
            var sixteensB = Sixteen(vectors, list + i + 16, ref onesB, ref twosB, ref foursB, ref eightsB);
            Ripple(levels, 5, width, Add(ref sixteens, sixteensA, sixteensB));
        }

        state[0] = onesA;
        state[1] = twosA;
        state[2] = foursA;
        state[3] = eightsA;
        state[4] = onesB;
        state[5] = twosB;
        state[6] = foursB;
        state[7] = eightsB;
        state[8] = sixteens;
    }

    /// <summary>Completes the levels of a running sum (<paramref name="state"/> + <see cref="TreeVectors"/>), ready for <see cref="Unslice"/>.</summary>
    public static Vector256<ulong>* Finish(Vector256<ulong>* state, int width)
    {
        // The two trees' ones … eights added level by level (ripple carry), the last carry into the sixteens and above.
        Vector256<ulong>* levels = state + TreeVectors;
        var c = Vector256<ulong>.Zero;
        levels[0] = Full(state[0], state[4], ref c);
        levels[1] = Full(state[1], state[5], ref c);
        levels[2] = Full(state[2], state[6], ref c);
        levels[3] = Full(state[3], state[7], ref c);
        levels[4] = state[8] ^ c;
        Ripple(levels, 5, width, c & state[8]);
        return levels;
    }

    /// <summary>Adds <paramref name="carry"/> (weight 2^<paramref name="from"/>) to levels [from, width): a ripple of half adders.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Ripple(Vector256<ulong>* levels, int from, int width, Vector256<ulong> carry)
    {
        for (int b = from; b < width; b++)
        {
            var level = levels[b];
            levels[b] = level ^ carry;
            carry &= level;
        }
    }

    /// <summary>a + b + carry bit by bit: the sum bit, and the carry out in <paramref name="carry"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Full(Vector256<ulong> a, Vector256<ulong> b, ref Vector256<ulong> carry) =>
        BitSum.Full(a, b, carry, out carry);   // the carry in is passed by value, so the carry out may overwrite it

    /// <summary>target[j] = Σ_b bit j of levels[b] · 2^b, for the 256 lanes; at most 16 levels.</summary>
    public static void Unslice(Vector256<ulong>* levels, int width, int* target)
    {
        if (Avx2.IsSupported)
        {
            UnsliceAvx2((uint*)levels, width, target);
            return;
        }

        ulong* words = (ulong*)levels;
        for (int j = 0; j < 256; j++)
        {
            int sum = 0;
            for (int b = 0; b < width; b++) sum |= (int)((words[(4 * b) + (j >> 6)] >> (j & 63)) & 1) << b;
            target[j] = sum;
        }
    }

    /// <summary>Sixteen vectors into the ones … eights; returns the carry of weight 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Sixteen(ulong* vectors, int* list, ref Vector256<ulong> ones, ref Vector256<ulong> twos, ref Vector256<ulong> fours, ref Vector256<ulong> eights)
    {
        var eightsA = Eight(vectors, list, ref ones, ref twos, ref fours);
        var eightsB = Eight(vectors, list + 8, ref ones, ref twos, ref fours);
        return Add(ref eights, eightsA, eightsB);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Eight(ulong* vectors, int* list, ref Vector256<ulong> ones, ref Vector256<ulong> twos, ref Vector256<ulong> fours)
    {
        var twosA = Add(ref ones, Load(vectors, list[0]), Load(vectors, list[1]));
        var twosB = Add(ref ones, Load(vectors, list[2]), Load(vectors, list[3]));
        var foursA = Add(ref twos, twosA, twosB);
        twosA = Add(ref ones, Load(vectors, list[4]), Load(vectors, list[5]));
        twosB = Add(ref ones, Load(vectors, list[6]), Load(vectors, list[7]));
        var foursB = Add(ref twos, twosA, twosB);
        return Add(ref fours, foursA, foursB);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Load(ulong* vectors, int offset) => Vector256.Load((ulong*)((byte*)vectors + offset));

    /// <summary>The carry-save adder: low + a + b = 2·carry + low', bit by bit; returns the carry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Add(ref Vector256<ulong> low, Vector256<ulong> a, Vector256<ulong> b)
    {
        low = BitSum.Full(low, a, b, out var carry);
        return carry;
    }

    /// <summary>
    /// 32 lanes at a time: each level's 32 bits are spread to 32 bytes (<see cref="BitSlicedCounters.SpreadBits"/>);
    /// levels 0–7 add 2^b into low bytes, levels 8–15 into high bytes, and the two are interleaved into 16-bit and widened
    /// to 32-bit lanes in order.
    /// </summary>
    private static void UnsliceAvx2(uint* levels, int width, int* target)
    {
        for (int g = 0; g < 8; g++)
        {
            Vector256<byte> low = Vector256<byte>.Zero, high = Vector256<byte>.Zero;
            for (int b = 0; b < width; b++)
            {
                var set = BitSlicedCounters.SpreadBits(levels[(8 * b) + g]);
                if (b < 8) low += set & Vector256.Create((byte)(1 << b));
                else high += set & Vector256.Create((byte)(1 << (b - 8)));
            }

            // In-lane interleaves: the first holds lanes 0–7 and 16–23, the second 8–15 and 24–31.
            var first = Avx2.UnpackLow(low, high).AsUInt16();
            var second = Avx2.UnpackHigh(low, high).AsUInt16();
            int* lanes = target + (32 * g);
            Avx2.ConvertToVector256Int32(first.GetLower()).Store(lanes);
            Avx2.ConvertToVector256Int32(second.GetLower()).Store(lanes + 8);
            Avx2.ConvertToVector256Int32(first.GetUpper()).Store(lanes + 16);
            Avx2.ConvertToVector256Int32(second.GetUpper()).Store(lanes + 24);
        }
    }
}
