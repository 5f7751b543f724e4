using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvSharp.Binary;

/// <summary>
/// The set bits of a word, appended to a list as the byte offsets of the 32-byte vectors they select: what the carry-save
/// layer adds up, so its loads need no index arithmetic. Branch-free with AVX2: each byte looks up its set bits' positions
/// (eight bytes, from a 2 KiB table), widens them to eight ints, adds the byte's base index, scales by 32 and stores all
/// eight; the list then grows by the byte's popcount, so the stores past it are overwritten later.
/// </summary>
internal static unsafe class SetBitList
{
    /// <summary>Ints the list needs past its last index: the eight a byte's store may write beyond it.</summary>
    public const int Slack = 8;

    /// <summary>Positions[8·v + k] is the k-th set bit of v (0 past its popcount).</summary>
    private static readonly byte* Positions = BuildPositions();

    /// <summary>Appends 32·(base + i) for every set bit i of <paramref name="word"/> to <paramref name="list"/> at <paramref name="count"/>; the new count.</summary>
    public static int Append(ulong word, int baseIndex, int* list, int count)
    {
        if (word == 0) return count;
        if (Avx2.IsSupported)
        {
            for (int b = 0; b < 64; b += 8)
            {
                uint v = (uint)(word >> b) & 0xFF;
                var positions = Avx2.ConvertToVector256Int32(Positions + (8 * v));
                ((positions + Vector256.Create(baseIndex + b)) << 5).Store(list + count);
                count += BitOperations.PopCount(v);
            }

            return count;
        }

        while (word != 0)
        {
            list[count++] = (baseIndex + BitOperations.TrailingZeroCount(word)) << 5;
            word &= word - 1;
        }

        return count;
    }

    private static byte* BuildPositions()
    {
        byte* table = (byte*)NativeMemory.AllocZeroed(256 * 8);
        for (int v = 0; v < 256; v++)
        {
            int k = 0;
            for (int bit = 0; bit < 8; bit++)
            {
                if ((v >> bit & 1) != 0) table[(8 * v) + k++] = (byte)bit;
            }
        }

        return table;
    }
}
