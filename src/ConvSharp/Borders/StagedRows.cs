using System;
using System.Runtime.CompilerServices;
using ConvSharp.Execution;

namespace ConvSharp.Borders;

/// <summary>
/// A ring of input rows copied into a band's workspace at a pitch of an odd number of cache lines, used when the input's
/// own pitch would put the rows a kernel reads at once into the same L1 sets.
/// </summary>
/// <remarks>
/// <para>Why: a 32 KiB, 8-way L1 has 64 sets of 64-byte lines, and two addresses 4 KiB apart fall in the same set. With a
/// pitch that is a multiple of 4 KiB (1024 or 2048 floats: most test images) every row sits at the same offset, so the
/// K + 3 rows of a four-row stencil block, and its four output rows, all compete for 8 ways at each column: the 7×7
/// block (10 input rows, 4 output rows) ran 3× slower on 1024² than on 1000² (measured on the Zen 3 machine: 4.7–5.6 ms
/// against 1.8 ms on two threads, 9.2 against 3.3 ms on one). Staged rows 1, 3, 5, … lines apart spread over the sets.</para>
/// <para>Cost: each input row is copied once per band as the window slides over it (one row copy per output row). The
/// copy holds the whole image width plus the border columns the outputs read beyond either edge (filled through the
/// border map), and the pointer returned stays global-indexed, so a staged band computes every output column from the
/// copies with no edge buffers. Values are copied bit for bit, so results do not change. Only whole-plane calls with vertical stride and dilation 1 stage;
/// tiles read their buffer directly.</para>
/// </remarks>
internal unsafe struct StagedRows
{
    /// <summary>The associativity of the L1 data cache on current x64 cores (Zen 3/4, recent Intel cores: 8 or more).</summary>
    private const int L1Ways = 8;

    private readonly long* _held;
    private readonly float* _rows;
    private readonly int _slots;
    private readonly long _pitch;
    private readonly int _left;
    private readonly int _length;

    /// <summary>A ring of at least <paramref name="rows"/> rows at <paramref name="region"/> (<see cref="Floats"/> floats), empty.</summary>
    public StagedRows(float* region, int rows, in ConvolutionData d)
    {
        int slots = Slots(rows);
        _slots = slots;
        _held = (long*)region;
        _rows = region + (2L * slots);
        _pitch = Pitch(in d);
        _left = LeftPad(in d);
        _length = checked((int)PaddedWidth(in d));
        for (int s = 0; s < slots; s++) _held[s] = long.MinValue;
    }

    /// <summary>The ring's row pitch: the padded width rounded up to an odd number of 16-float lines.</summary>
    public static long Pitch(in ConvolutionData d) => OddLinePitch.For(PaddedWidth(in d));

    /// <summary>Columns staged left of image column 0: as many as the first output reads (its anchor).</summary>
    private static int LeftPad(in ConvolutionData d) => Math.Max(0, d.AnchorX);

    /// <summary>Columns staged per row: the image width plus the columns the outputs read beyond either edge, bordered.</summary>
    private static long PaddedWidth(in ConvolutionData d)
    {
        long lastRead = ((d.OutputWidth - 1L) * d.StrideX) + ((d.KernelWidth - 1L) * d.DilationX) - d.AnchorX;
        return LeftPad(in d) + d.InputWidth + Math.Max(0, lastRead - (d.InputWidth - 1L));
    }

    /// <summary>Workspace floats for a ring holding <paramref name="rows"/> rows: what a band reserves, whether or not it stages.</summary>
    public static long Floats(in ConvolutionData d, int rows) =>
        d.StrideY == 1 && d.DilationY == 1 ? Slots(rows) * (Pitch(in d) + 2L) : 0;

    /// <summary>The ring's size for a window of <paramref name="rows"/> rows: the next power of two, so a row's slot is a mask, not a 64-bit division (which cost a sixth of a 112² stencil plane).</summary>
    private static int Slots(int rows) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)rows);

    /// <summary>Outputs per row up to which staging pays whatever the pitch: one copy per row beats two edge fills per block.</summary>
    private const int NarrowWidth = 256;

    /// <summary>
    /// True when staging pays: vertical stride and dilation 1, a whole-plane call, and rows at most
    /// <see cref="NarrowWidth"/> outputs wide (measured on the Zen 3 machine, 112² 3×3 stencil, single thread: 7.6 against
    /// 12 µs per plane, 5×5 17 against 28, 7×7 26 against 43; 250² 3×3 43 against 59 µs), or the input pitch putting more of
    /// <paramref name="rows"/> consecutive rows into one L1 set than it has ways (8). Measured with three interleaved runs
    /// on the Zen 3 machine (docs/benchmarks.md): staging took the 7×7 stencil (10 rows) from 3.48 to 2.28 ms and Simd
    /// 11×11 from 5.86 to 5.00 ms, but cost the 3×3 and 5×5 stencils (then 6 and 8 rows; the 3×3 block now reads 5) 1.3–1.7×, where the copy weighs
    /// more than the conflicts it removes.
    /// <para>Blocks of two output rows (Simd's two rows × six vectors, <paramref name="pitchConflicts"/> false) skip the
    /// pitch rule: such a block reads each line of a row within one column step and returns to it only in the next block,
    /// which finds it in L2 either way, so the copy was the larger cost. Measured in one process, staging forced on and off
    /// in 15 alternating rounds, one thread: off ÷ on 0.96–0.99 at 9×9 … 15×15 on 1024² and 0.95 / 0.99 at 9×9 / 15×15
    /// on 2048² (docs/benchmarks.md, issue #6, fifth session).</para>
    /// </summary>
    public static bool Worthwhile(in ConvolutionData d, int rows, bool pitchConflicts = true)
    {
        if (d.StrideY != 1 || d.DilationY != 1 || d.Tile) return false;   // a tile's buffer may be narrower than a staged row
        if (d.ForcedStaging != 0) return d.ForcedStaging == 1;
        if (d.OutputWidth <= NarrowWidth) return true;
        if (!pitchConflicts) return false;
        Span<int> perSet = stackalloc int[64];
        long pitchBytes = (long)d.InputPitch * sizeof(float);
        int most = 0;
        for (int t = 0; t < rows; t++) most = Math.Max(most, ++perSet[(int)((t * pitchBytes / 64) & 63)]);
        return most > L1Ways;
    }

    /// <summary>Virtual input row <paramref name="virtualRow"/>, global-indexed like <see cref="RowSources.Row"/>, copied into its slot if it is not there yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly float* Row(in ConvolutionData d, long virtualRow)
    {
        int slot = (int)(virtualRow & (_slots - 1));
        float* row = _rows + (slot * _pitch);
        if (_held[slot] != virtualRow)
        {
            RowSources.FillColumns(in d, RowSources.Row(in d, virtualRow), -_left, _length, row);
            _held[slot] = virtualRow;
        }

        return row + _left;
    }
}
