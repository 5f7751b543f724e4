using System;

namespace ConvSharp.Binary;

/// <summary>
/// Where a window's bits go in the seed pipeline's packed words: with at most 64 taps, <see cref="WindowsPerWord"/> =
/// ⌊64 / taps⌋ windows share a word, window k of the word in bits k·taps … (k + 1)·taps − 1 (the notebook packs 7
/// windows of 9 bits and leaves the 64th bit 0); with more, each window takes <see cref="WordsPerWindow"/> = ⌈taps / 64⌉
/// whole words.
/// </summary>
internal readonly struct BitpackLayout
{
    public BitpackLayout(int taps)
    {
        Taps = taps;
        WindowsPerWord = taps <= 64 ? 64 / taps : 1;
        WordsPerWindow = taps <= 64 ? 1 : (taps + 63) / 64;
    }

    public int Taps { get; }

    public int WindowsPerWord { get; }

    public int WordsPerWindow { get; }

    /// <summary>Words for <paramref name="windows"/> windows.</summary>
    public long Words(long windows) => WindowsPerWord > 1 ? (windows + WindowsPerWord - 1) / WindowsPerWord : windows * WordsPerWindow;

    /// <summary>The word and bit of tap <paramref name="tap"/> of window <paramref name="window"/>.</summary>
    public (long Word, int Bit) Place(long window, int tap) => WindowsPerWord > 1
        ? (window / WindowsPerWord, (int)(window % WindowsPerWord * Taps) + tap)
        : ((window * WordsPerWindow) + (tap >> 6), tap & 63);

    /// <summary>Packs <paramref name="bits"/> (one byte per tap, window-major) into <paramref name="words"/>; the inverse of <see cref="Unpack"/>.</summary>
    public void Pack(ReadOnlySpan<byte> bits, long windows, Span<ulong> words)
    {
        words.Slice(0, (int)Words(windows)).Clear();
        int slot = 0, at = 0;
        long word = 0;
        for (long w = 0; w < windows; w++)
        {
            // Walk the slots in order instead of dividing per bit: slot k of a word starts at bit k·taps.
            for (int t = 0; t < Taps; t++, at++)
            {
                int bit = WindowsPerWord > 1 ? (slot * Taps) + t : t & 63;
                long target = WindowsPerWord > 1 ? word : word + (t >> 6);
                words[(int)target] |= (ulong)bits[at] << bit;
            }

            if (WindowsPerWord > 1)
            {
                if (++slot == WindowsPerWord)
                {
                    slot = 0;
                    word++;
                }
            }
            else
            {
                word += WordsPerWindow;
            }
        }
    }

    /// <summary>
    /// <see cref="Pack"/> from tap-major bytes (tap t of window w at <paramref name="bits"/>[t·<paramref name="ld"/> + w]),
    /// as the binarised im2col panel holds them: each window's taps gathered into its slot.
    /// </summary>
    public unsafe void PackTapMajor(byte* bits, long ld, int windows, ulong* words)
    {
        new Span<ulong>(words, (int)Words(windows)).Clear();
        int slot = 0;
        long word = 0;
        for (int w = 0; w < windows; w++)
        {
            if (WindowsPerWord > 1)
            {
                ulong packed = 0;
                for (int t = 0; t < Taps; t++) packed |= (ulong)bits[(t * ld) + w] << t;
                words[word] |= packed << (slot * Taps);
                if (++slot == WindowsPerWord)
                {
                    slot = 0;
                    word++;
                }
            }
            else
            {
                for (int t = 0; t < Taps; t++) words[word + (t >> 6)] |= (ulong)bits[(t * ld) + w] << (t & 63);
                word += WordsPerWindow;
            }
        }
    }

    /// <summary>The bytes back from packed words.</summary>
    public void Unpack(ReadOnlySpan<ulong> words, long windows, Span<byte> bits)
    {
        for (long w = 0; w < windows; w++)
        {
            for (int t = 0; t < Taps; t++)
            {
                var (word, bit) = Place(w, t);
                bits[(int)((w * Taps) + t)] = (byte)((words[(int)word] >> bit) & 1);
            }
        }
    }

    /// <summary>The kernel's bits repeated into every window slot: the word(s) each packed word is XNORed with.</summary>
    public ulong[] Pattern(bool[] signs)
    {
        var pattern = new ulong[WordsPerWindow];
        for (int k = 0; k < WindowsPerWord; k++)
        {
            for (int t = 0; t < Taps; t++)
            {
                if (!signs[t]) continue;
                var (word, bit) = Place(k, t);
                pattern[word] |= 1UL << bit;
            }
        }

        return pattern;
    }

    /// <summary>The bits of window slot <paramref name="slot"/> (0 … WindowsPerWord − 1) of a word, or of word <paramref name="part"/> of a window.</summary>
    public ulong SlotMask(int slot, int part)
    {
        if (WindowsPerWord > 1) return (Taps == 64 ? ulong.MaxValue : ((1UL << Taps) - 1)) << (slot * Taps);
        int rest = Taps - (part * 64);
        return rest >= 64 ? ulong.MaxValue : (1UL << rest) - 1;
    }
}
