using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConvSharp.Binary;

/// <summary>
/// The positions (0–63) of a word's set bits, as bytes: what the carry-save layer gathers. Branch-free: each byte of the
/// word looks up its set bits' positions (eight bytes in one ulong, from a 2 KiB table), adds the byte's base to all eight
/// at once, and stores the ulong whole; the list then grows by the byte's popcount, so the bytes past it are overwritten later.
/// With AVX-512 VBMI2 one <c>vpcompressb</c> writes the whole list (64 bytes, the positions past the count zero).
/// </summary>
internal static unsafe class SetBitList
{
    /// <summary>Bytes a list needs past its last position: the eight a byte's store may write beyond it.</summary>
    public const int Slack = 8;

    /// <summary>Positions[v] holds in byte k the k-th set bit of v (0 past its popcount).</summary>
    private static readonly ulong* Positions = BuildPositions();

    /// <summary>Writes the positions of <paramref name="word"/>'s set bits to <paramref name="list"/>, in increasing order; their number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Write(ulong word, byte* list)
    {
        if (Avx512Vbmi2.IsSupported && Avx512Vbmi.IsSupported)
        {
            // vpcompressb moves the positions 0–63 whose bits are set to the front of one vector, in order: each byte i
            // of the word's 64 spread out (byte i ÷ 8 of the word, bit i mod 8) selects position i. One 64-byte store.
            var spread = Avx512Vbmi.PermuteVar64x8(Vector512.Create(word).AsByte(), Vector512<byte>.Indices >>> 3);
            var bit = Vector512.Create(0x8040201008040201UL).AsByte();
            Avx512Vbmi2.Compress(Vector512<byte>.Zero, Vector512.Equals(spread & bit, bit), Vector512<byte>.Indices).Store(list);
            return BitOperations.PopCount(word);
        }

        int count = 0;
        for (int b = 0; b < 64 && word >> b != 0; b += 8)
        {
            uint v = (uint)(word >> b) & 0xFF;
            *(ulong*)(list + count) = Positions[v] + ((ulong)b * 0x0101010101010101UL);
            count += BitOperations.PopCount(v);
        }

        return count;
    }

    private static ulong* BuildPositions()
    {
        ulong* table = (ulong*)NativeMemory.AllocZeroed(256 * sizeof(ulong));
        for (int v = 0; v < 256; v++)
        {
            int k = 0;
            for (int bit = 0; bit < 8; bit++)
            {
                if ((v >> bit & 1) != 0) table[v] |= (ulong)bit << (8 * k++);
            }
        }

        return table;
    }
}
