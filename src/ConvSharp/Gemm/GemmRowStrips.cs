namespace ConvSharp.GemmKernels;

/// <summary>
/// How op(A)'s m rows are cut into micro-kernel strips: strip i is packed at i·MR·kc (MR rows, the missing ones zero) and
/// computes rows [<see cref="Strip"/>.Row, + Height) of C. All strips are MR rows but the last, except where that one
/// would be very short: then the last two share their rows evenly.
/// </summary>
/// <remarks>
/// Why: a strip of r rows keeps 2·r FMA chains in flight, and the core needs about eight (two FMA pipes × four cycles
/// of latency) to stay busy. 128 output channels on MR = 6 leave a last strip of 2 rows (4 chains, half speed): it took
/// 3.6 % of pw512's profile for 1.6 % of its multiply-adds. Split 4 + 4 instead, both strips run at full speed. The count
/// of strips, and so the packed size, is unchanged.
/// </remarks>
internal static class GemmRowStrips
{
    /// <summary>Strips for <paramref name="m"/> rows: ⌈m ÷ MR⌉.</summary>
    public static int Count(int m, int mr) => (m + mr - 1) / mr;

    /// <summary>The first row and the height of strip <paramref name="index"/> of <paramref name="m"/> rows.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static (int Row, int Height) Strip(int index, int m, int mr)
    {
        int count = Count(m, mr), tail = m - ((count - 1) * mr);
        if (count < 2 || 2 * tail > mr || index < count - 2) return (index * mr, System.Math.Min(mr, m - (index * mr)));

        // The last two strips share mr + tail rows, the larger half first.
        int pair = mr + tail, first = (pair + 1) / 2, start = (count - 2) * mr;
        return index == count - 2 ? (start, first) : (start + first, pair - first);
    }
}
